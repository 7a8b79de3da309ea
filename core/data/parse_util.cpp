#include "data/parse_util.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "data/load_error.h"

namespace btsf::parse {

std::string_view trim(std::string_view s)
{
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

std::string to_lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

bool starts_with_ci(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::vector<std::string_view> split(std::string_view s, char sep)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

std::vector<std::string_view> split_csv(std::string_view line)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') {
            quoted = !quoted;
        } else if (line[i] == ',' && !quoted) {
            out.push_back(line.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(line.substr(start));
    return out;
}

std::string_view csv_cell(std::string_view s)
{
    s = trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = trim(s.substr(1, s.size() - 2));
    return s;
}

namespace {

// from_chars rejects a leading '+', which some exporters write.
std::string_view drop_plus(std::string_view t)
{
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    return t;
}

}  // namespace

// from_chars reports a value beyond the type's range without setting it: below
// the range (a negative exponent) it is 0 with the token's sign, as strtod and
// numpy make it; above, it stays an error.
template <typename T>
bool parse_finite(std::string_view num, T& out)
{
    T v = 0;
    const auto res = std::from_chars(num.data(), num.data() + num.size(), v);
    if (res.ptr != num.data() + num.size()) return false;
    if (res.ec == std::errc::result_out_of_range) {
        double d = 0.0;  // a float underflow is often a double denormal or normal value
        const auto wide = std::from_chars(num.data(), num.data() + num.size(), d);
        if (wide.ec == std::errc() && wide.ptr == num.data() + num.size() && std::isfinite(d)) {
            v = static_cast<T>(d);
        } else {
            const auto e = num.find_first_of("eE");
            if (e == std::string_view::npos || e + 1 >= num.size() || num[e + 1] != '-')
                return false;  // above the range
            v = num.front() == '-' ? -T(0) : T(0);
        }
    } else if (res.ec != std::errc()) {
        return false;
    }
    if (!std::isfinite(v)) return false;
    out = v;
    return true;
}

bool is_nan_token(std::string_view t)
{
    if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
    return iequals(t, "nan");
}

ValueKind parse_value(std::string_view token, float& out)
{
    const std::string_view t = trim(token);
    if (t == "?" || is_nan_token(t)) {
        out = std::numeric_limits<float>::quiet_NaN();
        return ValueKind::Missing;
    }
    const std::string_view num = drop_plus(t);
    if (num.empty() || !parse_finite(num, out)) return ValueKind::Invalid;
    return ValueKind::Number;
}

bool parse_number(std::string_view token, double& out)
{
    const std::string_view num = drop_plus(trim(token));
    return !num.empty() && parse_finite(num, out);
}

bool parse_whole(std::string_view token, std::size_t& out)
{
    double v = 0;
    if (!parse_number(token, v) || !(v >= 0) || v > 9007199254740992.0 || v != std::floor(v)) return false;
    out = static_cast<std::size_t>(v);
    return true;
}

std::string quote(std::string_view token)
{
    constexpr std::size_t max_len = 40;
    std::string out = "'";
    if (token.size() > max_len) {
        out += btsf::printable(token.substr(0, max_len));
        out += "...";
    } else {
        out += btsf::printable(token);
    }
    out += "'";
    return out;
}

LineReader::LineReader(const std::string& path) : m_path(path), m_in(path, std::ios::binary)
{
    if (!m_in) throw DataError(path, 0, "cannot open file");
}

bool LineReader::next(std::string& line)
{
    if (!std::getline(m_in, line)) return false;
    ++m_line;
    if (m_line == 1) {
        const auto byte = [&](std::size_t i) { return i < line.size() ? static_cast<unsigned char>(line[i]) : 256u; };
        const char* encoding = nullptr;
        if ((byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) ||
            (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF))
            encoding = "UTF-32";
        else if ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))
            encoding = "UTF-16";
        else if (line.find('\0') != std::string::npos)
            encoding = "UTF-16 or binary (it holds NUL bytes)";
        if (encoding) throw DataError(m_path, 1, std::string("the file is ") + encoding + "; save it as UTF-8 text");
    }
    if (m_line == 1 && line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF &&
        static_cast<unsigned char>(line[1]) == 0xBB && static_cast<unsigned char>(line[2]) == 0xBF)
        line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace btsf::parse
