#pragma once
// The time-series augmentations compared by Iwana & Uchida 2021 ("An empirical
// survey of data augmentation for time series classification with neural
// networks", PLOS ONE), on plain float arrays (spec §10). Their code
// (uchidalab/time_series_augmentation) fixes the parameters and the details;
// where this file departs from it, the comment at the method says so.
// Instance-level dropout is not here: it works on the tensor (model/dropout_crop.h).
//
// Randomness comes only from the std::mt19937_64 passed in, through transforms
// written out here (the standard distributions differ between standard
// libraries), so a seed gives the same batch on every platform.
#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "util/portable_random.h"

namespace btsf {

struct AugmentParams {
    double jitter_sigma = 0.03, scaling_sigma = 0.1, magnitude_warp_sigma = 0.2, time_warp_sigma = 0.2;
    int warp_knots = 4, permutation_max_segments = 5;
    double window_slice_ratio = 0.9, window_warp_ratio = 0.1;
    std::vector<double> window_warp_scales = {0.5, 2.0};
    double dtw_window_ratio = 0.1;  // Sakoe-Chiba band as a fraction of t for the DTW-based methods
    int wdba_batch = 6;             // prototypes considered by wDBA (and, split in half, by DGW)
    double spawner_sigma = 0.05;    // jitter SPAWNER adds to its average (their code's default)
};

// "jitter", "scaling", "rotation", "permutation", "magnitude-warp", "time-warp",
// "window-slice", "window-warp", "spawner", "wdba", "rgw", "dgw".
const std::vector<std::string>& augmentation_names();
bool augmentation_needs_labels(const std::string& name);  // spawner, wdba, rgw, dgw

// x: n x c x t row-major (like SeriesSet.values); returns a batch of the same shape.
// For the label-using methods, `labels` (size n) are the batch's training labels and
// `pool` (pool_n x c x t, with pool_labels) the labelled series partners and
// prototypes are drawn from; pool may be the batch itself, and a null pool means the
// batch. A pool series equal to the one being augmented is never its partner or
// teacher (SPAWNER, RGW, DGW); wDBA may average it in, as their code does.
// Throws std::invalid_argument naming the method when it needs labels and has none,
// naming the valid names for an unknown method, and on inconsistent sizes or
// parameters out of range.
std::vector<float> augment_batch(const std::string& name, const std::vector<float>& x, std::size_t n, std::size_t c,
                                 std::size_t t, const AugmentParams& params, std::mt19937_64& rng,
                                 const std::vector<int>& labels = {}, const std::vector<float>* pool = nullptr,
                                 std::size_t pool_n = 0, const std::vector<int>* pool_labels = nullptr);

// Shared by augmentations.cpp and guided_warping.cpp; not API.
namespace augment_detail {

// Draws from the caller's engine (util/portable_random.h), so a seed names the same views everywhere.
using Draws = PortableDraws<std::mt19937_64&>;

// Value of x (len samples) at fractional position pos, linear, clamped to the ends.
double sample_linear(const float* x, std::size_t len, double pos);
// Linear resampling that maps first to first and last to last.
void resample(const float* src, std::size_t src_len, float* dst, std::size_t dst_len);
// Window slice of one c x t series: a random window of ceil(ratio * t) steps,
// stretched back to t. Used by DGW's variable slicing too.
void window_slice_one(const float* x, std::size_t c, std::size_t t, double ratio, Draws& draws, float* out);

// The label-using methods (guided_warping.cpp): checks labels and pool as
// augment_batch documents, then writes n x c x t values to out.
void augment_labelled(const std::string& name, const std::vector<float>& x, std::size_t n, std::size_t c, std::size_t t,
                      const AugmentParams& params, Draws& draws, const std::vector<int>& labels,
                      const std::vector<float>* pool, std::size_t pool_n, const std::vector<int>* pool_labels,
                      float* out);

}  // namespace augment_detail
}  // namespace btsf
