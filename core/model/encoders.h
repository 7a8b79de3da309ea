#pragma once
// The two encoders of spec §3. Both map B x C x T input to B x d x (m | n).
#include "model/btsf_config.h"
#include "model/conv_blocks.h"

#include <string>

namespace btsf {

// EncoderA: Conv1d(C->d, 1), K_t dilated residual blocks (dilation 2^i),
// then masked AdaptiveMaxPool1d(m) -> F_t (B x d x m). The config keys
// temporal_padding, temporal_out, latent_mask and repr_dropout turn it into
// TS2Vec's encoder (same padding, a final block to temporal_out channels,
// timestamp masking after the input projection, dropout on the output).
class TemporalEncoderImpl : public torch::nn::Module {
public:
    TemporalEncoderImpl(int in_channels, const BtsfConfig& config);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& time_mask);
    // The per-step features before pooling, B x D x T (D = temporal_out or d).
    // time_mask (B x T bool, or undefined) marks observed steps; with latent
    // masking on, unobserved steps are zeroed in latent space as masked ones are.
    torch::Tensor forward_steps(const torch::Tensor& x, const torch::Tensor& time_mask = {});
    torch::Tensor pool(const torch::Tensor& steps, const torch::Tensor& time_mask);

private:
    torch::nn::Conv1d m_input{nullptr};
    torch::nn::ModuleList m_blocks;
    int m_positions;
    double m_latent_mask;
    double m_repr_dropout;
};
TORCH_MODULE(TemporalEncoder);

// EncoderB: rfft over time (ortho), input features per `spectral_input`
// (complex: real and imag as 2C channels; mag; logmag), while training each
// frequency bin zeroed with probability `freq_mask`, Conv1d(->d, 1), K_s
// same-padded residual blocks, AdaptiveMaxPool1d(n) -> F_s (B x d x n).
class SpectralEncoderImpl : public torch::nn::Module {
public:
    SpectralEncoderImpl(int in_channels, const BtsfConfig& config);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv1d m_input{nullptr};
    torch::nn::ModuleList m_blocks;
    std::string m_spectral_input;
    int m_positions;
    double m_freq_mask;
};
TORCH_MODULE(SpectralEncoder);

}  // namespace btsf
