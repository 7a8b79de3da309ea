#pragma once
// Row-major float matrix: the plain form in which representations reach the probes
// and the widgets. Deliberately an aggregate with no torch in sight, so that
// `Matrix{rows, cols, std::move(values)}` works and nothing here can hold a GPU tensor.
#include <cstddef>
#include <vector>

namespace btsf {

struct Matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<float> data;  // rows x cols, row i starts at data[i * cols]

    float* row(std::size_t i) { return data.data() + i * cols; }
    const float* row(std::size_t i) const { return data.data() + i * cols; }
    float& at(std::size_t i, std::size_t j) { return data[i * cols + j]; }
    float at(std::size_t i, std::size_t j) const { return data[i * cols + j]; }
    // A Matrix whose data does not hold rows x cols values is a caller bug; the
    // probes check this before indexing.
    bool consistent() const { return data.size() == rows * cols; }
};

}  // namespace btsf
