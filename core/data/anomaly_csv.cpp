// SWaT / WADI style CSV (iTrust): a timestamp, sensor and actuator columns, and an
// attack label. The raw files are restricted, so the quirks handled here are the ones
// documented for the distributed CSV exports (see load_swat_csv in anomaly_data.h).
#include <algorithm>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <limits>
#include <optional>

#include "data/anomaly_data.h"
#include "data/load_error.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

constexpr std::size_t header_search_lines = 10;

struct Line {
    std::string text;
    std::size_t number = 0;
};

// Yields non-blank lines: first those buffered while looking for the header, then the rest.
class Lines {
public:
    explicit Lines(const std::string& path) : m_reader(path) {}

    bool next(Line& out)
    {
        if (!m_buffer.empty()) {
            out = std::move(m_buffer.front());
            m_buffer.pop_front();
            return true;
        }
        std::string text;
        while (m_reader.next(text))
            if (!parse::trim(text).empty()) {
                out = {std::move(text), m_reader.line_number()};
                return true;
            }
        return false;
    }
    void push_front(Line line) { m_buffer.push_front(std::move(line)); }
    const std::string& path() const { return m_reader.path(); }

private:
    parse::LineReader m_reader;
    std::deque<Line> m_buffer;
};

bool is_number(std::string_view s)
{
    double d = 0;
    return parse::parse_number(s, d);
}

// A header candidate: at least 2 cells, none empty, at least one not a number.
bool header_like(const std::vector<std::string_view>& fields)
{
    if (fields.size() < 2) return false;
    bool text = false;
    for (std::string_view f : fields) {
        if (parse::csv_cell(f).empty()) return false;
        text = text || !is_number(parse::csv_cell(f));
    }
    return text;
}

enum class LabelKind { Text, Wadi };  // Text: Normal/Attack/0/1; Wadi: 1 normal, -1 attack

struct CsvTable {
    std::vector<std::string> sensors;
    std::size_t header_line = 0, rows = 0;
    std::vector<float> values;
    std::vector<std::uint8_t> labels;
    bool has_labels = false;
};

