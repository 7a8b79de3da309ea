#pragma once
// Multinomial logistic regression with an L2 penalty on the weights (not on the
// intercepts), fitted by L-BFGS. The objective is sklearn's LogisticRegression(C)
// divided by C * n:
//     f(W, b) = (1/n) sum_i [logsumexp(z_i) - z_i,y_i] + ||W||^2 / (2 C n),  z_i = x_i W + b
// so a given C means the same thing here as in sklearn and in the paper's protocol.
#include <cstddef>
#include <vector>

#include "numerics/lbfgs.h"
#include "util/matrix.h"

namespace btsf {

class SoftmaxRegression {
public:
    // x: n x d (standardised by the caller), y in [0, n_classes). Starts from the current
    // parameters when their shape matches, so fitting a path of increasing C re-uses
    // each solution as the next start (warm start); call reset() for a cold start.
    LbfgsResult fit(const Matrix& x, const std::vector<int>& y, int n_classes, double c, const LbfgsOptions& options);

    // n x n_classes class probabilities, row-major.
    std::vector<double> predict_proba(const Matrix& x) const;

    void reset() { m_params.clear(); }
    int classes() const { return m_classes; }
    std::size_t features() const { return m_features; }

private:
    std::size_t m_features = 0;
    int m_classes = 0;
    std::vector<double> m_params;  // W (d x K, feature-major) followed by the K intercepts
};

// Index of the largest value of each row (first one on ties); used for predictions.
std::vector<int> argmax_rows(const std::vector<double>& scores, std::size_t n_rows, int n_classes);

}  // namespace btsf
