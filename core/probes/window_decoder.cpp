#include "probes/window_decoder.h"

#include "numerics/matrix_tensor.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>

#include <stdexcept>

namespace btsf {

struct WindowDecoder::Impl {
    DecoderOptions options;
    torch::Device device{torch::kCPU};
    torch::nn::Sequential net{nullptr};
    at::Tensor mean, inv_std;  // 1 x D, of the training features

    at::Tensor features(const Matrix& m) const
    {
        auto x = matrix_view(m, "decoder").to(device);
        return mean.defined() ? (x - mean) * inv_std : x;
    }
};

WindowDecoder::WindowDecoder(const DecoderOptions& options) : m_impl(std::make_unique<Impl>())
{
    m_impl->options = options;
    m_impl->device = torch::Device(options.device);
}

WindowDecoder::~WindowDecoder() = default;

void WindowDecoder::fit(const Matrix& features, const Matrix& targets)
{
    auto& s = *m_impl;
    if (features.rows != targets.rows || features.rows == 0)
        throw std::invalid_argument("decoder: features and targets must have the same, non-zero number of rows");
    torch::manual_seed(s.options.seed);
    s.mean = at::Tensor();
    const auto raw = s.features(features);
    s.mean = raw.mean(0, true);
    s.inv_std = 1.0 / raw.std(0, /*unbiased=*/false, true).clamp_min(1e-6);
    const auto x = (raw - s.mean) * s.inv_std;
    const auto y = matrix_view(targets, "decoder").to(s.device);
    s.net = torch::nn::Sequential(torch::nn::Linear(int64_t(features.cols), s.options.hidden), torch::nn::ReLU(),
                                  torch::nn::Linear(s.options.hidden, s.options.hidden), torch::nn::ReLU(),
                                  torch::nn::Linear(s.options.hidden, int64_t(targets.cols)));
    s.net->to(s.device);
    torch::optim::Adam optimizer(s.net->parameters(), torch::optim::AdamOptions(s.options.lr));
    const int64_t n = x.size(0);
    for (int epoch = 0; epoch < s.options.epochs; ++epoch) {
        const auto order = at::randperm(n, at::TensorOptions().dtype(at::kLong).device(s.device));
        for (int64_t begin = 0; begin < n; begin += s.options.batch) {
            const auto index = order.narrow(0, begin, std::min<int64_t>(s.options.batch, n - begin));
            const auto loss = (s.net->forward(x.index_select(0, index)) - y.index_select(0, index)).pow(2).mean();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
    }
    s.net->eval();
}

Matrix WindowDecoder::predict(const Matrix& features) const
{
    auto& s = *m_impl;
    if (!s.net) throw std::logic_error("decoder: predict before fit");
    at::NoGradGuard no_grad;
    return tensor_to_matrix(s.net->forward(s.features(features)));
}

}  // namespace btsf
