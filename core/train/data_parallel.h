#pragma once
// Data-parallel training over PyTorch's c10d (TCPStore rendezvous, Gloo on the
// CPU, NCCL where LibTorch was built with CUDA). A process joins when the
// torchrun variables are set (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR,
// MASTER_PORT), so torchrun, Slurm's srun and `btsf-cli launch` start it alike.
// Like torch.distributed's default group, the group is one per process: every
// Trainer::fit in it trains data-parallel. The header holds no torch types.
#include <cstdint>
#include <optional>
#include <string>

namespace btsf {

struct DataParallelEnv {
    int rank = 0;
    int world_size = 1;
    int local_rank = 0;
    std::string master_addr = "127.0.0.1";
    int master_port = 29500;
    // Rendezvous and every collective give up after this long (a rank that
    // died or hangs makes the others fail, never wait for ever).
    double timeout_seconds = 300;
};

// The variables of the environment, or nothing when WORLD_SIZE is unset or 1.
// A malformed value (RANK=x, RANK >= WORLD_SIZE, a port out of range) throws
// std::invalid_argument naming the variable. BTSF_DIST_TIMEOUT sets the timeout.
std::optional<DataParallelEnv> data_parallel_from_environment();

// Joins the group (blocks until every rank has arrived, or the timeout).
// device: "cpu" (Gloo) or "cuda" (NCCL, in CUDA builds of LibTorch).
void join_data_parallel(const DataParallelEnv& env, const std::string& device);
bool data_parallel_active();
int data_parallel_rank();        // 0 outside a group
int data_parallel_world_size();  // 1 outside a group

// What this rank has sent through collectives so far, for the scaling report.
struct CommunicationVolume {
    std::uint64_t allreduce_bytes = 0;
    std::uint64_t allgather_bytes = 0;  // this rank's contribution
    std::uint64_t collectives = 0;
};
CommunicationVolume data_parallel_volume();

}  // namespace btsf
