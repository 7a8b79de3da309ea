#include "tasks/forecasting.h"

#include "numerics/ridge.h"
#include "tasks/nlinear_forecast.h"
#include "train/data_parallel.h"
#include "train/device.h"
#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace btsf {

std::vector<int> forecast_horizons(const std::string& name)
{
    if (name.rfind("ETTh", 0) == 0) return {24, 48, 168, 336, 720};
    if (name.rfind("ETTm", 0) == 0) return {24, 48, 96, 288, 672};
    return {24, 48, 96, 192, 336};
}

std::vector<std::size_t> forecast_origins(std::size_t begin, std::size_t end, int lookback, int horizon)
{
    std::vector<std::size_t> origins;
    const std::size_t first = std::max(begin, std::size_t(std::max(lookback - 1, 0)));
    for (std::size_t t = first; t + std::size_t(horizon) < end; ++t) origins.push_back(t);
    return origins;
}

SeriesSet lookback_windows(const ForecastProblem& p, const std::vector<std::size_t>& origins, int lookback)
{
    SeriesSet set;
    set.n = origins.size();
    set.channels = p.channels;
    set.length = std::size_t(lookback);
    set.values.resize(set.n * set.channels * set.length);
    for (std::size_t i = 0; i < origins.size(); ++i) {
        if (origins[i] + 1 < std::size_t(lookback) || origins[i] >= p.length)
            throw std::out_of_range("lookback window ending at " + std::to_string(origins[i]) +
                                    " is outside the series");
        const std::size_t start = origins[i] + 1 - std::size_t(lookback);
        // inputs are T x C; windows are C x L: only values up to t are read.
        for (std::size_t c = 0; c < p.channels; ++c)
            for (std::size_t k = 0; k < set.length; ++k) set.at(i, c, k) = p.inputs[(start + k) * p.channels + c];
    }
    set.labels.assign(set.n, 0);
    return set;
}

SeriesSet training_windows(const ForecastProblem& p, int lookback, int stride)
{
    std::vector<std::size_t> ends;
    for (std::size_t t = std::size_t(lookback) - 1; t < p.splits.train_end; t += std::size_t(std::max(stride, 1)))
        ends.push_back(t);
    if (ends.size() < 2)
        throw std::invalid_argument(p.name + ": the training split is shorter than two lookback windows");
    return lookback_windows(p, ends, lookback);
}

Matrix future_targets(const ForecastProblem& p, const std::vector<std::size_t>& origins, int horizon)
{
    Matrix y;
    y.rows = origins.size();
    y.cols = std::size_t(horizon) * p.n_targets;
    y.data.resize(y.rows * y.cols);
    for (std::size_t i = 0; i < origins.size(); ++i)
        for (int h = 0; h < horizon; ++h)
            for (std::size_t v = 0; v < p.n_targets; ++v)
                y.at(i, std::size_t(h) * p.n_targets + v) =
                    p.inputs[(origins[i] + 1 + std::size_t(h)) * p.channels + v];
    return y;
}

Matrix encode_origins(const Trainer& trainer, const ForecastProblem& p, const std::vector<std::size_t>& origins,
                      int lookback, int batch)
{
    Matrix out;
    out.rows = origins.size();
    out.cols = std::size_t(trainer.representation_dim());
    out.data.reserve(out.rows * out.cols);
    // Window by window batches keep memory flat on long series (ETTm: 69k steps).
    for (std::size_t begin = 0; begin < origins.size(); begin += std::size_t(batch)) {
        const std::size_t end = std::min(origins.size(), begin + std::size_t(batch));
        const std::vector<std::size_t> part(origins.begin() + long(begin), origins.begin() + long(end));
        const Matrix r = trainer.encode(lookback_windows(p, part, lookback), batch);
        out.data.insert(out.data.end(), r.data.begin(), r.data.end());
    }
    return out;
}

SplitOrigins split_origins(const ForecastProblem& p, int lookback, int horizon)
{
    const auto& s = p.splits;
    SplitOrigins o{forecast_origins(0, s.train_end, lookback, horizon),
                   forecast_origins(s.train_end, s.valid_end, lookback, horizon),
                   forecast_origins(s.valid_end, s.test_end, lookback, horizon)};
    if (o.train.empty() || o.valid.empty() || o.test.empty())
        throw std::invalid_argument(p.name + ": horizon " + std::to_string(horizon) +
                                    " leaves a split without a single forecast origin");
    return o;
}

void score_forecast_errors(HorizonScores& h, const Matrix& truth, const ForecastProblem& p)
{
    if (h.predictions.rows != truth.rows || h.predictions.cols != truth.cols)
        throw std::invalid_argument("forecast scores: predictions and truth differ in shape");
    double se = 0, ae = 0, raw_se = 0, raw_ae = 0;
    for (std::size_t i = 0; i < truth.rows; ++i)
        for (std::size_t j = 0; j < truth.cols; ++j) {
            const double e = double(h.predictions.at(i, j)) - double(truth.at(i, j));
            const double sd = p.stddev[j % p.n_targets];
            se += e * e;
            ae += std::abs(e);
            raw_se += e * e * sd * sd;
            raw_ae += std::abs(e) * sd;
        }
    const double n = double(truth.rows * truth.cols);
    h.mse = se / n;
    h.mae = ae / n;
    h.raw_mse = raw_se / n;
    h.raw_mae = raw_ae / n;
}

