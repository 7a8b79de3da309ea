#include "numerics/softmax_regression.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace btsf {
namespace {

// Rows are taken kBlockRows at a time: the logits of a block are one sgemm
// (rows x W), the weight gradient of a block another (rows^T x residual), and the
// float partial gradient is added into double after each block so that long sums
// keep their digits.
constexpr std::size_t kBlockRows = 512;

// Parameters converted once per evaluation to float: W (d x k, feature-major) and b.
struct FloatModel {
    std::size_t d = 0, k = 0;
    std::vector<float> w;
    std::vector<float> b;

    FloatModel(const std::vector<double>& params, std::size_t d_, std::size_t k_)
        : d(d_),
          k(k_),
          w(params.begin(), params.begin() + static_cast<std::ptrdiff_t>(d_ * k_)),
          b(params.begin() + static_cast<std::ptrdiff_t>(d_ * k_), params.end())
    {
    }

    // z (rows x k) = x rows [i0, i0 + rows) . W + b
    void logits(const Matrix& x, std::size_t i0, std::size_t rows, float* z) const
    {
        for (std::size_t r = 0; r < rows; ++r) std::copy(b.begin(), b.end(), z + r * k);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rows), int(k), int(d), 1.0f, x.row(i0), int(d),
                    w.data(), int(k), 1.0f, z, int(k));
    }
};

double loss_and_gradient(const Matrix& x, const std::vector<int>& y, std::size_t k, const std::vector<double>& params,
                         double l2, std::vector<double>& grad)
{
    const std::size_t d = x.cols;
    const FloatModel m(params, d, k);
    const std::size_t block = std::min(kBlockRows, x.rows);
    std::vector<float> residual(block * k), g(d * k);
    std::fill(grad.begin(), grad.end(), 0.0);
    double loss = 0.0;
    for (std::size_t i0 = 0; i0 < x.rows; i0 += block) {
        const std::size_t rows = std::min(block, x.rows - i0);
        m.logits(x, i0, rows, residual.data());
        for (std::size_t r = 0; r < rows; ++r) {
            float* rr = residual.data() + r * k;  // logits in, residual p - onehot(y) out
            const std::size_t label = static_cast<std::size_t>(y[i0 + r]);
            const float top = *std::max_element(rr, rr + k);
            const float z_label = rr[label];
            float sum = 0.0f;
            for (std::size_t c = 0; c < k; ++c) sum += (rr[c] = std::exp(rr[c] - top));
            loss += static_cast<double>(top) + std::log(static_cast<double>(sum)) - z_label;
            const float inv = 1.0f / sum;
            for (std::size_t c = 0; c < k; ++c) rr[c] *= inv;
            rr[label] -= 1.0f;
            for (std::size_t c = 0; c < k; ++c) grad[d * k + c] += rr[c];  // intercepts
        }
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(d), int(k), int(rows), 1.0f, x.row(i0), int(d),
                    residual.data(), int(k), 0.0f, g.data(), int(k));
        for (std::size_t i = 0; i < d * k; ++i) grad[i] += g[i];
    }

    const double inv_n = 1.0 / static_cast<double>(x.rows);
    double penalty = 0.0;
    for (std::size_t i = 0; i < d * k; ++i) {
        penalty += params[i] * params[i];
        grad[i] = grad[i] * inv_n + l2 * params[i];
    }
    for (std::size_t c = 0; c < k; ++c) grad[d * k + c] *= inv_n;
    return loss * inv_n + 0.5 * l2 * penalty;
}

}  // namespace

LbfgsResult SoftmaxRegression::fit(const Matrix& x, const std::vector<int>& y, int n_classes, double c,
                                   const LbfgsOptions& options)
{
    if (!x.consistent() || y.size() != x.rows || x.rows == 0) {
        throw std::invalid_argument("SoftmaxRegression::fit: " + std::to_string(x.rows) + " rows but " +
                                    std::to_string(y.size()) + " labels");
    }
    if (n_classes < 2 || !(c > 0.0)) {
        throw std::invalid_argument("SoftmaxRegression::fit: need n_classes >= 2 and C > 0");
    }
    for (int label : y) {
        if (label < 0 || label >= n_classes) throw std::invalid_argument("SoftmaxRegression::fit: label out of range");
    }
    const std::size_t k = static_cast<std::size_t>(n_classes);
    const std::size_t n_params = x.cols * k + k;
    if (m_features != x.cols || m_classes != n_classes || m_params.size() != n_params) {
        m_params.assign(n_params, 0.0);
    }
    m_features = x.cols;
    m_classes = n_classes;

    const double l2 = 1.0 / (c * static_cast<double>(x.rows));
    auto objective = [&](const std::vector<double>& p, std::vector<double>& g) {
        return loss_and_gradient(x, y, k, p, l2, g);
    };
    return minimize_lbfgs(objective, m_params, options);
}

std::vector<double> SoftmaxRegression::predict_proba(const Matrix& x) const
{
    if (x.cols != m_features || m_params.empty()) {
        throw std::invalid_argument("SoftmaxRegression::predict_proba: model not fitted for " + std::to_string(x.cols) +
                                    " features");
    }
    const std::size_t k = static_cast<std::size_t>(m_classes);
    const FloatModel m(m_params, m_features, k);
    std::vector<double> proba(x.rows * k);
    const std::size_t block = std::min(kBlockRows, x.rows);
    std::vector<float> z(block * k);
    for (std::size_t i0 = 0; i0 < x.rows; i0 += block) {
        const std::size_t rows = std::min(block, x.rows - i0);
        m.logits(x, i0, rows, z.data());
        for (std::size_t r = 0; r < rows; ++r) {
            const float* zr = z.data() + r * k;
            double* p = proba.data() + (i0 + r) * k;
            const double top = *std::max_element(zr, zr + k);
            double sum = 0.0;
            for (std::size_t c = 0; c < k; ++c) sum += (p[c] = std::exp(zr[c] - top));
            for (std::size_t c = 0; c < k; ++c) p[c] /= sum;
        }
    }
    return proba;
}

std::vector<int> argmax_rows(const std::vector<double>& scores, std::size_t n_rows, int n_classes)
{
    const std::size_t k = static_cast<std::size_t>(n_classes);
    std::vector<int> best(n_rows, 0);
    for (std::size_t i = 0; i < n_rows; ++i) {
        const double* row = scores.data() + i * k;
        best[i] = static_cast<int>(std::max_element(row, row + k) - row);
    }
    return best;
}

}  // namespace btsf
