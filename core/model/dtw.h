#pragma once
// Dynamic time warping with a Sakoe-Chiba band, for the guided augmentations
// (SPAWNER, wDBA, RGW, DGW; model/augmentations.h). Plain C++, no torch.
//
// Steps are the symmetric ones, (i-1, j-1), (i-1, j), (i, j-1), each with weight 1,
// and the local cost is the squared Euclidean distance over channels:
//   cost(i, j) = sum_k (a[k][i] - b[k][j])^2,   D(i, j) = cost(i, j) + min(D(i-1, j-1), D(i-1, j), D(i, j-1)).
// The distance is D(len_a - 1, len_b - 1), unnormalised.
#include <cstddef>
#include <utility>
#include <vector>

namespace btsf {

// One multichannel series in the SeriesSet layout (channels x length, row-major),
// or a time range of one: element (k, i) is data[k * stride + i]. A stride larger
// than length lets a view cover x[:, start:start+length] without copying.
struct SeriesView {
    const float* data = nullptr;
    std::size_t length = 0;  // time steps
    std::size_t channels = 1;
    std::size_t stride = 0;  // distance between channels; 0 means `length`

    float at(std::size_t channel, std::size_t i) const { return data[channel * (stride ? stride : length) + i]; }
};

struct DtwAlignment {
    double distance = 0.0;
    // (i, j) pairs from (0, 0) to (len_a - 1, len_b - 1); each step increases i, j or both by one.
    std::vector<std::pair<int, int>> path;
};

// `window` is the band half-width in steps: only cells with |i - j| <= window are
// allowed. It is raised to |len_a - len_b| so that a path always exists; a negative
// window means no band. Throws std::invalid_argument on empty series or a channel
// mismatch. The path breaks ties towards the diagonal, then (i-1, j), then (i, j-1).
DtwAlignment dtw_align(const SeriesView& a, const SeriesView& b, int window);
// Distance only: O(len_a * band) time, two rows of memory.
double dtw_distance(const SeriesView& a, const SeriesView& b, int window);
std::vector<std::pair<int, int>> dtw_path(const SeriesView& a, const SeriesView& b, int window);

// Whole vectors holding `channels` x length values (length = size / channels).
double dtw_distance(const std::vector<float>& a, const std::vector<float>& b, std::size_t channels, int window);
std::vector<std::pair<int, int>> dtw_path(const std::vector<float>& a, const std::vector<float>& b,
                                          std::size_t channels, int window);

// The band half-width the guided augmentations use for series of length t:
// ceil(ratio * t), as Iwana & Uchida's code does with ratio 0.1.
int dtw_window_steps(double ratio, std::size_t t);

}  // namespace btsf
