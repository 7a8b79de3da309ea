#pragma once
// What an anomaly-detection run leaves in its folder: metrics.json (both
// metric views, always labelled, the threshold, the oracle figures, the
// baselines, timings) and scores.h5 (per-point scores, labels and flags).
#include "data/anomaly_data.h"
#include "tasks/anomaly_detection.h"
#include "tasks/classification_output.h"

#include <string>

namespace btsf {

struct AnomalyRunInfo {
    RunInfo run;
    int window = 0;
    int stride = 0;
    std::string threshold;
};

std::string anomaly_metrics_json(const AnomalySeries& series, const AnomalyRun& run, const AnomalyRunInfo& info);

// Checkpoint, config.json, loss_curve.csv, scores.h5 and, last, metrics.json.
void save_anomaly_run(const std::string& folder, const AnomalySeries& series, const AnomalyRun& run,
                      const AnomalyRunInfo& info);

}  // namespace btsf
