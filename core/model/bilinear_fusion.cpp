#include "model/bilinear_fusion.h"

namespace btsf {

IterativeFusionImpl::IterativeFusionImpl(int d, int m, int n, int blocks, bool residual) : m_residual(residual)
{
    m_s2t_aggregate = register_module("s2t_aggregate", torch::nn::Conv1d(torch::nn::Conv1dOptions(d, m, 1)));
    m_t2s_aggregate = register_module("t2s_aggregate", torch::nn::Conv1d(torch::nn::Conv1dOptions(d, n, 1)));
    for (int i = 0; i < blocks; ++i) {
        m_s2t_blocks->push_back(BiCausalResidualBlock(d));
        m_t2s_blocks->push_back(SameResidualBlock(d, 0.0));
    }
    register_module("s2t_blocks", m_s2t_blocks);
    register_module("t2s_blocks", m_t2s_blocks);
}

torch::Tensor IterativeFusionImpl::affinity(const torch::Tensor& ft, const torch::Tensor& fs)
{
    return torch::bmm(ft, fs.transpose(1, 2)) / double(ft.size(2));
}

torch::Tensor IterativeFusionImpl::spectral_to_temporal(const torch::Tensor& a)
{
    // A^T is B x d_s x d_t: the spectral columns are the conv's channels, so each
    // temporal channel gathers its spectral information into m positions.
    auto h = m_s2t_aggregate->forward(a.transpose(1, 2)).transpose(1, 2);  // B x d x m
    for (const auto& block : *m_s2t_blocks) h = block->as<BiCausalResidualBlock>()->forward(h);
    return h;
}

torch::Tensor IterativeFusionImpl::temporal_to_spectral(const torch::Tensor& a)
{
    auto h = m_t2s_aggregate->forward(a).transpose(1, 2);  // B x d x n
    for (const auto& block : *m_t2s_blocks) h = block->as<SameResidualBlock>()->forward(h);
    return h;
}

std::pair<torch::Tensor, torch::Tensor> IterativeFusionImpl::forward(torch::Tensor ft, torch::Tensor fs, int loops)
{
    for (int i = 0; i < loops; ++i) {
        const auto a = affinity(ft, fs);
        auto s2t = spectral_to_temporal(a);
        auto t2s = temporal_to_spectral(a);
        ft = m_residual ? ft + s2t : s2t;
        fs = m_residual ? fs + t2s : t2s;
    }
    return {ft, fs};
}

}  // namespace btsf
