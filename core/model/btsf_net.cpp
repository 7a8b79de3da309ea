#include "model/btsf_net.h"

namespace btsf {
namespace {
torch::nn::Linear position_map(int positions, int rank)
{
    return torch::nn::Linear(torch::nn::LinearOptions(positions, rank).bias(false));
}

// steps: B x D x T; the features at each row's last observed step (B x D).
torch::Tensor last_observed_step(const torch::Tensor& steps, const torch::Tensor& time_mask)
{
    if (!time_mask.defined()) return steps.select(2, steps.size(2) - 1);
    // The largest observed index per row (0 when none is observed).
    const auto positions = torch::arange(steps.size(2), steps.options().dtype(torch::kLong));
    const auto last = (time_mask.to(torch::kLong) * positions).argmax(1);  // B
    return steps.gather(2, last.view({-1, 1, 1}).expand({steps.size(0), steps.size(1), 1})).squeeze(2);
}
}  // namespace

BtsfNetImpl::BtsfNetImpl(const BtsfConfig& config, int in_channels) : m_config(config), m_in_channels(in_channels)
{
    config.validate();
    TORCH_CHECK(in_channels > 0, "BtsfNet needs at least one input channel");
    const auto& c = m_config;
    m_temporal = register_module("temporal", TemporalEncoder(in_channels, c));
    m_spectral = register_module("spectral", SpectralEncoder(in_channels, c));
    const int temporal_width = c.temporal_out > 0 ? c.temporal_out : c.d;
    // The joint feature multiplies temporal and spectral channels one to one.
    if (c.fusion != "temporal" && c.fusion != "spectral" && temporal_width != c.d)
        m_project = register_module("project", torch::nn::Conv1d(torch::nn::Conv1dOptions(temporal_width, c.d, 1)));
    m_fusion = register_module("fusion", IterativeFusion(c.d, c.m, c.n, c.fusion_blocks, c.residual));
    m_wt = register_module("w_t", position_map(c.m, c.l));
    m_ws = register_module("w_s", position_map(c.n, c.l));
    m_u = register_module("u", position_map(c.m, c.l));
    m_v = register_module("v", position_map(c.n, c.l));
}

torch::Tensor BtsfNetImpl::joint_feature(const torch::Tensor& ft0, const torch::Tensor& fs0)
{
    const auto& fusion = m_config.fusion;
    if (fusion == "temporal") return m_wt->forward(ft0);
    if (fusion == "spectral") return m_ws->forward(fs0);
    if (fusion == "concat") return torch::cat({m_wt->forward(ft0), m_ws->forward(fs0)}, 2);  // B x d x 2l
    auto linear = m_wt->forward(ft0) + m_ws->forward(fs0);                                   // B x d x l
    if (fusion == "sum") return linear;
    // bilinear (L = 0) or iterative: the low-rank bilinear term of Eq. 8.
    const int loops = fusion == "iterative" ? m_config.loops : 0;
    auto [ftl, fsl] = m_fusion->forward(ft0, fs0, loops);
    auto bilinear = m_u->forward(ftl) * m_v->forward(fsl);  // B x d x l
    if (m_config.bilinear_norm == "layer") {
        const auto mean = bilinear.mean({1, 2}, true);
        const auto var = (bilinear - mean).pow(2).mean({1, 2}, true);
        bilinear = (bilinear - mean) / torch::sqrt(var + 1e-5);
    }
    return linear + m_config.bilinear_scale * bilinear;
}

BtsfOutput BtsfNetImpl::forward(const torch::Tensor& x, const torch::Tensor& time_mask)
{
    TORCH_CHECK(x.dim() == 3 && x.size(1) == m_in_channels, "BtsfNet expects B x ", m_in_channels, " x T input, got ",
                x.sizes());
    BtsfOutput out;
    const bool needs_temporal = m_config.fusion != "spectral";
    const bool needs_spectral = m_config.fusion != "temporal";
    const bool series = m_config.pooling == "series";
    torch::Tensor series_feature;  // B x D: the temporal encoder's series_readout (max over steps, or the last)
    if (needs_temporal) {
        out.temporal_steps = m_temporal->forward_steps(x, time_mask);
        if (series) {
            series_feature = m_config.series_readout == "last"
                                 ? last_observed_step(out.temporal_steps, time_mask)
                                 : masked_adaptive_max_pool(out.temporal_steps, time_mask, 1).flatten(1);
            if (!needs_spectral) {
                out.temporal = series_feature.unsqueeze(2);
                out.representation = series_feature;
                return out;
            }
        }
        out.temporal = m_temporal->pool(out.temporal_steps, time_mask);
        if (m_project) out.temporal = m_project->forward(out.temporal);
    }
    if (needs_spectral) out.spectral = m_spectral->forward(x);
    auto f = joint_feature(out.temporal, out.spectral);
    if (m_config.output_activation == "sigmoid") f = torch::sigmoid(f);
    out.representation = series_feature.defined() ? torch::cat({series_feature, f.flatten(1)}, 1) : f.flatten(1);
    return out;
}

}  // namespace btsf
