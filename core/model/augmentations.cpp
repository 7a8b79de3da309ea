#include "model/augmentations.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

// The eight methods that need no labels, one series (c x t) at a time, the
// shared helpers, and the dispatcher. The DTW-guided ones are in guided_warping.cpp.
namespace btsf {
namespace augment_detail {

double sample_linear(const float* x, std::size_t len, double pos)
{
    if (pos <= 0.0 || len == 1) return x[0];
    if (pos >= double(len - 1)) return x[len - 1];
    const auto lo = static_cast<std::size_t>(pos);
    const double frac = pos - double(lo);
    return double(x[lo]) + frac * (double(x[lo + 1]) - double(x[lo]));
}

void resample(const float* src, std::size_t src_len, float* dst, std::size_t dst_len)
{
    if (dst_len == 1) {
        dst[0] = src[0];
        return;
    }
    const double step = double(src_len - 1) / double(dst_len - 1);
    for (std::size_t s = 0; s < dst_len; ++s) dst[s] = float(sample_linear(src, src_len, double(s) * step));
    dst[dst_len - 1] = src[src_len - 1];  // no rounding drift at the end
}

namespace {
// ceil(ratio * t), tolerant of ratios like 0.9 that are not exact in binary.
std::size_t ratio_steps(double ratio, std::size_t t)
{
    return static_cast<std::size_t>(std::ceil(ratio * double(t) - 1e-9));
}
}  // namespace

void window_slice_one(const float* x, std::size_t c, std::size_t t, double ratio, Draws& draws, float* out)
{
    // Their code interpolates onto linspace(0, L, t), overshooting the window by one
    // step; here the window's ends map to the series' ends.
    const std::size_t len = ratio_steps(ratio, t);
    if (len >= t || len < 2) {
        std::copy(x, x + c * t, out);
        return;
    }
    const auto start = std::size_t(draws.uniform_int(0, int(t - len)));
    for (std::size_t k = 0; k < c; ++k) resample(x + k * t + start, len, out + k * t, t);
}

}  // namespace augment_detail

namespace {

using augment_detail::Draws;

// Natural cubic spline through knots y spread evenly over 0..t-1, at 0..t-1.
// (scipy's CubicSpline, which their code uses, ends with "not-a-knot" instead.)
std::vector<double> spline_curve(const std::vector<double>& y, std::size_t t)
{
    const std::size_t knots = y.size();
    std::vector<double> curve(t, y[0]);
    if (t < 2) return curve;
    const double h = double(t - 1) / double(knots - 1);
    std::vector<double> m(knots, 0.0);  // second derivatives; zero at both ends
    if (knots > 2) {
        // m[i-1] + 4 m[i] + m[i+1] = 6 (y[i-1] - 2 y[i] + y[i+1]) / h^2, solved by the Thomas algorithm.
        const std::size_t r = knots - 2;
        std::vector<double> cp(r), dp(r);
        for (std::size_t q = 0; q < r; ++q) {
            const double rhs = 6.0 * (y[q] - 2.0 * y[q + 1] + y[q + 2]) / (h * h);
            const double denom = 4.0 - (q > 0 ? cp[q - 1] : 0.0);
            cp[q] = 1.0 / denom;
            dp[q] = (rhs - (q > 0 ? dp[q - 1] : 0.0)) / denom;
        }
        for (std::size_t q = r; q-- > 0;) m[q + 1] = dp[q] - cp[q] * m[q + 2];
    }
    for (std::size_t s = 0; s < t; ++s) {
        const double u = double(s) / h;
        const std::size_t seg = std::min(knots - 2, static_cast<std::size_t>(u));
        const double b = u - double(seg), a = 1.0 - b;
        curve[s] =
            a * y[seg] + b * y[seg + 1] + ((a * a * a - a) * m[seg] + (b * b * b - b) * m[seg + 1]) * h * h / 6.0;
    }
    return curve;
}

std::vector<double> random_knots(const AugmentParams& p, double sigma, Draws& draws)
{
    std::vector<double> y(std::size_t(p.warp_knots) + 2);
    for (double& v : y) v = 1.0 + sigma * draws.normal();
    return y;
}

using SeriesFn = void (*)(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws,
                          float* out);

void jitter(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    for (std::size_t e = 0; e < c * t; ++e) out[e] = float(x[e] + p.jitter_sigma * draws.normal());
}

void scaling(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    for (std::size_t k = 0; k < c; ++k) {
        const double factor = 1.0 + p.scaling_sigma * draws.normal();
        for (std::size_t s = 0; s < t; ++s) out[k * t + s] = float(x[k * t + s] * factor);
    }
}

// A random sign per channel and a random order of the channels, per series. (Their
// code draws one channel order for the whole batch.)
void rotation(const float* x, std::size_t c, std::size_t t, const AugmentParams&, Draws& draws, float* out)
{
    std::vector<std::size_t> order(c);
    std::iota(order.begin(), order.end(), std::size_t{0});
    order = draws.sample(std::move(order), c);
    for (std::size_t k = 0; k < c; ++k) {
        const float sign = draws.uniform01() < 0.5 ? -1.0f : 1.0f;
        for (std::size_t s = 0; s < t; ++s) out[k * t + s] = sign * x[order[k] * t + s];
    }
}

// 1..max_segments segments at random cut points (their "random" seg_mode; numpy's
// exclusive bound makes their default draw 1..4), put in random order. All
// channels move together.
void permutation(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    const auto segments =
        std::size_t(draws.uniform_int(1, int(std::min<std::size_t>(std::size_t(p.permutation_max_segments), t))));
    std::vector<std::size_t> bounds{0, t};
    if (segments > 1) {
        std::vector<std::size_t> cuts(t - 1);
        std::iota(cuts.begin(), cuts.end(), std::size_t{1});
        cuts = draws.sample(std::move(cuts), segments - 1);
        bounds.insert(bounds.begin() + 1, cuts.begin(), cuts.end());
        std::sort(bounds.begin(), bounds.end());
    }
    std::vector<std::size_t> order(segments);
    std::iota(order.begin(), order.end(), std::size_t{0});
    order = draws.sample(std::move(order), segments);
    std::vector<std::size_t> source;
    source.reserve(t);
    for (std::size_t seg : order)
        for (std::size_t s = bounds[seg]; s < bounds[seg + 1]; ++s) source.push_back(s);
    for (std::size_t k = 0; k < c; ++k)
        for (std::size_t s = 0; s < t; ++s) out[k * t + s] = x[k * t + source[s]];
}

void magnitude_warp(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    for (std::size_t k = 0; k < c; ++k) {
        const std::vector<double> curve = spline_curve(random_knots(p, p.magnitude_warp_sigma, draws), t);
        for (std::size_t s = 0; s < t; ++s) out[k * t + s] = float(x[k * t + s] * curve[s]);
    }
}

// The speed of time is a smooth curve (spline through knots ~ N(1, sigma^2), kept
// positive) and the warped time is its running integral scaled to end at t-1, so the
// re-timing is monotone by construction. (Their code splines the knot times
// multiplied by the factors, which is monotone only for small sigma.) One warp per
// channel, as in their code.
void time_warp(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    std::vector<double> when(t, 0.0);
    for (std::size_t k = 0; k < c; ++k) {
        std::vector<double> speed = spline_curve(random_knots(p, p.time_warp_sigma, draws), t);
        if (t < 2) {
            out[k * t] = x[k * t];
            continue;
        }
        for (double& v : speed) v = std::max(v, 1e-3);
        for (std::size_t s = 1; s < t; ++s) when[s] = when[s - 1] + 0.5 * (speed[s - 1] + speed[s]);
        const double scale = double(t - 1) / when[t - 1];
        for (std::size_t s = 0; s < t; ++s)
            out[k * t + s] =
                float(augment_detail::sample_linear(x + k * t, t, s + 1 == t ? double(t - 1) : when[s] * scale));
    }
}

void window_slice(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    augment_detail::window_slice_one(x, c, t, p.window_slice_ratio, draws, out);
}

// A window of ceil(ratio * t) steps, starting at 1 or later and ending before the
// last step, is resampled to scale times its length; the whole is resampled to t.
void window_warp(const float* x, std::size_t c, std::size_t t, const AugmentParams& p, Draws& draws, float* out)
{
    const std::size_t w = augment_detail::ratio_steps(p.window_warp_ratio, t);
    if (w < 1 || t < w + 2) {
        std::copy(x, x + c * t, out);
        return;
    }
    const auto start = std::size_t(draws.uniform_int(1, int(t - 1 - w)));
    const double scale = p.window_warp_scales[draws.index(p.window_warp_scales.size())];
    const auto warped_len = std::max<std::size_t>(1, std::size_t(std::lround(double(w) * scale)));
    std::vector<float> buf(t - w + warped_len);
    for (std::size_t k = 0; k < c; ++k) {
        const float* xk = x + k * t;
        std::copy(xk, xk + start, buf.begin());
        augment_detail::resample(xk + start, w, buf.data() + start, warped_len);
        std::copy(xk + start + w, xk + t, buf.begin() + std::ptrdiff_t(start + warped_len));
        augment_detail::resample(buf.data(), buf.size(), out + k * t, t);
    }
}

const std::vector<std::pair<std::string, SeriesFn>>& simple_methods()
{
    static const std::vector<std::pair<std::string, SeriesFn>> table{{"jitter", jitter},
                                                                     {"scaling", scaling},
                                                                     {"rotation", rotation},
                                                                     {"permutation", permutation},
                                                                     {"magnitude-warp", magnitude_warp},
                                                                     {"time-warp", time_warp},
                                                                     {"window-slice", window_slice},
                                                                     {"window-warp", window_warp}};
    return table;
}

void require(bool ok, const char* key, const char* what)
{
    if (!ok) throw std::invalid_argument(std::string("augmentation parameter ") + key + " " + what);
}

void validate(const AugmentParams& p)
{
    require(p.jitter_sigma >= 0 && p.scaling_sigma >= 0 && p.magnitude_warp_sigma >= 0 && p.time_warp_sigma >= 0 &&
                p.spawner_sigma >= 0,
            "*_sigma", "must be >= 0");
    require(p.warp_knots >= 0, "warp_knots", "must be >= 0");
    require(p.permutation_max_segments >= 1, "permutation_max_segments", "must be >= 1");
    require(p.window_slice_ratio > 0 && p.window_slice_ratio <= 1, "window_slice_ratio", "must be in (0, 1]");
    require(p.window_warp_ratio > 0 && p.window_warp_ratio < 1, "window_warp_ratio", "must be in (0, 1)");
    require(!p.window_warp_scales.empty(), "window_warp_scales", "must not be empty");
    for (double s : p.window_warp_scales) require(s > 0, "window_warp_scales", "must be positive");
    require(p.dtw_window_ratio >= 0, "dtw_window_ratio", "must be >= 0");
    require(p.wdba_batch >= 1, "wdba_batch", "must be >= 1");
}

}  // namespace

const std::vector<std::string>& augmentation_names()
{
    static const std::vector<std::string> names{"jitter",         "scaling",   "rotation",     "permutation",
                                                "magnitude-warp", "time-warp", "window-slice", "window-warp",
                                                "spawner",        "wdba",      "rgw",          "dgw"};
    return names;
}

bool augmentation_needs_labels(const std::string& name)
{
    return name == "spawner" || name == "wdba" || name == "rgw" || name == "dgw";
}

std::vector<float> augment_batch(const std::string& name, const std::vector<float>& x, std::size_t n, std::size_t c,
                                 std::size_t t, const AugmentParams& params, std::mt19937_64& rng,
                                 const std::vector<int>& labels, const std::vector<float>* pool, std::size_t pool_n,
                                 const std::vector<int>* pool_labels)
{
    const auto& names = augmentation_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string valid;
        for (const auto& v : names) valid += (valid.empty() ? "" : ", ") + v;
        throw std::invalid_argument("unknown augmentation '" + name + "'; valid: " + valid);
    }
    validate(params);
    if (x.size() != n * c * t)
        throw std::invalid_argument("augmentation '" + name + "': " + std::to_string(x.size()) +
                                    " values for a batch of " + std::to_string(n) + " x " + std::to_string(c) + " x " +
                                    std::to_string(t));
    std::vector<float> out(x.size());
    Draws draws(rng);

    if (!augmentation_needs_labels(name)) {
        const auto& table = simple_methods();
        const auto it = std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.first == name; });
        for (std::size_t i = 0; i < n && c * t > 0; ++i)
            it->second(x.data() + i * c * t, c, t, params, draws, out.data() + i * c * t);
        return out;
    }

    augment_detail::augment_labelled(name, x, n, c, t, params, draws, labels, pool, pool_n, pool_labels, out.data());
    return out;
}

}  // namespace btsf
