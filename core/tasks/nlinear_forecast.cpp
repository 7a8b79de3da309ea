#include "tasks/nlinear_forecast.h"

#include "numerics/ridge.h"

#include <stdexcept>

namespace btsf {
namespace {
float value_at(const ForecastProblem& p, std::size_t t, std::size_t v)
{
    return p.inputs[t * p.channels + v];
}

// Same rows as nlinear_inputs: the next `horizon` values of v minus its value at t.
Matrix nlinear_targets(const ForecastProblem& p, const std::vector<std::size_t>& origins, int horizon)
{
    Matrix y;
    y.rows = origins.size() * p.n_targets;
    y.cols = std::size_t(horizon);
    y.data.resize(y.rows * y.cols);
    for (std::size_t i = 0; i < origins.size(); ++i)
        for (std::size_t v = 0; v < p.n_targets; ++v) {
            const float last = value_at(p, origins[i], v);
            for (int h = 0; h < horizon; ++h)
                y.at(i * p.n_targets + v, std::size_t(h)) = value_at(p, origins[i] + 1 + std::size_t(h), v) - last;
        }
    return y;
}
}  // namespace

Matrix nlinear_inputs(const ForecastProblem& p, const std::vector<std::size_t>& origins, int lookback)
{
    Matrix x;
    x.rows = origins.size() * p.n_targets;
    x.cols = std::size_t(lookback);
    x.data.resize(x.rows * x.cols);
    for (std::size_t i = 0; i < origins.size(); ++i) {
        const std::size_t t = origins[i];
        if (t + 1 < std::size_t(lookback) || t >= p.length)
            throw std::out_of_range("lookback window ending at " + std::to_string(t) + " is outside the series");
        for (std::size_t v = 0; v < p.n_targets; ++v) {
            const float last = value_at(p, t, v);
            for (std::size_t k = 0; k < x.cols; ++k)
                x.at(i * p.n_targets + v, k) = value_at(p, t + 1 - x.cols + k, v) - last;
        }
    }
    return x;
}

ForecastScores nlinear_forecast(const ForecastProblem& p, int lookback, const std::vector<int>& horizons,
                                const std::string& device)
{
    ForecastScores scores;
    scores.name = "nlinear";
    for (int horizon : horizons) {
        const auto [train, valid, test] = split_origins(p, lookback, horizon);
        const auto model = fit_ridge(nlinear_inputs(p, train, lookback), nlinear_targets(p, train, horizon),
                                     nlinear_inputs(p, valid, lookback), nlinear_targets(p, valid, horizon),
                                     ridge_alpha_grid(), device);
        const Matrix change = ridge_predict(model, nlinear_inputs(p, test, lookback), device);
        HorizonScores h;
        h.horizon = horizon;
        h.alpha = model.alpha;
        h.predictions.rows = test.size();
        h.predictions.cols = std::size_t(horizon) * p.n_targets;
        h.predictions.data.resize(h.predictions.rows * h.predictions.cols);
        for (std::size_t i = 0; i < test.size(); ++i)
            for (std::size_t v = 0; v < p.n_targets; ++v) {
                const float last = value_at(p, test[i], v);
                for (int k = 0; k < horizon; ++k)
                    h.predictions.at(i, std::size_t(k) * p.n_targets + v) =
                        change.at(i * p.n_targets + v, std::size_t(k)) + last;
            }
        score_forecast_errors(h, future_targets(p, test, horizon), p);
        scores.horizons.push_back(std::move(h));
    }
    return scores;
}

}  // namespace btsf
