#include "eval/comparison_grid.h"

#include "data/dataset_folder.h"
#include "data/normalize.h"
#include "eval/classification_run.h"
#include "eval/rank_statistics.h"
#include "model/augmentations.h"
#include "train/trainer.h"
#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>

namespace btsf {
using nlohmann::json;

const std::vector<std::string>& grid_augmentation_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n{"dropout", "layerwise-dropout"};
        n.insert(n.end(), augmentation_names().begin(), augmentation_names().end());
        return n;
    }();
    return names;
}

BtsfConfig cell_config(const BtsfConfig& base, const std::string& augmentation, const std::string& fusion,
                       unsigned long long seed)
{
    BtsfConfig c = base;
    c.augmentation = augmentation;
    if (augmentation == "layerwise-dropout") {
        c.augmentation = "dropout";
        if (c.layerwise_dropout == 0) c.layerwise_dropout = 0.1;  // the views' rate: the paper gives none
    }
    c.fusion = fusion;
    c.seed = seed;
    if (fusion == "bilinear") c.loops = 0;  // spec §10: bilinear is the one-shot fusion (L = 0)
    // A one-shot base (btsf, L = 0) would make its iterative cell the bilinear
    // one again: iterative fusion gets the spec's loops there.
    if (fusion == "iterative" && c.loops == 0) c.loops = BtsfConfig{}.loops;
    if (fusion == "spectral") c.timestamp_loss = 0;
    c.validate();
    return c;
}

std::vector<GridCell> run_comparison_grid(const CompareOptions& o,
                                          const std::function<void(const GridCell&, int, int)>& on_cell,
                                          const TrainCallbacks& callbacks, const CancelToken* cancel)
{
    for (const auto& a : o.augmentations)
        for (const auto& f : o.fusions)
            cell_config(o.base, a, f, 0);  // every combination is valid before any training starts
    if (o.shards < 1 || o.shard < 0 || o.shard >= o.shards)
        throw std::invalid_argument("compare: shard " + std::to_string(o.shard) + "/" + std::to_string(o.shards) +
                                    " is not one of 0/N .. N-1/N");
    std::vector<GridCell> cells;
    const int per_dataset = int(o.augmentations.size() * o.fusions.size()) * o.seeds;
    const int grid_size = int(o.datasets.size()) * per_dataset;
    const int total = grid_size / o.shards + (o.shard < grid_size % o.shards ? 1 : 0);  // this shard's cells
    int done = 0, index = -1;
    for (std::size_t d = 0; d < o.datasets.size(); ++d) {
        const int first = int(d) * per_dataset;
        // The first cell of this shard at or after `first`: none left means this dataset is not loaded.
        if (first + ((o.shard - first) % o.shards + o.shards) % o.shards >= first + per_dataset) {
            index += per_dataset;
            continue;
        }
        const auto& source = o.datasets[d];
        ClassificationData data = load_classification(source, o.data_root.empty() ? default_data_root() : o.data_root);
        normalize_classification(data);
        for (const auto& augmentation : o.augmentations)
            for (const auto& fusion : o.fusions)
                for (int seed = 0; seed < o.seeds; ++seed) {
                    if (++index % o.shards != o.shard) continue;
                    GridCell cell{data.name, augmentation, fusion, (unsigned long long)seed};
                    const std::string path = grid_cell_path(o.out, cell);
                    ++done;
                    const BtsfConfig config = cell_config(o.base, augmentation, fusion, cell.seed);
                    const std::string config_json = config_to_json(config);
                    if (read_grid_cell(path, config_json, o.probe, cell)) {
                        cells.push_back(cell);
                        continue;
                    }
                    if (cancel && cancel->cancelled()) return cells;
                    ClassificationRunOptions run_options;
                    run_options.config = config;
                    run_options.device = o.device;
                    run_options.probes = {o.probe};
                    run_options.baselines = false;
                    const auto run = run_classification(data, run_options, callbacks, cancel);
                    if (run.cancelled()) return cells;
                    const auto* p = run.btsf.primary();
                    cell.accuracy = p->accuracy;
                    cell.auprc = p->auprc;
                    cell.seconds = run.fit.seconds + p->seconds;
                    write_grid_cell(path, cell, o.probe, config_json);
                    cells.push_back(cell);
                    if (on_cell) on_cell(cell, done, total);
                }
    }
    return cells;
}

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
