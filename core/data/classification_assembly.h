#pragma once
// Turns a train file and a test file, as read, into one ClassificationData.
#include <string>

#include "data/dataset.h"
#include "data/raw_series_file.h"

namespace btsf {

// One class-name table for both splits: the classes the train header declares, or
// else the sorted unique train labels (numerically sorted when all are numbers).
// Labels match exactly, or by value when both are numbers ("1" == "1.0").
// Every series and channel is padded with NaN to the longest length over train AND
// test. Throws DataError naming file and line for a label outside the table (a test
// label never seen in training) and for a channel-count mismatch.
ClassificationData assemble_classification(const RawSeriesFile& train, const RawSeriesFile& test,
                                           const std::string& name);

}  // namespace btsf
