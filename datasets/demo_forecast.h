#pragma once
// A built-in multivariate forecasting series, so the forecasting views have data
// before any archive (ETT, ...) is downloaded. Raw values; make_forecast_problem
// z-scores them like any file.
#include <cstdint>
#include <string>
#include <vector>

#include "data/forecast_data.h"

namespace btsf::demo {

// "SeasonalDemo": 4000 hourly steps from 2020-01-01 00:00:00, 4 variables:
//   load  daily + weekly seasonality, a slow upward trend and AR(1) noise;
//   temp  a daily cycle peaking 3 hours after load's, plus noise;
//   price driven by load one step earlier, plus noise;
//   OT    a smoothed mix of load and temp two steps earlier, plus noise (the target).
// The same seed gives the same series on every platform (demo_random.h).
ForecastSeries seasonal_forecast(std::uint32_t seed = 0);

// {"SeasonalDemo"}.
std::vector<std::string> forecast_demo_names();

// Looks a demo up by name (case-insensitive). Throws DataError("unknown forecasting
// demo ...") listing the valid names.
ForecastSeries make_forecast_demo(const std::string& name, std::uint32_t seed = 0);

}  // namespace btsf::demo
