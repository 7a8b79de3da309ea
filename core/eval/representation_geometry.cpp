#include "eval/representation_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "eval/metrics.h"

namespace btsf {
namespace {

void check_consistent(const Matrix& x, const char* what)
{
    if (!x.consistent()) {
        throw std::invalid_argument(std::string(what) + ": matrix holds " + std::to_string(x.data.size()) +
                                    " values, not " + std::to_string(x.rows) + " x " + std::to_string(x.cols));
    }
}

// Householder reduction of the symmetric n x n matrix in v (row-major) to tridiagonal form:
// diagonal d, sub-diagonal e, and the accumulated transform left in v. EISPACK tred2 as
// transcribed in JAMA.
void tridiagonalise(std::vector<double>& v, std::size_t n, std::vector<double>& d, std::vector<double>& e)
{
    auto at = [&](std::size_t i, std::size_t j) -> double& { return v[i * n + j]; };
    for (std::size_t j = 0; j < n; ++j) d[j] = at(n - 1, j);
    for (std::size_t i = n - 1; i > 0; --i) {
        double scale = 0.0, h = 0.0;
        for (std::size_t k = 0; k < i; ++k) scale += std::fabs(d[k]);
        if (scale == 0.0) {
            e[i] = d[i - 1];
            for (std::size_t j = 0; j < i; ++j) {
                d[j] = at(i - 1, j);
                at(i, j) = 0.0;
                at(j, i) = 0.0;
            }
        } else {
            for (std::size_t k = 0; k < i; ++k) {
                d[k] /= scale;
                h += d[k] * d[k];
            }
            double f = d[i - 1];
            double g = f > 0 ? -std::sqrt(h) : std::sqrt(h);
            e[i] = scale * g;
            h -= f * g;
            d[i - 1] = f - g;
            for (std::size_t j = 0; j < i; ++j) e[j] = 0.0;
            for (std::size_t j = 0; j < i; ++j) {
                f = d[j];
                at(j, i) = f;
                g = e[j] + at(j, j) * f;
                for (std::size_t k = j + 1; k < i; ++k) {
                    g += at(k, j) * d[k];
                    e[k] += at(k, j) * f;
                }
                e[j] = g;
            }
            f = 0.0;
            for (std::size_t j = 0; j < i; ++j) {
                e[j] /= h;
                f += e[j] * d[j];
            }
            const double hh = f / (h + h);
            for (std::size_t j = 0; j < i; ++j) e[j] -= hh * d[j];
            for (std::size_t j = 0; j < i; ++j) {
                f = d[j];
                g = e[j];
                for (std::size_t k = j; k < i; ++k) at(k, j) -= f * e[k] + g * d[k];
                d[j] = at(i - 1, j);
                at(i, j) = 0.0;
            }
        }
        d[i] = h;
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
        at(n - 1, i) = at(i, i);
        at(i, i) = 1.0;
        const double h = d[i + 1];
        if (h != 0.0) {
            for (std::size_t k = 0; k <= i; ++k) d[k] = at(k, i + 1) / h;
            for (std::size_t j = 0; j <= i; ++j) {
                double g = 0.0;
                for (std::size_t k = 0; k <= i; ++k) g += at(k, i + 1) * at(k, j);
                for (std::size_t k = 0; k <= i; ++k) at(k, j) -= g * d[k];
            }
        }
        for (std::size_t k = 0; k <= i; ++k) at(k, i + 1) = 0.0;
    }
    for (std::size_t j = 0; j < n; ++j) {
        d[j] = at(n - 1, j);
        at(n - 1, j) = 0.0;
    }
    at(n - 1, n - 1) = 1.0;
    e[0] = 0.0;
}

// Implicit QL on the tridiagonal (d, e) (EISPACK tql2). w holds the transposed transform,
// so that each rotation updates two contiguous rows instead of two strided columns; on
// return row k of w is the unit eigenvector of d[k].
void tridiagonal_ql(std::vector<double>& w, std::size_t n, std::vector<double>& d, std::vector<double>& e)
{
    for (std::size_t i = 1; i < n; ++i) e[i - 1] = e[i];
    e[n - 1] = 0.0;
    const double eps = std::numeric_limits<double>::epsilon();
    double f = 0.0, tst1 = 0.0;
    for (std::size_t l = 0; l < n; ++l) {
        tst1 = std::max(tst1, std::fabs(d[l]) + std::fabs(e[l]));
        std::size_t m = l;
        while (m < n - 1 && std::fabs(e[m]) > eps * tst1) ++m;
        int iterations = 0;
        while (m > l && std::fabs(e[l]) > eps * tst1) {
            if (++iterations > 200) throw std::runtime_error("pca_project: eigen solver did not converge");
            double g = d[l];
            double p = (d[l + 1] - g) / (2.0 * e[l]);
            double r = p < 0 ? -std::hypot(p, 1.0) : std::hypot(p, 1.0);
            d[l] = e[l] / (p + r);
            d[l + 1] = e[l] * (p + r);
            const double dl1 = d[l + 1];
            double h = g - d[l];
            for (std::size_t i = l + 2; i < n; ++i) d[i] -= h;
            f += h;
            p = d[m];
            double c = 1.0, c2 = 1.0, c3 = 1.0, s = 0.0, s2 = 0.0;
            const double el1 = e[l + 1];
            for (std::size_t i = m; i-- > l;) {
                c3 = c2;
                c2 = c;
                s2 = s;
                g = c * e[i];
                h = c * p;
                r = std::hypot(p, e[i]);
                e[i + 1] = s * r;
                s = e[i] / r;
                c = p / r;
                p = c * d[i] - s * g;
                d[i + 1] = h + s * (c * g + s * d[i]);
                double* wi = &w[i * n];
                double* wn = &w[(i + 1) * n];
                for (std::size_t k = 0; k < n; ++k) {
                    const double old = wn[k];
                    wn[k] = s * wi[k] + c * old;
                    wi[k] = c * wi[k] - s * old;
                }
            }
            p = -s * s2 * c3 * el1 * e[l] / dl1;
            e[l] = s * p;
            d[l] = c * p;
        }
        d[l] += f;
        e[l] = 0.0;
    }
}

// Eigenvectors of the symmetric n x n matrix a (destroyed) as rows, by decreasing
// eigenvalue; only the first `keep` are returned.
std::vector<double> top_eigenvectors(std::vector<double>& a, std::size_t n, std::size_t keep)
{
    std::vector<double> d(n), e(n);
    tridiagonalise(a, n, d, e);
    std::vector<double> w(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) w[j * n + i] = a[i * n + j];
    tridiagonal_ql(w, n, d, e);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) { return d[p] > d[q]; });
    std::vector<double> out(keep * n);
    for (std::size_t c = 0; c < keep; ++c) std::copy_n(&w[order[c] * n], n, &out[c * n]);
    return out;
}

}  // namespace

