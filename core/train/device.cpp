#include "train/device.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <stdexcept>

namespace btsf {

bool cuda_available() { return torch::cuda::is_available(); }

DeviceChoice choose_device(const std::string& requested)
{
    const bool cuda = cuda_available();
    if (requested == "cpu")
        return {"cpu", "requested"};
    if (requested == "cuda") {
        if (!cuda)
            throw std::runtime_error("--device cuda: this LibTorch has no CUDA or no GPU is visible");
        return {"cuda", "requested"};
    }
    if (requested != "auto" && !requested.empty())
        throw std::runtime_error("unknown device '" + requested + "' (use auto, cpu or cuda)");
    if (cuda)
        return {"cuda", "a CUDA GPU is available"};
    return {"cpu", "LibTorch has no CUDA or no GPU is visible"};
}

void set_thread_count(int n)
{
    if (n > 0)
        at::set_num_threads(n);
}

int thread_count() { return at::get_num_threads(); }

}  // namespace btsf
