#pragma once
// What a classification run leaves in its folder, in one place for the CLI and
// the workbench: checkpoint.pt (with the normalisation it trained on),
// config.json, metrics.json, representations.h5, loss_curve.csv and, when
// given, geometry.json. Every file is written atomically.
#include "data/dataset.h"
#include "data/normalize.h"
#include "numerics/geometry_report.h"
#include "tasks/classification_run.h"
#include "util/written_by.h"  // utc_now

#include <string>

namespace btsf {

struct RunInfo {
    std::string dataset;
    std::string device;
    int threads = 0;
    std::string command;            // how the run was started, for the record
    std::string source;             // the dataset as the user gave it (path or demo:NAME), to reopen it
    std::string scored_checkpoint;  // the checkpoint this run scored instead of training ("" for a training)
};

std::string classification_metrics_json(const ClassificationData& data, const ClassificationRun& run,
                                        const RunInfo& info);
void write_classification_metrics(const std::string& path, const ClassificationData& data, const ClassificationRun& run,
                                  const RunInfo& info);

// train/representations, train/labels, test/representations, test/labels,
// class_names; readable by h5py.
void write_representations(const std::string& path, const ClassificationData& data, const Matrix& train,
                           const Matrix& test);

void save_classification_run(const std::string& folder, const ClassificationData& data, const ZScore& zscore,
                             const ClassificationRun& run, const RunInfo& info, const GeometryReport* geometry);

// Applies to data the z-score the checkpoint was trained with (its "zscore"
// metadata), never new statistics: a model sees the units it learned. Throws
// std::runtime_error naming the checkpoint when it was trained on another
// channel count or holds no statistics. Returns what it applied.
class Trainer;
ZScore restore_checkpoint_zscore(const Trainer& trainer, const std::string& checkpoint, ClassificationData& data);

}  // namespace btsf