Matrix l2_normalise_rows(const Matrix& x)
{
    check_consistent(x, "l2_normalise_rows");
    Matrix out = x;
    for (std::size_t i = 0; i < x.rows; ++i) {
        float* r = out.row(i);
        double sq = 0.0;
        for (std::size_t j = 0; j < x.cols; ++j) sq += static_cast<double>(r[j]) * r[j];
        if (sq == 0.0) continue;
        const double inv = 1.0 / std::sqrt(sq);
        for (std::size_t j = 0; j < x.cols; ++j) r[j] = static_cast<float>(r[j] * inv);
    }
    return out;
}

std::vector<float> alignment_distances(const Matrix& anchors, const Matrix& positives)
{
    check_consistent(anchors, "alignment_distances");
    check_consistent(positives, "alignment_distances");
    if (anchors.rows != positives.rows || anchors.cols != positives.cols) {
        throw std::invalid_argument("alignment_distances: anchors are " + std::to_string(anchors.rows) + " x " +
                                    std::to_string(anchors.cols) + ", positives " + std::to_string(positives.rows) +
                                    " x " + std::to_string(positives.cols));
    }
    const Matrix a = l2_normalise_rows(anchors);
    const Matrix p = l2_normalise_rows(positives);
    std::vector<float> out(a.rows);
    for (std::size_t i = 0; i < a.rows; ++i) {
        double sq = 0.0;
        for (std::size_t j = 0; j < a.cols; ++j) {
            const double diff = static_cast<double>(a.at(i, j)) - p.at(i, j);
            sq += diff * diff;
        }
        out[i] = static_cast<float>(sq);
    }
    return out;
}

