#pragma once
#include "cli_common.h"

#include <string>
#include <vector>

namespace btsf::cli {

// btsf-cli runs list ROOT | runs compare RUN...: the workbench's Runs list and
// its comparison table, headless.
struct RunsCommandOptions {
    std::string root;               // list: the folder holding the runs
    std::vector<std::string> runs;  // compare: run folders
    bool csv = false;
};

void add_runs_command(CLI::App& app, RunsCommandOptions& options);
int run_runs(const CLI::App& app, const RunsCommandOptions& options);

}  // namespace btsf::cli
