#include "tasks/comparison_grid.h"

#include "data/dataset_folder.h"
#include "data/normalize.h"
#include "model/augmentations.h"
#include "tasks/classification_run.h"
#include "train/trainer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace btsf {

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

}  // namespace btsf
