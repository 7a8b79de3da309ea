#pragma once
#include "cli_common.h"

#include <string>

namespace btsf::cli {

struct DetectCommandOptions {
    CommonOptions common;
    int window = 100;
    int stride = 0;
    std::string threshold = "sigma:3";
    bool baselines = true;
};

void add_detect_command(CLI::App& app, DetectCommandOptions& options);
int run_detect(const DetectCommandOptions& options, const std::string& command_line);

}  // namespace btsf::cli
