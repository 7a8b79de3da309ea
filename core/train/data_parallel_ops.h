#pragma once
// The torch side of data-parallel training (train/data_parallel.h), for the
// trainer: which rows of the global batch this rank forwards, the all-gather
// of representations that gives every rank the global negatives, and the
// bucketed gradient all-reduce. Outside a group each is the identity.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace btsf {

struct RowShare {
    int64_t begin = 0;
    int64_t count = 0;
};
// This rank's contiguous share of a batch of global_rows; the batch must
// divide evenly among the ranks (std::invalid_argument otherwise).
RowShare row_share(int64_t global_rows);

// Concatenates every rank's `local` (same shape on each) along dim 0, in rank
// order. Backward hands each rank the gradient of its own rows: every rank
// computes the whole loss on the gathered tensor, so that gradient is already
// complete and the parameter gradients only need summing.
at::Tensor all_gather_rows(const at::Tensor& local);

// Sums the defined gradients of `parameters` over the ranks, in buckets.
void all_reduce_gradients(const std::vector<at::Tensor>& parameters);

}  // namespace btsf
