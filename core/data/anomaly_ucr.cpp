// The UCR anomaly archive: one value per line, in a file whose name holds the end
// of the training part and the anomaly (formats in anomaly_data.h).
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
    split_train_test(s, values, 1, train_end);
    // 1-based inclusive begin..end -> 0-based [begin - 1, end - 1] -> test index - train_end.
    for (std::size_t t = begin - 1; t <= end - 1; ++t) s.labels[t - train_end] = 1;
    s.events = {{begin - 1 - train_end, end - 1 - train_end}};
    return s;
}

}  // namespace btsf
