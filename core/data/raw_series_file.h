#pragma once
// What a single archive file (.ts, .tsv, .arff) holds before train and test are
// assembled into a ClassificationData. Kept ragged on purpose: padding needs the
// longest length over train AND test, which no single reader knows.
#include <cstddef>
#include <string>
#include <vector>

namespace btsf {

struct RawSeriesFile {
    std::string path;
    std::string problem_name;  // from @problemName / @relation; may be empty
    std::size_t channels = 0;
    // n x channels x t, each channel may have its own length. NaN marks a missing value.
    std::vector<std::vector<std::vector<float>>> series;
    std::vector<std::string> labels;            // one per series, as written in the file
    std::vector<std::size_t> lines;             // 1-based line of each series, for error messages
    std::vector<std::string> declared_classes;  // from the header; empty if the format has none
    bool has_missing = false;                   // a value was marked missing (not counting a format's length padding)
};

}  // namespace btsf
