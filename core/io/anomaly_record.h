#pragma once
// A finished anomaly-detection run read back from its folder (metrics.json and
// scores.h5): what the workbench's anomaly panel draws. Plain data.
#include "util/matrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace btsf {

struct AnomalyRecord {
    std::string folder, dataset, source, threshold_rule;
    std::vector<std::string> channels;
    Matrix test_values;                // test_length x C, in the data's units
    std::vector<std::uint8_t> labels;  // test_length
    std::vector<float> test_scores;    // BTSF's
    std::vector<float> train_scores;
    double threshold = 0;  // the rule's threshold
    int window = 0, iters = 0;
    double train_seconds = 0;
    // F1 of each representation at the rule's threshold: "btsf", "untrained", "raw" x {plain, adjusted}.
    std::vector<std::pair<std::string, std::pair<double, double>>> f1;
};

// Throws std::runtime_error naming the file when a part is missing or malformed.
AnomalyRecord read_anomaly_record(const std::string& folder);

}  // namespace btsf
