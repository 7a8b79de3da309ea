#include "probes/svm_probe.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "numerics/cross_validation.h"
#include "numerics/parallel_tasks.h"
#include "numerics/rbf_kernel.h"
#include "numerics/rbf_svm.h"

namespace btsf {
namespace {

void check_inputs(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x, int n_classes)
{
    check_probe_inputs("svm probe", train_x, train_y, test_x, n_classes);
    if (distinct_label_count(train_y) < 2)
        throw std::invalid_argument("svm probe: train labels hold fewer than 2 classes");
}

Matrix finite_copy(const Matrix& x)
{
    Matrix out = x;
    for (float& v : out.data) v = std::isfinite(v) ? v : 0.0f;
    return out;
}

Matrix gather_rows(const Matrix& x, const std::vector<std::size_t>& rows)
{
    Matrix out{rows.size(), x.cols, std::vector<float>(rows.size() * x.cols)};
    for (std::size_t r = 0; r < rows.size(); ++r) std::copy(x.row(rows[r]), x.row(rows[r]) + x.cols, out.row(r));
    return out;
}

// k(validation row, fit row) as float, n_val x n_fit; chunks of rows run in parallel.
std::vector<float> validation_kernel(const Matrix& val_x, const PackedPoints& fit_points, double gamma,
                                     unsigned threads)
{
    constexpr std::size_t kChunk = 128;
    const std::size_t n_fit = fit_points.size();
    std::vector<float> kernel(val_x.rows * n_fit);
    run_parallel_tasks((val_x.rows + kChunk - 1) / kChunk, threads, [&](std::size_t chunk) {
        const std::size_t begin = chunk * kChunk, end = std::min(val_x.rows, begin + kChunk);
        std::vector<double> k;
        rbf_kernel_rows(val_x, begin, end, fit_points, gamma, k);
        std::copy(k.begin(), k.end(), kernel.begin() + static_cast<std::ptrdiff_t>(begin * n_fit));
    });
    return kernel;
}

}  // namespace

double gamma_scale(const Matrix& x, const std::vector<std::size_t>& rows)
{
    const double count = static_cast<double>(rows.size()) * static_cast<double>(x.cols);
    if (count == 0.0) return 1.0;
    double sum = 0.0;
    for (std::size_t r : rows)
        for (std::size_t f = 0; f < x.cols; ++f) sum += std::isfinite(x.at(r, f)) ? x.at(r, f) : 0.0f;
    const double mean = sum / count;
    double squares = 0.0;  // two passes: the one-pass formula cancels for large means
    for (std::size_t r : rows) {
        for (std::size_t f = 0; f < x.cols; ++f) {
            const double v = std::isfinite(x.at(r, f)) ? x.at(r, f) : 0.0f;
            squares += (v - mean) * (v - mean);
        }
    }
    const double variance = squares / count;
    return variance > 0.0 ? 1.0 / (static_cast<double>(x.cols) * variance) : 1.0;
}

double gamma_scale(const Matrix& x)
{
    std::vector<std::size_t> rows(x.rows);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    return gamma_scale(x, rows);
}

SvmProbeResult fit_svm_probe(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                             int n_classes, const SvmProbeOptions& options)
{
    check_inputs(train_x, train_y, test_x, n_classes);
    // One cleaned copy up front (non-finite -> 0), so every kernel below sees the same data.
    const Matrix x = finite_copy(train_x);
    SvmProbeResult result;
    RbfSvmParams params;
    params.tolerance = options.tolerance;
    params.cache_mb = options.cache_mb;
    params.kernel_memory_mb = options.kernel_memory_mb;
    params.threads = options.threads;

    const std::size_t n = train_y.size();
    std::vector<std::size_t> rows(n);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    result.c = kSvmHardMarginC;
    const bool search = n / distinct_label_count(train_y) >= 5 && n >= 50 && !options.c_grid.empty();
    if (search) {
        rows = stratified_subsample(train_y, options.max_samples, options.seed);
        std::vector<int> y(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) y[i] = train_y[rows[i]];
        const std::vector<int> fold_of = stratified_fold_ids(y, options.folds);
        const std::size_t n_folds = static_cast<std::size_t>(options.folds);
        const std::size_t n_c = options.c_grid.size();

        // Per fold, each class pair's kernel and the validation kernel are computed
        // once and shared by every C (GridSearchCV refits from scratch; the fits are the
        // same, only the kernel work is not repeated). Threads go to the class pairs
        // when there are several, otherwise to the folds.
        const bool pairs_parallel = distinct_label_count(y) > 2;
        std::vector<double> accuracy(n_folds * n_c, 0.0);
        auto run_fold = [&](std::size_t fold) {
            std::vector<std::size_t> fit_rows, val_rows;
            std::vector<int> fit_y, val_y;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const bool held_out = fold_of[i] == static_cast<int>(fold);
                (held_out ? val_rows : fit_rows).push_back(rows[i]);
                (held_out ? val_y : fit_y).push_back(y[i]);
            }
            RbfSvmParams p = params;
            p.threads = pairs_parallel ? options.threads : 1;
            p.gamma = gamma_scale(x, fit_rows);  // "scale" is refitted per fold
            const std::vector<RbfSvm> models = RbfSvm::fit_path(x, fit_rows, fit_y, options.c_grid, p);
            const std::vector<float> kernel =
                validation_kernel(gather_rows(x, val_rows), PackedPoints(x, fit_rows), p.gamma, p.threads);
            for (std::size_t g = 0; g < n_c; ++g) {
                const std::vector<int> pred = models[g].predict_from_kernel(kernel, val_rows.size());
                std::size_t hits = 0;
                for (std::size_t i = 0; i < pred.size(); ++i) hits += pred[i] == val_y[i] ? 1 : 0;
                accuracy[fold * n_c + g] = static_cast<double>(hits) / static_cast<double>(pred.size());
            }
        };
        if (pairs_parallel) {
            for (std::size_t fold = 0; fold < n_folds; ++fold) run_fold(fold);
        } else {
            run_parallel_tasks(n_folds, options.threads, run_fold);
        }

        // GridSearchCV: mean over folds, the first best in grid order wins ties.
        result.cv_accuracy_per_c.assign(n_c, 0.0);
        std::size_t best = 0;
        for (std::size_t g = 0; g < n_c; ++g) {
            for (std::size_t f = 0; f < n_folds; ++f) result.cv_accuracy_per_c[g] += accuracy[f * n_c + g];
            result.cv_accuracy_per_c[g] /= static_cast<double>(n_folds);
            if (result.cv_accuracy_per_c[g] > result.cv_accuracy_per_c[best]) best = g;
        }
        result.c = options.c_grid[best];
        result.cv_accuracy = result.cv_accuracy_per_c[best];
        result.grid_searched = true;
    }

    std::vector<int> fit_y(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) fit_y[i] = train_y[rows[i]];
    params.c = result.c;
    params.gamma = gamma_scale(x, rows);
    RbfSvm svm;
    svm.fit(x, rows, fit_y, params);
    result.gamma = params.gamma;
    result.fit_rows = rows.size();
    result.support_vectors = svm.support_vector_count();
    result.predictions = svm.predict(test_x, &result.scores, n_classes);
    return result;
}

}  // namespace btsf
