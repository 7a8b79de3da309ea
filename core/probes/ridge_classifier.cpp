#include "probes/ridge_classifier.h"

#include "numerics/matrix_tensor.h"

#include "probes/metrics.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cmath>
#include <set>
#include <stdexcept>

namespace btsf {
namespace {
at::Tensor to_double(const Matrix& m)
{
    return matrix_view(m, "ridge classifier").to(at::kDouble).nan_to_num(0.0, 0.0, 0.0);
}
}  // namespace

std::vector<double> ridge_classifier_alphas()
{
    std::vector<double> alphas;
    for (int i = 0; i < 10; ++i) alphas.push_back(std::pow(10.0, -3.0 + 6.0 * i / 9.0));
    return alphas;
}

RidgeClassifierResult ridge_classifier_cv(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                                          const std::vector<int>& test_y, int n_classes,
                                          const std::vector<double>& alphas, bool standardise)
{
    const auto start = std::chrono::steady_clock::now();
    if (train_x.rows != train_y.size() || test_x.rows != test_y.size() || train_x.cols != test_x.cols)
        throw std::invalid_argument("ridge classifier: features and labels do not match");
    if (std::set<int>(train_y.begin(), train_y.end()).size() < 2 || alphas.empty())
        throw std::invalid_argument("ridge classifier: needs two classes in training and at least one alpha");
    at::NoGradGuard no_grad;
    auto x = to_double(train_x);
    auto xt = to_double(test_x);
    // StandardScaler: a constant feature keeps scale 1.
    const auto mean = x.mean(0, true);
    if (standardise) {
        auto scale = x.std(0, /*unbiased=*/false, true);
        scale = at::where(scale > 0, scale, at::ones_like(scale));
        x = (x - mean) / scale;
        xt = (xt - mean) / scale;
    } else {
        // The intercept is unpenalised either way; centring is part of the fit.
        x = x - mean;
        xt = xt - mean;
    }

    // Targets +-1 one-vs-rest; one column for two classes (the sign decides).
    const int64_t n = int64_t(train_y.size());
    const int64_t k = n_classes == 2 ? 1 : n_classes;
    auto y = at::full({n, k}, -1.0, at::kDouble);
    for (int64_t i = 0; i < n; ++i)
        y[i][n_classes == 2 ? 0 : train_y[std::size_t(i)]] =
            n_classes == 2 && train_y[std::size_t(i)] == 0 ? -1.0 : 1.0;
    const auto y_mean = y.mean(0, true);
    const auto yc = y - y_mean;

    // Gram form (n is far below the ~10,000 features): K = Xc Xc^T + 1 1^T,
    // the constant column carrying the intercept, whose eigen-direction is
    // left unpenalised. Then for each alpha, dual c = G y with
    // G = Q diag(w) Q^T, and the exact LOO residual is c / diag(G).
    const auto gram = x.mm(x.t()) + 1.0;
    const auto eig = at::linalg_eigh(gram, "L");
    const auto lambda = std::get<0>(eig);
    const auto q = std::get<1>(eig);
    const auto ones = at::full({n}, 1.0 / std::sqrt(double(n)), at::kDouble);
    const int64_t intercept_dim = q.t().mv(ones).abs().argmax().item<int64_t>();
    const auto qt_y = q.t().mm(yc);
    const auto q_squared = q * q;

    RidgeClassifierResult result;
    double best = INFINITY;
    at::Tensor best_dual;
    for (double alpha : alphas) {
        auto w = 1.0 / (lambda + alpha);
        w[intercept_dim] = 0.0;
        const auto dual = q.mm(qt_y * w.unsqueeze(1));     // n x k
        const auto g_diag = q_squared.mv(w).unsqueeze(1);  // n x 1
        const double error = (dual / g_diag).pow(2).mean().item<double>();
        result.loo_error.push_back(error);
        if (error < best) {  // the first (smallest) alpha wins a tie
            best = error;
            result.alpha = alpha;
            best_dual = dual;
        }
    }
    const auto weights = x.t().mm(best_dual);  // D x k
    const auto decision = (xt.mm(weights) + y_mean).contiguous();
    const int64_t m = int64_t(test_y.size());
    result.predictions.resize(std::size_t(m));
    const double* d = decision.data_ptr<double>();
    for (int64_t i = 0; i < m; ++i) {
        if (n_classes == 2) {
            result.predictions[std::size_t(i)] = d[i] > 0 ? 1 : 0;
            result.scores.push_back(d[i]);
            continue;
        }
        int arg = 0;
        for (int c = 0; c < n_classes; ++c) {
            result.scores.push_back(d[i * k + c]);
            if (d[i * k + c] > d[i * k + arg]) arg = c;
        }
        result.predictions[std::size_t(i)] = arg;
    }
    result.accuracy = accuracy(test_y, result.predictions);
    result.auprc = auprc(test_y, result.scores, n_classes);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace btsf
