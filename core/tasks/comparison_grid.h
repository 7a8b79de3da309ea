#pragma once
// The augmentation and ablation grid (spec §10, paper Fig. 3 and Table 6):
// every (dataset, augmentation, fusion, seed) cell trains BTSF and scores one
// probe. Finished cells are kept as small JSON files, so an interrupted grid
// resumes where it stopped. Summaries: mean ± std per cell, and across
// datasets the average ranks, a Friedman test and the Nemenyi critical
// difference (io/grid_report).
#include "io/grid_record.h"  // GridCell
#include "io/grid_report.h"  // write_comparison_reports, for every caller of the grid
#include "model/btsf_config.h"
#include "train/train_types.h"

#include <functional>
#include <string>
#include <vector>

namespace btsf {

struct CompareOptions {
    BtsfConfig base;                    // everything but augmentation, fusion and seed
    std::vector<std::string> datasets;  // as load_classification takes them
    std::vector<std::string> augmentations;
    std::vector<std::string> fusions;
    int seeds = 3;  // seeds 0 .. seeds-1
    std::string probe = "svm";
    std::string device = "auto";
    std::string data_root;
    std::string out;  // cells/ and the reports go here
    // This process runs cell k (in the grid's fixed order: dataset, augmentation,
    // fusion, seed) only when k % shards == shard. Shards never share a cell, so
    // any number may run at once on one results folder (a shared filesystem
    // across machines); a run with shards = 1 then assembles the whole grid.
    int shard = 0;
    int shards = 1;
};

// The augmentations a grid can compare: dropout, layerwise-dropout (dropout
// views plus dropout inside the encoders, the paper's Table 6 row; rate
// `layerwise_dropout`, 0.1 when the base config leaves it at 0), then the
// twelve Iwana & Uchida methods.
const std::vector<std::string>& grid_augmentation_names();

// The config of one cell. The spectral-only ablation has no temporal encoder,
// so its step-level loss (timestamp_loss) is switched off there.
BtsfConfig cell_config(const BtsfConfig& base, const std::string& augmentation, const std::string& fusion,
                       unsigned long long seed);

// Runs every cell of this shard not yet kept under out/cells; returns this
// shard's cells (kept and new).
// on_cell is called after each new cell with (cell, done, total).
std::vector<GridCell> run_comparison_grid(const CompareOptions& options,
                                          const std::function<void(const GridCell&, int, int)>& on_cell = {},
                                          const TrainCallbacks& callbacks = {}, const CancelToken* cancel = nullptr);

}  // namespace btsf
