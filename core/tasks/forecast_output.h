#pragma once
// What a forecasting run leaves in its folder: metrics.json (every horizon,
// BTSF and both baselines) and predictions.h5 (test predictions and truth per
// horizon, in the data's own units). Shared by the CLI and the workbench.
#include "data/forecast_data.h"
#include "tasks/classification_output.h"
#include "tasks/forecasting.h"

#include <string>

namespace btsf {

struct ForecastRunInfo {
    RunInfo run;
    bool multivariate = true;
    int lookback = 200;
    bool standardised_features = false;
};

std::string forecast_metrics_json(const ForecastProblem& problem, const ForecastRun& run, const ForecastRunInfo& info);

// which: "all" (BTSF and both baselines), "btsf" or "none".
void write_forecast_predictions(const std::string& path, const ForecastProblem& problem, const ForecastRun& run,
                                int lookback, const std::string& which);

// Checkpoint (with the normalisation), config.json, loss_curve.csv,
// predictions.h5 (unless which == "none") and, last, metrics.json.
void save_forecast_run(const std::string& folder, const ForecastProblem& problem, const ForecastRun& run,
                       const ForecastRunInfo& info, const std::string& which_predictions);

}  // namespace btsf
