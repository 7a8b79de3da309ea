#include "numerics/representation_geometry.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace btsf {
namespace {

void check_consistent(const Matrix& x, const char* what)
{
    if (!x.consistent()) {
        throw std::invalid_argument(std::string(what) + ": matrix holds " + std::to_string(x.data.size()) +
                                    " values, not " + std::to_string(x.rows) + " x " + std::to_string(x.cols));
    }
}

// Eigenvectors of the symmetric n x n matrix a (row-major) as rows, by decreasing
// eigenvalue; only the first `keep` are returned.
std::vector<double> top_eigenvectors(const std::vector<double>& a, std::size_t n, std::size_t keep)
{
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const RowMajor> matrix(a.data(), Eigen::Index(n), Eigen::Index(n));
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
    if (solver.info() != Eigen::Success) throw std::runtime_error("pca_project: eigen solver did not converge");
    // Eigenvalues come in increasing order: the last columns are the top components.
    std::vector<double> out(keep * n);
    for (std::size_t c = 0; c < keep; ++c) {
        const auto column = solver.eigenvectors().col(Eigen::Index(n - 1 - c));
        for (std::size_t i = 0; i < n; ++i) out[c * n + i] = column(Eigen::Index(i));
    }
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
