#pragma once
// Exact t-SNE (van der Maaten & Hinton 2008) for the representation view of spec §9:
// O(n^2) time and memory per iteration, meant for up to a few thousand points (3000 points
// hold a 72 MB affinity matrix). Optimiser settings follow scikit-learn's exact method.
// Plain C++, no torch.
#include <functional>
#include <stdexcept>
#include <vector>

#include "util/matrix.h"

namespace btsf {

struct TsneOptions {
    double perplexity = 30;             // clamped to (n - 1) / 3 for small n, and to at least 1
    int iterations = 1000;              // gradient steps in total
    int exaggeration_iterations = 250;  // steps with P * early_exaggeration and momentum 0.5
    double early_exaggeration = 12;
    unsigned seed = 0;     // initial layout; the same seed gives the same output
    int pca_dims = 50;     // reduce wider inputs to this many principal components first (<= 0: never)
    unsigned threads = 0;  // 0: one per hardware thread; the result does not depend on it
};

// Thrown by tsne_embed when the progress callback asks it to stop.
class TsneCancelled : public std::runtime_error {
public:
    TsneCancelled() : std::runtime_error("t-SNE cancelled") {}
};

// 2-D embedding of the rows of x: n * 2 floats, row i = point i. progress(done, total) is
// called after the affinities (done = 0) and every 10 iterations; returning false throws
// TsneCancelled. Throws std::invalid_argument for an inconsistent matrix, NaN or infinite
// values, fewer than 3 rows, or meaningless options.
std::vector<float> tsne_embed(const Matrix& x, const TsneOptions& options,
                              const std::function<bool(int done, int total)>& progress = {});

// The input-space affinities, on x exactly as given (no PCA). Row i of
// conditional_affinities is p_{j|i} (n x n, zero diagonal, rows sum to 1), a Gaussian
// around x_i whose width is set by binary search so that its entropy is log(perplexity)
// in nats, i.e. e^H = perplexity. tsne_affinities is the symmetric joint
// P = (P_cond + P_cond^T) / (2n) with off-diagonal entries floored at 1e-12, summing to 1
// up to that floor. Perplexity is clamped as in TsneOptions.
std::vector<double> conditional_affinities(const Matrix& x, double perplexity, unsigned threads = 0);
std::vector<double> tsne_affinities(const Matrix& x, double perplexity, unsigned threads = 0);

}  // namespace btsf
