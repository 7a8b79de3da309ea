#include "model/dropout_crop.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace btsf {

at::Tensor dropout_view(const at::Tensor& x, double p)
{
    if (p <= 0) return x;
    return at::dropout(x, p, /*train=*/true);
}

namespace {
// Per-series segments [start_b, start_b + len) of x (B x C x T) and of its mask.
at::Tensor take_segments(const at::Tensor& x, const at::Tensor& time_mask, const std::vector<int64_t>& starts,
                         int64_t len, at::Tensor* cropped_mask)
{
    auto start = at::tensor(starts, at::kLong).to(x.device()).unsqueeze(1);
    auto index = start + at::arange(len, start.options()).unsqueeze(0);  // B x len
    if (cropped_mask) *cropped_mask = time_mask.defined() ? time_mask.gather(1, index) : at::Tensor();
    return x.gather(2, index.unsqueeze(1).expand({x.size(0), x.size(1), len}));
}

int64_t uniform(std::mt19937_64& rng, int64_t lo, int64_t hi)  // inclusive
{
    return std::uniform_int_distribution<int64_t>(lo, std::max(lo, hi))(rng);
}
}  // namespace

OverlappingPair make_overlapping_views(const at::Tensor& x, const at::Tensor& time_mask, double dropout,
                                       double crop_min, std::mt19937_64& rng, const at::Tensor& x_positive)
{
    const at::Tensor& xp = x_positive.defined() ? x_positive : x;
    const int64_t t = x.size(2);
    OverlappingPair pair;
    const int64_t shared = uniform(rng, std::min<int64_t>(t, std::max<int64_t>(2, int64_t(crop_min * double(t)))), t);
    const int64_t left = uniform(rng, 0, t - shared);
    const int64_t right = left + shared;
    const int64_t outer_left = uniform(rng, 0, left);
    const int64_t outer_right = uniform(rng, right, t);
    std::vector<int64_t> anchor_starts(size_t(x.size(0))), positive_starts(anchor_starts.size());
    for (size_t b = 0; b < anchor_starts.size(); ++b) {
        // Shift the whole arrangement per series, keeping it inside [0, T).
        const int64_t offset = uniform(rng, -outer_left, t - outer_right);
        anchor_starts[b] = offset + outer_left;
        positive_starts[b] = offset + left;
    }
    auto& v = pair.views;
    v.anchor = dropout_view(take_segments(x, time_mask, anchor_starts, right - outer_left, &v.anchor_mask), dropout);
    v.positive =
        dropout_view(take_segments(xp, time_mask, positive_starts, outer_right - left, &v.positive_mask), dropout);
    pair.overlap = shared;
    return pair;
}

at::Tensor random_crop(const at::Tensor& x, const at::Tensor& time_mask, double crop_min, std::mt19937_64& rng,
                       at::Tensor* cropped_mask)
{
    const int64_t t = x.size(2);
    const int64_t min_len = std::max<int64_t>(2, int64_t(crop_min * double(t)));
    if (crop_min >= 1.0 || min_len >= t) {
        if (cropped_mask) *cropped_mask = time_mask;
        return x;
    }
    const int64_t len = uniform(rng, min_len, t);
    std::vector<int64_t> starts(size_t(x.size(0)));
    for (auto& s : starts) s = uniform(rng, 0, t - len);
    return take_segments(x, time_mask, starts, len, cropped_mask);
}

at::Tensor random_window(const at::Tensor& x, const at::Tensor& time_mask, int64_t len, std::mt19937_64& rng,
                         at::Tensor* window_mask)
{
    std::vector<int64_t> starts(size_t(x.size(0)));
    for (auto& s : starts) s = uniform(rng, 0, x.size(2) - len);
    return take_segments(x, time_mask, starts, len, window_mask);
}

AugmentedPair make_views(const at::Tensor& x, const at::Tensor& time_mask, double dropout, double crop_min,
                         std::mt19937_64& rng, const at::Tensor& x_positive)
{
    const at::Tensor& xp = x_positive.defined() ? x_positive : x;
    AugmentedPair pair;
    pair.anchor = dropout_view(random_crop(x, time_mask, crop_min, rng, &pair.anchor_mask), dropout);
    pair.positive = dropout_view(random_crop(xp, time_mask, crop_min, rng, &pair.positive_mask), dropout);
    return pair;
}

}  // namespace btsf
