// The label-using augmentations of Iwana & Uchida 2021: SPAWNER, wDBA, random
// guided warping (RGW) and discriminative guided warping (DGW). All use the DTW of
// model/dtw.h (squared Euclidean local cost, Sakoe-Chiba band of
// ceil(dtw_window_ratio * t) steps); their code uses the Euclidean norm as local
// cost, and DGW here uses plain DTW, not shapeDTW.
#include "model/augmentations.h"
#include "model/dtw.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace btsf::augment_detail {
namespace {

struct LabelledBatch {
    const float* x = nullptr;  // n x c x t
    std::size_t n = 0, c = 0, t = 0;
    const int* labels = nullptr;
    const float* pool = nullptr;  // pool_n x c x t
    std::size_t pool_n = 0;
    const int* pool_labels = nullptr;

    const float* series(std::size_t i) const { return x + i * c * t; }
    const float* pool_series(std::size_t p) const { return pool + p * c * t; }
};

using Path = std::vector<std::pair<int, int>>;

SeriesView view(const float* s, std::size_t c, std::size_t t, std::size_t start = 0, std::size_t len = 0)
{
    SeriesView v;
    v.data = s + start;
    v.length = len ? len : t;
    v.channels = c;
    v.stride = t;
    return v;
}

// Pool series of the same class as series i (or, with same_class false, of any
// other class). Copies of series i itself are left out when drop_copies is set: the
// pool is often the batch, or the training set the batch came from.
std::vector<std::size_t> candidates(const LabelledBatch& b, std::size_t i, bool same_class, bool drop_copies)
{
    const std::size_t ct = b.c * b.t;
    std::vector<std::size_t> out;
    for (std::size_t p = 0; p < b.pool_n; ++p) {
        if ((b.pool_labels[p] == b.labels[i]) != same_class) continue;
        if (drop_copies && std::equal(b.pool_series(p), b.pool_series(p) + ct, b.series(i))) continue;
        out.push_back(p);
    }
    return out;
}

// Series x (c x t) read along the path's second index (one value per path step),
// resampled to t: x stretched where the path waits on it, i.e. x re-timed towards
// the series on the path's first index.
void warp_along(const float* x, std::size_t c, std::size_t t, const Path& path, float* out)
{
    std::vector<float> seq(path.size());
    for (std::size_t k = 0; k < c; ++k) {
        for (std::size_t m = 0; m < path.size(); ++m) seq[m] = x[k * t + std::size_t(path[m].second)];
        resample(seq.data(), seq.size(), out + k * t, t);
    }
}

void copy_series(const float* x, std::size_t ct, float* out)
{
    std::copy(x, x + ct, out);
}

// Symmetric DTW distances between pool series `ids` (zero diagonal).
std::vector<double> pairwise(const LabelledBatch& b, const std::vector<std::size_t>& ids, int window)
{
    const std::size_t k = ids.size();
    std::vector<double> d(k * k, 0.0);
    for (std::size_t p = 0; p < k; ++p)
        for (std::size_t q = p + 1; q < k; ++q)
            d[p * k + q] = d[q * k + p] =
                dtw_distance(view(b.pool_series(ids[p]), b.c, b.t), view(b.pool_series(ids[q]), b.c, b.t), window);
    return d;
}

// SPAWNER (Kamycki et al. 2020): a random same-class partner, DTW-aligned with the
// path forced through a random split point (two DTWs, before and after it), the
// two series averaged along the path, resampled to t, plus N(0, spawner_sigma^2).
// Without a partner the series is kept (and still jittered, as in their code).
void spawner(const LabelledBatch& b, const AugmentParams& params, Draws& draws, float* out)
{
    const std::size_t c = b.c, t = b.t, ct = c * t;
    const int window = dtw_window_steps(params.dtw_window_ratio, t);
    std::vector<float> avg;
    for (std::size_t i = 0; i < b.n; ++i) {
        const float* xi = b.series(i);
        float* oi = out + i * ct;
        const std::vector<std::size_t> partners = candidates(b, i, true, true);
        if (partners.empty()) {
            copy_series(xi, ct, oi);
        } else {
            const float* partner = b.pool_series(partners[draws.index(partners.size())]);
            Path path;
            if (t >= 3) {
                const auto r = std::size_t(draws.uniform_int(1, int(t) - 2));
                path = dtw_path(view(xi, c, t, 0, r), view(partner, c, t, 0, r), window);
                for (const auto& [p, q] : dtw_path(view(xi, c, t, r, t - r), view(partner, c, t, r, t - r), window))
                    path.emplace_back(p + int(r), q + int(r));
            } else {
                path = dtw_path(view(xi, c, t), view(partner, c, t), window);
            }
            avg.resize(path.size());
            for (std::size_t k = 0; k < c; ++k) {
                for (std::size_t m = 0; m < path.size(); ++m)
                    avg[m] =
                        0.5f * (xi[k * t + std::size_t(path[m].first)] + partner[k * t + std::size_t(path[m].second)]);
                resample(avg.data(), avg.size(), oi + k * t, t);
            }
        }
        for (std::size_t e = 0; e < ct; ++e) oi[e] = float(oi[e] + params.spawner_sigma * draws.normal());
    }
}

// Weighted DBA (Forestier et al. 2017), one averaging pass as in their code: up to
// wdba_batch random same-class series (the series itself may be among them), the
// medoid under DTW as the starting average, every other one aligned to it and added
// with weight 0.5^(d / d_nearest) (the medoid itself with weight 1). d_nearest is
// the smallest non-zero distance to the medoid (their code falls back to the medoid
// alone when the nearest is a duplicate).
void wdba(const LabelledBatch& b, const AugmentParams& params, Draws& draws, float* out)
{
    const std::size_t c = b.c, t = b.t, ct = c * t;
    const int window = dtw_window_steps(params.dtw_window_ratio, t);
    std::vector<double> sum(ct), weights(t);
    for (std::size_t i = 0; i < b.n; ++i) {
        float* oi = out + i * ct;
        const std::vector<std::size_t> same = candidates(b, i, true, false);
        if (same.empty()) {
            copy_series(b.series(i), ct, oi);
            continue;
        }
        const std::vector<std::size_t> ids = draws.sample(same, std::size_t(params.wdba_batch));
        const std::size_t k = ids.size();
        const std::vector<double> d = pairwise(b, ids, window);
        std::size_t medoid = 0;
        double best = std::numeric_limits<double>::infinity(), nearest = best;
        for (std::size_t p = 0; p < k; ++p) {
            double row = 0.0;
            for (std::size_t q = 0; q < k; ++q) row += d[p * k + q];
            if (row < best) {
                best = row;
                medoid = p;
            }
        }
        for (std::size_t q = 0; q < k; ++q)
            if (d[medoid * k + q] > 0.0) nearest = std::min(nearest, d[medoid * k + q]);
        const float* med = b.pool_series(ids[medoid]);
        if (!std::isfinite(nearest)) {  // one prototype, or all identical
            copy_series(med, ct, oi);
            continue;
        }
        std::copy(med, med + ct, sum.begin());
        std::fill(weights.begin(), weights.end(), 1.0);
        for (std::size_t q = 0; q < k; ++q) {
            if (q == medoid) continue;
            const float* other = b.pool_series(ids[q]);
            const double w = std::exp(std::log(0.5) * d[medoid * k + q] / nearest);
            for (const auto& [pm, po] : dtw_path(view(med, c, t), view(other, c, t), window)) {
                for (std::size_t ch = 0; ch < c; ++ch)
                    sum[ch * t + std::size_t(pm)] += w * other[ch * t + std::size_t(po)];
                weights[std::size_t(pm)] += w;
            }
        }
        for (std::size_t ch = 0; ch < c; ++ch)
            for (std::size_t s = 0; s < t; ++s) oi[ch * t + s] = float(sum[ch * t + s] / weights[s]);
    }
}

// Random guided warping: the series re-timed along its DTW path to a random
// same-class prototype. Without one, the series is kept.
void random_guided_warp(const LabelledBatch& b, const AugmentParams& params, Draws& draws, float* out)
{
    const std::size_t c = b.c, t = b.t, ct = c * t;
    const int window = dtw_window_steps(params.dtw_window_ratio, t);
    for (std::size_t i = 0; i < b.n; ++i) {
        const std::vector<std::size_t> same = candidates(b, i, true, true);
        if (same.empty()) {
            copy_series(b.series(i), ct, out + i * ct);
            continue;
        }
        const float* proto = b.pool_series(same[draws.index(same.size())]);
        warp_along(b.series(i), c, t, dtw_path(view(proto, c, t), view(b.series(i), c, t), window), out + i * ct);
    }
}

// Discriminative guided warping, as their discriminative_dtw_warp with plain DTW:
// ceil(B/2) same-class and floor(B/2) other-class random series (B = wdba_batch);
// the teacher is the same-class one with the largest mean distance to the other
// class minus mean distance to its own class; the series is warped to it as in RGW.
// Then their "variable slicing": a window slice of ratio r + (1 - r) * a_i / max a,
// where a_i is how far series i's warp strays from the diagonal and r is
// window_slice_ratio (their code: 0.9), so the most-warped series is not sliced.
// The normalisation by max a makes the slice depend on the rest of the batch.
void discriminative_guided_warp(const LabelledBatch& b, const AugmentParams& params, Draws& draws, float* out)
{
    const std::size_t c = b.c, t = b.t, ct = c * t;
    const int window = dtw_window_steps(params.dtw_window_ratio, t);
    const auto pos_batch = std::max<std::size_t>(1, (std::size_t(params.wdba_batch) + 1) / 2);
    const auto neg_batch = std::max<std::size_t>(1, std::size_t(params.wdba_batch) / 2);
    std::vector<double> amount(b.n, 0.0);
    for (std::size_t i = 0; i < b.n; ++i) {
        const float* xi = b.series(i);
        float* oi = out + i * ct;
        const std::vector<std::size_t> pos_all = candidates(b, i, true, true), neg_all = candidates(b, i, false, false);
        if (pos_all.empty() || neg_all.empty()) {
            copy_series(xi, ct, oi);
            continue;
        }
        const std::vector<std::size_t> pos = draws.sample(pos_all, pos_batch), neg = draws.sample(neg_all, neg_batch);
        const std::size_t kp = pos.size();
        const std::vector<double> dpp = pairwise(b, pos, window);
        std::size_t teacher = 0;
        double best = -std::numeric_limits<double>::infinity();
        for (std::size_t p = 0; p < kp; ++p) {
            double own = 0.0, other = 0.0;
            for (std::size_t q = 0; q < kp; ++q) own += dpp[p * kp + q];
            own = kp > 1 ? own / double(kp - 1) : 0.0;
            for (std::size_t q : neg)
                other += dtw_distance(view(b.pool_series(pos[p]), c, t), view(b.pool_series(q), c, t), window);
            other /= double(neg.size());
            if (other - own > best) {
                best = other - own;
                teacher = p;
            }
        }
        const Path path = dtw_path(view(b.pool_series(pos[teacher]), c, t), view(xi, c, t), window);
        warp_along(xi, c, t, path, oi);
        // Sum over output steps s of |s - (the input step the warp reads there)|.
        const double step = t > 1 ? double(path.size() - 1) / double(t - 1) : 0.0;
        for (std::size_t s = 0; s < t; ++s) {
            const double pos_m = double(s) * step;
            const auto lo = std::min(path.size() - 1, static_cast<std::size_t>(pos_m));
            const std::size_t hi = std::min(path.size() - 1, lo + 1);
            const double frac = pos_m - double(lo);
            const double src = path[lo].second + frac * (path[hi].second - path[lo].second);
            amount[i] += std::abs(double(s) - src);
        }
    }
    const double max_amount = *std::max_element(amount.begin(), amount.end());
    const double r = params.window_slice_ratio;
    std::vector<float> warped(ct);
    for (std::size_t i = 0; i < b.n; ++i) {
        std::copy(out + i * ct, out + (i + 1) * ct, warped.begin());
        const double ratio = max_amount > 0.0 ? r + (1.0 - r) * amount[i] / max_amount : r;
        window_slice_one(warped.data(), c, t, ratio, draws, out + i * ct);
    }
}

}  // namespace

