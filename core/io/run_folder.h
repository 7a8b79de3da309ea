#pragma once
// Writes everything a classification run keeps in its folder, in one place for
// the CLI and the workbench: checkpoint.pt (with the normalisation it trained
// on), config.json, metrics.json, representations.h5, loss_curve.csv and,
// when given, geometry.json. Every file is written atomically.
#include "data/normalize.h"
#include "eval/classification_run.h"
#include "eval/geometry_report.h"
#include "io/run_output.h"

#include <string>

namespace btsf {

void save_classification_run(const std::string& folder, const ClassificationData& data, const ZScore& zscore,
                             const ClassificationRun& run, const RunInfo& info, const GeometryReport* geometry);

// ZScore <-> the checkpoint metadata string.
std::string zscore_to_string(const ZScore& z);
ZScore zscore_from_string(const std::string& text);

}  // namespace btsf
