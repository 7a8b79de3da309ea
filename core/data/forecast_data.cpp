// CSV reading for forecasting data; the covariates, splits and z-scoring are in
// forecast_problem.cpp.
#include "data/forecast_data.h"

#include <filesystem>
#include <limits>
#include <optional>
#include <unordered_set>

#include "data/load_error.h"
#include "data/parse_util.h"
#include "demo_forecast.h"

namespace btsf {

namespace {

bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// "YYYY-MM-DD[( |T)HH:MM[:SS[.fff]]]", '/' also accepted between the date parts.
// Fractions of a second are dropped.
std::optional<std::int64_t> parse_datetime(std::string_view s)
{
    std::size_t i = 0;
    // Reads 1..max_digits digits (exactly `digits` when exact) into v.
    const auto number = [&](std::size_t max_digits, bool exact, int& v) {
        const std::size_t start = i;
        v = 0;
        while (i < s.size() && i - start < max_digits && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
        return i > start && (!exact || i - start == max_digits);
    };
    const auto expect = [&](char c) { return i < s.size() && s[i] == c ? (++i, true) : false; };

    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!number(4, true, y) || i >= s.size() || (s[i] != '-' && s[i] != '/')) return std::nullopt;
    const char sep = s[i++];
    if (!number(2, false, mo) || !expect(sep) || !number(2, false, d)) return std::nullopt;
    if (i < s.size()) {
        if (s[i] != ' ' && s[i] != 'T') return std::nullopt;
        ++i;
        if (!number(2, false, h) || !expect(':') || !number(2, true, mi)) return std::nullopt;
        if (expect(':')) {
            if (!number(2, true, sec)) return std::nullopt;
            int fraction = 0;  // parsed for validation only
            if (expect('.') && !number(9, false, fraction)) return std::nullopt;
        }
        if (i != s.size()) return std::nullopt;
    }
    static constexpr int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] + (mo == 2 && is_leap(y)) || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    return parse::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
           sec;
}

bool next_row(parse::LineReader& reader, std::string& line)
{
    while (reader.next(line))
        if (!parse::trim(line).empty()) return true;
    return false;
}

}  // namespace

ForecastSeries load_forecast_csv(const std::string& path)
{
    parse::LineReader reader(path);
    const auto fail = [&](const std::string& what) { throw DataError(path, reader.line_number(), what); };

    std::string header_line, line;
    if (!next_row(reader, header_line)) throw DataError(path, 0, "empty file");
    const std::size_t header_at = reader.line_number();
    std::vector<std::string> names;
    for (std::string_view f : parse::split(header_line, ',')) names.emplace_back(parse::csv_cell(f));
    std::unordered_set<std::string> seen;  // linear in the number of columns
    for (std::size_t c = 0; c < names.size(); ++c) {
        if (names[c].empty()) fail("empty name for column " + std::to_string(c + 1));
        if (!seen.insert(names[c]).second) fail("duplicate column name " + parse::quote(names[c]));
    }
    if (!next_row(reader, line)) throw DataError(path, header_at, "header but no data rows");

    // The date column: one named "date", or else the first column if its first cell is a date.
    std::optional<std::size_t> date_col;
    for (std::size_t c = 0; c < names.size() && !date_col; ++c)
        if (parse::iequals(names[c], "date")) date_col = c;
    if (!date_col && parse_datetime(parse::csv_cell(parse::split(line, ',').front()))) date_col = 0;
    ForecastSeries out;
    out.name = std::filesystem::path(path).stem().string();
    out.path = path;
    for (std::size_t c = 0; c < names.size(); ++c)
        if (c != date_col) out.variables.push_back(names[c]);
    if (out.variables.empty()) throw DataError(path, header_at, "no numeric column");

    do {
        const std::vector<std::string_view> fields = parse::split(line, ',');
        if (fields.size() != names.size())
            fail("row has " + std::to_string(fields.size()) + " cells, the header has " + std::to_string(names.size()));
        for (std::size_t c = 0; c < fields.size(); ++c) {
            const std::string_view f = parse::csv_cell(fields[c]);
            if (c == date_col) {
                const std::optional<std::int64_t> ts = parse_datetime(f);
                if (!ts) fail("unparseable date " + parse::quote(f) + " in column " + parse::quote(names[c]));
                out.timestamps.push_back(*ts);
                continue;
            }
            float v = std::numeric_limits<float>::quiet_NaN();
            if (!f.empty() && !parse::iequals(f, "NA") && parse::parse_value(f, v) == parse::ValueKind::Invalid)
                fail("non-numeric value " + parse::quote(f) + " in column " + parse::quote(names[c]));
            out.values.push_back(v);
        }
        ++out.length;
    } while (next_row(reader, line));
    return out;
}

ForecastSeries load_forecast_series(const std::string& path_or_demo)
{
    constexpr std::string_view demo_prefix = "demo:";
    if (parse::starts_with_ci(path_or_demo, demo_prefix))
        return demo::make_forecast_demo(path_or_demo.substr(demo_prefix.size()));
    return load_forecast_csv(path_or_demo);
}

}  // namespace btsf
