// Time covariates, TS2Vec's splits and the z-scored input matrix of a forecasting problem.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "data/forecast_data.h"
#include "data/load_error.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

struct Civil {
    std::int64_t year;
    unsigned month, day;  // 1-based
};

// Inverse of days_from_civil (H. Hinnant's civil_from_days): days since 1970-01-01 -> date.
Civil civil_from_days(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

// 1-based day of the year.
std::int64_t day_of_year(const Civil& c)
{
    static constexpr unsigned before_month[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    const bool leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
    return before_month[c.month - 1] + c.day + (leap && c.month > 2);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::vector<std::string> covariate_names()
{
    return {"minute", "hour", "day_of_week", "day", "day_of_year", "month", "week_of_year"};
}

std::vector<float> time_covariates(const std::vector<std::int64_t>& timestamps)
{
    std::vector<float> out;
    out.reserve(timestamps.size() * 7);
    for (const std::int64_t ts : timestamps) {
        const std::int64_t days = floor_div(ts, 86400);
        const std::int64_t secs = ts - days * 86400;
        const Civil c = civil_from_days(days);
        const std::int64_t dow = ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; Monday = 0 as in pandas
        const std::int64_t doy = day_of_year(c);
        // ISO week (pandas' weekofyear): the week holding this week's Thursday, counted in that Thursday's year.
        const std::int64_t week = (day_of_year(civil_from_days(days - dow + 3)) - 1) / 7 + 1;
        const double raw[7] = {double(secs % 3600 / 60), double(secs / 3600), double(dow),     double(c.day - 1),
                               double(doy - 1),          double(c.month - 1), double(week - 1)};
        static constexpr double max_value[7] = {59, 23, 6, 30, 365, 11, 52};
        for (int k = 0; k < 7; ++k) out.push_back(static_cast<float>(raw[k] / max_value[k] - 0.5));
    }
    return out;
}

ForecastSplits forecast_splits(const std::string& name, std::size_t length)
{
    // 12/4/4 months of 30 days, hourly for ETTh and every 15 minutes for ETTm.
    std::size_t per_month = 0;
    if (parse::starts_with_ci(name, "ETTh"))
        per_month = 30 * 24;
    else if (parse::starts_with_ci(name, "ETTm"))
        per_month = 30 * 24 * 4;
    if (per_month == 0)  // integer floor equals Python's int(0.6 * len) for every length
        return {length * 6 / 10, length * 8 / 10, length};
    const ForecastSplits s{12 * per_month, 16 * per_month, 20 * per_month};
    if (length < s.test_end)
        throw std::invalid_argument("dataset '" + name + "' has " + std::to_string(length) +
                                    " rows, but its split needs " + std::to_string(s.test_end) + " (" +
                                    std::to_string(s.train_end) + " train, " +
                                    std::to_string(s.valid_end - s.train_end) + " valid, " +
                                    std::to_string(s.test_end - s.valid_end) + " test)");
    return s;
}

ForecastProblem make_forecast_problem(const ForecastSeries& series, bool multivariate, const std::string& target,
                                      bool with_covariates)
{
    const std::size_t n_vars = series.variables.size();
    if (series.values.size() != series.length * n_vars ||
        (!series.timestamps.empty() && series.timestamps.size() != series.length))
        throw std::invalid_argument("series '" + series.name + "' has inconsistent sizes");
    std::vector<std::size_t> selected;
    if (multivariate) {
        for (std::size_t v = 0; v < n_vars; ++v) selected.push_back(v);
    } else {
        for (std::size_t v = 0; v < n_vars && selected.empty(); ++v)
            if (series.variables[v] == target) selected.push_back(v);
        if (selected.empty() && target == "OT" && n_vars > 0)
            selected.push_back(n_vars - 1);  // the default target falls back to the last column
        if (selected.empty()) {
            std::string names;
            for (const std::string& n : series.variables) names += (names.empty() ? "" : ", ") + n;
            throw std::invalid_argument("target '" + target + "' is not a column of '" + series.name +
                                        "' (columns: " + names + ")");
        }
    }

    ForecastProblem p;
    p.name = series.name;
    p.length = series.length;
    p.splits = forecast_splits(series.name, series.length);
    p.timestamps = series.timestamps;
    p.n_targets = selected.size();
    const bool covariates = with_covariates && !series.timestamps.empty();
    const std::vector<float> cov = covariates ? time_covariates(series.timestamps) : std::vector<float>{};
    p.channels = p.n_targets + (covariates ? 7 : 0);
    p.inputs.assign(p.length * p.channels, 0.0f);

    const std::size_t T = p.length, C = p.channels, train_end = p.splits.train_end;
    for (std::size_t k = 0; k < selected.size(); ++k) {
        const std::size_t v = selected[k];
        p.targets.push_back(series.variables[v]);
        // Two passes in double, as in normalize.cpp: one-pass sums cancel badly.
        double sum = 0, sq = 0;
        std::size_t count = 0;
        for (std::size_t t = 0; t < train_end; ++t)
            if (const float x = series.at(t, v); !std::isnan(x)) sum += x, ++count;
        const double mean = count ? sum / double(count) : 0.0;
        for (std::size_t t = 0; t < train_end; ++t)
            if (const float x = series.at(t, v); !std::isnan(x)) sq += (x - mean) * (x - mean);
        // A target with nothing to forecast scores a perfect, meaningless 0.
        const std::string where = series.path.empty() ? series.name : series.path;
        if (count == 0)
            throw DataError(where, 0,
                            "target column " + parse::quote(series.variables[v]) +
                                " has no values in the training split (rows 1-" + std::to_string(train_end) + ")");
        double sd = std::sqrt(sq / double(count));
        if (!(sd > 1e-10 * std::fabs(mean)) || sd == 0.0)
            throw DataError(where, 0,
                            "target column " + parse::quote(series.variables[v]) +
                                " is constant in the training split: there is nothing to forecast");
        std::size_t test_count = 0;
        for (std::size_t t = p.splits.valid_end; t < p.splits.test_end; ++t) test_count += !std::isnan(series.at(t, v));
        if (test_count == 0)
            throw DataError(where, 0,
                            "target column " + parse::quote(series.variables[v]) + " has no values in the test split");
        p.mean.push_back(mean);
        p.stddev.push_back(sd);
        for (std::size_t t = 0; t < T; ++t) {
            const float x = series.at(t, v);
            // NaN becomes 0, the train mean: forecasting has no observed mask.
            p.inputs[t * C + k] = std::isnan(x) ? 0.0f : static_cast<float>((x - mean) / sd);
        }
    }
    if (covariates)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < 7; ++j) p.inputs[t * C + p.n_targets + j] = cov[t * 7 + j];
    return p;
}

void check_forecast_problem(const ForecastProblem& p, const std::string& source, int lookback, int longest_horizon)
{
    const auto rows = [](std::size_t a, std::size_t b) { return b > a ? b - a : 0; };
    if (p.splits.train_end < std::size_t(lookback) + 1)
        throw DataError(source, 0,
                        "the training split has " + std::to_string(p.splits.train_end) +
                            " rows, too few for two lookback windows of " + std::to_string(lookback));
    const std::size_t h = std::size_t(std::max(longest_horizon, 1));
    for (const auto& [name, n] :
         {std::pair<const char*, std::size_t>{"validation", rows(p.splits.train_end, p.splits.valid_end)},
          {"test", rows(p.splits.valid_end, p.splits.test_end)}})
        if (n <= h)
            throw DataError(source, 0,
                            std::string("the ") + name + " split has " + std::to_string(n) +
                                " rows, too few for a forecast of " + std::to_string(h) + " steps");
}

}  // namespace btsf
