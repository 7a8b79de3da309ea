#pragma once
// Geometry of learned representations (spec §9, Wang & Isola 2020): alignment of positive
// pairs, uniformity on the hypersphere, the 2-D angle view of normalised features, and the
// small helpers the analysis panels plot with. Plain C++, no torch.
#include <cstddef>
#include <vector>

#include "util/matrix.h"

namespace btsf {

// Each row divided by its Euclidean norm. Zero rows stay zero, since they have no
// direction. Throws std::invalid_argument for an inconsistent matrix.
Matrix l2_normalise_rows(const Matrix& x);

// ||a_i/|a_i| - p_i/|p_i|||^2 for each row i, in [0, 4]: the alignment distribution of spec
// §9, whose mean is the alignment loss. Throws std::invalid_argument unless both matrices
// are consistent and of the same shape.
std::vector<float> alignment_distances(const Matrix& anchors, const Matrix& positives);

// log( mean over pairs i < j of exp(-t ||u_i - u_j||^2) ), u = the L2-normalised rows; in
// [-4t, 0], lower is more uniform. Above kUniformityMaxRows rows it uses a fixed subsample
// of that many rows (the pair count grows as n^2), drawn with std::mt19937 seeded with
// kUniformitySeed, so that the same matrix always gives the same value. NaN for fewer than
// 2 rows.
constexpr std::size_t kUniformityMaxRows = 2000;
constexpr unsigned kUniformitySeed = 20200527;
double uniformity(const Matrix& x, double t = 2.0);

// Rows projected onto the top `dims` principal components of the centred data
// (rows x dims). Components past min(rows, cols) are zero. Sign convention, so that the
// result does not depend on the eigen solver: each component is oriented so that its
// scores have a positive sum of cubes (the long tail points to +); when that sum is zero
// (a symmetric spread) the loading of largest magnitude is made positive instead.
Matrix pca_project(const Matrix& x, int dims);

// Angle atan2(pc2, pc1) in [-pi, pi] of each L2-normalised row in the plane of its top two
// principal components (spec §9 feature distribution). The plane is fitted after centring,
// so angles are measured around the centroid of the normalised features. Orientation
// follows pca_project: only differences between angles are intrinsic to the data.
std::vector<float> feature_angles(const Matrix& x);

struct Histogram {
    double lo = 0;
    double hi = 0;
    std::vector<int> counts;

    double bin_width() const { return counts.empty() ? 0.0 : (hi - lo) / static_cast<double>(counts.size()); }
};

// Equal-width bins over [lo, hi]; values below lo or at/above hi go to the first or last bin
// (so no sample silently disappears from a plot), NaN is skipped. Throws
// std::invalid_argument unless bins >= 1 and lo < hi (both finite).
Histogram histogram(const std::vector<float>& values, int bins, double lo, double hi);

// Fraction of points whose nearest other point (Euclidean, ties to the lower index) has the
// same label: 1 when an embedding separates the classes cleanly, about the chance rate when
// it mixes them. `points` holds labels.size() rows of `dims` values. NaN for fewer than 2
// points; throws std::invalid_argument on mismatched sizes.
double nearest_neighbour_agreement(const std::vector<float>& points, int dims, const std::vector<int>& labels);

}  // namespace btsf
