#pragma once
// A finished forecasting run as read back from its folder (metrics.json and
// predictions.h5): what the workbench's forecast panel draws. Plain data.
#include "util/matrix.h"

#include <map>
#include <string>
#include <vector>

namespace btsf {

struct HorizonRecord {
    double mse = 0, mae = 0, raw_mse = 0, raw_mae = 0, alpha = 0;
};

struct ForecastRecord {
    std::string folder;
    std::string dataset;
    std::string source;   // the CSV path or demo:NAME it was trained on
    std::string setting;  // "multivariate" | "univariate"
    std::vector<std::string> targets;
    std::vector<int> horizons;
    int lookback = 0;
    int iters = 0;
    double train_seconds = 0;
    // "btsf", "untrained", "raw", "nlinear" -> horizon -> scores
    std::map<std::string, std::map<int, HorizonRecord>> scores;
    std::vector<float> loss_curve;
    bool has_predictions = false;
};

// Throws std::runtime_error naming the file when metrics.json is missing,
// malformed, or not a forecasting run.
ForecastRecord read_forecast_record(const std::string& folder);

// One horizon's test predictions from predictions.h5, in the data's units:
// origins (index into series), and rows x (H * targets) matrices, step-major.
struct HorizonPredictions {
    std::vector<int> origins;
    Matrix truth;
    std::map<std::string, Matrix> predicted;  // "btsf" and, when kept, "raw", "untrained", "nlinear"
};
HorizonPredictions read_horizon_predictions(const std::string& folder, int horizon);
Matrix read_forecast_series(const std::string& folder);  // T x targets, the history

}  // namespace btsf
