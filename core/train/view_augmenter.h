#pragma once
// Turns config.augmentation into tensors: the Iwana & Uchida methods are plain
// C++ on float arrays (model/augmentations.h), so a batch goes to the CPU,
// is augmented, and comes back. The label-using methods (SPAWNER, wDBA, RGW,
// DGW) draw partners from the same batch, with the batch's training labels.
#include "model/augmentations.h"
#include "model/btsf_config.h"

#include <ATen/core/Tensor.h>

#include <random>
#include <vector>

namespace btsf {

class ViewAugmenter {
public:
    // labels: the training labels, indexed like the training set (may be
    // empty unless the method needs them; then the constructor throws).
    ViewAugmenter(const BtsfConfig& config, std::vector<int> labels);

    bool active() const { return m_name != "dropout"; }
    // x: B x C x T; rows[i] is the training-set index of batch row i.
    at::Tensor apply(const at::Tensor& x, const std::vector<int64_t>& rows, std::mt19937_64& rng) const;

private:
    std::string m_name;
    AugmentParams m_params;
    std::vector<int> m_labels;
};

}  // namespace btsf