CsvTable read_table(const std::string& path)
{
    Lines lines(path);
    // Find the header among the first lines: junk lines of commas or a title may precede it.
    std::vector<Line> head;
    Line line;
    while (head.size() < header_search_lines + 1 && lines.next(line)) head.push_back(std::move(line));
    if (head.empty()) throw DataError(path, 0, "empty file");
    std::optional<std::size_t> at;
    for (std::size_t i = 0; i + 1 < head.size() && i < header_search_lines && !at; ++i) {
        const auto fields = parse::split_csv(head[i].text);
        if (header_like(fields) && fields.size() == parse::split_csv(head[i + 1].text).size()) at = i;
    }
    if (!at) {
        if (header_like(parse::split_csv(head.back().text)) && head.size() <= header_search_lines)
            throw DataError(path, head.back().number, "header but no data rows");
        throw DataError(path, 0,
                        "no header line among the first " + std::to_string(header_search_lines) +
                            " non-blank lines (a header has named columns and as many cells as the "
                            "row after it)");
    }
    for (std::size_t i = head.size(); i-- > *at + 1;) lines.push_front(std::move(head[i]));

    CsvTable t;
    t.header_line = head[*at].number;
    std::vector<std::string> names;
    for (std::string_view f : parse::split_csv(head[*at].text)) names.emplace_back(parse::csv_cell(f));

    // Column roles: the label, columns that are no sensor (time stamps, row numbers), sensors.
    std::optional<std::size_t> label_col;
    LabelKind label_kind = LabelKind::Text;
    std::vector<bool> sensor(names.size(), true);
    for (std::size_t c = 0; c < names.size(); ++c) {
        const std::string& n = names[c];
        const bool wadi = parse::starts_with_ci(n, "attack lable");
        if (!label_col &&
            (wadi || parse::iequals(n, "normal/attack") || parse::iequals(n, "label") || parse::iequals(n, "attack"))) {
            label_col = c;
            label_kind = wadi ? LabelKind::Wadi : LabelKind::Text;
            sensor[c] = false;
        }
        for (const char* meta : {"timestamp", "time", "date", "datetime", "row"})
            if (parse::iequals(n, meta)) sensor[c] = false;
    }
    Line first;
    lines.next(first);  // exists: the header was matched against it
    float unused = 0;
    const std::string_view first_cell = parse::csv_cell(parse::split_csv(first.text)[0]);
    if (label_col != std::size_t(0) && parse::parse_value(first_cell, unused) == parse::ValueKind::Invalid &&
        !first_cell.empty() && !parse::iequals(first_cell, "NA"))
        sensor[0] = false;  // a time stamp in any format ("28/12/2015 10:00:00 AM")
    lines.push_front(std::move(first));
    for (std::size_t c = 0; c < names.size(); ++c)
        if (sensor[c]) t.sensors.push_back(names[c]);
    if (t.sensors.empty()) throw DataError(path, t.header_line, "no sensor column");
    t.has_labels = label_col.has_value();

    while (lines.next(line)) {
        const auto fail = [&](const std::string& what) { throw DataError(path, line.number, what); };
        const std::vector<std::string_view> fields = parse::split_csv(line.text);
        if (fields.size() != names.size())
            fail("row has " + std::to_string(fields.size()) + " cells, the header has " + std::to_string(names.size()));
        for (std::size_t c = 0; c < fields.size(); ++c) {
            const std::string_view f = parse::csv_cell(fields[c]);
            if (label_col && c == *label_col) {
                double d = 0;
                int label = -1;
                if (label_kind == LabelKind::Wadi)
                    label = f == "1" ? 0 : f == "-1" ? 1 : -1;
                else if (parse::iequals(f, "normal"))
                    label = 0;
                else if (parse::iequals(f, "attack") || parse::iequals(f, "a ttack"))
                    label = 1;
                else if (parse::parse_number(f, d) && (d == 0 || d == 1))
                    label = static_cast<int>(d);
                if (label < 0)
                    fail(
                        "unknown label value " + parse::quote(f) + " in column " + parse::quote(names[c]) +
                        (label_kind == LabelKind::Wadi ? " (expected 1 or -1)" : " (expected Normal, Attack, 0 or 1)"));
                t.labels.push_back(static_cast<std::uint8_t>(label));
            } else if (sensor[c]) {
                float v = std::numeric_limits<float>::quiet_NaN();
                if (!f.empty() && !parse::iequals(f, "NA") && parse::parse_value(f, v) == parse::ValueKind::Invalid)
                    fail("non-numeric value " + parse::quote(f) + " in column " + parse::quote(names[c]));
                t.values.push_back(v);
            }
        }
        ++t.rows;
    }
    return t;
}

}  // namespace

AnomalySeries load_swat_csv(const std::string& train_csv, const std::string& test_csv)
{
    const CsvTable train = read_table(train_csv);  // labels parsed (and checked), then ignored
    const CsvTable test = read_table(test_csv);
    if (!test.has_labels)
        throw DataError(test_csv, test.header_line, "no label column (expected 'Normal/Attack', 'label' or 'attack')");
    if (test.sensors != train.sensors) {
        std::string what = "sensor columns differ from the train file's: ";
        const std::size_t n = std::min(test.sensors.size(), train.sensors.size());
        std::size_t i = 0;
        while (i < n && test.sensors[i] == train.sensors[i]) ++i;
        if (i < n)
            what += "sensor " + std::to_string(i + 1) + " is " + parse::quote(test.sensors[i]) + " here, " +
                    parse::quote(train.sensors[i]) + " in " + train_csv;
        else
            what += std::to_string(test.sensors.size()) + " sensors here, " + std::to_string(train.sensors.size()) +
                    " in " + train_csv;
        throw DataError(test_csv, test.header_line, what);
    }

    AnomalySeries s;
    s.name = std::filesystem::path(test_csv).stem().string();
    s.channels = test.sensors;
    s.train_length = train.rows;
    s.test_length = test.rows;
    s.train = train.values;
    s.test = test.values;
    s.labels = test.labels;
    s.events = label_segments(s.labels);
    return s;
}

}  // namespace btsf