double uniformity(const Matrix& x, double t)
{
    const Matrix u = l2_normalise_rows(x);
    const std::size_t n = std::min(u.rows, kUniformityMaxRows);
    if (n < 2) return std::numeric_limits<double>::quiet_NaN();
    // Partial Fisher-Yates on the raw mt19937 stream (std::uniform_int_distribution differs
    // between standard libraries; the modulo bias of gen() % k is negligible here).
    std::vector<std::size_t> pick(u.rows);
    for (std::size_t i = 0; i < u.rows; ++i) pick[i] = i;
    if (u.rows > n) {
        std::mt19937 gen(kUniformitySeed);
        for (std::size_t i = 0; i < n; ++i) std::swap(pick[i], pick[i + gen() % (u.rows - i)]);
        pick.resize(n);
        std::sort(pick.begin(), pick.end());
    }
    double sum = 0.0;
    for (std::size_t a = 0; a < n; ++a) {
        const float* ra = u.row(pick[a]);
        for (std::size_t b = a + 1; b < n; ++b) {
            const float* rb = u.row(pick[b]);
            double sq = 0.0;
            for (std::size_t j = 0; j < u.cols; ++j) {
                const double diff = static_cast<double>(ra[j]) - rb[j];
                sq += diff * diff;
            }
            sum += std::exp(-t * sq);
        }
    }
    return std::log(sum / (0.5 * static_cast<double>(n) * static_cast<double>(n - 1)));
}

Matrix pca_project(const Matrix& x, int dims)
{
    check_consistent(x, "pca_project");
    if (dims < 1) throw std::invalid_argument("pca_project: dims must be positive");
    for (float v : x.data) {
        if (!std::isfinite(v)) throw std::invalid_argument("pca_project: NaN or infinite value");
    }
    const std::size_t n = x.rows, d = x.cols, k = static_cast<std::size_t>(dims);
    Matrix out{n, k, std::vector<float>(n * k, 0.0f)};
    const std::size_t kept = std::min({k, n, d});
    if (kept == 0) return out;
    std::vector<double> c(n * d), mean(d, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) mean[j] += x.at(i, j);
    for (double& m : mean) m /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) c[i * d + j] = x.at(i, j) - mean[j];

    // Loadings (kept x d, unit rows) from whichever of C^T C (d x d) and C C^T (n x n) is
    // smaller: the eigenvectors u of the Gram matrix map to loadings C^T u.
    std::vector<double> loadings(kept * d, 0.0);
    const std::size_t m = std::min(n, d);
    std::vector<double> a(m * m, 0.0);
    if (d <= n) {
        // Upper triangle of C^T C as a sum of row outer products, so every access is contiguous.
        for (std::size_t i = 0; i < n; ++i) {
            const double* r = &c[i * d];
            for (std::size_t p = 0; p < d; ++p)
                for (std::size_t q = p; q < d; ++q) a[p * d + q] += r[p] * r[q];
        }
    } else {
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p; q < n; ++q)
                for (std::size_t j = 0; j < d; ++j) a[p * n + q] += c[p * d + j] * c[q * d + j];
    }
    for (std::size_t p = 0; p < m; ++p)
        for (std::size_t q = p + 1; q < m; ++q) a[q * m + p] = a[p * m + q];
    const std::vector<double> vecs = top_eigenvectors(a, m, kept);
    if (d <= n) {
        loadings = vecs;
    } else {
        for (std::size_t comp = 0; comp < kept; ++comp) {
            double* l = &loadings[comp * d];
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < d; ++j) l[j] += vecs[comp * n + i] * c[i * d + j];
            double norm = 0.0;
            for (std::size_t j = 0; j < d; ++j) norm += l[j] * l[j];
            norm = std::sqrt(norm);
            for (std::size_t j = 0; j < d; ++j) l[j] = norm > 0 ? l[j] / norm : 0.0;
        }
    }

    std::vector<double> scores(n);
    for (std::size_t comp = 0; comp < kept; ++comp) {
        const double* l = &loadings[comp * d];
        double cubes = 0.0, abs_cubes = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            double s = 0.0;
            for (std::size_t j = 0; j < d; ++j) s += c[i * d + j] * l[j];
            scores[i] = s;
            cubes += s * s * s;
            abs_cubes += std::fabs(s * s * s);
        }
        bool flip = cubes < 0;
        if (std::fabs(cubes) <= 1e-9 * abs_cubes) {
            const double* big =
                std::max_element(l, l + d, [](double p, double q) { return std::fabs(p) < std::fabs(q); });
            flip = *big < 0;
        }
        for (std::size_t i = 0; i < n; ++i) out.at(i, comp) = static_cast<float>(flip ? -scores[i] : scores[i]);
    }
    return out;
}

