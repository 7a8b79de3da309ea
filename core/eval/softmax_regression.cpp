#include "eval/softmax_regression.h"

#include "eval/simd_lanes.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace btsf {
namespace {

// The loss is evaluated on blocks of kRows samples x kBlock classes whose
// accumulators stay in registers; the class dimension is padded to a multiple of
// kBlock. Each kernel exists as a baseline build (4-float vectors, SSE2) and an
// AVX2+FMA build (8-float vectors), chosen at run time (see simd_lanes.h).
constexpr std::size_t kBlock = 16;
constexpr std::size_t kRows = 4;
// Float partial gradients are flushed into double every kFlushRows samples to bound
// rounding error on long sums.
constexpr std::size_t kFlushRows = 512;

std::size_t padded(std::size_t k)
{
    return (k + kBlock - 1) / kBlock * kBlock;
}

// Parameters converted once per evaluation to float, classes padded to kp.
struct FloatModel {
    std::size_t d = 0, k = 0, kp = 0;
    std::vector<float> w;  // d x kp
    std::vector<float> b;  // kp

    FloatModel(const std::vector<double>& params, std::size_t d_, std::size_t k_)
        : d(d_), k(k_), kp(padded(k_)), w(d_ * padded(k_), 0.0f), b(padded(k_), 0.0f)
    {
        for (std::size_t f = 0; f < d; ++f)
            for (std::size_t c = 0; c < k; ++c) w[f * kp + c] = static_cast<float>(params[f * k + c]);
        for (std::size_t c = 0; c < k; ++c) b[c] = static_cast<float>(params[d * k + c]);
    }
};

// z (kRows x kp) = rows (kRows x d) . W (d x kp) + b, R rows x kBlock classes at a time
// (W floats per vector, so R * kBlock / W accumulators).
template <int W, int R>
__attribute__((always_inline)) inline void logits_kernel(const float* const* rows, const float* w, const float* b,
                                                         std::size_t d, std::size_t kp, float* z)
{
    constexpr int V = static_cast<int>(kBlock) / W;
    using vec = simd::vec<W>;
    for (std::size_t r0 = 0; r0 < kRows; r0 += R) {
        for (std::size_t cb = 0; cb < kp; cb += kBlock) {
            vec acc[R][V];
#pragma GCC unroll 16
            for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) simd::load<W>(acc[r][v], b + cb + v * W);
            const float* wc = w + cb;
            for (std::size_t f = 0; f < d; ++f) {
                vec wf[V];
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) simd::load<W>(wf[v], wc + f * kp + v * W);
#pragma GCC unroll 16
                for (int r = 0; r < R; ++r) {
                    const vec xr = vec{} + rows[r0 + r][f];  // broadcast
#pragma GCC unroll 16
                    for (int v = 0; v < V; ++v) acc[r][v] += xr * wf[v];
                }
            }
#pragma GCC unroll 16
            for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) simd::store<W>(z + (r0 + r) * kp + cb + v * W, acc[r][v]);
        }
    }
}

// g (d x kp) += rows^T . residual (kRows x kp)
template <int W, int R>
__attribute__((always_inline)) inline void gradient_kernel(const float* const* rows, const float* residual,
                                                           std::size_t d, std::size_t kp, float* g)
{
    constexpr int V = static_cast<int>(kBlock) / W;
    using vec = simd::vec<W>;
    for (std::size_t r0 = 0; r0 < kRows; r0 += R) {
        for (std::size_t cb = 0; cb < kp; cb += kBlock) {
            vec res[R][V];
#pragma GCC unroll 16
            for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) simd::load<W>(res[r][v], residual + (r0 + r) * kp + cb + v * W);
            float* gc = g + cb;
            for (std::size_t f = 0; f < d; ++f) {
                vec acc[V];
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) simd::load<W>(acc[v], gc + f * kp + v * W);
#pragma GCC unroll 16
                for (int r = 0; r < R; ++r) {
                    const vec xr = vec{} + rows[r0 + r][f];  // broadcast
#pragma GCC unroll 16
                    for (int v = 0; v < V; ++v) acc[v] += xr * res[r][v];
                }
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) simd::store<W>(gc + f * kp + v * W, acc[v]);
            }
        }
    }
}

#if BTSF_SIMD_WIDE_AVAILABLE
BTSF_TARGET_AVX2_FMA void logits_wide(const float* const* rows, const float* w, const float* b, std::size_t d,
                                      std::size_t kp, float* z)
{
    logits_kernel<8, 4>(rows, w, b, d, kp, z);
}

