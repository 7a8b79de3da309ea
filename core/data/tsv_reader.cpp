#include "data/tsv_reader.h"

#include <cmath>
#include <cstdio>

#include "data/load_error.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

std::vector<std::string_view> split_fields(std::string_view line)
{
    if (line.find('\t') != std::string_view::npos) return parse::split(line, '\t');
    if (line.find(',') != std::string_view::npos) return parse::split(line, ',');
    // Blank-separated: runs of spaces count as one separator.
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

std::string canonical_label(std::string_view label)
{
    double v = 0;
    if (parse::parse_number(label, v) && v == std::floor(v) && std::fabs(v) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
        return buf;
    }
    return std::string(label);
}

}  // namespace

RawSeriesFile read_tsv(const std::string& path)
{
    parse::LineReader reader(path);
    RawSeriesFile out;
    out.path = path;
    out.channels = 1;
    auto fail = [&](const std::string& what) { throw DataError(path, reader.line_number(), what); };

    std::string line;
    while (reader.next(line)) {
        const std::string_view t = parse::trim(line);
        if (t.empty()) continue;
        std::vector<std::string_view> fields = split_fields(t);
        while (fields.size() > 1 && parse::trim(fields.back()).empty()) fields.pop_back();  // a trailing separator
        const std::string_view label = parse::trim(fields.front());
        if (label.empty() || label == "?" || parse::iequals(label, "nan"))
            fail("missing class label in the first column");

        std::vector<float> values(fields.size() - 1);
        for (std::size_t i = 1; i < fields.size(); ++i) {
            if (parse::parse_value(fields[i], values[i - 1]) == parse::ValueKind::Invalid)
                fail("non-numeric value " + parse::quote(parse::trim(fields[i])) + " at column " +
                     std::to_string(i + 1));
        }
        while (!values.empty() && std::isnan(values.back())) values.pop_back();  // length padding, not missing data
        if (values.empty()) fail("row has a label but no values");
        for (float v : values) out.has_missing = out.has_missing || std::isnan(v);

        out.series.push_back({std::move(values)});
        out.labels.push_back(canonical_label(label));
        out.lines.push_back(reader.line_number());
    }
    if (out.series.empty()) throw DataError(path, 0, "empty file");
    return out;
}

}  // namespace btsf
