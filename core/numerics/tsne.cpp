#include "numerics/tsne.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "numerics/parallel_tasks.h"
#include "numerics/representation_geometry.h"

namespace btsf {
namespace {

constexpr double kFloor = 1e-12;            // floor on joint affinities (sklearn floors at machine epsilon)
constexpr double kEntropyTolerance = 1e-5;  // nats
constexpr int kBinarySearchSteps = 100;
constexpr std::size_t kRowsPerTask = 32;  // small enough to balance, large enough to amortise
constexpr double kTwoPi = 6.283185307179586;

// Runs body(i) for every row, in blocks of rows on the worker threads. Each row writes only
// its own outputs, so the result is the same for any thread count.
template <typename Body>
void for_each_row(std::size_t n, unsigned threads, const Body& body)
{
    const std::size_t tasks = (n + kRowsPerTask - 1) / kRowsPerTask;
    run_parallel_tasks(tasks, threads, [&](std::size_t t) {
        const std::size_t end = std::min(n, (t + 1) * kRowsPerTask);
        for (std::size_t i = t * kRowsPerTask; i < end; ++i) body(i);
    });
}

void check_input(const Matrix& x, const char* what)
{
    if (!x.consistent()) {
        throw std::invalid_argument(std::string(what) + ": matrix holds " + std::to_string(x.data.size()) +
                                    " values, not " + std::to_string(x.rows) + " x " + std::to_string(x.cols));
    }
    if (x.rows < 3) throw std::invalid_argument(std::string(what) + ": need at least 3 points");
    for (float v : x.data) {
        if (!std::isfinite(v)) throw std::invalid_argument(std::string(what) + ": NaN or infinite value");
    }
}

// A perplexity above (n - 1) / 3 asks every point to have about all others as neighbours,
// which the binary search cannot meet; below 1 (entropy < 0) it cannot be met at all.
double effective_perplexity(double perplexity, std::size_t n)
{
    if (!(perplexity > 0) || !std::isfinite(perplexity)) {
        throw std::invalid_argument("t-SNE: perplexity must be positive and finite");
    }
    return std::max(1.0, std::min(perplexity, static_cast<double>(n - 1) / 3.0));
}

// p_{j|i} for every row (n x n, row-major) from the rows of x. Distances are shifted by the
// row's smallest one before exp(): the entropy and the normalised row do not change, and
// wide inputs (squared distances in the thousands) do not underflow to an all-zero row.
std::vector<double> conditional_rows(const Matrix& x, double perplexity, unsigned threads)
{
    const std::size_t n = x.rows, d = x.cols;
    const double target = std::log(effective_perplexity(perplexity, n));
    std::vector<double> p(n * n, 0.0);
    for_each_row(n, threads, [&](std::size_t i) {
        double* row = &p[i * n];
        std::vector<double> dist(n, 0.0);
        const float* xi = x.row(i);
        double dmin = std::numeric_limits<double>::infinity(), dmean = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            const float* xj = x.row(j);
            double sq = 0.0;
            for (std::size_t k = 0; k < d; ++k) {
                const double diff = static_cast<double>(xi[k]) - xj[k];
                sq += diff * diff;
            }
            dist[j] = sq;
            dmin = std::min(dmin, sq);
        }
        for (std::size_t j = 0; j < n; ++j) {
            if (j != i) dmean += (dist[j] -= dmin);
        }
        dmean /= static_cast<double>(n - 1);
        // beta = 1 / (2 sigma^2). Starting at the inverse mean distance rather than at 1 only
        // saves halvings or doublings for inputs of unusual scale.
        double beta = dmean > 0 ? 1.0 / dmean : 1.0;
        double lo = 0.0, hi = std::numeric_limits<double>::infinity();
        double sum = 1.0;
        for (int step = 0; step < kBinarySearchSteps; ++step) {
            sum = 0.0;
            double weighted = 0.0;
            for (std::size_t j = 0; j < n; ++j) {
                const double v = j == i ? 0.0 : std::exp(-beta * dist[j]);
                row[j] = v;
                sum += v;
                weighted += v * dist[j];
            }
            const double entropy = std::log(sum) + beta * weighted / sum;  // sum >= 1: the nearest has exp(0)
            const double gap = entropy - target;
            if (std::fabs(gap) < kEntropyTolerance) break;
            if (gap > 0) {  // too flat: narrow the Gaussian
                lo = beta;
                beta = std::isinf(hi) ? beta * 2.0 : 0.5 * (beta + hi);
            } else {
                hi = beta;
                beta = 0.5 * (beta + lo);
            }
        }
        for (std::size_t j = 0; j < n; ++j) row[j] /= sum;
    });
    return p;
}

std::vector<double> symmetrise(const std::vector<double>& cond, std::size_t n)
{
    std::vector<double> p(n * n, 0.0);
    const double scale = 1.0 / (2.0 * static_cast<double>(n));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (i != j) p[i * n + j] = std::max(kFloor, (cond[i * n + j] + cond[j * n + i]) * scale);
        }
    return p;
}