void augment_labelled(const std::string& name, const std::vector<float>& x, std::size_t n, std::size_t c, std::size_t t,
                      const AugmentParams& params, Draws& draws, const std::vector<int>& labels,
                      const std::vector<float>* pool, std::size_t pool_n, const std::vector<int>* pool_labels,
                      float* out)
{
    if (labels.empty() && n > 0)
        throw std::invalid_argument("augmentation '" + name + "' needs the training labels of the batch");
    if (labels.size() != n)
        throw std::invalid_argument("augmentation '" + name + "': " + std::to_string(labels.size()) + " labels for " +
                                    std::to_string(n) + " series");
    if (!pool) {  // the batch is its own pool
        pool = &x;
        pool_n = n;
        pool_labels = &labels;
    }
    if (pool->size() != pool_n * c * t)
        throw std::invalid_argument("augmentation '" + name + "': the pool holds " + std::to_string(pool->size()) +
                                    " values, not " + std::to_string(pool_n) + " series of " + std::to_string(c) +
                                    " x " + std::to_string(t));
    if (!pool_labels || pool_labels->size() != pool_n)
        throw std::invalid_argument("augmentation '" + name + "' needs one label per pool series");
    if (n == 0 || c * t == 0) return;

    const LabelledBatch batch{x.data(), n, c, t, labels.data(), pool->data(), pool_n, pool_labels->data()};
    if (name == "spawner")
        spawner(batch, params, draws, out);
    else if (name == "wdba")
        wdba(batch, params, draws, out);
    else if (name == "rgw")
        random_guided_warp(batch, params, draws, out);
    else
        discriminative_guided_warp(batch, params, draws, out);
}

}  // namespace btsf::augment_detail
