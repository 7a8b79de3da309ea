// The Numenta Anomaly Benchmark: a CSV series and its labelled windows in
// combined_windows.json (formats in anomaly_data.h).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "data/anomaly_data.h"
#include "data/forecast_data.h"
#include "data/load_error.h"
#include "data/parse_util.h"

namespace btsf {

namespace fs = std::filesystem;

namespace {

// NAB's window bounds: "YYYY-MM-DD HH:MM:SS[.ffffff]" -> seconds since the epoch, in the
// same (zone-less) reckoning as load_forecast_csv's timestamps.
std::optional<std::int64_t> parse_window_time(std::string_view s)
{
    int f[6] = {0, 0, 0, 0, 0, 0};
    const int widths[6] = {4, 2, 2, 2, 2, 2};
    const char seps[6] = {'-', '-', ' ', ':', ':', '.'};
    std::size_t i = 0;
    for (int k = 0; k < 6; ++k) {
        for (int w = 0; w < widths[k]; ++w, ++i) {
            if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
            f[k] = f[k] * 10 + (s[i] - '0');
        }
        if (k < 5 && (i >= s.size() || (s[i] != seps[k] && !(k == 2 && s[i] == 'T')))) return std::nullopt;
        if (k < 5) ++i;
    }
    if (i < s.size() && s[i] == '.')
        while (++i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ;
    if (i != s.size() || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59)
        return std::nullopt;
    return parse::days_from_civil(f[0], static_cast<unsigned>(f[1]), static_cast<unsigned>(f[2])) * 86400 +
           f[3] * 3600 + f[4] * 60 + f[5];
}

}  // namespace

AnomalySeries load_nab_series(const std::string& root, const std::string& relative_csv, double train_fraction)
{
    if (!(train_fraction > 0.0 && train_fraction < 1.0))
        throw std::invalid_argument("load_nab_series: train_fraction must lie in (0, 1), got " +
                                    std::to_string(train_fraction));
    std::string key = fs::path(relative_csv).lexically_normal().generic_string();
    if (key.rfind("data/", 0) == 0) key.erase(0, 5);
    const std::string csv_path = (fs::path(root) / "data" / key).string();
    const std::string json_path = (fs::path(root) / "labels" / "combined_windows.json").string();

    const ForecastSeries series = load_forecast_csv(csv_path);
    if (series.timestamps.empty()) throw DataError(csv_path, 1, "no timestamp column");
    const std::size_t rows = series.length;
    const auto train_rows = static_cast<std::size_t>(train_fraction * static_cast<double>(rows));
    if (train_rows == 0 || train_rows >= rows)
        throw DataError(csv_path, 0,
                        std::to_string(rows) + " rows are too few to split at " + std::to_string(train_fraction));

    std::ifstream in(json_path, std::ios::binary);
    if (!in) throw DataError(json_path, 0, "cannot open file");
    nlohmann::json windows;
    try {
        windows = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(json_path, 0, std::string("invalid JSON: ") + e.what());
    }
    if (!windows.is_object() || !windows.contains(key) || !windows[key].is_array())
        throw DataError(json_path, 0, "no windows for " + parse::quote(key));

    AnomalySeries s;
    s.name = fs::path(key).stem().string();
    s.channels = series.variables;
    split_train_test(s, series.values, s.channels.size(), train_rows);
    std::size_t n = 0;
    for (const nlohmann::json& w : windows[key]) {
        ++n;
        const auto fail = [&](const std::string& what) {
            throw DataError(json_path, 0, "window " + std::to_string(n) + " of " + parse::quote(key) + ": " + what);
        };
        if (!w.is_array() || w.size() != 2 || !w[0].is_string() || !w[1].is_string())
            fail("expected [\"start\", \"end\"]");
        const auto start = parse_window_time(w[0].get<std::string>());
        const auto end = parse_window_time(w[1].get<std::string>());
        if (!start || !end) fail("unparseable timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff])");
        // A window covers the rows stamped inside it; no assumption that rows are sorted.
        std::size_t first = rows, last = 0;
        for (std::size_t t = 0; t < rows; ++t)
            if (series.timestamps[t] >= *start && series.timestamps[t] <= *end)
                first = std::min(first, t), last = std::max(last, t);
        if (first == rows) fail("covers no row of " + csv_path);
        if (last < train_rows) continue;  // wholly inside the train part
        const std::size_t a = std::max(first, train_rows) - train_rows, b = last - train_rows;
        for (std::size_t t = a; t <= b; ++t) s.labels[t] = 1;
        s.events.emplace_back(a, b);
    }
    std::sort(s.events.begin(), s.events.end());
    return s;
}

}  // namespace btsf
