#pragma once
// The files of a comparison grid (btsf-cli compare, the Compare tab): one JSON
// file per finished cell (<out>/cells/<dataset>/<augmentation>__<fusion>__s<seed>.json)
// and compare.json, the summary. Their one writer and one reader; torch-free,
// so the workbench reads them without the training code.
#include <string>
#include <vector>

namespace btsf {

struct GridCell {
    std::string dataset, augmentation, fusion;
    unsigned long long seed = 0;
    double accuracy = 0, auprc = 0, seconds = 0;
    std::string method() const { return augmentation + " / " + fusion; }
};

// Where a cell is kept under a grid's folder.
std::string grid_cell_path(const std::string& out, const GridCell& cell);

// Writes a finished cell with the probe and the config (config_to_json text)
// that made it.
void write_grid_cell(const std::string& path, const GridCell& cell, const std::string& probe,
                     const std::string& config_json);

// The cell kept at path when it was made with this config and probe (cells
// kept before the config was recorded are trusted); false when there is none
// or it was made otherwise. Throws std::runtime_error naming the file when it
// is malformed.
bool read_grid_cell(const std::string& path, const std::string& config_json, const std::string& probe, GridCell& cell);

// The cells listed in <out>/compare.json; throws std::runtime_error naming the
// file when it is missing or malformed.
std::vector<GridCell> read_comparison_cells(const std::string& compare_json_path);

}  // namespace btsf
