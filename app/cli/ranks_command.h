#pragma once
#include "cli_common.h"

namespace btsf::cli {

struct RanksCommandOptions {
    std::string table;  // CSV: dataset,method,... one row per dataset
    std::string svg;    // critical-difference diagram, when given
    std::string title;
    double alpha = 0.05;
};

void add_ranks_command(CLI::App& app, RanksCommandOptions& options);
int run_ranks(const RanksCommandOptions& options);

}  // namespace btsf::cli
