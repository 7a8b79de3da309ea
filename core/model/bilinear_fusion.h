#pragma once
// Iterative bilinear temporal-spectral fusion (spec §4, paper Eqs. 3-5).
// One set of S2T/T2S weights is applied in every loop.
#include "model/conv_blocks.h"

namespace btsf {

class IterativeFusionImpl : public torch::nn::Module {
public:
    IterativeFusionImpl(int d, int m, int n, int blocks, bool residual);
    // ft: B x d x m, fs: B x d x n. Returns (F_tL, F_sL) after `loops` updates.
    std::pair<torch::Tensor, torch::Tensor> forward(torch::Tensor ft, torch::Tensor fs, int loops);

    // A = F_t F_s^T / m (B x d x d): rows temporal channels, columns spectral.
    static torch::Tensor affinity(const torch::Tensor& ft, const torch::Tensor& fs);
    torch::Tensor spectral_to_temporal(const torch::Tensor& affinity);  // -> B x d x m
    torch::Tensor temporal_to_spectral(const torch::Tensor& affinity);  // -> B x d x n

private:
    torch::nn::Conv1d m_s2t_aggregate{nullptr};  // d spectral columns -> m positions
    torch::nn::Conv1d m_t2s_aggregate{nullptr};  // d temporal rows -> n positions
    torch::nn::ModuleList m_s2t_blocks;          // bi-directional causal, over m
    torch::nn::ModuleList m_t2s_blocks;          // ordinary conv, over n
    bool m_residual;
};
TORCH_MODULE(IterativeFusion);

}  // namespace btsf
