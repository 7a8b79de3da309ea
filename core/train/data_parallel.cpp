#include "train/data_parallel.h"

#include "train/data_parallel_ops.h"

#include <torch/csrc/autograd/custom_function.h>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <ATen/ATen.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace btsf {

namespace {
struct Group {
    DataParallelEnv env;
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroup> group;
    CommunicationVolume volume;
};
Group* g_group = nullptr;  // one per process, never freed (as torch.distributed's default group)

// 2^22 floats (16 MB) per all-reduce: few enough calls for the small models
// here, bounded extra memory for large ones.
constexpr int64_t kBucketElements = int64_t(1) << 22;

int int_variable(const char* name, int fallback, int min, int max)
{
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (*end != '\0' || v < min || v > max)
        throw std::invalid_argument(std::string(name) + "=" + text + ": expected an integer in [" +
                                    std::to_string(min) + ", " + std::to_string(max) + "]");
    return int(v);
}

bool loopback(const std::string& addr)
{
    return addr == "localhost" || addr.rfind("127.", 0) == 0 || addr == "::1";
}

void wait(const c10::intrusive_ptr<c10d::Work>& work)
{
    const auto timeout = std::chrono::milliseconds(int64_t(g_group->env.timeout_seconds * 1000));
    try {
        work->wait(timeout);
    } catch (const std::exception& e) {
        const std::string what = e.what();
        throw std::runtime_error(
            "data-parallel rank " + std::to_string(g_group->env.rank) +
            ": a collective failed (another rank exited or timed out): " + what.substr(0, what.find('\n')));
    }
    ++g_group->volume.collectives;
}

struct AllGatherRows : torch::autograd::Function<AllGatherRows> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& local)
    {
        ctx->saved_data["rows"] = local.size(0);
        std::vector<at::Tensor> input{local.detach().contiguous()};
        std::vector<std::vector<at::Tensor>> output(1);
        for (int r = 0; r < g_group->env.world_size; ++r) output[0].push_back(at::empty_like(input[0]));
        wait(g_group->group->allgather(output, input));
        g_group->volume.allgather_bytes += std::uint64_t(input[0].numel() * input[0].element_size());
        return at::cat(output[0], 0);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads)
    {
        const int64_t rows = ctx->saved_data["rows"].toInt();
        return {grads[0].narrow(0, int64_t(g_group->env.rank) * rows, rows)};
    }
};
}  // namespace

std::optional<DataParallelEnv> data_parallel_from_environment()
{
    DataParallelEnv env;
    env.world_size = int_variable("WORLD_SIZE", 1, 1, 1 << 20);
    if (env.world_size == 1) return std::nullopt;
    if (!std::getenv("RANK"))
        throw std::invalid_argument("WORLD_SIZE=" + std::to_string(env.world_size) + " is set but RANK is not");
    env.rank = int_variable("RANK", 0, 0, env.world_size - 1);
    env.local_rank = int_variable("LOCAL_RANK", 0, 0, 1 << 20);
    env.master_port = int_variable("MASTER_PORT", env.master_port, 1, 65535);
    if (const char* addr = std::getenv("MASTER_ADDR"); addr && *addr) env.master_addr = addr;
    env.timeout_seconds = int_variable("BTSF_DIST_TIMEOUT", int(env.timeout_seconds), 1, 86400);
    return env;
}

void join_data_parallel(const DataParallelEnv& env, const std::string& device)
{
    if (g_group) throw std::logic_error("join_data_parallel: this process is already in a group");
    const auto timeout = std::chrono::milliseconds(int64_t(env.timeout_seconds * 1000));
    auto group = std::make_unique<Group>();
    group->env = env;
    c10d::TCPStoreOptions store_options;
    store_options.port = std::uint16_t(env.master_port);
    // torchrun's agent hosts the store itself and says so; otherwise rank 0 does.
    const char* agent = std::getenv("TORCHELASTIC_USE_AGENT_STORE");
    store_options.isServer = env.rank == 0 && !(agent && std::string(agent) == "True");
    store_options.numWorkers = env.world_size;
    store_options.waitWorkers = true;  // every rank counts itself in; the server waits for all
    store_options.timeout = timeout;
    const std::string where = env.master_addr + ":" + std::to_string(env.master_port);
    try {
        group->store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, store_options);
        if (device == "cuda") {
#ifdef USE_C10D_NCCL
            auto options = c10d::ProcessGroupNCCL::Options::create();
            options->timeout = timeout;
            group->group = c10::make_intrusive<c10d::ProcessGroupNCCL>(group->store, env.rank, env.world_size, options);
#else
            throw std::runtime_error("this LibTorch has no NCCL; train data-parallel with --device cpu");
#endif
        } else {
            auto options = c10d::ProcessGroupGloo::Options::create();
            options->timeout = timeout;
            options->devices.push_back(loopback(env.master_addr)
                                           ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                           : c10d::ProcessGroupGloo::createDefaultDevice());
            group->group = c10::make_intrusive<c10d::ProcessGroupGloo>(group->store, env.rank, env.world_size, options);
        }
    } catch (const std::exception& e) {
        const std::string what = e.what();
        throw std::runtime_error("data-parallel rank " + std::to_string(env.rank) + " of " +
                                 std::to_string(env.world_size) + ": cannot join the group at " + where + ": " +
                                 what.substr(0, what.find('\n')));
    }
    g_group = group.release();
}

bool data_parallel_active()
{
    return g_group != nullptr;
}
int data_parallel_rank()
{
    return g_group ? g_group->env.rank : 0;
}
int data_parallel_world_size()
{
    return g_group ? g_group->env.world_size : 1;
}
CommunicationVolume data_parallel_volume()
{
    return g_group ? g_group->volume : CommunicationVolume{};
}

RowShare row_share(int64_t global_rows)
{
    if (!g_group) return {0, global_rows};
    const int64_t world = g_group->env.world_size;
    if (global_rows % world != 0)
        throw std::invalid_argument("a batch of " + std::to_string(global_rows) + " rows does not divide among " +
                                    std::to_string(world) +
                                    " ranks; choose batch_size (and the number of series) as a multiple of the ranks");
    const int64_t count = global_rows / world;
    return {count * g_group->env.rank, count};
}

at::Tensor all_gather_rows(const at::Tensor& local)
{
    if (!g_group) return local;
    return AllGatherRows::apply(local);
}

void all_reduce_gradients(const std::vector<at::Tensor>& parameters)
{
    if (!g_group) return;
    std::vector<at::Tensor> grads;
    for (const auto& p : parameters)
        if (p.grad().defined()) grads.push_back(p.grad());
    std::size_t first = 0;
    while (first < grads.size()) {
        std::size_t last = first;
        int64_t elements = 0;
        std::vector<at::Tensor> flat;
        while (last < grads.size() && (flat.empty() || elements + grads[last].numel() <= kBucketElements)) {
            flat.push_back(grads[last].reshape({-1}));
            elements += grads[last].numel();
            ++last;
        }
        std::vector<at::Tensor> bucket{at::cat(flat)};
        wait(g_group->group->allreduce(bucket));
        g_group->volume.allreduce_bytes += std::uint64_t(bucket[0].numel() * bucket[0].element_size());
        int64_t offset = 0;
        for (std::size_t i = first; i < last; ++i) {
            auto& g = grads[i];
            g.copy_(bucket[0].narrow(0, offset, g.numel()).view(g.sizes()));
            offset += g.numel();
        }
        first = last;
    }
}

}  // namespace btsf
