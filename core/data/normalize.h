#pragma once
// z-scoring of classification data (spec §1), plus the observed mask that lets
// pooling and losses ignore missing values and padding after NaN became 0.
#include <string>
#include <vector>

#include "data/dataset.h"

namespace btsf {

// One (mean, stddev) pair for the whole set, or one pair per channel.
struct ZScore {
    std::vector<double> mean;    // size 1 (global) or `channels`
    std::vector<double> stddev;  // same size; never 0
};

// Fits on the values that are not NaN, with the population standard deviation
// (divides by the count, as numpy and sklearn's StandardScaler do). A constant or
// empty group gets stddev 1, so it is only centred.
ZScore fit_zscore(const SeriesSet& train, bool per_channel);

// Fills set.observed (1 where the value is not NaN), z-scores the values and sets
// NaN to 0. Call once per set: it throws std::logic_error if `observed` is already
// filled, and std::invalid_argument if z has neither 1 nor set.channels entries.
void apply_zscore(SeriesSet& set, const ZScore& z);

// Spec §1: univariate sets get one mean/stddev over the whole training set,
// multivariate sets one per channel, always fitted on train and applied to train
// and test. Returns what was fitted (the GUI shows it; exports need it to undo).
ZScore normalize_classification(ClassificationData& data);

// ZScore <-> the checkpoint metadata text ({"mean": [...], "stddev": [...]}).
// zscore_from_string throws std::runtime_error on malformed text.
std::string zscore_to_string(const ZScore& z);
ZScore zscore_from_string(const std::string& text);

}  // namespace btsf
