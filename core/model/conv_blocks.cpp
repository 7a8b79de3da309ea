#include "model/conv_blocks.h"

#include "model/row_noise.h"

#include <limits>

namespace btsf {
namespace F = torch::nn::functional;

CausalConv1dImpl::CausalConv1dImpl(int in_channels, int out_channels, int kernel, int dilation)
    : m_left_pad(int64_t(kernel - 1) * dilation)
{
    m_conv = register_module(
        "conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(in_channels, out_channels, kernel).dilation(dilation)));
}

torch::Tensor CausalConv1dImpl::forward(const torch::Tensor& x)
{
    return m_conv->forward(torch::constant_pad_nd(x, {m_left_pad, 0}, 0));
}

BiCausalConv1dImpl::BiCausalConv1dImpl(int channels, int kernel, int dilation) : m_kernel(kernel), m_dilation(dilation)
{
    m_forward = register_module("forward", CausalConv1d(channels, channels, kernel, dilation));
    m_backward = register_module("backward", CausalConv1d(channels, channels, kernel, dilation));
}

torch::Tensor BiCausalConv1dImpl::forward(const torch::Tensor& x)
{
    // causal_fwd(x) + flip(causal_bwd(flip(x))) is one centred conv of width
    // 2k-1: the backward kernel, reversed, covers the future taps and both
    // kernels share the centre tap. Building that kernel from the two learned
    // ones is exact and runs one conv over the activations instead of two plus
    // two flips (the fusion loops run it 2*K_b*L times per forward).
    const auto& wf = m_forward->weight();   // out x in x k, tap j reads x[t - (k-1-j)*dil]
    const auto& wb = m_backward->weight();  // tap j of the flipped input reads x[t + (k-1-j)*dil]
    const int64_t k = m_kernel;
    auto future = wb.flip({2}).narrow(2, 1, k - 1);                 // taps t+dil .. t+(k-1)dil
    auto centre = wf.narrow(2, k - 1, 1) + wb.narrow(2, k - 1, 1);  // tap t
    auto weight = torch::cat({wf.narrow(2, 0, k - 1), centre, future}, 2);
    auto bias = m_forward->bias() + m_backward->bias();
    const int64_t pad = (k - 1) * m_dilation;
    return torch::conv1d(x, weight, bias, /*stride=*/1, /*padding=*/pad, /*dilation=*/m_dilation);
}

DilatedConv1dImpl::DilatedConv1dImpl(int in_channels, int out_channels, int kernel, int dilation, bool causal)
    : m_left_pad(causal ? int64_t(kernel - 1) * dilation : 0)
{
    TORCH_CHECK(causal || kernel % 2 == 1, "a same-padded conv needs an odd kernel");
    auto options = torch::nn::Conv1dOptions(in_channels, out_channels, kernel).dilation(dilation);
    if (!causal) options.padding(int64_t(kernel - 1) / 2 * dilation);
    m_conv = register_module("conv", torch::nn::Conv1d(options));
}

torch::Tensor DilatedConv1dImpl::forward(const torch::Tensor& x)
{
    const auto& o = m_conv->options;
    const int64_t k = (*o.kernel_size())[0], dilation = (*o.dilation())[0];
    if (k > 1 && dilation >= x.size(2)) {
        // Every tap but one reads only padding (TS2Vec's last blocks have
        // dilations of 256..1024, far beyond most series): the conv is a 1x1
        // conv with the one tap that reads x[t] (the centre, or the last for a
        // causal conv). The padded taps contributed exact zeros, and their
        // weights still get their (zero) gradient through the slice.
        const int64_t tap = m_left_pad > 0 ? k - 1 : (k - 1) / 2;
        return torch::conv1d(x, m_conv->weight.narrow(2, tap, 1), m_conv->bias);
    }
    return m_conv->forward(m_left_pad > 0 ? torch::constant_pad_nd(x, {m_left_pad, 0}, 0) : x);
}

DilatedResidualBlockImpl::DilatedResidualBlockImpl(int channels, int dilation, double layer_dropout, bool causal,
                                                   int out_channels, bool project)
    : m_layer_dropout(layer_dropout)
{
    const int out = out_channels > 0 ? out_channels : channels;
    m_conv1 = register_module("conv1", DilatedConv1d(channels, out, 3, dilation, causal));
    m_conv2 = register_module("conv2", DilatedConv1d(out, out, 3, dilation, causal));
    if (project || out != channels)
        m_projector = register_module("projector", torch::nn::Conv1d(torch::nn::Conv1dOptions(channels, out, 1)));
}

torch::Tensor DilatedResidualBlockImpl::forward(const torch::Tensor& x)
{
    auto h = m_conv2->forward(torch::gelu(m_conv1->forward(torch::gelu(x))));
    if (m_layer_dropout > 0) h = dropout_rows(h, m_layer_dropout, is_training());
    return (m_projector ? m_projector->forward(x) : x) + h;
}

SameResidualBlockImpl::SameResidualBlockImpl(int channels, double layer_dropout) : m_layer_dropout(layer_dropout)
{
    m_conv = register_module("conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(channels, channels, 3).padding(1)));
}

torch::Tensor SameResidualBlockImpl::forward(const torch::Tensor& x)
{
    auto h = m_conv->forward(torch::gelu(x));
    if (m_layer_dropout > 0) h = dropout_rows(h, m_layer_dropout, is_training());
    return x + h;
}

BiCausalResidualBlockImpl::BiCausalResidualBlockImpl(int channels)
{
    m_conv = register_module("conv", BiCausalConv1d(channels, 3, 1));
}

torch::Tensor BiCausalResidualBlockImpl::forward(const torch::Tensor& x)
{
    return x + m_conv->forward(torch::gelu(x));
}

torch::Tensor masked_adaptive_max_pool(const torch::Tensor& x, const torch::Tensor& time_mask, int64_t size)
{
    if (!time_mask.defined()) return std::get<0>(torch::adaptive_max_pool1d(x, {size}));
    // Padding becomes -inf so it never wins the max; a bin made only of padding
    // comes out -inf and is reset to 0 (no gradient flows through it).
    const auto neg_inf = -std::numeric_limits<float>::infinity();
    auto filled = x.masked_fill(time_mask.logical_not().unsqueeze(1), neg_inf);
    auto pooled = std::get<0>(torch::adaptive_max_pool1d(filled, {size}));
    return torch::where(torch::isinf(pooled), torch::zeros_like(pooled), pooled);
}

}  // namespace btsf
