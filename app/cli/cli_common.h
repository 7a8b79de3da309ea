#pragma once
// Pieces every btsf-cli subcommand shares: options, logging, data, config.
#include "data/dataset.h"
#include "data/normalize.h"
#include "model/btsf_config.h"

#include <functional>
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
    bool force = false;   // replace the run that --out holds
};

void add_common_options(CLI::App& command, CommonOptions& options);
// --force, for the commands that write a run folder (classify, forecast, detect).
void add_force_option(CLI::App& command, CommonOptions& options);

// stdout + <out>/<log_name> (stderr is kept for errors and the progress bar). Call once per command, after options are
// parsed.
void setup_logging(const std::string& out_dir, const std::string& log_name = "btsf.log");
// Runs body(folder) with the log and every file in a staging folder beside
// `out`, moved into place when body returns; a failure keeps `out` as it was and
// the log in <out>.failed (io/staged_run_folder.h). Returns body's result.
// On a worker rank of a data-parallel group (RANK > 0) nothing is written:
// body("") runs with the log on the console only, and returns after training.
int run_in_staged_folder(const std::string& out, bool force, const std::string& task, const std::string& command_line,
                         const std::function<int(const std::string& folder)>& body);
// For commands that add files to a folder (compare, encode, agreement): refuses
// a folder that holds a run of a task (run.json), so their files never mix with it.
void refuse_run_folder(const std::string& out, const std::string& command);
// True on a worker rank of a data-parallel group (train/data_parallel.h).
bool worker_rank();
// Sets the thread count and picks the device; logs both. Joins the
// data-parallel group when the torchrun variables are set.
std::string prepare_runtime(const CommonOptions& options);
BtsfConfig resolve_config(const CommonOptions& options);
ClassificationData load_dataset(const std::string& dataset, const std::string& data_root);

}  // namespace btsf::cli
