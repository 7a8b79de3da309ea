#include "probes/minirocket.h"

#include "numerics/parallel_tasks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace btsf {
namespace {
constexpr int kKernels = 84;
constexpr int kLength = 9;

// The series of row i, channel c, as floats with NaN read as 0, zero padded by
// `pad` on both sides: xp[t + pad] = x[t].
void padded_channel(const SeriesSet& set, std::size_t i, std::size_t c, int pad, std::vector<float>& xp)
{
    const std::size_t t_len = set.length;
    xp.assign(t_len + 2 * std::size_t(pad), 0.0f);
    const float* x = set.values.data() + (i * set.channels + c) * t_len;
    for (std::size_t t = 0; t < t_len; ++t) xp[t + std::size_t(pad)] = std::isfinite(x[t]) ? x[t] : 0.0f;
}

// The convolution of one (dilation, kernel) combination summed over its
// channels, from the channels' padded copies (pad = 4*dilation).
void combination_output(const std::vector<std::vector<float>>& padded, const std::vector<float>& alpha_sums,
                        const std::vector<int>& channels, const std::array<int, 3>& betas, int dilation, int length,
                        std::vector<float>& out)
{
    out.assign(std::size_t(length), 0.0f);
    for (int c : channels) {
        const float* xp = padded[std::size_t(c)].data();
        const float* a = alpha_sums.data() + std::size_t(c) * std::size_t(length);
        const int o0 = betas[0] * dilation, o1 = betas[1] * dilation, o2 = betas[2] * dilation;
        // Every weight is -1 and three are 2: -sum(all 9 taps) + 3 * (the three).
        for (int t = 0; t < length; ++t) out[std::size_t(t)] += -a[t] + 3.0f * (xp[t + o0] + xp[t + o1] + xp[t + o2]);
    }
}

// Per channel, the sum of the 9 taps at every t (the -1 part of every kernel).
void tap_sums(const std::vector<std::vector<float>>& padded, int dilation, int length, std::vector<float>& sums)
{
    sums.assign(padded.size() * std::size_t(length), 0.0f);
    for (std::size_t c = 0; c < padded.size(); ++c) {
        const float* xp = padded[c].data();
        float* s = sums.data() + c * std::size_t(length);
        for (int j = 0; j < kLength; ++j)
            for (int t = 0; t < length; ++t) s[t] += xp[t + j * dilation];
    }
}

void pad_all(const SeriesSet& set, std::size_t i, int dilation, std::vector<std::vector<float>>& padded)
{
    padded.resize(set.channels);
    for (std::size_t c = 0; c < set.channels; ++c) padded_channel(set, i, c, 4 * dilation, padded[c]);
}
}  // namespace

const std::array<std::array<int, 3>, 84>& minirocket_kernels()
{
    static const auto kernels = [] {
        std::array<std::array<int, 3>, 84> k{};
        int n = 0;
        for (int a = 0; a < kLength; ++a)
            for (int b = a + 1; b < kLength; ++b)
                for (int c = b + 1; c < kLength; ++c) k[std::size_t(n++)] = {a, b, c};
        return k;
    }();
    return kernels;
}

DilationPlan minirocket_dilations(int length, int num_features, int max_dilations_per_kernel)
{
    if (length < 1 || num_features < kKernels || max_dilations_per_kernel < 1)
        throw std::invalid_argument("MiniRocket: needs a series length >= 1, >= 84 features and >= 1 dilation");
    const int per_kernel = num_features / kKernels;
    const int count = std::min(per_kernel, max_dilations_per_kernel);
    const double multiplier = double(per_kernel) / count;
    // Series shorter than a kernel's span at dilation 1 keep dilation 1 only.
    const double max_exponent = std::max(0.0, std::log2(double(length - 1) / (kLength - 1)));
    DilationPlan plan;
    for (int i = 0; i < count; ++i) {
        const double e = count == 1 ? 0.0 : max_exponent * i / (count - 1);
        const int d = int(std::floor(std::pow(2.0, e)));
        if (!plan.dilations.empty() && plan.dilations.back() == d)
            ++plan.features_per_dilation.back();
        else {
            plan.dilations.push_back(d);
            plan.features_per_dilation.push_back(1);
        }
    }
    for (auto& f : plan.features_per_dilation) f = int(f * multiplier);
    int remainder =
        per_kernel - std::accumulate(plan.features_per_dilation.begin(), plan.features_per_dilation.end(), 0);
    for (std::size_t i = 0; remainder > 0; i = (i + 1) % plan.dilations.size(), --remainder)
        ++plan.features_per_dilation[i];
    return plan;
}

std::vector<float> minirocket_quantiles(int n)
{
    const double golden = (std::sqrt(5.0) + 1.0) / 2.0;
    std::vector<float> q(std::size_t(std::max(n, 0)));
    for (int i = 1; i <= n; ++i) {
        const double v = i * golden;
        q[std::size_t(i - 1)] = float(v - std::floor(v));
    }
    return q;
}

