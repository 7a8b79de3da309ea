#pragma once
// The whole BTSF network: both encoders, the fusion loops and the low-rank
// bilinear joint feature (spec §5). forward() gives the representation r.
#include "model/bilinear_fusion.h"
#include "model/btsf_config.h"
#include "model/encoders.h"

namespace btsf {

struct BtsfOutput {
    torch::Tensor representation;  // B x representation_dim()
    torch::Tensor temporal_steps;  // temporal features before pooling, B x d x T (undefined if unused)
    torch::Tensor temporal;        // F_t0, B x d x m (B x D x 1 for series pooling alone; undefined if unused)
    torch::Tensor spectral;        // F_s0, B x d x n (undefined if unused)
};

class BtsfNetImpl : public torch::nn::Module {
public:
    BtsfNetImpl(const BtsfConfig& config, int in_channels);
    // x: B x C x T with NaN already replaced; time_mask: B x T bool or undefined.
    BtsfOutput forward(const torch::Tensor& x, const torch::Tensor& time_mask = {});

    const BtsfConfig& config() const { return m_config; }
    int in_channels() const { return m_in_channels; }

private:
    torch::Tensor joint_feature(const torch::Tensor& ft0, const torch::Tensor& fs0);

    BtsfConfig m_config;
    int m_in_channels;
    TemporalEncoder m_temporal{nullptr};
    SpectralEncoder m_spectral{nullptr};
    IterativeFusion m_fusion{nullptr};
    // A temporal encoder wider than d (temporal_out): its position maps to d channels.
    torch::nn::Conv1d m_project{nullptr};
    torch::nn::Linear m_wt{nullptr}, m_ws{nullptr}, m_u{nullptr}, m_v{nullptr};  // over positions
};
TORCH_MODULE(BtsfNet);

}  // namespace btsf
