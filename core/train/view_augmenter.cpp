#include "train/view_augmenter.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace btsf {

ViewAugmenter::ViewAugmenter(const BtsfConfig& c, std::vector<int> labels)
    : m_name(c.augmentation), m_labels(std::move(labels))
{
    m_params.jitter_sigma = c.jitter_sigma;
    m_params.scaling_sigma = c.scaling_sigma;
    m_params.magnitude_warp_sigma = c.magnitude_warp_sigma;
    m_params.time_warp_sigma = c.time_warp_sigma;
    m_params.warp_knots = c.warp_knots;
    m_params.permutation_max_segments = c.permutation_max_segments;
    m_params.window_slice_ratio = c.window_slice_ratio;
    m_params.window_warp_ratio = c.window_warp_ratio;
    m_params.window_warp_scales = c.window_warp_scales;
    m_params.dtw_window_ratio = c.dtw_window_ratio;
    m_params.wdba_batch = c.wdba_batch;
    m_params.spawner_sigma = c.spawner_sigma;
    if (active() && augmentation_needs_labels(m_name) && m_labels.empty())
        throw std::invalid_argument("augmentation '" + m_name +
                                    "' uses the training labels, and this training set has none");
}

at::Tensor ViewAugmenter::apply(const at::Tensor& x, const std::vector<int64_t>& rows, std::mt19937_64& rng) const
{
    const auto cpu = x.to(at::kCPU, at::kFloat).contiguous();
    const std::size_t n = std::size_t(cpu.size(0)), c = std::size_t(cpu.size(1)), t = std::size_t(cpu.size(2));
    const std::vector<float> values(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
    std::vector<int> labels;
    if (augmentation_needs_labels(m_name))
        for (int64_t r : rows) labels.push_back(m_labels.at(std::size_t(r)));
    auto out = augment_batch(m_name, values, n, c, t, m_params, rng, labels, labels.empty() ? nullptr : &values,
                             labels.empty() ? 0 : n, labels.empty() ? nullptr : &labels);
    return at::from_blob(out.data(), {int64_t(n), int64_t(c), int64_t(t)}, at::kFloat).clone().to(x.device());
}

}  // namespace btsf
