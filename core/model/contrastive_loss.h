#pragma once
// InfoNCE over 2B views (spec §6).
#include <ATen/core/Tensor.h>

namespace btsf {

// anchor, positive: B x D representations of the two views of the same B series.
// Each view's positive is its twin; the other 2B - 2 views are negatives.
// Similarity is the dot product of L2-normalised vectors divided by tau.
at::Tensor info_nce_loss(const at::Tensor& anchor, const at::Tensor& positive, double tau);

}  // namespace btsf
