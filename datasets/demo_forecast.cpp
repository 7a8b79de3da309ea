#include "demo_forecast.h"

#include <cctype>
#include <cmath>

#include "data/load_error.h"
#include "demo_random.h"

namespace btsf::demo {

ForecastSeries seasonal_forecast(std::uint32_t seed)
{
    constexpr std::size_t steps = 4000;
    constexpr std::int64_t start = 1577836800;  // 2020-01-01 00:00:00 UTC
    constexpr double two_pi = 6.283185307179586476925;
    DemoRng rng(seed);

    ForecastSeries s;
    s.name = "SeasonalDemo";
    s.variables = {"load", "temp", "price", "OT"};
    s.length = steps;
    s.values.resize(steps * 4);
    s.timestamps.resize(steps);

    // Lagged terms read earlier rows; before the start they repeat row 0.
    std::vector<double> load(steps), temp(steps);
    double ar = 0.0, smooth = 0.0;
    for (std::size_t t = 0; t < steps; ++t) {
        const double h = static_cast<double>(t);
        // Draw order is fixed (load, temp, price, OT) so a seed names one series.
        ar = 0.8 * ar + 0.5 * rng.normal();
        load[t] = 10.0 + 0.0005 * h + 3.0 * std::sin(two_pi * h / 24.0) + 1.5 * std::sin(two_pi * h / 168.0) + ar;
        temp[t] = 15.0 + 5.0 * std::sin(two_pi * (h - 3.0) / 24.0) + 0.7 * rng.normal();
        const double price = 20.0 + 2.0 * load[t > 0 ? t - 1 : 0] + rng.normal();
        const std::size_t lag2 = t >= 2 ? t - 2 : 0;
        const double mix = 0.6 * load[lag2] + 0.4 * temp[lag2];
        smooth = t == 0 ? mix : 0.7 * smooth + 0.3 * mix;  // exponential smoothing
        const double ot = smooth + 0.3 * rng.normal();

        const double row[4] = {load[t], temp[t], price, ot};
        for (std::size_t v = 0; v < 4; ++v) s.values[t * 4 + v] = static_cast<float>(row[v]);
        s.timestamps[t] = start + static_cast<std::int64_t>(t) * 3600;
    }
    return s;
}

std::vector<std::string> forecast_demo_names()
{
    return {"SeasonalDemo"};
}

ForecastSeries make_forecast_demo(const std::string& name, std::uint32_t seed)
{
    std::string key = name;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "seasonaldemo") return seasonal_forecast(seed);
    std::string valid;
    for (const std::string& n : forecast_demo_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw DataError("unknown forecasting demo '" + name + "'; valid names: " + valid);
}

}  // namespace btsf::demo
