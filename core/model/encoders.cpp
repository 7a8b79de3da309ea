#include "model/encoders.h"

#include "model/row_noise.h"

#include <torch/fft.h>

namespace btsf {

TemporalEncoderImpl::TemporalEncoderImpl(int in_channels, const BtsfConfig& c)
    : m_positions(c.m), m_latent_mask(c.latent_mask), m_repr_dropout(c.repr_dropout)
{
    const bool causal = c.temporal_padding == "causal";
    m_input = register_module("input", torch::nn::Conv1d(torch::nn::Conv1dOptions(in_channels, c.d, 1)));
    for (int i = 0; i < c.temporal_blocks; ++i)
        m_blocks->push_back(DilatedResidualBlock(c.d, 1 << i, c.layerwise_dropout, causal));
    if (c.temporal_out > 0)
        m_blocks->push_back(DilatedResidualBlock(c.d, 1 << c.temporal_blocks, c.layerwise_dropout, causal,
                                                 c.temporal_out, /*project=*/true));
    register_module("blocks", m_blocks);
}

torch::Tensor TemporalEncoderImpl::forward_steps(const torch::Tensor& x, const torch::Tensor& time_mask)
{
    auto h = m_input->forward(x);  // B x d x T
    if (m_latent_mask > 0) {
        // Keep each step with probability 1 - p (TS2Vec's binomial mask), the
        // same mask for all channels; no rescaling, as TS2Vec does.
        auto keep = is_training() ? bernoulli_rows({h.size(0), h.size(2)}, 1.0 - m_latent_mask, h.options())
                                  : torch::ones({h.size(0), h.size(2)}, h.options());
        if (time_mask.defined()) keep = keep * time_mask.to(h.scalar_type());
        if (is_training() || time_mask.defined()) h = h * keep.unsqueeze(1);
    }
    for (const auto& block : *m_blocks) h = block->as<DilatedResidualBlock>()->forward(h);
    if (m_repr_dropout > 0) h = dropout_rows(h, m_repr_dropout, is_training());
    return h;
}

torch::Tensor TemporalEncoderImpl::pool(const torch::Tensor& steps, const torch::Tensor& time_mask)
{
    return masked_adaptive_max_pool(steps, time_mask, m_positions);  // B x d x m
}

torch::Tensor TemporalEncoderImpl::forward(const torch::Tensor& x, const torch::Tensor& time_mask)
{
    return pool(forward_steps(x, time_mask), time_mask);
}

namespace {
int spectral_channels(int in_channels, const std::string& spectral_input)
{
    return spectral_input == "complex" ? 2 * in_channels : in_channels;
}
}  // namespace

SpectralEncoderImpl::SpectralEncoderImpl(int in_channels, const BtsfConfig& c)
    : m_spectral_input(c.spectral_input), m_positions(c.n), m_freq_mask(c.freq_mask)
{
    m_input = register_module(
        "input", torch::nn::Conv1d(torch::nn::Conv1dOptions(spectral_channels(in_channels, c.spectral_input), c.d, 1)));
    for (int i = 0; i < c.spectral_blocks; ++i) m_blocks->push_back(SameResidualBlock(c.d, c.layerwise_dropout));
    register_module("blocks", m_blocks);
}

torch::Tensor SpectralEncoderImpl::forward(const torch::Tensor& x)
{
    // B x C x (T/2+1), complex
    const auto spectrum = torch::fft::rfft(x, c10::nullopt, /*dim=*/-1, "ortho");
    torch::Tensor features;
    if (m_spectral_input == "complex")
        features = torch::cat({torch::real(spectrum), torch::imag(spectrum)}, 1);  // B x 2C x F
    else if (m_spectral_input == "mag")
        features = torch::abs(spectrum);
    else
        features = torch::log1p(torch::abs(spectrum));
    if (m_freq_mask > 0 && is_training()) {
        const auto keep =
            bernoulli_rows({features.size(0), 1, features.size(2)}, 1.0 - m_freq_mask, features.options());
        features = features * keep;
    }
    auto h = m_input->forward(features.contiguous());
    for (const auto& block : *m_blocks) h = block->as<SameResidualBlock>()->forward(h);
    return std::get<0>(torch::adaptive_max_pool1d(h, {m_positions}));  // B x d x n
}

}  // namespace btsf
