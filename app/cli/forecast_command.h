#pragma once
#include "cli_common.h"

#include <string>
#include <vector>

namespace btsf::cli {

struct ForecastCommandOptions {
    CommonOptions common;
    std::string target = "OT";
    bool multivariate = false;
    std::vector<int> horizons;  // empty: the dataset's usual ones
    int lookback = 200;
    bool baselines = true;
    bool standardise = false;
    std::string series_readout = "last";
    std::string predictions = "all";  // all | btsf | none
};

void add_forecast_command(CLI::App& app, ForecastCommandOptions& options);
int run_forecast(const ForecastCommandOptions& options, const std::string& command_line);

// A CSV path, demo:NAME, or a bare name found as <root>/ett/<Name>.csv or <root>/<Name>.csv.
std::string resolve_forecast_dataset(const std::string& dataset, const std::string& data_root);

}  // namespace btsf::cli