void minirocket_convolve(const float* x, int length, int kernel, int dilation, float* out)
{
    const auto& betas = minirocket_kernels().at(std::size_t(kernel));
    for (int t = 0; t < length; ++t) {
        float sum = 0;
        for (int j = 0; j < kLength; ++j) {
            const int at = t + (j - 4) * dilation;
            if (at < 0 || at >= length) continue;
            const bool beta = j == betas[0] || j == betas[1] || j == betas[2];
            sum += (beta ? 2.0f : -1.0f) * x[at];
        }
        out[t] = sum;
    }
}

float sorted_quantile(const std::vector<float>& sorted, float q)
{
    if (sorted.empty()) return 0.0f;
    const double h = double(sorted.size() - 1) * double(q);
    const std::size_t lo = std::size_t(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return float(sorted[lo] + (h - double(lo)) * (sorted[hi] - sorted[lo]));
}

MiniRocket fit_minirocket(const SeriesSet& train, const MiniRocketOptions& o)
{
    if (train.n == 0 || train.channels == 0 || train.length == 0)
        throw std::invalid_argument("MiniRocket: the training set is empty");
    MiniRocket model;
    model.length = int(train.length);
    model.channels = int(train.channels);
    const auto plan = minirocket_dilations(model.length, o.num_features, o.max_dilations_per_kernel);
    model.dilations = plan.dilations;
    model.features_per_dilation = plan.features_per_dilation;
    const int per_kernel = std::accumulate(plan.features_per_dilation.begin(), plan.features_per_dilation.end(), 0);
    const auto quantiles = minirocket_quantiles(kKernels * per_kernel);

    std::mt19937_64 rng(o.seed);
    const std::size_t combinations = model.dilations.size() * kKernels;
    // Channel subsets: 2^U(0, log2(min(C, 9) + 1)) channels, drawn without replacement.
    const int max_channels = std::min(model.channels, kLength);
    std::uniform_real_distribution<double> exponent(0.0, std::log2(max_channels + 1.0));
    std::vector<int> all(std::size_t(model.channels));
    std::iota(all.begin(), all.end(), 0);
    for (std::size_t k = 0; k < combinations; ++k) {
        if (model.channels == 1) {
            model.combination_channels.push_back({0});
            continue;
        }
        const int count = std::clamp(int(std::pow(2.0, exponent(rng))), 1, max_channels);
        std::shuffle(all.begin(), all.end(), rng);
        std::vector<int> chosen(all.begin(), all.begin() + count);
        std::sort(chosen.begin(), chosen.end());
        model.combination_channels.push_back(std::move(chosen));
    }

    // Biases: quantiles of the whole (zero padded) output on one random training series.
    std::uniform_int_distribution<std::size_t> example(0, train.n - 1);
    std::vector<std::vector<float>> padded;
    std::vector<float> sums, out;
    model.biases.reserve(std::size_t(kKernels * per_kernel));
    std::size_t q = 0;
    for (std::size_t di = 0; di < model.dilations.size(); ++di) {
        const int d = model.dilations[di];
        for (int k = 0; k < kKernels; ++k) {
            pad_all(train, example(rng), d, padded);
            tap_sums(padded, d, model.length, sums);
            combination_output(padded, sums, model.combination_channels[di * kKernels + std::size_t(k)],
                               minirocket_kernels()[std::size_t(k)], d, model.length, out);
            std::sort(out.begin(), out.end());
            for (int f = 0; f < model.features_per_dilation[di]; ++f)
                model.biases.push_back(sorted_quantile(out, quantiles[q++]));
        }
    }
    return model;
}

Matrix minirocket_transform(const MiniRocket& model, const SeriesSet& data, unsigned threads)
{
    if (int(data.channels) != model.channels || int(data.length) != model.length)
        throw std::invalid_argument("MiniRocket: fitted on " + std::to_string(model.channels) + " x " +
                                    std::to_string(model.length) + " series, given " + std::to_string(data.channels) +
                                    " x " + std::to_string(data.length));
    Matrix features;
    features.rows = data.n;
    features.cols = model.feature_count();
    features.data.assign(features.rows * features.cols, 0.0f);
    const int length = model.length;
    run_parallel_tasks(data.n, threads, [&](std::size_t i) {
        std::vector<std::vector<float>> padded;
        std::vector<float> sums, out;
        float* row = features.row(i);
        std::size_t b = 0;
        for (std::size_t di = 0; di < model.dilations.size(); ++di) {
            const int d = model.dilations[di];
            pad_all(data, i, d, padded);
            tap_sums(padded, d, length, sums);
            const int pad = 4 * d;
            for (int k = 0; k < kKernels; ++k) {
                combination_output(padded, sums, model.combination_channels[di * kKernels + std::size_t(k)],
                                   minirocket_kernels()[std::size_t(k)], d, length, out);
                // Half the combinations (alternating) count PPV over the
                // positions where the kernel lies wholly inside the series.
                int from = 0, to = length;
                if ((di + std::size_t(k)) % 2 == 1 && length > 2 * pad) {
                    from = pad;
                    to = length - pad;
                }
                const float span = float(to - from);
                for (int f = 0; f < model.features_per_dilation[di]; ++f, ++b) {
                    const float bias = model.biases[b];
                    int positive = 0;
                    for (int t = from; t < to; ++t) positive += out[std::size_t(t)] > bias;
                    row[b] = float(positive) / span;
                }
            }
        }
    });
    return features;
}

}  // namespace btsf
