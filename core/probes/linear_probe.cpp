#include "probes/linear_probe.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "numerics/cross_validation.h"
#include "numerics/parallel_tasks.h"
#include "numerics/softmax_regression.h"

namespace btsf {
namespace {

float finite_or_zero(float v)
{
    return std::isfinite(v) ? v : 0.0f;
}

// Per-feature z-score fitted on one set of rows (sklearn StandardScaler: population
// standard deviation, a constant feature keeps scale 1).
struct Standardizer {
    std::vector<double> mean, scale;

    Standardizer(const Matrix& x, const std::vector<std::size_t>& rows) : mean(x.cols, 0.0), scale(x.cols, 0.0)
    {
        for (std::size_t i : rows)
            for (std::size_t f = 0; f < x.cols; ++f) mean[f] += finite_or_zero(x.at(i, f));
        const double inv_n = 1.0 / static_cast<double>(rows.size());
        for (double& m : mean) m *= inv_n;
        for (std::size_t i : rows) {
            for (std::size_t f = 0; f < x.cols; ++f) {
                const double dev = finite_or_zero(x.at(i, f)) - mean[f];
                scale[f] += dev * dev;
            }
        }
        for (double& s : scale) {
            s = std::sqrt(s * inv_n);
            if (!(s > 1e-12)) s = 1.0;
        }
    }

    Matrix apply(const Matrix& x, const std::vector<std::size_t>& rows) const
    {
        Matrix out{rows.size(), x.cols, std::vector<float>(rows.size() * x.cols)};
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const float* src = x.row(rows[r]);
            float* dst = out.row(r);
            for (std::size_t f = 0; f < x.cols; ++f)
                dst[f] = static_cast<float>((finite_or_zero(src[f]) - mean[f]) / scale[f]);
        }
        return out;
    }
};

std::vector<std::size_t> all_rows(std::size_t n)
{
    std::vector<std::size_t> rows(n);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    return rows;
}

}  // namespace

LinearProbeResult fit_linear_probe(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                                   int n_classes, const LinearProbeOptions& options)
{
    check_probe_inputs("linear probe", train_x, train_y, test_x, n_classes);

    // The model only sees the classes present in train_y (compact ids 0..m-1): a class
    // without samples would drive its intercept to -infinity and never converge.
    std::vector<int> compact_of(static_cast<std::size_t>(n_classes), -1), class_of;
    for (int y : train_y) compact_of[static_cast<std::size_t>(y)] = 1;
    for (int c = 0; c < n_classes; ++c) {
        if (compact_of[static_cast<std::size_t>(c)] < 0) continue;
        compact_of[static_cast<std::size_t>(c)] = static_cast<int>(class_of.size());
        class_of.push_back(c);
    }
    if (class_of.size() < 2) throw std::invalid_argument("linear probe: train labels hold fewer than 2 classes");
    const int m = static_cast<int>(class_of.size());
    std::vector<int> y(train_y.size());
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = compact_of[static_cast<std::size_t>(train_y[i])];

    LinearProbeResult result;
    result.c = options.fallback_c;
    const std::size_t smallest = smallest_class_count(y);
    if (smallest >= 2 && !options.c_grid.empty()) {
        const int k =
            static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(2, options.max_folds)), smallest));
        const std::vector<int> fold_of = stratified_fold_ids(y, k);
        // Increasing C within a fold, each fit warm-started from the previous solution:
        // the strongly regularised fits are cheap and land close to the next ones.
        std::vector<std::size_t> by_c(options.c_grid.size());
        std::iota(by_c.begin(), by_c.end(), std::size_t{0});
        std::sort(by_c.begin(), by_c.end(),
                  [&](std::size_t a, std::size_t b) { return options.c_grid[a] < options.c_grid[b]; });

        std::vector<std::vector<double>> fold_accuracy(static_cast<std::size_t>(k),
                                                       std::vector<double>(options.c_grid.size(), 0.0));
        run_parallel_tasks(static_cast<std::size_t>(k), options.threads, [&](std::size_t f) {
            std::vector<std::size_t> fit_rows, val_rows;
            for (std::size_t i = 0; i < y.size(); ++i)
                (fold_of[i] == static_cast<int>(f) ? val_rows : fit_rows).push_back(i);
            const Standardizer scaler(train_x, fit_rows);  // fitted inside the fold, as a pipeline would
            const Matrix fit_x = scaler.apply(train_x, fit_rows);
            const Matrix val_x = scaler.apply(train_x, val_rows);
            std::vector<int> fit_y, val_y;
            for (std::size_t i : fit_rows) fit_y.push_back(y[i]);
            for (std::size_t i : val_rows) val_y.push_back(y[i]);
            SoftmaxRegression model;
            for (std::size_t g : by_c) {
                model.fit(fit_x, fit_y, m, options.c_grid[g], options.cv_solver);
                const std::vector<int> pred = argmax_rows(model.predict_proba(val_x), val_x.rows, m);
                std::size_t hits = 0;
                for (std::size_t i = 0; i < pred.size(); ++i) hits += pred[i] == val_y[i] ? 1 : 0;
                fold_accuracy[f][g] = static_cast<double>(hits) / static_cast<double>(pred.size());
            }
        });

        // Mean over folds (GridSearchCV's score); ties go to the smaller C, the more
        // regularised and so more conservative choice.
        result.folds = k;
        result.cv_accuracy_per_c.assign(options.c_grid.size(), 0.0);
        for (std::size_t g = 0; g < options.c_grid.size(); ++g) {
            for (int f = 0; f < k; ++f) result.cv_accuracy_per_c[g] += fold_accuracy[static_cast<std::size_t>(f)][g];
            result.cv_accuracy_per_c[g] /= k;
        }
        std::size_t best = by_c.front();
        for (std::size_t g : by_c)
            if (result.cv_accuracy_per_c[g] > result.cv_accuracy_per_c[best]) best = g;
        result.c = options.c_grid[best];
        result.cv_accuracy = result.cv_accuracy_per_c[best];
    }

    const std::vector<std::size_t> rows = all_rows(train_x.rows);
    const Standardizer scaler(train_x, rows);
    SoftmaxRegression model;
    model.fit(scaler.apply(train_x, rows), y, m, result.c, options.final_solver);
    const std::vector<double> proba = model.predict_proba(scaler.apply(test_x, all_rows(test_x.rows)));

    const std::size_t kc = static_cast<std::size_t>(n_classes);
    result.scores.assign(test_x.rows * kc, 0.0);
    result.predictions.resize(test_x.rows);
    for (std::size_t i = 0; i < test_x.rows; ++i) {
        for (int c = 0; c < m; ++c)
            result.scores[i * kc + static_cast<std::size_t>(class_of[static_cast<std::size_t>(c)])] =
                proba[i * static_cast<std::size_t>(m) + static_cast<std::size_t>(c)];
        const double* row = proba.data() + i * static_cast<std::size_t>(m);
        result.predictions[i] = class_of[static_cast<std::size_t>(std::max_element(row, row + m) - row)];
    }
    return result;
}

}  // namespace btsf
