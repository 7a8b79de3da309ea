#pragma once
#include "cli_common.h"

namespace btsf::cli {

struct EncodeOptions {
    std::string checkpoint;
    std::string dataset;
    std::string data_root;
    std::string out = "btsf-encode";
    std::string device = "auto";
    int threads = 0;
};

void add_encode_command(CLI::App& app, EncodeOptions& options);
int run_encode(const EncodeOptions& options);

}  // namespace btsf::cli
