#include "model/augment.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace btsf {

at::Tensor dropout_view(const at::Tensor& x, double p)
{
    if (p <= 0)
        return x;
    return at::dropout(x, p, /*train=*/true);
}

at::Tensor random_crop(const at::Tensor& x, const at::Tensor& time_mask, double crop_min, std::mt19937_64& rng,
                       at::Tensor* cropped_mask)
{
    const int64_t t = x.size(2);
    const int64_t min_len = std::max<int64_t>(2, int64_t(crop_min * double(t)));
    if (crop_min >= 1.0 || min_len >= t) {
        if (cropped_mask)
            *cropped_mask = time_mask;
        return x;
    }
    const int64_t len = std::uniform_int_distribution<int64_t>(min_len, t)(rng);
    std::uniform_int_distribution<int64_t> offset(0, t - len);
    // Gather indices B x len: start_b + [0, len).
    std::vector<int64_t> starts(size_t(x.size(0)));
    for (auto& s : starts)
        s = offset(rng);
    auto start = at::tensor(starts, at::kLong).to(x.device()).unsqueeze(1);
    auto index = start + at::arange(len, start.options()).unsqueeze(0);  // B x len
    if (cropped_mask && time_mask.defined())
        *cropped_mask = time_mask.gather(1, index);
    else if (cropped_mask)
        *cropped_mask = at::Tensor();
    return x.gather(2, index.unsqueeze(1).expand({x.size(0), x.size(1), len}));
}

AugmentedPair make_views(const at::Tensor& x, const at::Tensor& time_mask, double dropout, double crop_min,
                         std::mt19937_64& rng)
{
    AugmentedPair pair;
    pair.anchor = dropout_view(random_crop(x, time_mask, crop_min, rng, &pair.anchor_mask), dropout);
    pair.positive = dropout_view(random_crop(x, time_mask, crop_min, rng, &pair.positive_mask), dropout);
    return pair;
}

}  // namespace btsf
