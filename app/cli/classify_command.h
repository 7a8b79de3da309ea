#pragma once
#include "cli_common.h"

#include <string>
#include <vector>

namespace btsf::cli {

struct ClassifyOptions {
    CommonOptions common;
    std::string probe = "svm";  // linear | svm | both
    bool baselines = true;
};

void add_classify_command(CLI::App& app, ClassifyOptions& options);
int run_classify(const ClassifyOptions& options, const std::string& command_line);

}  // namespace btsf::cli
