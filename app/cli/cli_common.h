#pragma once
// Pieces every btsf-cli subcommand shares: options, logging, data, config.
#include "data/dataset.h"
#include "data/normalize.h"
#include "model/btsf_config.h"

#include <string>

namespace CLI {
class App;
}

namespace btsf::cli {

struct CommonOptions {
    std::string dataset;
    std::string data_root;
    std::string out = "btsf-run";
    std::string device = "auto";
    std::string config_file;
    std::string preset = "default";
    long long seed = -1;  // -1: keep the config's
    int iters = -1;       // -1: keep the config's (0 = the TS2Vec rule)
    int threads = 0;      // 0: LibTorch's choice
};

void add_common_options(CLI::App& command, CommonOptions& options);

// stdout + <out>/btsf.log (stderr is kept for errors and the progress bar). Call once per command, after options are parsed.
void setup_logging(const std::string& out_dir);
// Sets the thread count and picks the device; logs both.
std::string prepare_runtime(const CommonOptions& options);
BtsfConfig resolve_config(const CommonOptions& options);
ClassificationData load_dataset(const std::string& dataset, const std::string& data_root);

}  // namespace btsf::cli
