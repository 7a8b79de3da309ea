#pragma once
#include <cstdint>
// Small text helpers shared by the archive readers (.ts, .tsv, .arff). Internal to
// core/data: nothing outside the loaders should need them.
#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace btsf::parse {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// Splits on one separator character, keeping empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);

// Splits a CSV line on commas outside double quotes (WADI's label column is named
// "Attack LABLE (1:No Attack, -1:Attack)"; NASA's labels hold "[[2149, 2349]]"),
// keeping the quotes; csv_cell() removes them.
std::vector<std::string_view> split_csv(std::string_view line);

// A cell without blanks and without one pair of enclosing double quotes.
std::string_view csv_cell(std::string_view s);

enum class ValueKind { Number, Missing, Invalid };

// One cell of a series: "?", "NaN", "-nan", "+NaN" (any case) -> Missing (out =
// NaN); a finite float -> Number, where a value below float's range ("1e-50")
// becomes 0 or a denormal as numpy's float32 parse makes it; anything else
// (text, inf, above float's range) -> Invalid. Every loader rejects what is
// Invalid and masks what is Missing. Locale-independent, so a German desktop
// locale cannot turn "0.5" into an error.
ValueKind parse_value(std::string_view token, float& out);

// A label or header number such as "1", "-1", "2.0", "1.0000000e+00".
bool parse_number(std::string_view token, double& out);

// A count such as "3" or "3.0" (whole, 0 <= n <= 2^53); false for anything else,
// so that a huge header value never reaches a cast to size_t (found by fuzzing).
bool parse_whole(std::string_view token, std::size_t& out);

// Short quote of a token for an error message; long garbage is cut, and it is
// printable (btsf::printable in load_error.h).
std::string quote(std::string_view token);

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil). Pure arithmetic: no std::get_time, timegm or locale, so no
// time zone can creep into the timestamps of the CSV loaders.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

// Reads a text file line by line with 1-based line numbers, dropping a UTF-8 BOM
// and the '\r' of CRLF files. Throws DataError if the file cannot be opened, and
// on its first line if it is UTF-16 or UTF-32 (a BOM, or NUL bytes), naming the
// encoding, since every reader here expects UTF-8 or ASCII.
class LineReader {
public:
    explicit LineReader(const std::string& path);
    bool next(std::string& line);
    std::size_t line_number() const { return m_line; }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::ifstream m_in;
    std::size_t m_line = 0;
};

}  // namespace btsf::parse
