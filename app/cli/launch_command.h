#pragma once
#include "cli_common.h"

#include <string>
#include <vector>

namespace btsf::cli {

struct LaunchOptions {
    int nproc = 2;
    int master_port = 0;               // 0: a free port of this machine
    int threads_per_rank = 0;          // 0: the cores divided among the ranks
    std::vector<std::string> command;  // classify|forecast|detect and its options
};

void add_launch_command(CLI::App& app, LaunchOptions& options);
// Starts options.nproc ranks of this program on this machine, like
// `torchrun --standalone`: each gets RANK, WORLD_SIZE, LOCAL_RANK,
// LOCAL_WORLD_SIZE, MASTER_ADDR and MASTER_PORT. SIGINT, SIGTERM and SIGHUP are
// forwarded to every rank; when one rank fails the others are stopped. Returns
// 0 when every rank succeeded, else the first failure's status (128 + signal).
int run_launch(const LaunchOptions& options);

}  // namespace btsf::cli
