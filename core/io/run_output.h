#pragma once
// What a classification run leaves in its folder: metrics.json and
// representations.h5 (the checkpoint and config are written by Trainer and
// save_config_file). Shared by the CLI and the workbench.
#include "data/dataset.h"
#include "eval/classification_run.h"
#include "util/written_by.h"  // utc_now

#include <string>

namespace btsf {

struct RunInfo {
    std::string dataset;
    std::string device;
    int threads = 0;
    std::string command;  // how the run was started, for the record
    std::string source;   // the dataset as the user gave it (path or demo:NAME), to reopen it
};

std::string classification_metrics_json(const ClassificationData& data, const ClassificationRun& run,
                                        const RunInfo& info);
void write_classification_metrics(const std::string& path, const ClassificationData& data, const ClassificationRun& run,
                                  const RunInfo& info);

// train/representations, train/labels, test/representations, test/labels,
// class_names; readable by h5py.
void write_representations(const std::string& path, const ClassificationData& data, const Matrix& train,
                           const Matrix& test);

}  // namespace btsf
