#pragma once
// Instance-level augmentation (spec §2) and the optional random crop that the
// default preset adds (REFERENCE-FINDINGS: crops gave the largest gains).
#include <ATen/core/Tensor.h>

#include <random>

namespace btsf {

struct AugmentedPair {
    at::Tensor anchor;         // B x C x T'
    at::Tensor positive;       // B x C x T''
    at::Tensor anchor_mask;    // B x T' bool, or undefined
    at::Tensor positive_mask;  // B x T'' bool, or undefined
};

// Element-wise dropout: zero with probability p, scale the rest by 1/(1-p).
at::Tensor dropout_view(const at::Tensor& x, double p);

// A random segment of length in [crop_min*T, T] with a random offset per series.
// One length per call so the batch stays rectangular. crop_min >= 1 returns x.
at::Tensor random_crop(const at::Tensor& x, const at::Tensor& time_mask, double crop_min, std::mt19937_64& rng,
                       at::Tensor* cropped_mask);

// A window of exactly `len` steps at a random offset per series (len < T).
at::Tensor random_window(const at::Tensor& x, const at::Tensor& time_mask, int64_t len, std::mt19937_64& rng,
                         at::Tensor* window_mask);

// Two independent views: crop (if enabled) then dropout, each with its own masks.
// x_positive, when given, is the source of the positive view (another
// augmentation of the same batch); otherwise both views come from x.
AugmentedPair make_views(const at::Tensor& x, const at::Tensor& time_mask, double dropout, double crop_min,
                         std::mt19937_64& rng, const at::Tensor& x_positive = {});

// Two crops that share `overlap` time steps, placed as TS2Vec places them: the
// anchor ends with the shared segment and the positive starts with it, each
// reaching a random distance beyond it. The shared length is drawn from
// [crop_min*T, T]. Used with the timestamp-level loss, which needs the two
// views aligned step by step.
struct OverlappingPair {
    AugmentedPair views;
    int64_t overlap = 0;  // anchor's last `overlap` steps = positive's first `overlap`
};
OverlappingPair make_overlapping_views(const at::Tensor& x, const at::Tensor& time_mask, double dropout,
                                       double crop_min, std::mt19937_64& rng, const at::Tensor& x_positive = {});

}  // namespace btsf
