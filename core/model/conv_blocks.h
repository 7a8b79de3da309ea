#pragma once
// Convolution building blocks shared by the encoders and the fusion loops.
// All tensors are B x channels x positions.
#include "model/torch_fwd.h"

namespace btsf {

// Left-padded dilated conv: output at t sees only inputs at <= t.
class CausalConv1dImpl : public torch::nn::Module {
public:
    CausalConv1dImpl(int in_channels, int out_channels, int kernel, int dilation);
    torch::Tensor forward(const torch::Tensor& x);  // B x in x T -> B x out x T
    const torch::Tensor& weight() const { return m_conv->weight; }
    const torch::Tensor& bias() const { return m_conv->bias; }

private:
    torch::nn::Conv1d m_conv{nullptr};
    int64_t m_left_pad;
};
TORCH_MODULE(CausalConv1d);

// Dilated conv that keeps the length: causal (left padding) or "same"
// (symmetric padding of (k-1)/2*dilation each side; k odd).
class DilatedConv1dImpl : public torch::nn::Module {
public:
    DilatedConv1dImpl(int in_channels, int out_channels, int kernel, int dilation, bool causal);
    torch::Tensor forward(const torch::Tensor& x);  // B x in x T -> B x out x T

private:
    torch::nn::Conv1d m_conv{nullptr};
    int64_t m_left_pad;  // 0 when the conv pads symmetrically itself
};
TORCH_MODULE(DilatedConv1d);

// y = causal_fwd(x) + flip(causal_bwd(flip(x))): each output sees both sides,
// through two separately learned causal filters (spec §4, S2T).
class BiCausalConv1dImpl : public torch::nn::Module {
public:
    BiCausalConv1dImpl(int channels, int kernel, int dilation);
    torch::Tensor forward(const torch::Tensor& x);

private:
    CausalConv1d m_forward{nullptr};
    CausalConv1d m_backward{nullptr};
    int64_t m_kernel;
    int64_t m_dilation;
};
TORCH_MODULE(BiCausalConv1d);

// Temporal encoder block: GELU -> dilated conv -> GELU -> dilated conv, +
// residual. causal: left padding (spec §3); otherwise symmetric "same"
// padding (TS2Vec). With out_channels != in_channels, or project, the residual
// goes through a 1x1 conv (TS2Vec's final block always projects).
class DilatedResidualBlockImpl : public torch::nn::Module {
public:
    DilatedResidualBlockImpl(int channels, int dilation, double layer_dropout, bool causal = true, int out_channels = 0,
                             bool project = false);
    torch::Tensor forward(const torch::Tensor& x);

private:
    DilatedConv1d m_conv1{nullptr};
    DilatedConv1d m_conv2{nullptr};
    torch::nn::Conv1d m_projector{nullptr};
    double m_layer_dropout;
};
TORCH_MODULE(DilatedResidualBlock);

// Spectral and T2S block: GELU -> same-padded conv (k = 3), + residual.
class SameResidualBlockImpl : public torch::nn::Module {
public:
    SameResidualBlockImpl(int channels, double layer_dropout);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv1d m_conv{nullptr};
    double m_layer_dropout;
};
TORCH_MODULE(SameResidualBlock);

// S2T block: GELU -> bi-directional causal conv (k = 3), + residual.
class BiCausalResidualBlockImpl : public torch::nn::Module {
public:
    explicit BiCausalResidualBlockImpl(int channels);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BiCausalConv1d m_conv{nullptr};
};
TORCH_MODULE(BiCausalResidualBlock);

// AdaptiveMaxPool1d that ignores padded positions. time_mask is B x T (bool) or
// undefined when every position is observed.
torch::Tensor masked_adaptive_max_pool(const torch::Tensor& x, const torch::Tensor& time_mask, int64_t size);

}  // namespace btsf
