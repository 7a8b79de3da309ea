#pragma once
// Torch-side state behind Trainer. Only core translation units include this.
#include "model/btsf_net.h"

#include <torch/optim/adam.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace btsf {

struct TrainingState {
    BtsfConfig config;
    int data_channels = 1;
    torch::Device device{torch::kCPU};
    BtsfNet net{nullptr};
    std::unique_ptr<torch::optim::Adam> optimizer;
    int iteration = 0;
    std::vector<float> losses;
    std::map<std::string, std::string> metadata;

    // Builds net + optimizer for config on device, weights seeded from config.seed.
    static std::unique_ptr<TrainingState> create(const BtsfConfig& config, int data_channels,
                                                 const torch::Device& device);
    // negatives = variables turns each variable into its own univariate instance.
    bool per_variable() const { return config.negatives == "variables"; }
};

}  // namespace btsf