// N(0, 1) from the raw mt19937 stream by Box-Muller: std::normal_distribution is not the
// same across standard libraries, and the layout for a seed should be.
std::vector<double> initial_layout(std::size_t n, unsigned seed)
{
    std::mt19937 gen(seed);
    auto uniform = [&]() { return (static_cast<double>(gen()) + 0.5) / 4294967296.0; };  // (0, 1)
    std::vector<double> y(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        const double r = std::sqrt(-2.0 * std::log(uniform()));
        const double angle = kTwoPi * uniform();
        y[2 * i] = 1e-4 * r * std::cos(angle);
        y[2 * i + 1] = 1e-4 * r * std::sin(angle);
    }
    return y;
}

}  // namespace

std::vector<double> conditional_affinities(const Matrix& x, double perplexity, unsigned threads)
{
    check_input(x, "conditional_affinities");
    return conditional_rows(x, perplexity, threads);
}

std::vector<double> tsne_affinities(const Matrix& x, double perplexity, unsigned threads)
{
    check_input(x, "tsne_affinities");
    return symmetrise(conditional_rows(x, perplexity, threads), x.rows);
}

std::vector<float> tsne_embed(const Matrix& x, const TsneOptions& options,
                              const std::function<bool(int done, int total)>& progress)
{
    check_input(x, "tsne_embed");
    if (options.iterations < 0 || options.exaggeration_iterations < 0 || !(options.early_exaggeration > 0)) {
        throw std::invalid_argument("tsne_embed: iterations must be >= 0 and early_exaggeration > 0");
    }
    effective_perplexity(options.perplexity, x.rows);  // validates before the expensive part
    const std::size_t n = x.rows;
    const int total = options.iterations;
    auto report = [&](int done) {
        if (progress && !progress(done, total)) throw TsneCancelled();
    };

    const bool reduce = options.pca_dims > 0 && x.cols > static_cast<std::size_t>(options.pca_dims);
    const std::vector<double> p = symmetrise(
        conditional_rows(reduce ? pca_project(x, options.pca_dims) : x, options.perplexity, options.threads), n);
    report(0);

    // sklearn's learning_rate="auto" (Belkina et al. 2019).
    const double rate = std::max(static_cast<double>(n) / options.early_exaggeration / 4.0, 50.0);
    std::vector<double> y = initial_layout(n, options.seed);
    std::vector<double> update(2 * n, 0.0), gains(2 * n, 1.0), grad(2 * n);
    // Per row: attraction sum_j p_ij q~_ij (y_i - y_j) (2 values), repulsion
    // sum_j q~_ij^2 (y_i - y_j) (2 values) and sum_j q~_ij, with q~ = 1 / (1 + |y_i - y_j|^2).
    // The gradient 4 sum_j (p_ij - q~_ij / Z) q~_ij (y_i - y_j) then needs only Z = sum of the
    // row sums, so one pass over the pairs suffices and Q is never stored.
    std::vector<double> parts(5 * n);
    for (int it = 0; it < total; ++it) {
        const bool early = it < options.exaggeration_iterations;
        const double exaggeration = early ? options.early_exaggeration : 1.0;
        const double momentum = early ? 0.5 : 0.8;
        for_each_row(n, options.threads, [&](std::size_t i) {
            const double* pi = &p[i * n];
            const double yx = y[2 * i], yy = y[2 * i + 1];
            double ax = 0, ay = 0, rx = 0, ry = 0, s = 0;
            for (std::size_t j = 0; j < n; ++j) {
                const double dx = yx - y[2 * j], dy = yy - y[2 * j + 1];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy);
                const double pq = pi[j] * q, qq = q * q;
                ax += pq * dx;
                ay += pq * dy;
                rx += qq * dx;
                ry += qq * dy;
                s += q;
            }
            double* out = &parts[5 * i];
            out[0] = ax;
            out[1] = ay;
            out[2] = rx;
            out[3] = ry;
            out[4] = s - 1.0;  // j == i contributed q = 1 and nothing else (p_ii = 0, dx = dy = 0)
        });
        double z = 0.0;
        for (std::size_t i = 0; i < n; ++i) z += parts[5 * i + 4];
        for (std::size_t i = 0; i < n; ++i) {
            grad[2 * i] = 4.0 * (exaggeration * parts[5 * i] - parts[5 * i + 2] / z);
            grad[2 * i + 1] = 4.0 * (exaggeration * parts[5 * i + 1] - parts[5 * i + 3] / z);
        }
        double mean[2] = {0.0, 0.0};
        for (std::size_t k = 0; k < 2 * n; ++k) {
            // Gains (Jacobs 1988): while the gradient still points against the last step the
            // descent goes on in that direction, so speed up; once it flips, slow down.
            const bool keeps_going = update[k] * grad[k] < 0.0;
            gains[k] = std::max(0.01, keeps_going ? gains[k] + 0.2 : gains[k] * 0.8);
            update[k] = momentum * update[k] - rate * gains[k] * grad[k];
            y[k] += update[k];
            mean[k % 2] += y[k];
        }
        for (std::size_t k = 0; k < 2 * n; ++k) y[k] -= mean[k % 2] / static_cast<double>(n);
        if ((it + 1) % 10 == 0 || it + 1 == total) report(it + 1);
    }
    return std::vector<float>(y.begin(), y.end());
}

}  // namespace btsf
