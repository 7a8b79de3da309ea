#pragma once
// The one place where plain SeriesSet data becomes tensors.
#include "data/dataset.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

namespace btsf {

struct SeriesTensor {
    at::Tensor x;          // N x C x T float, NaN replaced by 0
    at::Tensor time_mask;  // N x T bool: any channel observed; undefined when all are
};

SeriesTensor to_series_tensor(const SeriesSet& data, const c10::Device& device);

// negatives = variables: N x C x T -> (N*C) x 1 x T, the mask repeated per variable.
SeriesTensor split_variables(const SeriesTensor& series);

}  // namespace btsf
