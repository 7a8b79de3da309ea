// NASA SMAP / MSL telemetry (Hundman et al., KDD 2018), in the layout of the telemanom
// download that TranAD and most papers use: train/<chan>.npy, test/<chan>.npy and one
// labeled_anomalies.csv for all channels.
#include <cmath>
#include <filesystem>
#include <optional>

#include "data/anomaly_data.h"
#include "data/load_error.h"
#include "data/npy_reader.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

// One CSV line as cells without quotes, e.g.
// P-1,SMAP,"[[2149, 2349], [4536, 4844]]","[contextual, contextual]",8505
std::vector<std::string> csv_cells(const std::string& line)
{
    std::vector<std::string> out;
    for (std::string_view f : parse::split_csv(line)) out.emplace_back(parse::csv_cell(f));
    return out;
}

// "[[1899, 2099], [2180, 2280]]" -> {{1899, 2099}, {2180, 2280}}; nullopt when malformed.
std::optional<std::vector<std::pair<std::size_t, std::size_t>>> parse_sequences(std::string_view s)
{
    s = parse::trim(s);
    if (s.size() < 2 || s.front() != '[' || s.back() != ']') return std::nullopt;
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 1;
    const auto skip_blanks = [&] {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    };
    const auto number = [&](std::size_t& v) {
        skip_blanks();
        const std::size_t start = i;
        v = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + static_cast<std::size_t>(s[i++] - '0');
        return i > start && i - start < 16;
    };
    const auto expect = [&](char c) {
        skip_blanks();
        return i < s.size() && s[i] == c ? (++i, true) : false;
    };
    skip_blanks();
    if (i == s.size() - 1) return out;  // "[]": no anomaly
    do {
        std::size_t a = 0, b = 0;
        if (!expect('[') || !number(a) || !expect(',') || !number(b) || !expect(']')) return std::nullopt;
        out.emplace_back(a, b);
    } while (expect(','));
    if (!expect(']') || i != s.size()) return std::nullopt;
    return out;
}

// NaN stays a missing value, masked as the text loaders mask it; infinities (and
// doubles beyond float's range) are refused, as the text loaders refuse "inf".
std::vector<float> to_float(const NpyArray& a, const std::string& path)
{
    std::vector<float> out(a.values.size());
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        out[i] = static_cast<float>(a.values[i]);
        if (std::isinf(out[i]))
            throw DataError(path, 0,
                            "row " + std::to_string(i / a.cols() + 1) + ", column " + std::to_string(i % a.cols() + 1) +
                                ": value " + std::to_string(a.values[i]) + " is not finite as a float");
    }
    return out;
}

}  // namespace

AnomalySeries load_nasa_channel(const std::string& root, const std::string& channel)
{
    namespace fs = std::filesystem;
    const std::string train_path = (fs::path(root) / "train" / (channel + ".npy")).string();
    const std::string test_path = (fs::path(root) / "test" / (channel + ".npy")).string();
    const std::string csv_path = (fs::path(root) / "labeled_anomalies.csv").string();

    // The labels first: a wrong channel name is the likeliest mistake, and the CSV names them all.
    parse::LineReader reader(csv_path);
    std::string line;
    if (!reader.next(line) || parse::trim(line).empty()) throw DataError(csv_path, 0, "empty file");
    const std::vector<std::string> header = csv_cells(line);
    std::optional<std::size_t> chan_col, seq_col, num_col;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c] == "chan_id")
            chan_col = c;
        else if (header[c] == "anomaly_sequences")
            seq_col = c;
        else if (header[c] == "num_values")
            num_col = c;
    }
    if (!chan_col || !seq_col) throw DataError(csv_path, 1, "header lacks 'chan_id' or 'anomaly_sequences'");
    std::vector<std::string> row;
    std::size_t row_line = 0;
    while (reader.next(line)) {
        if (parse::trim(line).empty()) continue;
        std::vector<std::string> fields = csv_cells(line);
        if (fields.size() != header.size())
            throw DataError(
                csv_path, reader.line_number(),
                "row has " + std::to_string(fields.size()) + " cells, the header has " + std::to_string(header.size()));
        if (fields[*chan_col] == channel) {
            row = std::move(fields);
            row_line = reader.line_number();
            break;
        }
    }
    if (row.empty()) throw DataError(csv_path, 0, "no row for channel " + parse::quote(channel));
    const auto sequences = parse_sequences(row[*seq_col]);
    if (!sequences)
        throw DataError(
            csv_path, row_line,
            "malformed anomaly_sequences " + parse::quote(row[*seq_col]) + " (expected [[start, end], ...])");

    const NpyArray train = read_npy(train_path);
    const NpyArray test = read_npy(test_path);
    if (train.cols() != test.cols())
        throw DataError(
            test_path, 0,
            std::to_string(test.cols()) + " columns, but " + train_path + " has " + std::to_string(train.cols()));
    double num_values = 0;
    if (num_col && parse::parse_number(row[*num_col], num_values) && num_values != static_cast<double>(test.rows()))
        throw DataError(csv_path, row_line,
                        "num_values " + row[*num_col] + " for " + parse::quote(channel) + ", but " + test_path +
                            " has " + std::to_string(test.rows()) + " rows");

    AnomalySeries s;
    s.name = channel;
    s.channels.push_back("telemetry");  // the rest are one-hot command flags
    for (std::size_t c = 1; c < test.cols(); ++c) s.channels.push_back("cmd_" + std::to_string(c));
    s.train_length = train.rows();
    s.test_length = test.rows();
    s.train = to_float(train, train_path);
    s.test = to_float(test, test_path);
    s.labels.assign(s.test_length, 0);
    for (const auto& [a, b] : *sequences) {
        if (a > b || b >= s.test_length)
            throw DataError(csv_path, row_line,
                            "anomaly range [" + std::to_string(a) + ", " + std::to_string(b) + "] is not inside the " +
                                std::to_string(s.test_length) + " test rows of " + test_path);
        for (std::size_t t = a; t <= b; ++t) s.labels[t] = 1;
    }
    s.events = label_segments(s.labels);
    return s;
}

}  // namespace btsf
