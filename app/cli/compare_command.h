#pragma once
#include "cli_common.h"

#include <string>
#include <vector>

namespace btsf::cli {

struct CompareCommandOptions {
    CommonOptions common;  // common.dataset unused: datasets below
    std::vector<std::string> datasets;
    std::vector<std::string> augmentations = {"dropout"};
    std::vector<std::string> fusions = {"iterative"};
    int seeds = 3;
    std::string probe = "svm";
    std::string shard;  // "K/N": run the K-th of N shares of the cells (0 <= K < N)
};

struct AgreementCommandOptions {
    std::string checkpoint, dataset, data_root, out = "btsf-agreement", device = "auto", probe = "svm";
    int threads = 0;
};

void add_compare_command(CLI::App& app, CompareCommandOptions& options);
int run_compare(const CompareCommandOptions& options, const std::string& command_line);
void add_agreement_command(CLI::App& app, AgreementCommandOptions& options);
int run_agreement(const AgreementCommandOptions& options);

}  // namespace btsf::cli
