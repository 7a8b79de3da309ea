#pragma once
// What the Runs list shows of a run folder and which panel reopens it, read from
// its metrics.json alone (cheap: no HDF5). The one reader of that summary, so
// the widgets never parse a run's files themselves.
#include <string>

namespace btsf {

struct RunSummary {
    std::string task;  // "classification" (older runs have no "task"), "forecasting" or "anomaly"
    std::string dataset;
    std::string preset;
    double accuracy = 0;             // classification: the primary probe
    bool scored_checkpoint = false;  // classification: a checkpoint scored, not a training
    std::string setting;             // forecasting: "univariate" or "multivariate"
    int first_horizon = 0;
    double first_mse = 0;      // forecasting: test MSE at the first horizon
    double f1_point_wise = 0;  // anomaly detection, both views
    double f1_point_adjusted = 0;
    std::string commit;  // written_by.commit; "" for runs written before it was recorded
};

// Throws std::runtime_error naming <folder>/metrics.json when it is missing or malformed.
RunSummary read_run_summary(const std::string& folder);

}  // namespace btsf
