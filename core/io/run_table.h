#pragma once
// Runs side by side (issue 17): one row per run folder, the config keys whose
// values differ between the runs, then every score its metrics.json holds
// (probe accuracy and AUPRC, each baseline, forecast MSE and MAE per horizon,
// anomaly F1 in both views; oracle figures are left out). btsf-cli runs
// compare prints it; the workbench's comparison reads the same table.
// Torch-free, from the run files alone.
#include <cstddef>
#include <string>
#include <vector>

namespace btsf {

struct RunTable {
    // "run", then the differing config keys, then the metric columns.
    std::vector<std::string> columns;
    std::size_t config_columns = 0;
    std::vector<std::vector<std::string>> text;  // one row per run, one cell per column ("" where absent)
    // Per metric column (columns past 1 + config_columns): the value per run
    // (NaN where absent) and which way is better (mse and mae: lower).
    std::vector<std::vector<double>> values;
    std::vector<bool> lower_is_better;

    std::size_t first_metric() const { return 1 + config_columns; }
    // The row holding the best value of metric column m (counted from 0), or -1.
    int best_row(std::size_t m) const;
};

// Reads each folder's metrics.json and config.json (a run without config.json
// has no config cells). Throws std::runtime_error naming the file that is
// missing or malformed.
RunTable compare_runs(const std::vector<std::string>& folders);

// Aligned text, best value of each metric column marked with '*'.
std::string run_table_text(const RunTable& table);
// RFC 4180 CSV: a header row, then one row per run; no marks.
std::string run_table_csv(const RunTable& table);

}  // namespace btsf