namespace {
Matrix rows_of(const Matrix& all, std::size_t first_origin, const std::vector<std::size_t>& origins)
{
    Matrix m;
    m.rows = origins.size();
    m.cols = all.cols;
    m.data.reserve(m.rows * m.cols);
    for (std::size_t t : origins) {
        const float* row = all.row(t - first_origin);
        m.data.insert(m.data.end(), row, row + all.cols);
    }
    return m;
}

// Per-column z-scores fitted on the rows of the training origins (population
// std; a constant column is only centred).
void standardise_columns(Matrix& features, std::size_t first_origin, const std::vector<std::size_t>& train)
{
    std::vector<double> mean(features.cols, 0.0), sq(features.cols, 0.0);
    for (std::size_t t : train) {
        const float* row = features.row(t - first_origin);
        for (std::size_t j = 0; j < features.cols; ++j) {
            mean[j] += row[j];
            sq[j] += double(row[j]) * row[j];
        }
    }
    const double n = double(std::max<std::size_t>(train.size(), 1));
    for (std::size_t j = 0; j < features.cols; ++j) {
        mean[j] /= n;
        const double var = sq[j] / n - mean[j] * mean[j];
        sq[j] = var > 1e-12 ? 1.0 / std::sqrt(var) : 1.0;
    }
    for (std::size_t i = 0; i < features.rows; ++i) {
        float* row = features.row(i);
        for (std::size_t j = 0; j < features.cols; ++j) row[j] = float((row[j] - mean[j]) * sq[j]);
    }
}

// One representation (row r = origin first_origin + r) through the ridge at every horizon.
ForecastScores score_features(const std::string& name, Matrix features, std::size_t first_origin,
                              const ForecastProblem& p, const ForecastOptions& o, const std::vector<int>& horizons,
                              const std::string& device)
{
    ForecastScores scores;
    scores.name = name;
    const auto& s = p.splits;
    if (o.standardise_features)  // statistics of the longest training set (the shortest horizon's)
        standardise_columns(
            features, first_origin,
            forecast_origins(0, s.train_end, o.lookback, *std::min_element(horizons.begin(), horizons.end())));
    for (int horizon : horizons) {
        const auto [train, valid, test] = split_origins(p, o.lookback, horizon);
        const auto model = fit_ridge(rows_of(features, first_origin, train), future_targets(p, train, horizon),
                                     rows_of(features, first_origin, valid), future_targets(p, valid, horizon),
                                     ridge_alpha_grid(), device);
        HorizonScores h;
        h.horizon = horizon;
        h.alpha = model.alpha;
        h.predictions = ridge_predict(model, rows_of(features, first_origin, test), device);
        score_forecast_errors(h, future_targets(p, test, horizon), p);
        scores.horizons.push_back(std::move(h));
    }
    return scores;
}

// The raw-input baseline's features: each lookback window flattened (C * L).
Matrix raw_window_features(const ForecastProblem& p, const std::vector<std::size_t>& origins, int lookback)
{
    const SeriesSet windows = lookback_windows(p, origins, lookback);
    return Matrix{windows.n, windows.channels * windows.length, windows.values};
}
}  // namespace

ForecastRun run_forecasting(const ForecastProblem& p, const ForecastOptions& o, const TrainCallbacks& callbacks,
                            const CancelToken* cancel)
{
    if (o.lookback < 2) throw std::invalid_argument("lookback must be at least 2");
    const auto horizons = o.horizons.empty() ? forecast_horizons(p.name) : o.horizons;
    for (int h : horizons)
        if (h < 1) throw std::invalid_argument("horizons must be positive");
    const std::string device = choose_device(o.device).name;
    BtsfConfig config = o.config;
    if (config.pooling == "series" && !o.series_readout.empty()) config.series_readout = o.series_readout;
    ForecastRun run;
    run.trainer = std::make_unique<Trainer>(config, int(p.channels), device);
    const int stride = o.train_stride > 0 ? o.train_stride : std::max(1, o.lookback / 4);
    run.fit = run.trainer->fit(training_windows(p, o.lookback, stride), callbacks, cancel);
    if (run.fit.cancelled || data_parallel_rank() != 0) return run;  // a worker rank only trains

    // Every origin that any split or horizon can use, encoded once.
    const std::size_t first = std::size_t(o.lookback - 1);
    std::vector<std::size_t> all;
    for (std::size_t t = first; t < p.splits.test_end; ++t) all.push_back(t);
    const auto start = std::chrono::steady_clock::now();
    const Matrix reps = encode_origins(*run.trainer, p, all, o.lookback, o.encode_batch);
    run.encode_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.btsf = score_features("btsf", reps, first, p, o, horizons, device);
    if (o.baselines) {
        // Same seed, so the same initial weights as the trained model had.
        const Trainer untrained(config, int(p.channels), device);
        run.untrained = score_features("untrained", encode_origins(untrained, p, all, o.lookback, o.encode_batch),
                                       first, p, o, horizons, device);
        run.raw = score_features("raw", raw_window_features(p, all, o.lookback), first, p, o, horizons, device);
        run.nlinear = nlinear_forecast(p, o.lookback, horizons, device);
    }
    return run;
}

}  // namespace btsf
