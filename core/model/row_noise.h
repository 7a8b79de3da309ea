#pragma once
// Random draws inside the network that do not depend on how a batch is split.
// In data-parallel training each rank forwards only its rows of the global
// batch; drawing a mask at the local shape would consume the generator
// differently on every rank and differently from one process with the whole
// batch. Inside a RowNoiseScope a draw is made at the global batch's shape and
// the local rows are picked out, so every rank (and a single process) draws
// the same numbers for the same series. Outside a scope the draws are the
// plain torch calls they replace, bit for bit.
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace btsf {

class RowNoiseScope {
public:
    // The forwards in this scope see rows `local_rows` (a 1-D long tensor) of a
    // batch of `global_rows`. Scopes do not nest; one per thread.
    RowNoiseScope(int64_t global_rows, const at::Tensor& local_rows);
    ~RowNoiseScope();
    RowNoiseScope(const RowNoiseScope&) = delete;
    RowNoiseScope& operator=(const RowNoiseScope&) = delete;
};

// torch::bernoulli(torch::full(shape, keep)) for a tensor whose dim 0 is the batch.
at::Tensor bernoulli_rows(at::IntArrayRef shape, double keep, const at::TensorOptions& options);
// torch::dropout(x, p, training) as LibTorch computes it on the CPU (noise
// bernoulli_(1 - p), divided by 1 - p); dim 0 of x is the batch.
at::Tensor dropout_rows(const at::Tensor& x, double p, bool training);

}  // namespace btsf
