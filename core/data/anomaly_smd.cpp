// The Server Machine Dataset: comma-separated train, test and label matrices per
// machine (formats in anomaly_data.h).
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

struct TextMatrix {
    std::size_t rows = 0, cols = 0;
    std::vector<float> values;
};

// Comma-separated numbers without a header, all rows of one width (SMD).
TextMatrix read_matrix(const std::string& path)
{
    parse::LineReader reader(path);
    TextMatrix m;
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

}  // namespace

AnomalySeries load_smd_machine(const std::string& root, const std::string& machine)
{
    std::string m = machine;
    if (m.size() > 4 && m.compare(m.size() - 4, 4, ".txt") == 0) m.resize(m.size() - 4);
    const std::string train_path = (fs::path(root) / "train" / (m + ".txt")).string();
    const std::string test_path = (fs::path(root) / "test" / (m + ".txt")).string();
    const std::string label_path = (fs::path(root) / "test_label" / (m + ".txt")).string();
    const TextMatrix train = read_matrix(train_path);
    const TextMatrix test = read_matrix(test_path);
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