BTSF_TARGET_AVX2_FMA void gradient_wide(const float* const* rows, const float* residual, std::size_t d, std::size_t kp,
                                        float* g)
{
    gradient_kernel<8, 4>(rows, residual, d, kp, g);
}
#endif

void logits_block(const float* const* rows, const float* w, const float* b, std::size_t d, std::size_t kp, float* z)
{
#if BTSF_SIMD_WIDE_AVAILABLE
    if (simd::has_avx2_fma()) return logits_wide(rows, w, b, d, kp, z);
#endif
    logits_kernel<4, 2>(rows, w, b, d, kp, z);
}

void gradient_block(const float* const* rows, const float* residual, std::size_t d, std::size_t kp, float* g)
{
#if BTSF_SIMD_WIDE_AVAILABLE
    if (simd::has_avx2_fma()) return gradient_wide(rows, residual, d, kp, g);
#endif
    gradient_kernel<4, 2>(rows, residual, d, kp, g);
}

// Walks x in blocks of kRows rows; the tail block is padded with a zero row whose
// results the caller ignores.
template <typename BlockFn>
void for_each_block(const Matrix& x, BlockFn&& fn)
{
    const std::vector<float> zero_row(x.cols, 0.0f);
    const float* rows[kRows];
    for (std::size_t i0 = 0; i0 < x.rows; i0 += kRows) {
        const std::size_t count = std::min(kRows, x.rows - i0);
        for (std::size_t r = 0; r < kRows; ++r) rows[r] = r < count ? x.row(i0 + r) : zero_row.data();
        fn(i0, count, rows);
    }
}

double loss_and_gradient(const Matrix& x, const std::vector<int>& y, std::size_t k, const std::vector<double>& params,
                         double l2, std::vector<double>& grad)
{
    const std::size_t d = x.cols;
    const FloatModel m(params, d, k);
    std::vector<float> z(kRows * m.kp), residual(kRows * m.kp, 0.0f), g(d * m.kp, 0.0f);
    std::fill(grad.begin(), grad.end(), 0.0);
    double loss = 0.0;
    std::size_t since_flush = 0;

    auto flush = [&]() {
        for (std::size_t f = 0; f < d; ++f)
            for (std::size_t c = 0; c < k; ++c) grad[f * k + c] += g[f * m.kp + c];
        std::fill(g.begin(), g.end(), 0.0f);
        since_flush = 0;
    };

    for_each_block(x, [&](std::size_t i0, std::size_t count, const float* const* rows) {
        logits_block(rows, m.w.data(), m.b.data(), m.d, m.kp, z.data());
        for (std::size_t r = 0; r < count; ++r) {
            const float* zr = z.data() + r * m.kp;
            float* rr = residual.data() + r * m.kp;
            const float top = *std::max_element(zr, zr + k);
            float sum = 0.0f;
            for (std::size_t c = 0; c < k; ++c) {
                rr[c] = std::exp(zr[c] - top);
                sum += rr[c];
            }
            const std::size_t label = static_cast<std::size_t>(y[i0 + r]);
            loss += static_cast<double>(top) + std::log(static_cast<double>(sum)) - zr[label];
            const float inv = 1.0f / sum;
            for (std::size_t c = 0; c < k; ++c) rr[c] *= inv;
            rr[label] -= 1.0f;                                             // residual p - onehot(y)
            for (std::size_t c = 0; c < k; ++c) grad[d * k + c] += rr[c];  // intercepts
        }
        for (std::size_t r = count; r < kRows; ++r)
            std::fill(residual.begin() + static_cast<std::ptrdiff_t>(r * m.kp),
                      residual.begin() + static_cast<std::ptrdiff_t>((r + 1) * m.kp), 0.0f);
        gradient_block(rows, residual.data(), d, m.kp, g.data());
        since_flush += count;
        if (since_flush >= kFlushRows) flush();
    });
    flush();

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
    std::vector<float> z(kRows * m.kp);
    std::vector<double> proba(x.rows * k);
    for_each_block(x, [&](std::size_t i0, std::size_t count, const float* const* rows) {
        logits_block(rows, m.w.data(), m.b.data(), m.d, m.kp, z.data());
        for (std::size_t r = 0; r < count; ++r) {
            const float* zr = z.data() + r * m.kp;
            double* p = proba.data() + (i0 + r) * k;
            const double top = *std::max_element(zr, zr + k);
            double sum = 0.0;
            for (std::size_t c = 0; c < k; ++c) sum += (p[c] = std::exp(zr[c] - top));
            for (std::size_t c = 0; c < k; ++c) p[c] /= sum;
        }
    });
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
