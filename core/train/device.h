#pragma once
#include <string>

namespace btsf {

struct DeviceChoice {
    std::string name;    // "cpu" or "cuda"
    std::string reason;  // why, in words, for the log and the GUI
};

// "auto" picks cuda when LibTorch was built with it and a GPU is visible.
// Asking for "cuda" where there is none throws std::runtime_error.
DeviceChoice choose_device(const std::string& requested);
bool cuda_available();

// Sets how this process computes on the CPU, once, before any training:
// LibTorch's intra-op thread count (n <= 0: one per hardware thread, divided
// among the LOCAL_WORLD_SIZE ranks of a data-parallel group), a single
// OpenBLAS thread, and an allocator that keeps freed memory for the next step.
void set_thread_count(int n);
int thread_count();

}  // namespace btsf
