#pragma once
// Timestamp-level contrastive loss over a pyramid of max-pooled scales (the
// hierarchical loss of TS2Vec, Yue et al. 2022), used as an auxiliary term on
// the temporal encoder's per-step features. Not part of the paper: it is the
// "loss on timestamp-level features beside the instance loss" lead of
// REFERENCE-FINDINGS, switched on by the config key `timestamp_loss`.
#include <ATen/core/Tensor.h>

namespace btsf {

// z1, z2: B x T x D features of the same T time steps seen in two views.
// At every scale: instance contrast (the same step of the other series are
// negatives) and temporal contrast (the other steps of the same series are
// negatives), then max-pool time by 2 and repeat until one step is left.
at::Tensor hierarchical_contrastive_loss(at::Tensor z1, at::Tensor z2, double alpha = 0.5);

at::Tensor instance_contrastive_loss(const at::Tensor& z1, const at::Tensor& z2);
at::Tensor temporal_contrastive_loss(const at::Tensor& z1, const at::Tensor& z2);

}  // namespace btsf
