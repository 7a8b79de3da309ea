#pragma once
// Torch-side state behind Trainer. Only core translation units include this.
#include "model/btsf_net.h"

#include <torch/optim/optimizer.h>

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
    // With config.weight_averaging: the equal-weight mean of net's initial
    // weights and its weights after every step, the model that encodes.
    BtsfNet averaged{nullptr};
    int64_t averaged_steps = 0;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    int iteration = 0;
    std::vector<float> losses;
    std::map<std::string, std::string> metadata;

    // Builds net + optimizer for config on device, weights seeded from config.seed.
    static std::unique_ptr<TrainingState> create(const BtsfConfig& config, int data_channels,
                                                 const torch::Device& device);
    // negatives = variables turns each variable into its own univariate instance.
    bool per_variable() const { return config.negatives == "variables"; }
    // The model that encodes: the weight average when it is kept, else net.
    BtsfNet& encoder() { return averaged ? averaged : net; }
    // averaged <- averaged + (net - averaged) / (steps + 1); steps counts the models averaged.
    void update_average();
};

}  // namespace btsf
