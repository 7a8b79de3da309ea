#include "model/encoders.h"

#include <torch/fft.h>

namespace btsf {

TemporalEncoderImpl::TemporalEncoderImpl(int in_channels, int d, int m, int blocks, double layer_dropout)
    : m_positions(m)
{
    m_input = register_module("input", torch::nn::Conv1d(torch::nn::Conv1dOptions(in_channels, d, 1)));
    for (int i = 0; i < blocks; ++i)
        m_blocks->push_back(DilatedResidualBlock(d, 1 << i, layer_dropout));
    register_module("blocks", m_blocks);
}

torch::Tensor TemporalEncoderImpl::forward_steps(const torch::Tensor& x)
{
    auto h = m_input->forward(x);  // B x d x T
    for (const auto& block : *m_blocks)
        h = block->as<DilatedResidualBlock>()->forward(h);
    return h;
}

torch::Tensor TemporalEncoderImpl::pool(const torch::Tensor& steps, const torch::Tensor& time_mask)
{
    return masked_adaptive_max_pool(steps, time_mask, m_positions);  // B x d x m
}

torch::Tensor TemporalEncoderImpl::forward(const torch::Tensor& x, const torch::Tensor& time_mask)
{
    return pool(forward_steps(x), time_mask);
}

namespace {
int spectral_channels(int in_channels, const std::string& spectral_input)
{
    return spectral_input == "complex" ? 2 * in_channels : in_channels;
}
}  // namespace

SpectralEncoderImpl::SpectralEncoderImpl(int in_channels, int d, int n, int blocks,
                                         const std::string& spectral_input, double layer_dropout)
    : m_spectral_input(spectral_input), m_positions(n)
{
    m_input = register_module(
        "input", torch::nn::Conv1d(torch::nn::Conv1dOptions(spectral_channels(in_channels, spectral_input), d, 1)));
    for (int i = 0; i < blocks; ++i)
        m_blocks->push_back(SameResidualBlock(d, layer_dropout));
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
    auto h = m_input->forward(features.contiguous());
    for (const auto& block : *m_blocks)
        h = block->as<SameResidualBlock>()->forward(h);
    return std::get<0>(torch::adaptive_max_pool1d(h, {m_positions}));  // B x d x n
}

}  // namespace btsf