std::vector<float> feature_angles(const Matrix& x)
{
    const Matrix plane = pca_project(l2_normalise_rows(x), 2);
    std::vector<float> out(plane.rows);
    for (std::size_t i = 0; i < plane.rows; ++i) out[i] = std::atan2(plane.at(i, 1), plane.at(i, 0));
    return out;
}

Histogram histogram(const std::vector<float>& values, int bins, double lo, double hi)
{
    if (bins < 1) throw std::invalid_argument("histogram: bins must be positive");
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi)) {
        throw std::invalid_argument("histogram: need finite lo < hi");
    }
    Histogram h{lo, hi, std::vector<int>(static_cast<std::size_t>(bins), 0)};
    const double width = h.bin_width();
    for (float v : values) {
        if (std::isnan(v)) continue;
        int b = 0;
        if (v >= hi) {
            b = bins - 1;
        } else if (v > lo) {
            b = std::min(bins - 1, static_cast<int>((v - lo) / width));
        }
        ++h.counts[static_cast<std::size_t>(b)];
    }
    return h;
}

std::vector<std::vector<int>> confusion_table(const std::vector<int>& truth, const std::vector<int>& predicted,
                                              int n_classes)
{
    const ConfusionMatrix cm = confusion_matrix(truth, predicted, n_classes);
    std::vector<std::vector<int>> rows(static_cast<std::size_t>(n_classes));
    for (int t = 0; t < n_classes; ++t) {
        for (int p = 0; p < n_classes; ++p) rows[static_cast<std::size_t>(t)].push_back(static_cast<int>(cm.at(t, p)));
    }
    return rows;
}

double nearest_neighbour_agreement(const std::vector<float>& points, int dims, const std::vector<int>& labels)
{
    if (dims < 1) throw std::invalid_argument("nearest_neighbour_agreement: dims must be positive");
    const std::size_t n = labels.size(), dd = static_cast<std::size_t>(dims);
    if (points.size() != n * dd) {
        throw std::invalid_argument("nearest_neighbour_agreement: " + std::to_string(points.size()) + " values for " +
                                    std::to_string(n) + " labels of dimension " + std::to_string(dims));
    }
    if (n < 2) return std::numeric_limits<double>::quiet_NaN();
    std::size_t agree = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double best = std::numeric_limits<double>::infinity();
        std::size_t nearest = i == 0 ? 1 : 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            double sq = 0.0;
            for (std::size_t k = 0; k < dd; ++k) {
                const double diff = static_cast<double>(points[i * dd + k]) - points[j * dd + k];
                sq += diff * diff;
            }
            if (sq < best) {
                best = sq;
                nearest = j;
            }
        }
        if (labels[nearest] == labels[i]) ++agree;
    }
    return static_cast<double>(agree) / static_cast<double>(n);
}

}  // namespace btsf
