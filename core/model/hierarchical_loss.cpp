#include "model/hierarchical_loss.h"

#include <ATen/ATen.h>

namespace btsf {
namespace {

// sim: G x 2K x 2K similarities between the 2K items of G groups; item i's
// positive is item i+K (and back). Returns the mean cross-entropy of the
// positives with the diagonal (self-similarity) removed from the candidates.
at::Tensor paired_cross_entropy(const at::Tensor& sim, int64_t k)
{
    // Drop the diagonal. Row-major, the n x n matrix past its first entry,
    // viewed (n-1) x (n+1), has a diagonal entry last in every row; without
    // that column it holds the n (n-1) off-diagonal entries in order, that is
    // row i without (i, i). Selecting is exact, so this is bit for bit
    // TS2Vec's lower triangle shifted left plus upper triangle shifted right,
    // without its three G x 2K x 2K temporaries (G x 2K x 2K is large: the
    // temporal term of a 3000-step crop has 8 x 6000 x 6000 entries).
    const int64_t n = 2 * k, g = sim.size(0);
    auto logits = sim.reshape({g, n * n})
                      .narrow(1, 1, n * n - 1)
                      .reshape({g, n - 1, n + 1})
                      .narrow(2, 0, n)
                      .reshape({g, n, n - 1});
    logits = -at::log_softmax(logits, -1);  // G x 2K x (2K-1)
    auto i = at::arange(k, at::TensorOptions().dtype(at::kLong).device(sim.device()));
    // Row i (first half): its positive i+K sits at column i+K-1 after the shift.
    auto first = logits.index_select(1, i).gather(2, (i + k - 1).view({1, k, 1}).expand({sim.size(0), k, 1}));
    // Row i+K (second half): its positive i sits at column i.
    auto second = logits.index_select(1, i + k).gather(2, i.view({1, k, 1}).expand({sim.size(0), k, 1}));
    return (first.mean() + second.mean()) / 2;
}

}  // namespace

at::Tensor instance_contrastive_loss(const at::Tensor& z1, const at::Tensor& z2)
{
    const int64_t b = z1.size(0);
    if (b == 1) return at::zeros({}, z1.options());
    auto z = at::cat({z1, z2}, 0).transpose(0, 1);  // T x 2B x D
    return paired_cross_entropy(at::matmul(z, z.transpose(1, 2)), b);
}

at::Tensor temporal_contrastive_loss(const at::Tensor& z1, const at::Tensor& z2)
{
    const int64_t t = z1.size(1);
    if (t == 1) return at::zeros({}, z1.options());
    auto z = at::cat({z1, z2}, 1);  // B x 2T x D
    return paired_cross_entropy(at::matmul(z, z.transpose(1, 2)), t);
}

at::Tensor hierarchical_contrastive_loss(at::Tensor z1, at::Tensor z2, double alpha)
{
    TORCH_CHECK(z1.sizes() == z2.sizes() && z1.dim() == 3, "hierarchical loss: views must be B x T x D alike");
    auto loss = at::zeros({}, z1.options());
    int scales = 0;
    while (z1.size(1) > 1) {
        loss = loss + alpha * instance_contrastive_loss(z1, z2) + (1 - alpha) * temporal_contrastive_loss(z1, z2);
        ++scales;
        z1 = at::max_pool1d(z1.transpose(1, 2), {2}).transpose(1, 2);
        z2 = at::max_pool1d(z2.transpose(1, 2), {2}).transpose(1, 2);
    }
    if (z1.size(1) == 1) {
        loss = loss + alpha * instance_contrastive_loss(z1, z2);
        ++scales;
    }
    return loss / scales;
}

}  // namespace btsf
