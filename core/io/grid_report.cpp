#include "io/grid_report.h"

#include "io/cd_diagram_svg.h"
#include "numerics/rank_statistics.h"
#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace btsf {
using nlohmann::json;

namespace {
struct Summary {
    double mean = 0, std = 0;
    int n = 0;
};

// dataset -> method -> accuracy over seeds
std::map<std::string, std::map<std::string, Summary>> summarise(const std::vector<GridCell>& cells)
{
    std::map<std::string, std::map<std::string, std::vector<double>>> values;
    for (const auto& c : cells) values[c.dataset][c.method()].push_back(c.accuracy);
    std::map<std::string, std::map<std::string, Summary>> out;
    for (const auto& [dataset, methods] : values)
        for (auto [method, v] : methods) {
            // Summed in sorted order, so equal accuracies over seeds give
            // bit-equal means (and tie in the ranks) whatever order the seeds ran in.
            std::sort(v.begin(), v.end());
            Summary s;
            s.n = int(v.size());
            double sum = 0, squares = 0;
            for (double x : v) sum += x;
            s.mean = sum / s.n;
            for (double x : v) squares += (x - s.mean) * (x - s.mean);
            s.std = std::sqrt(squares / std::max(1, s.n - 1));
            out[dataset][method] = s;
        }
    return out;
}
}  // namespace

void write_comparison_reports(const std::string& out, const std::vector<GridCell>& cells, const std::string& command)
{
    const auto table = summarise(cells);
    std::vector<std::string> methods;
    for (const auto& c : cells)
        if (std::find(methods.begin(), methods.end(), c.method()) == methods.end()) methods.push_back(c.method());
    json j = {{"cells", json::array()}, {"summary", json::object()}, {kWrittenByKey, written_by_json()}};
    for (const auto& c : cells)
        j["cells"].push_back({{"dataset", c.dataset},
                              {"augmentation", c.augmentation},
                              {"fusion", c.fusion},
                              {"seed", c.seed},
                              {"accuracy", c.accuracy},
                              {"auprc", c.auprc}});
    std::ostringstream md;
    md << "# Augmentation and fusion comparison\n\nMean ± std test accuracy over seeds (one probe per cell).\n\n";
    md << "| dataset |";
    for (const auto& m : methods) md << ' ' << m << " |";
    md << "\n|---|";
    for (std::size_t i = 0; i < methods.size(); ++i) md << "---:|";
    md << '\n';
    // Datasets with every method present enter the rank statistics.
    std::vector<std::vector<double>> complete;
    for (const auto& [dataset, row] : table) {
        md << "| " << dataset << " |";
        std::vector<double> scores;
        for (const auto& m : methods) {
            const auto it = row.find(m);
            if (it == row.end()) {
                md << " – |";
                continue;
            }
            char cell[64];
            std::snprintf(cell, sizeof cell, " %.3f ± %.3f |", it->second.mean, it->second.std);
            md << cell;
            scores.push_back(it->second.mean);
            j["summary"][dataset][m] = {{"mean", it->second.mean}, {"std", it->second.std}, {"n", it->second.n}};
        }
        md << '\n';
        if (scores.size() == methods.size()) complete.push_back(scores);
    }
    if (complete.size() >= 2 && methods.size() >= 2) {
        const auto ranks = average_ranks(complete);
        const auto friedman = friedman_test(complete);
        const double cd = nemenyi_critical_difference(int(methods.size()), int(complete.size()));
        md << "\n## Ranks over " << complete.size()
           << " datasets (1 = best)\n\n| method | average rank |\n|---|---:|\n";
        json r = json::object();
        for (std::size_t i = 0; i < methods.size(); ++i) {
            char line[160];
            std::snprintf(line, sizeof line, "| %s | %.3f |\n", methods[i].c_str(), ranks[i]);
            md << line;
            r[methods[i]] = ranks[i];
        }
        char stats[512];
        std::snprintf(stats, sizeof stats,
                      "\nFriedman chi² = %.3f (df %g, p = %.4g); Iman-Davenport F = %.3f (df %g, %g; p = %.4g). "
                      "Nemenyi critical difference at alpha 0.05: %.3f; methods whose average ranks differ by "
                      "less are not significantly different (cd-diagram.svg).\n",
                      friedman.chi2, friedman.df, friedman.p_value, friedman.iman_davenport_f, friedman.f_df1,
                      friedman.f_df2, friedman.f_p_value, cd);
        md << stats;
        j["ranks"] = r;
        j["friedman"] = {{"chi2", friedman.chi2},
                         {"df", friedman.df},
                         {"p", friedman.p_value},
                         {"F", friedman.iman_davenport_f},
                         {"F_p", friedman.f_p_value}};
        j["critical_difference"] = cd;
        write_text_atomically(out + "/cd-diagram.svg", critical_difference_svg(methods, ranks, cd, "Average rank"));
    }
    if (!command.empty()) md << "\nCommand: `" << command << "`\n";
    write_text_atomically(out + "/compare.json", j.dump(2) + "\n");
    write_text_atomically(out + "/compare.md", md.str());
}

}  // namespace btsf
