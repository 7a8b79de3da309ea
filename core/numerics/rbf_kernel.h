#pragma once
// Dense RBF kernel values k(q, p) = exp(-gamma * ||q - p||^2) between query rows and a
// fixed set of points (the support vectors). libsvm evaluates its kernel on sparse
// (index, value) lists one pair at a time; prediction on a few thousand rows against a
// few thousand support vectors is a dense matrix-shaped job, done here with register
// blocking instead. The squared distance is summed directly, not as
// |q|^2 + |p|^2 - 2 q.p, so that it cannot cancel to a negative number for close points.
#include <cstddef>
#include <vector>

#include "util/matrix.h"

namespace btsf {

// Points laid out for the kernel: blocks of kBlock points, feature-major inside a
// block; the last block is padded with zero points whose results are dropped.
class PackedPoints {
public:
    static constexpr std::size_t kBlock = 16;

    PackedPoints() = default;
    // rows: which rows of x to pack, in this order (their kernel columns follow it).
    PackedPoints(const Matrix& x, const std::vector<std::size_t>& rows);

    std::size_t size() const { return m_count; }
    std::size_t features() const { return m_features; }
    const float* block(std::size_t b) const { return m_data.data() + b * m_features * kBlock; }
    std::size_t blocks() const { return (m_count + kBlock - 1) / kBlock; }

private:
    std::size_t m_count = 0;
    std::size_t m_features = 0;
    std::vector<float> m_data;  // blocks() x features x kBlock
};

// out ((end - begin) x points.size(), row-major) = k(x row i, point j) for rows
// i in [begin, end) of x. Non-finite query values are read as they are; callers clean them.
void rbf_kernel_rows(const Matrix& x, std::size_t begin, std::size_t end, const PackedPoints& points, double gamma,
                     std::vector<double>& out);

}  // namespace btsf
