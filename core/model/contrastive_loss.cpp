#include "model/contrastive_loss.h"

#include <ATen/ATen.h>

#include <limits>

namespace btsf {

at::Tensor info_nce_loss(const at::Tensor& anchor, const at::Tensor& positive, double tau)
{
    TORCH_CHECK(anchor.sizes() == positive.sizes() && anchor.dim() == 2, "info_nce_loss: mismatched views");
    const int64_t b = anchor.size(0);
    TORCH_CHECK(b >= 2, "info_nce_loss needs at least two series per batch");
    auto z = at::cat({anchor, positive}, 0);
    z = z / z.norm(2, {1}, true).clamp_min(1e-12);  // 2B x D, unit rows
    auto logits = at::mm(z, z.t()) / tau;           // 2B x 2B
    const auto self = at::eye(2 * b, z.options().dtype(at::kBool));
    logits = logits.masked_fill(self, -std::numeric_limits<float>::infinity());
    // Row i's positive sits at i + B (first half) or i - B (second half).
    auto targets = at::cat({at::arange(b, 2 * b), at::arange(0, b)}).to(z.device());
    return at::cross_entropy_loss(logits, targets);
}

}  // namespace btsf
