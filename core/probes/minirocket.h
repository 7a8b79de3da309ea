#pragma once
// MiniRocket (Dempster, Schmidt & Webb, KDD 2021): a label-free transform of
// time series by a fixed set of convolution kernels, written from the
// paper. 84 kernels of length 9 (weights -1, with three of them 2), a set of
// dilations spread exponentially up to the series length, biases taken from
// quantiles of the convolution output of random training series, and one PPV
// feature (the proportion of positive values of conv - bias) per bias: about
// 10,000 features. Multivariate series: each kernel/dilation pair sums the
// convolution over a random subset of the channels (the paper's multivariate
// variant). It never reads a label. No torch here.
#include "data/dataset.h"
#include "util/matrix.h"

#include <array>
#include <vector>

namespace btsf {

struct MiniRocketOptions {
    int num_features = 10000;  // rounded down to a multiple of 84
    int max_dilations_per_kernel = 32;
    unsigned long long seed = 0;  // draws the series the biases come from (and channel subsets)
};

struct MiniRocket {
    int length = 0;  // T the transform was fitted on
    int channels = 0;
    std::vector<int> dilations;              // ascending, distinct
    std::vector<int> features_per_dilation;  // per kernel, for each dilation
    // Per (dilation, kernel) combination, dilation-major: the channels summed.
    std::vector<std::vector<int>> combination_channels;
    std::vector<float> biases;  // one per feature, in feature order
    std::size_t feature_count() const { return biases.size(); }
};

// The 84 kernels: positions (0..8) of the three weights that are 2, in
// lexicographic order (kernel 0 is {0,1,2}, kernel 83 is {6,7,8}).
const std::array<std::array<int, 3>, 84>& minirocket_kernels();

// The dilations floor(2^e) for e spaced evenly over [0, log2((T-1)/8)]
// (at most max_dilations values, then made distinct), and how many features
// each dilation gives each kernel: per-kernel features spread in proportion
// to how often a dilation occurred, the remainder added one by one from the
// smallest dilation.
struct DilationPlan {
    std::vector<int> dilations;
    std::vector<int> features_per_dilation;
};
DilationPlan minirocket_dilations(int length, int num_features, int max_dilations_per_kernel);

// The low-discrepancy quantiles (i * golden ratio) mod 1, i = 1..n.
std::vector<float> minirocket_quantiles(int n);

// out[t] = sum_j w_j x[t + (j-4)*dilation], t in [0, length), zero outside the series.
void minirocket_convolve(const float* x, int length, int kernel, int dilation, float* out);

// Linear-interpolated quantile of the sorted values (numpy's default).
float sorted_quantile(const std::vector<float>& sorted, float q);

// train: N x C x T (NaN read as 0). Throws std::invalid_argument when empty.
MiniRocket fit_minirocket(const SeriesSet& train, const MiniRocketOptions& options = {});

// One row of feature_count() PPV values per series; data must have the fitted
// channels and length. threads: 0 = one per hardware thread (results do not depend on it).
Matrix minirocket_transform(const MiniRocket& model, const SeriesSet& data, unsigned threads = 0);

}  // namespace btsf
