#pragma once
// The NLinear-style raw baseline of forecasting (Zeng et al., AAAI 2023):
// channel independent, each target variable's lookback window minus its last
// value feeds one linear map shared by all variables, which predicts the next
// H values minus that same last value. Fitted as a ridge per horizon, with the
// penalty picked on the validation split from ridge_alpha_grid(). It is what
// users of the field compare a forecaster with; a learned representation that
// loses to it is not worth training for forecasting.
#include "tasks/forecasting.h"

#include <string>
#include <vector>

namespace btsf {

// Rows origin-major, then target variable (origins.size() * n_targets rows,
// lookback columns): the window of variable v ending at t, minus its value at t.
Matrix nlinear_inputs(const ForecastProblem& problem, const std::vector<std::size_t>& origins, int lookback);

// The NLinear forecasts on the test split for every horizon, scored as the
// encoders' are ("nlinear"). Predictions have forecast_output's layout.
ForecastScores nlinear_forecast(const ForecastProblem& problem, int lookback, const std::vector<int>& horizons,
                                const std::string& device = "cpu");

}  // namespace btsf
