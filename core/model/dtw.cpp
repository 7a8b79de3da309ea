#include "model/dtw.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>

namespace btsf {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The allowed cells of row i are lo(i)..hi(i). Only the band is stored, so a
// path over long series costs len_a * (2w + 1) doubles, not len_a * len_b.
struct Band {
    int la = 0, lb = 0, w = 0;
    int lo(int i) const { return std::max(0, i - w); }
    int hi(int i) const { return std::min(lb - 1, i + w); }
};

Band make_band(const SeriesView& a, const SeriesView& b, int window)
{
    if (a.length == 0 || b.length == 0 || !a.data || !b.data) throw std::invalid_argument("dtw: empty series");
    if (a.channels != b.channels || a.channels == 0)
        throw std::invalid_argument("dtw: channel counts differ (" + std::to_string(a.channels) + " vs " +
                                    std::to_string(b.channels) + ")");
    Band band;
    band.la = static_cast<int>(a.length);
    band.lb = static_cast<int>(b.length);
    // A band narrower than the length difference cannot reach the last cell.
    band.w = window < 0 ? std::max(band.la, band.lb) : std::max(window, std::abs(band.la - band.lb));
    return band;
}

// Row i of the cumulative matrix into cur[j - lo(i)], from row i-1 in prev
// (unused for i == 0).
void fill_row(const Band& band, const SeriesView& a, const SeriesView& b, int i, const double* prev, double* cur)
{
    const int lo = band.lo(i), hi = band.hi(i);
    const int plo = i > 0 ? band.lo(i - 1) : 0, phi = i > 0 ? band.hi(i - 1) : -1;
    const std::size_t sa = a.stride ? a.stride : a.length, sb = b.stride ? b.stride : b.length;
    auto above = [&](int j) { return (j >= plo && j <= phi) ? prev[j - plo] : kInf; };
    for (int j = lo; j <= hi; ++j) {
        double cost = 0.0;
        for (std::size_t k = 0; k < a.channels; ++k) {
            const double d = double(a.data[k * sa + std::size_t(i)]) - double(b.data[k * sb + std::size_t(j)]);
            cost += d * d;
        }
        double best = 0.0;
        if (i > 0 || j > 0) best = std::min({above(j - 1), above(j), j > lo ? cur[j - 1 - lo] : kInf});
        cur[j - lo] = cost + best;
    }
}

SeriesView whole(const std::vector<float>& v, std::size_t channels)
{
    if (channels == 0 || v.size() % channels != 0)
        throw std::invalid_argument("dtw: " + std::to_string(v.size()) + " values do not split into " +
                                    std::to_string(channels) + " channels");
    SeriesView s;
    s.data = v.data();
    s.channels = channels;
    s.length = v.size() / channels;
    return s;
}

}  // namespace

double dtw_distance(const SeriesView& a, const SeriesView& b, int window)
{
    const Band band = make_band(a, b, window);
    const std::size_t width = std::size_t(std::min(band.lb, 2 * band.w + 1));
    std::vector<double> prev(width, kInf), cur(width, kInf);
    for (int i = 0; i < band.la; ++i) {
        fill_row(band, a, b, i, prev.data(), cur.data());
        std::swap(prev, cur);
    }
    return prev[std::size_t(band.lb - 1 - band.lo(band.la - 1))];
}

DtwAlignment dtw_align(const SeriesView& a, const SeriesView& b, int window)
{
    const Band band = make_band(a, b, window);
    std::vector<std::size_t> offset(std::size_t(band.la) + 1, 0);
    for (int i = 0; i < band.la; ++i)
        offset[std::size_t(i) + 1] = offset[std::size_t(i)] + std::size_t(band.hi(i) - band.lo(i) + 1);
    std::vector<double> d(offset.back(), kInf);
    for (int i = 0; i < band.la; ++i)
        fill_row(band, a, b, i, i > 0 ? &d[offset[std::size_t(i) - 1]] : nullptr, &d[offset[std::size_t(i)]]);

    auto at = [&](int i, int j) {
        if (i < 0 || j < band.lo(i) || j > band.hi(i)) return kInf;
        return d[offset[std::size_t(i)] + std::size_t(j - band.lo(i))];
    };

    DtwAlignment result;
    int i = band.la - 1, j = band.lb - 1;
    result.distance = at(i, j);
    result.path.emplace_back(i, j);
    while (i > 0 || j > 0) {
        const double diag = at(i - 1, j - 1), up = at(i - 1, j), left = j > 0 ? at(i, j - 1) : kInf;
        if (diag <= up && diag <= left) {
            --i;
            --j;
        } else if (up <= left) {
            --i;
        } else {
            --j;
        }
        result.path.emplace_back(i, j);
    }
    std::reverse(result.path.begin(), result.path.end());
    return result;
}

std::vector<std::pair<int, int>> dtw_path(const SeriesView& a, const SeriesView& b, int window)
{
    return dtw_align(a, b, window).path;
}

double dtw_distance(const std::vector<float>& a, const std::vector<float>& b, std::size_t channels, int window)
{
    return dtw_distance(whole(a, channels), whole(b, channels), window);
}

std::vector<std::pair<int, int>> dtw_path(const std::vector<float>& a, const std::vector<float>& b,
                                          std::size_t channels, int window)
{
    return dtw_path(whole(a, channels), whole(b, channels), window);
}

int dtw_window_steps(double ratio, std::size_t t)
{
    // The small tolerance keeps ceil(0.1 * 50) at 5 despite 0.1 not being exact.
    return static_cast<int>(std::ceil(ratio * double(t) - 1e-9));
}

}  // namespace btsf
