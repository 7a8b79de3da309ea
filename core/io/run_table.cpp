#include "io/run_table.h"

#include "util/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace btsf {
namespace {
using nlohmann::json;

json read_json(const std::string& path)
{
    try {
        return json::parse(read_text_file(path));
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": not JSON (" + e.what() + ")");
    }
}

// Numeric leaves as dotted paths ("baselines.raw.probes.svm.accuracy").
void flatten_numbers(const json& j, const std::string& path, std::map<std::string, double>& out)
{
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) flatten_numbers(value, path.empty() ? key : path + "." + key, out);
    } else if (j.is_number()) {
        out[path] = j.get<double>();
    }
}

// The scores worth comparing. Classification keeps each figure once, under
// "probes" (the top-level and per-probe copies repeat them); oracle figures
// and everything that is not a score (timings, counts, penalties) are left out.
std::map<std::string, double> scores_of(const json& metrics)
{
    std::map<std::string, double> all, kept;
    flatten_numbers(metrics, "", all);
    static const std::set<std::string> leaves = {"accuracy", "auprc", "mse", "mae", "f1"};
    const bool classification = metrics.contains("probes");
    for (const auto& [path, value] : all) {
        const std::string leaf = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
        if (!leaves.count(leaf) || path.find("oracle") != std::string::npos) continue;
        if (classification && path.find("probes.") == std::string::npos) continue;
        kept[path] = value;
    }
    for (const char* general : {"final_loss", "train_seconds"})
        if (metrics.contains(general) && metrics.at(general).is_number()) kept[general] = metrics.at(general);
    return kept;
}

std::string cell_text(const json& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string number_text(double v)
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.precision(4);
    out << std::fixed << v;
    return out.str();
}
}  // namespace

int RunTable::best_row(std::size_t m) const
{
    int best = -1;
    for (std::size_t r = 0; r < values.size(); ++r) {
        const double v = values[r][m];
        if (std::isnan(v)) continue;
        if (best < 0 || (lower_is_better[m] ? v < values[std::size_t(best)][m] : v > values[std::size_t(best)][m]))
            best = int(r);
    }
    return best;
}

RunTable compare_runs(const std::vector<std::string>& folders)
{
    namespace fs = std::filesystem;
    std::vector<std::map<std::string, std::string>> configs;
    std::vector<std::map<std::string, double>> scores;
    for (const auto& folder : folders) {
        const std::string metrics = (fs::path(folder) / "metrics.json").string();
        if (!fs::exists(metrics)) throw std::runtime_error(metrics + ": missing (not a finished run)");
        scores.push_back(scores_of(read_json(metrics)));
        std::map<std::string, std::string> config;
        const std::string config_path = (fs::path(folder) / "config.json").string();
        if (fs::exists(config_path)) {
            const json j = read_json(config_path);  // items() only views it: keep it alive
            for (const auto& [key, value] : j.items())
                if (key != "written_by") config[key] = cell_text(value);
        }
        configs.push_back(std::move(config));
    }
    RunTable t;
    t.columns.push_back("run");
    std::set<std::string> keys;
    for (const auto& c : configs)
        for (const auto& [key, _] : c) keys.insert(key);
    std::vector<std::string> differing;
    for (const auto& key : keys) {
        std::set<std::string> seen;
        for (const auto& c : configs) seen.insert(c.count(key) ? c.at(key) : std::string());
        if (seen.size() > 1) differing.push_back(key);
    }
    t.config_columns = differing.size();
    t.columns.insert(t.columns.end(), differing.begin(), differing.end());
    std::set<std::string> metric_set;
    for (const auto& s : scores)
        for (const auto& [path, _] : s) metric_set.insert(path);
    const std::vector<std::string> metrics(metric_set.begin(), metric_set.end());
    t.columns.insert(t.columns.end(), metrics.begin(), metrics.end());
    for (const auto& m : metrics) {
        const std::string leaf = m.substr(m.rfind('.') == std::string::npos ? 0 : m.rfind('.') + 1);
        t.lower_is_better.push_back(leaf == "mse" || leaf == "mae" || leaf == "final_loss" || leaf == "train_seconds");
    }
    for (std::size_t r = 0; r < folders.size(); ++r) {
        std::vector<std::string> row{fs::path(folders[r]).filename().string()};
        for (const auto& key : differing) row.push_back(configs[r].count(key) ? configs[r].at(key) : "");
        std::vector<double> values;
        for (const auto& m : metrics) {
            const auto it = scores[r].find(m);
            values.push_back(it == scores[r].end() ? std::numeric_limits<double>::quiet_NaN() : it->second);
            row.push_back(it == scores[r].end() ? "" : number_text(it->second));
        }
        t.text.push_back(std::move(row));
        t.values.push_back(std::move(values));
    }
    return t;
}

std::string run_table_text(const RunTable& t)
{
    // Transposed: one line per column, one field per run, so that dozens of
    // metrics stay readable in a terminal.
    std::vector<std::vector<std::string>> lines;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        std::vector<std::string> line{t.columns[c]};
        // A best needs a second value to be better than.
        int best = -1;
        if (c >= t.first_metric()) {
            const std::size_t m = c - t.first_metric();
            const auto present = std::count_if(t.values.begin(), t.values.end(),
                                               [m](const std::vector<double>& row) { return !std::isnan(row[m]); });
            if (present > 1) best = t.best_row(m);
        }
        for (std::size_t r = 0; r < t.text.size(); ++r) line.push_back(t.text[r][c] + (int(r) == best ? " *" : ""));
        lines.push_back(std::move(line));
    }
    std::vector<std::size_t> width;
    for (const auto& line : lines)
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (width.size() <= i) width.push_back(0);
            width[i] = std::max(width[i], line[i].size());
        }
    std::ostringstream out;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        for (std::size_t i = 0; i < lines[l].size(); ++i)
            out << lines[l][i] << std::string(width[i] - lines[l][i].size() + 2, ' ');
        out << '\n';
        if (l == 0 || l == t.config_columns) out << std::string(10, '-') << '\n';
    }
    out << "(* best of each score; mse, mae, loss and seconds: lower is better)\n";
    return out.str();
}

std::string run_table_csv(const RunTable& t)
{
    const auto quoted = [](const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        return q + "\"";
    };
    std::ostringstream out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << quoted(t.columns[c]);
    out << '\n';
    for (const auto& row : t.text) {
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << quoted(row[c]);
        out << '\n';
    }
    return out.str();
}

}  // namespace btsf
