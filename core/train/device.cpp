#include "train/device.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace btsf {

bool cuda_available()
{
    return torch::cuda::is_available();
}

DeviceChoice choose_device(const std::string& requested)
{
    const bool cuda = cuda_available();
    if (requested == "cpu") return {"cpu", "requested"};
    if (requested == "cuda") {
        if (!cuda) throw std::runtime_error("--device cuda: this LibTorch has no CUDA or no GPU is visible");
        return {"cuda", "requested"};
    }
    if (requested != "auto" && !requested.empty())
        throw std::runtime_error("unknown device '" + requested + "' (use auto, cpu or cuda)");
    if (cuda) return {"cuda", "a CUDA GPU is available"};
    return {"cpu", "LibTorch has no CUDA or no GPU is visible"};
}

namespace {
// LibTorch parallelises its kernels on its own pool, and OpenBLAS (Debian's
// libopenblas0-pthread) keeps a second pool whose idle workers spin in
// sched_yield on the same cores. With two LibTorch threads on the 2-core
// machine, one BLAS thread took 30 StandWalkJump steps from 16.5 s to 12.3 s,
// with the same loss (allocator change below in both).
// The symbol is looked up at run time: another BLAS may be installed.
void use_one_blas_thread()
{
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(1);
}

// Each training step frees and reallocates the same large activations. By
// default glibc serves these from fresh mmaps and returns them at once, so
// every step pays page faults and page clearing; keeping up to 256 MiB of
// freed heap, and only mapping blocks over 32 MiB, took the same 30 steps
// from 13.9 s to 12.3 s (one BLAS thread in both).
void keep_freed_memory()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}
}  // namespace

void set_thread_count(int n)
{
    // LibTorch's own default here is a single thread. Ranks of a data-parallel
    // group on one machine (torchrun and `btsf-cli launch` set LOCAL_WORLD_SIZE)
    // share its cores.
    if (n <= 0) {
        const char* local = std::getenv("LOCAL_WORLD_SIZE");
        const int ranks = local ? std::max(1, std::atoi(local)) : 1;
        n = std::max(1, int(std::thread::hardware_concurrency()) / ranks);
    }
    at::set_num_threads(n);
    use_one_blas_thread();
    keep_freed_memory();
}

int thread_count()
{
    return at::get_num_threads();
}

}  // namespace btsf
