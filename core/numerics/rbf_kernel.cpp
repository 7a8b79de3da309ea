#include "numerics/rbf_kernel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "numerics/simd_lanes.h"

namespace btsf {
namespace {

constexpr std::size_t kBlock = PackedPoints::kBlock;
constexpr std::size_t kRows = 4;  // query rows per pass (tail padded with the last row)

// dist (kRows x kBlock) = ||q_r - p_j||^2 for the kRows queries and one packed block,
// R queries at a time with kBlock / W vector accumulators each.
template <int W, int R>
__attribute__((always_inline)) inline void distance_kernel(const float* const* queries, const float* block,
                                                           std::size_t d, float* dist)
{
    constexpr int V = static_cast<int>(kBlock) / W;
    using vec = simd::vec<W>;
    for (std::size_t r0 = 0; r0 < kRows; r0 += R) {
        vec acc[R][V];
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v) acc[r][v] = vec{};
        for (std::size_t f = 0; f < d; ++f) {
            vec p[V];
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v) simd::load<W>(p[v], block + f * kBlock + v * W);
#pragma GCC unroll 16
            for (int r = 0; r < R; ++r) {
                const vec q = vec{} + queries[r0 + r][f];  // broadcast
#pragma GCC unroll 16
                for (int v = 0; v < V; ++v) {
                    const vec t = q - p[v];
                    acc[r][v] += t * t;
                }
            }
        }
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v) simd::store<W>(dist + (r0 + r) * kBlock + v * W, acc[r][v]);
    }
}

#if BTSF_SIMD_WIDE_AVAILABLE
BTSF_TARGET_AVX2_FMA void distance_wide(const float* const* q, const float* block, std::size_t d, float* dist)
{
    distance_kernel<8, 4>(q, block, d, dist);
}
#endif

void distance_block(const float* const* q, const float* block, std::size_t d, float* dist)
{
#if BTSF_SIMD_WIDE_AVAILABLE
    if (simd::has_avx2_fma()) return distance_wide(q, block, d, dist);
#endif
    distance_kernel<4, 2>(q, block, d, dist);
}

}  // namespace

PackedPoints::PackedPoints(const Matrix& x, const std::vector<std::size_t>& rows)
    : m_count(rows.size()), m_features(x.cols)
{
    m_data.assign(blocks() * m_features * kBlock, 0.0f);
    for (std::size_t j = 0; j < rows.size(); ++j) {
        const float* src = x.row(rows[j]);
        float* dst = m_data.data() + (j / kBlock) * m_features * kBlock + j % kBlock;
        for (std::size_t f = 0; f < m_features; ++f) dst[f * kBlock] = src[f];
    }
}

void rbf_kernel_rows(const Matrix& x, std::size_t begin, std::size_t end, const PackedPoints& points, double gamma,
                     std::vector<double>& out)
{
    if (x.cols != points.features() || end < begin || end > x.rows) {
        throw std::invalid_argument("rbf_kernel_rows: shapes do not match");
    }
    const std::size_t n_points = points.size();
    out.resize((end - begin) * n_points);
    float dist[kRows * kBlock];
    const float* queries[kRows];
    for (std::size_t i0 = begin; i0 < end; i0 += kRows) {
        const std::size_t count = std::min(kRows, end - i0);
        for (std::size_t r = 0; r < kRows; ++r) queries[r] = x.row(i0 + std::min(r, count - 1));
        for (std::size_t b = 0; b < points.blocks(); ++b) {
            distance_block(queries, points.block(b), x.cols, dist);
            const std::size_t in_block = std::min(kBlock, n_points - b * kBlock);
            for (std::size_t r = 0; r < count; ++r) {
                double* o = out.data() + (i0 - begin + r) * n_points + b * kBlock;
                for (std::size_t j = 0; j < in_block; ++j)
                    o[j] = std::exp(-gamma * static_cast<double>(dist[r * kBlock + j]));
            }
        }
    }
}

}  // namespace btsf
