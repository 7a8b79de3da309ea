#pragma once
// The two encoders of spec §3. Both map B x C x T input to B x d x (m | n).
#include "model/conv_blocks.h"

#include <string>

namespace btsf {

// EncoderA: Conv1d(C->d, 1), K_t dilated causal residual blocks (dilation 2^i),
// then masked AdaptiveMaxPool1d(m) -> F_t (B x d x m).
class TemporalEncoderImpl : public torch::nn::Module {
public:
    TemporalEncoderImpl(int in_channels, int d, int m, int blocks, double layer_dropout);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& time_mask);
    // The per-step features before pooling, B x d x T.
    torch::Tensor forward_steps(const torch::Tensor& x);
    torch::Tensor pool(const torch::Tensor& steps, const torch::Tensor& time_mask);

private:
    torch::nn::Conv1d m_input{nullptr};
    torch::nn::ModuleList m_blocks;
    int m_positions;
};
TORCH_MODULE(TemporalEncoder);

// EncoderB: rfft over time (ortho), input features per `spectral_input`
// (complex: real and imag as 2C channels; mag; logmag), Conv1d(->d, 1), K_s
// same-padded residual blocks, AdaptiveMaxPool1d(n) -> F_s (B x d x n).
class SpectralEncoderImpl : public torch::nn::Module {
public:
    SpectralEncoderImpl(int in_channels, int d, int n, int blocks, const std::string& spectral_input,
                        double layer_dropout);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv1d m_input{nullptr};
    torch::nn::ModuleList m_blocks;
    std::string m_spectral_input;
    int m_positions;
};
TORCH_MODULE(SpectralEncoder);

}  // namespace btsf
