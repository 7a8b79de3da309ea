#include "model/row_noise.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <vector>

namespace btsf {

namespace {
struct Scope {
    bool active = false;
    int64_t global_rows = 0;
    at::Tensor local_rows;
};
thread_local Scope g_scope;

std::vector<int64_t> global_shape(at::IntArrayRef shape)
{
    std::vector<int64_t> full(shape.begin(), shape.end());
    full.at(0) = g_scope.global_rows;
    return full;
}

at::Tensor local_part(const at::Tensor& noise)
{
    return noise.index_select(0, g_scope.local_rows.to(noise.device()));
}
}  // namespace

RowNoiseScope::RowNoiseScope(int64_t global_rows, const at::Tensor& local_rows)
{
    if (g_scope.active) throw std::logic_error("RowNoiseScope: scopes do not nest");
    g_scope = Scope{true, global_rows, local_rows.to(at::kLong)};
}

RowNoiseScope::~RowNoiseScope()
{
    g_scope = Scope{};
}

at::Tensor bernoulli_rows(at::IntArrayRef shape, double keep, const at::TensorOptions& options)
{
    if (!g_scope.active) return at::bernoulli(at::full(shape, keep, options));
    return local_part(at::bernoulli(at::full(global_shape(shape), keep, options)));
}

at::Tensor dropout_rows(const at::Tensor& x, double p, bool training)
{
    // On CUDA torch's fused dropout draws differently from this: there a
    // data-parallel run matches one process in distribution, not bit for bit.
    if (!g_scope.active) return at::dropout(x, p, training);
    if (!training || p == 0 || x.numel() == 0) return x;
    auto noise = at::empty(global_shape(x.sizes()), x.options()).bernoulli_(1 - p);
    noise.div_(1 - p);
    return x * local_part(noise);
}

}  // namespace btsf
