#include "train/series_tensor.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <stdexcept>

namespace btsf {

SeriesTensor to_series_tensor(const SeriesSet& data, const c10::Device& device)
{
    if (data.values.size() != data.n * data.channels * data.length)
        throw std::invalid_argument("series set holds " + std::to_string(data.values.size()) + " values, expected " +
                                    std::to_string(data.n * data.channels * data.length));
    if (!data.observed.empty() && data.observed.size() != data.values.size())
        throw std::invalid_argument("series set: observed mask and values differ in size");
    const auto n = int64_t(data.n), c = int64_t(data.channels), t = int64_t(data.length);
    SeriesTensor out;
    out.x = at::from_blob(const_cast<float*>(data.values.data()), {n, c, t}, at::kFloat).clone();
    out.x = at::nan_to_num(out.x, 0.0, 0.0, 0.0);
    const bool all_observed =
        data.observed.empty() || std::all_of(data.observed.begin(), data.observed.end(), [](auto v) { return v != 0; });
    if (!all_observed) {
        auto observed = at::from_blob(const_cast<std::uint8_t*>(data.observed.data()), {n, c, t}, at::kByte);
        out.time_mask = observed.to(at::kBool).any(1).to(device);  // N x T
    }
    out.x = out.x.to(device);
    return out;
}

SeriesTensor split_variables(const SeriesTensor& series)
{
    SeriesTensor out;
    const auto n = series.x.size(0), c = series.x.size(1), t = series.x.size(2);
    out.x = series.x.reshape({n * c, 1, t});
    if (series.time_mask.defined()) out.time_mask = series.time_mask.repeat_interleave(c, 0);
    return out;
}

}  // namespace btsf
