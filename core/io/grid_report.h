#pragma once
// The reports of a comparison grid, written from its cells: mean ± std per
// cell and, across datasets, the average ranks, a Friedman test and the
// Nemenyi critical difference (numerics/rank_statistics). Torch-free.
#include "io/grid_record.h"

#include <string>
#include <vector>

namespace btsf {

// compare.json, compare.md and, with two or more datasets, cd-diagram.svg,
// each written atomically under out.
void write_comparison_reports(const std::string& out, const std::vector<GridCell>& cells, const std::string& command);

}  // namespace btsf
