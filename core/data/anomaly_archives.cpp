// Three archives of plain text files: NAB (CSV + JSON windows), the UCR anomaly archive
// (values in a file whose name holds the split and the anomaly) and SMD (comma-separated
// matrices). Formats and conventions are described in anomaly_data.h.
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

namespace {

namespace fs = std::filesystem;

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

struct Matrix {
    std::size_t rows = 0, cols = 0;
    std::vector<float> values;
};

// Comma-separated numbers without a header, all rows of one width (SMD).
Matrix read_matrix(const std::string& path)
{
    parse::LineReader reader(path);
    Matrix m;
    std::string line;
    while (reader.next(line)) {
        if (parse::trim(line).empty()) continue;
        const auto fail = [&](const std::string& what) { throw DataError(path, reader.line_number(), what); };
        const std::vector<std::string_view> fields = parse::split(line, ',');
        if (m.rows == 0)
            m.cols = fields.size();
        else if (fields.size() != m.cols)
            fail("row has " + std::to_string(fields.size()) + " values, the first row has " + std::to_string(m.cols));
        for (std::string_view f : fields) {
            float v = 0;
            if (parse::parse_value(f, v) == parse::ValueKind::Invalid)
                fail("non-numeric value " + parse::quote(parse::trim(f)));
            m.values.push_back(v);
        }
        ++m.rows;
    }
    if (m.rows == 0) throw DataError(path, 0, "empty file");
    return m;
}

void split_series(AnomalySeries& s, const std::vector<float>& all, std::size_t channels, std::size_t train_rows)
{
    s.train_length = train_rows;
    s.test_length = all.size() / channels - train_rows;
    s.train.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(train_rows * channels));
    s.test.assign(all.begin() + static_cast<std::ptrdiff_t>(train_rows * channels), all.end());
    s.labels.assign(s.test_length, 0);
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
    split_series(s, series.values, s.channels.size(), train_rows);
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

AnomalySeries load_ucr_anomaly(const std::string& path)
{
    const std::string stem = fs::path(path).stem().string();
    const std::vector<std::string_view> parts = parse::split(stem, '_');
    std::size_t numbers[3] = {0, 0, 0};
    bool named = parts.size() >= 4;
    for (std::size_t k = 0; k < 3 && named; ++k) {
        const std::string_view p = parts[parts.size() - 3 + k];
        named = !p.empty() && p.size() < 16 && p.find_first_not_of("0123456789") == std::string_view::npos;
        for (char c : p) numbers[k] = numbers[k] * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!named)
        throw DataError(path, 0, "file name does not follow NNN_UCR_Anomaly_<name>_<trainEnd>_<begin>_<end>.txt");
    const auto [train_end, begin, end] = numbers;

    AnomalySeries s;
    const bool archive = parts.size() >= 7 && parts[1] == "UCR" && parts[2] == "Anomaly";
    s.name = archive ? std::string(parts[0]) + "_" : std::string();
    for (std::size_t k = archive ? 3 : 0; k + 3 < parts.size(); ++k)
        s.name += std::string(k > (archive ? 3u : 0u) ? "_" : "") + std::string(parts[k]);
    s.channels = {"value"};

    parse::LineReader reader(path);
    std::vector<float> values;
    std::string line;
    while (reader.next(line)) {
        std::istringstream words(line);
        std::string w;
        while (words >> w) {
            float v = 0;
            if (parse::parse_value(w, v) == parse::ValueKind::Invalid)
                throw DataError(path, reader.line_number(), "non-numeric value " + parse::quote(w));
            values.push_back(v);
        }
    }
    if (values.empty()) throw DataError(path, 0, "empty file");
    const std::size_t n = values.size();
    if (train_end == 0 || train_end >= n)
        throw DataError(
            path, 0, "train end " + std::to_string(train_end) + " does not split the " + std::to_string(n) + " values");
    if (begin <= train_end || begin > end || end > n)
        throw DataError(path, 0,
                        "anomaly " + std::to_string(begin) + ".." + std::to_string(end) +
                            " does not lie in the test part " + std::to_string(train_end + 1) + ".." +
                            std::to_string(n) + " (1-based)");
    split_series(s, values, 1, train_end);
    // 1-based inclusive begin..end -> 0-based [begin - 1, end - 1] -> test index - train_end.
    for (std::size_t t = begin - 1; t <= end - 1; ++t) s.labels[t - train_end] = 1;
    s.events = {{begin - 1 - train_end, end - 1 - train_end}};
    return s;
}

AnomalySeries load_smd_machine(const std::string& root, const std::string& machine)
{
    std::string m = machine;
    if (m.size() > 4 && m.compare(m.size() - 4, 4, ".txt") == 0) m.resize(m.size() - 4);
    const std::string train_path = (fs::path(root) / "train" / (m + ".txt")).string();
    const std::string test_path = (fs::path(root) / "test" / (m + ".txt")).string();
    const std::string label_path = (fs::path(root) / "test_label" / (m + ".txt")).string();
    const Matrix train = read_matrix(train_path);
    const Matrix test = read_matrix(test_path);
    if (train.cols != test.cols)
        throw DataError(
            test_path, 1,
            std::to_string(test.cols) + " columns, but " + train_path + " has " + std::to_string(train.cols));

    AnomalySeries s;
    s.name = m;
    for (std::size_t c = 0; c < test.cols; ++c)
        s.channels.push_back("dim_" + std::to_string(c + 1));  // 1-based, as SMD's interpretation_label
    s.train_length = train.rows;
    s.test_length = test.rows;
    s.train = train.values;
    s.test = test.values;

    parse::LineReader reader(label_path);
    std::string line;
    while (reader.next(line)) {
        const std::string_view f = parse::trim(line);
        if (f.empty()) continue;
        double d = 0;
        if (!parse::parse_number(f, d) || (d != 0 && d != 1))
            throw DataError(label_path, reader.line_number(), "label " + parse::quote(f) + " is not 0 or 1");
        s.labels.push_back(static_cast<std::uint8_t>(d));
    }
    if (s.labels.size() != s.test_length)
        throw DataError(label_path, 0,
                        std::to_string(s.labels.size()) + " labels, but " + test_path + " has " +
                            std::to_string(s.test_length) + " rows");
    s.events = label_segments(s.labels);
    return s;
}

}  // namespace btsf
