#pragma once
// Plain in-memory dataset shared by every layer. No torch here: widgets and the
// probes use it directly, and the model converts it to tensors in one place.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace btsf {

// N series x C channels x T positions, row-major. Missing values and the padding
// of shorter series are NaN until normalisation (spec §1).
struct SeriesSet {
    std::size_t n = 0;
    std::size_t channels = 0;
    std::size_t length = 0;
    std::vector<float> values;  // n * channels * length
    std::vector<int> labels;    // class index in [0, class_names.size()), one per series
    // 1 where a value was present in the file, 0 for missing values and padding.
    // Filled by normalisation (which turns NaN into 0); empty means all observed.
    std::vector<std::uint8_t> observed;

    float& at(std::size_t i, std::size_t c, std::size_t t) { return values[(i * channels + c) * length + t]; }
    float at(std::size_t i, std::size_t c, std::size_t t) const { return values[(i * channels + c) * length + t]; }
};

// A classification problem: train and test share channels, length (after padding)
// and the class-name table.
struct ClassificationData {
    std::string name;
    SeriesSet train;
    SeriesSet test;
    std::vector<std::string> class_names;
    bool has_missing = false;  // any NaN in the files themselves (not padding)
    bool unequal_length = false;
};

}  // namespace btsf
