#pragma once
// A small reader for NumPy's .npy format (numpy.lib.format), enough for the NASA
// SMAP/MSL files: no Python needed. Supported: format versions 1.0, 2.0 and 3.0 (the
// header layout of 3.0 is 2.0's), little-endian '<f4', '<f8', '<i4', '<i8', C order
// (fortran_order False), 1-D or 2-D shapes. Anything else throws DataError naming the
// file (line 0: the format is binary) and what was found.
#include <cstddef>
#include <string>
#include <vector>

namespace btsf {

struct NpyArray {
    std::string dtype;               // as in the header, e.g. "<f8"
    std::vector<std::size_t> shape;  // 1 or 2 entries
    std::vector<double> values;      // row-major (C order), converted to double

    std::size_t rows() const { return shape.empty() ? 0 : shape[0]; }
    // A 1-D array reads as one column.
    std::size_t cols() const { return shape.size() < 2 ? 1 : shape[1]; }
};

NpyArray read_npy(const std::string& path);

}  // namespace btsf
