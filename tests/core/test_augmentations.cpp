// DTW against alignments worked by hand (the cumulative matrices are in the
// comments), and each Iwana & Uchida augmentation against the property that
// defines it (spec §10).
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "demo_random.h"
#include "model/augmentations.h"
#include "model/dtw.h"

using btsf::augment_batch;
using btsf::AugmentParams;
using Path = std::vector<std::pair<int, int>>;

namespace {

// Two classes, c = 2, t = 64: class 0 is (sin, cos) of one period, class 1 the
// same negated, each with a random amplitude, a small random phase and noise.
struct Toy {
    std::size_t n = 0, c = 2, t = 64;
    std::vector<float> x;
    std::vector<int> labels;
};

Toy toy_set(std::size_t per_class, std::uint32_t seed)
{
    btsf::demo::DemoRng rng(seed);
    Toy toy;
    toy.n = 2 * per_class;
    for (std::size_t i = 0; i < toy.n; ++i) {
        const int label = int(i % 2);
        const double sign = label == 0 ? 1.0 : -1.0, amp = rng.uniform(0.8, 1.2), phase = rng.uniform(-0.3, 0.3);
        for (std::size_t k = 0; k < toy.c; ++k)
            for (std::size_t s = 0; s < toy.t; ++s) {
                const double a = 6.283185307179586 * double(s) / double(toy.t) + phase;
                toy.x.push_back(float(sign * amp * (k == 0 ? std::sin(a) : std::cos(a)) + 0.1 * rng.normal()));
            }
        toy.labels.push_back(label);
    }
    return toy;
}

std::vector<float> row(const std::vector<float>& x, std::size_t i, std::size_t ct)
{
    return std::vector<float>(x.begin() + std::ptrdiff_t(i * ct), x.begin() + std::ptrdiff_t((i + 1) * ct));
}

std::vector<float> augment(const std::string& name, const std::vector<float>& x, std::size_t n, std::size_t c,
                           std::size_t t, const AugmentParams& p = {}, std::uint64_t seed = 1,
                           const std::vector<int>& labels = {})
{
    std::mt19937_64 rng(seed);
    return augment_batch(name, x, n, c, t, p, rng, labels);
}

// x[i][k][s] = s + 1000 k: strictly increasing in time, channels told apart.
std::vector<float> ramps(std::size_t n, std::size_t c, std::size_t t)
{
    std::vector<float> x;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < c; ++k)
            for (std::size_t s = 0; s < t; ++s) x.push_back(float(s + 1000 * k));
    return x;
}

// A monotone re-timing of a strictly increasing series: non-decreasing, with
// the first and last values kept.
void checkMonotoneRetiming(const std::string& name)
{
    const std::size_t n = 30, c = 2, t = 80;
    const std::vector<float> x = ramps(n, c, t);
    const std::vector<float> y = augment(name, x, n, c, t);
    QCOMPARE(y.size(), x.size());
    for (std::size_t r = 0; r < n * c; ++r) {
        const float* yr = y.data() + r * t;
        const float* xr = x.data() + r * t;
        QCOMPARE(yr[0], xr[0]);
        QCOMPARE(yr[t - 1], xr[t - 1]);
        for (std::size_t s = 1; s < t; ++s)
            QVERIFY2(yr[s] >= yr[s - 1], qPrintable(QString::fromStdString(name) + " not monotone"));
    }
    QVERIFY(y != x);
}

}  // namespace

class TestAugmentations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dtwMatchesHandAlignment()
    {
        // a = {0,1,2}, b = {0,0,1,2}; squared costs (rows a, columns b):
        //   0 0 1 4 / 1 1 0 1 / 4 4 1 0. Cumulative D: 0 0 1 5 / 1 1 0 1 / 5 5 1 0.
        // D(2,3) = 0; back: (2,3) <- diag (1,2) <- diag (0,1) <- left (0,0).
        const std::vector<float> a{0, 1, 2}, b{0, 0, 1, 2};
        const Path expected{{0, 0}, {0, 1}, {1, 2}, {2, 3}};
        QCOMPARE(btsf::dtw_distance(a, b, 1, -1), 0.0);
        QCOMPARE(btsf::dtw_path(a, b, 1, -1), expected);
        // Window 0 is raised to |4 - 3| = 1, which the path respects.
        QCOMPARE(btsf::dtw_distance(a, b, 1, 0), 0.0);
        QCOMPARE(btsf::dtw_path(a, b, 1, 0), expected);
        // Reversed roles transpose the path.
        QCOMPARE(btsf::dtw_path(b, a, 1, -1), (Path{{0, 0}, {1, 0}, {2, 1}, {3, 2}}));
    }

    void dtwWindowForbidsTheOptimum()
    {
        // a = {0,0,0,1}, b = {0,1,1,1}. Unconstrained D: 0 1 2 3 / 0 1 2 3 / 0 1 2 3 / 1 0 0 0,
        // distance 0 along (0,0) (1,0) (2,0) (3,1) (3,2) (3,3), which needs |i-j| = 2.
        // Window 1 keeps |i-j| <= 1: D(1,0)=0, D(1,1)=1, D(2,1)=1, D(3,2)=1, D(3,3)=1, path
        // (0,0) (1,0) (2,1) (3,2) (3,3) paying the one mismatch a2=0 vs b1=1.
        // Window 0 is the Euclidean case: 0 + 1 + 1 + 0 = 2.
        const std::vector<float> a{0, 0, 0, 1}, b{0, 1, 1, 1};
        QCOMPARE(btsf::dtw_distance(a, b, 1, -1), 0.0);
        QCOMPARE(btsf::dtw_path(a, b, 1, -1), (Path{{0, 0}, {1, 0}, {2, 0}, {3, 1}, {3, 2}, {3, 3}}));
        QCOMPARE(btsf::dtw_distance(a, b, 1, 2), 0.0);
        QCOMPARE(btsf::dtw_distance(a, b, 1, 1), 1.0);
        QCOMPARE(btsf::dtw_path(a, b, 1, 1), (Path{{0, 0}, {1, 0}, {2, 1}, {3, 2}, {3, 3}}));
        QCOMPARE(btsf::dtw_distance(a, b, 1, 0), 2.0);
        QCOMPARE(btsf::dtw_path(a, b, 1, 0), (Path{{0, 0}, {1, 1}, {2, 2}, {3, 3}}));
    }

    void dtwSumsSquaredDifferencesOverChannels()
    {
        // Two channels, a = (1,2 | 3,4), b = (1 | 5): the only path is (0,0) (1,0),
        // cost (0^2 + 2^2) + (1^2 + 1^2) = 6. Window 0 is raised to 1.
        QCOMPARE(btsf::dtw_distance({1, 2, 3, 4}, {1, 5}, 2, 0), 6.0);
        QCOMPARE(btsf::dtw_path({1, 2, 3, 4}, {1, 5}, 2, 0), (Path{{0, 0}, {1, 0}}));
        // (0,0 | 0,0) vs (1,1 | 2,2): every cell costs 1 + 4 = 5, the diagonal two cells: 10.
        QCOMPARE(btsf::dtw_distance({0, 0, 0, 0}, {1, 1, 2, 2}, 2, -1), 10.0);
        // A view with a stride reads x[:, 0:3] of a 2 x 4 series without copying.
        const std::vector<float> x{0, 1, 2, 9, 5, 6, 7, 9}, b{0, 1, 2, 5, 6, 7};
        btsf::SeriesView head{x.data(), 3, 2, 4}, whole{b.data(), 3, 2, 0};
        QCOMPARE(btsf::dtw_distance(head, whole, 0), 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::dtw_distance({1, 2, 3}, {1, 2}, 2, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::dtw_distance({}, {1, 2}, 1, 1));
        btsf::SeriesView one{b.data(), 6, 1, 0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::dtw_distance(head, one, 1));
    }

    void everyMethodKeepsTheShape()
    {
        const Toy toy = toy_set(4, 3);
        for (const std::string& name : btsf::augmentation_names()) {
            const auto y = augment(name, toy.x, toy.n, toy.c, toy.t, {}, 5, toy.labels);
            QCOMPARE(y.size(), toy.x.size());
            QVERIFY2(std::all_of(y.begin(), y.end(), [](float v) { return std::isfinite(v); }), name.c_str());
        }
        QCOMPARE(btsf::augmentation_names().size(), std::size_t{12});
    }

    void jitterAddsNoiseOfTheRequestedStd()
    {
        AugmentParams p;
        p.jitter_sigma = 0.03;
        const std::size_t t = 200000;
        const auto y = augment("jitter", std::vector<float>(t, 0.0f), 1, 1, t, p);
        double sum = 0, sq = 0;
        for (float v : y) {
            sum += v;
            sq += double(v) * v;
        }
        const double mean = sum / double(t), sd = std::sqrt(sq / double(t) - mean * mean);
        QVERIFY2(std::abs(sd / 0.03 - 1.0) < 0.05, qPrintable(QString::number(sd)));
        QVERIFY(std::abs(mean) < 5 * 0.03 / std::sqrt(double(t)));
    }

    void scalingMultipliesEachChannelByOneFactor()
    {
        // Positive inputs s + 1000 k + 1, so that y / x is defined everywhere.
        const std::size_t n = 6, c = 3, t = 40;
        std::vector<float> x = ramps(n, c, t);
        for (float& v : x) v += 1.0f;
        const auto y = augment("scaling", x, n, c, t);
        std::vector<double> factors;
        for (std::size_t r = 0; r < n * c; ++r) {
            const double f = double(y[r * t]) / x[r * t];
            for (std::size_t s = 1; s < t; ++s)
                QVERIFY(std::abs(y[r * t + s] - f * x[r * t + s]) < 1e-6 * x[r * t + s]);
            factors.push_back(f);
        }
        QVERIFY(*std::min_element(factors.begin(), factors.end()) < *std::max_element(factors.begin(), factors.end()));
        // Over many series the factors are N(1, 0.1^2).
        const std::size_t many = 4000;
        const auto z = augment("scaling", std::vector<float>(many, 1.0f), many, 1, 1);
        double sum = 0, sq = 0;
        for (float v : z) {
            sum += v;
            sq += double(v) * v;
        }
        const double mean = sum / double(many);
        QVERIFY(std::abs(mean - 1.0) < 0.01);
        QVERIFY(std::abs(std::sqrt(sq / double(many) - mean * mean) / 0.1 - 1.0) < 0.1);
    }

    void rotationFlipsAndShufflesChannels()
    {
        const std::size_t n = 40, c = 4, t = 16;
        const std::vector<float> x = ramps(n, c, t);
        const auto y = augment("rotation", x, n, c, t);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t s = 0; s < t; ++s) {
                std::vector<float> before, after;
                for (std::size_t k = 0; k < c; ++k) {
                    before.push_back(std::abs(x[(i * c + k) * t + s]));
                    after.push_back(std::abs(y[(i * c + k) * t + s]));
                }
                std::sort(before.begin(), before.end());
                std::sort(after.begin(), after.end());
                QCOMPARE(after, before);
            }
        // Univariate: +x or -x, and both happen.
        const std::vector<float> u = ramps(n, 1, t);
        const auto v = augment("rotation", u, n, 1, t);
        int flipped = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool minus = v[i * t + 1] < 0;
            flipped += minus;
            for (std::size_t s = 0; s < t; ++s) QCOMPARE(v[i * t + s], minus ? -u[i * t + s] : u[i * t + s]);
        }
        QVERIFY(flipped > 0 && flipped < int(n));
    }

    void permutationReordersContiguousSegments()
    {
        const std::size_t n = 60, c = 2, t = 50;
        const std::vector<float> x = ramps(n, c, t);
        const auto y = augment("permutation", x, n, c, t);
        int permuted = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const float* y0 = y.data() + i * c * t;
            // The same reordering moves every channel.
            for (std::size_t s = 0; s < t; ++s) QCOMPARE(y0[t + s], y0[s] + 1000.0f);
            // The values are a permutation of 0..t-1 ...
            std::vector<float> sorted(y0, y0 + t);
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t s = 0; s < t; ++s) QCOMPARE(sorted[s], float(s));
            // ... made of at most 5 runs s, s+1, ... (the segments, in a new order).
            int breaks = 0;
            for (std::size_t s = 1; s < t; ++s) breaks += y0[s] != y0[s - 1] + 1.0f;
            QVERIFY(breaks <= 4);
            permuted += breaks > 0;
        }
        QVERIFY(permuted > int(n / 3));
    }

    void magnitudeWarpIsSmoothAndNearOne()
    {
        const std::size_t n = 50, c = 2, t = 100;
        const auto y = augment("magnitude-warp", std::vector<float>(n * c * t, 1.0f), n, c, t);
        double lo = 1e9, hi = -1e9;
        for (std::size_t r = 0; r < n * c; ++r) {
            const float* curve = y.data() + r * t;
            for (std::size_t s = 0; s < t; ++s) {
                lo = std::min(lo, double(curve[s]));
                hi = std::max(hi, double(curve[s]));
                if (s > 0) QVERIFY(std::abs(curve[s] - curve[s - 1]) < 0.1);
                if (s > 1)  // knots 19.8 steps apart: the curvature stays small
                    QVERIFY(std::abs(curve[s] - 2 * curve[s - 1] + curve[s - 2]) < 0.02);
            }
        }
        QVERIFY2(lo > 0.0 && hi < 2.0 && hi - lo > 0.2, qPrintable(QString("%1 %2").arg(lo).arg(hi)));
        // sigma 0 leaves the series alone.
        AugmentParams p;
        p.magnitude_warp_sigma = 0.0;
        const Toy toy = toy_set(2, 1);
        QCOMPARE(augment("magnitude-warp", toy.x, toy.n, toy.c, toy.t, p), toy.x);
    }

    void timeWarpIsAMonotoneRetiming()
    {
        checkMonotoneRetiming("time-warp");
        AugmentParams p;
        p.time_warp_sigma = 0.0;
        const std::vector<float> x = ramps(3, 2, 30);
        const auto y = augment("time-warp", x, 3, 2, 30, p);
        for (std::size_t e = 0; e < x.size(); ++e) QVERIFY(std::abs(y[e] - x[e]) < 1e-3);
    }

    void windowWarpIsAMonotoneRetiming() { checkMonotoneRetiming("window-warp"); }

    void windowSliceStretchesAContiguousSlice()
    {
        // Ramp s (and 2s in channel 1), t = 100, ratio 0.9: a window of 90 steps starting
        // at some s0 in [0, 10], stretched to 100: y[s] = s0 + s * 89/99.
        const std::size_t n = 20, c = 2, t = 100;
        std::vector<float> x;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < c; ++k)
                for (std::size_t s = 0; s < t; ++s) x.push_back(float((k + 1) * s));
        const auto y = augment("window-slice", x, n, c, t);
        std::vector<float> starts;
        for (std::size_t i = 0; i < n; ++i) {
            const float* y0 = y.data() + i * c * t;
            const float s0 = y0[0];
            QCOMPARE(s0, std::round(s0));
            QVERIFY(s0 >= 0 && s0 <= 10);
            for (std::size_t s = 0; s < t; ++s) {
                QVERIFY(std::abs(y0[s] - (s0 + s * 89.0 / 99.0)) < 1e-3);
                QVERIFY(std::abs(y0[t + s] - 2 * y0[s]) < 1e-3);  // one window for all channels
            }
            starts.push_back(s0);
        }
        QVERIFY(*std::min_element(starts.begin(), starts.end()) < *std::max_element(starts.begin(), starts.end()));
    }

    void labelMethodsNeedLabels()
    {
        const Toy toy = toy_set(2, 2);
        for (const char* method : {"spawner", "wdba", "rgw", "dgw"}) {
            const std::string name = method;
            QVERIFY(btsf::augmentation_needs_labels(name));
            try {
                augment(name, toy.x, toy.n, toy.c, toy.t);
                QFAIL("no exception");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find(name) != std::string::npos, e.what());
            }
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augment(name, toy.x, toy.n, toy.c, toy.t, {}, 1, {0, 1}));
        }
        QVERIFY(!btsf::augmentation_needs_labels("jitter"));
        try {
            augment("mixup", toy.x, toy.n, toy.c, toy.t);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("mixup") != std::string::npos && what.find("window-warp") != std::string::npos &&
                         what.find("dgw") != std::string::npos,
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augment("jitter", toy.x, toy.n + 1, toy.c, toy.t));
    }

    void labelMethodsStayInTheirClass()
    {
        // Each augmented series is nearer (mean DTW) to its own class than to the other,
        // with the batch as the pool and with a larger training set as the pool.
        const Toy train = toy_set(8, 11);
        const std::size_t ct = train.c * train.t;
        const std::size_t nb = 6;  // the batch: the first 6 training series
        const std::vector<float> batch(train.x.begin(), train.x.begin() + std::ptrdiff_t(nb * ct));
        const std::vector<int> batch_labels(train.labels.begin(), train.labels.begin() + std::ptrdiff_t(nb));
        for (const char* method : {"spawner", "wdba", "rgw", "dgw"}) {
            const std::string name = method;
            for (bool whole_pool : {false, true}) {
                std::mt19937_64 rng(21);
                const auto y = whole_pool ? augment_batch(name, batch, nb, train.c, train.t, {}, rng, batch_labels,
                                                          &train.x, train.n, &train.labels)
                                          : augment_batch(name, batch, nb, train.c, train.t, {}, rng, batch_labels);
                for (std::size_t i = 0; i < nb; ++i) {
                    double same = 0, other = 0;
                    for (std::size_t j = 0; j < train.n; ++j) {
                        const double d = btsf::dtw_distance(row(y, i, ct), row(train.x, j, ct), train.c, 7);
                        (train.labels[j] == batch_labels[i] ? same : other) += d / double(train.n / 2);
                    }
                    QVERIFY2(same < 0.5 * other,
                             qPrintable(QString("%1: %2 vs %3").arg(name.c_str()).arg(same).arg(other)));
                }
            }
        }
    }

    void guidedMethodsWithoutPartnerKeepTheSeries()
    {
        // One series per class: RGW has no partner and keeps each; wDBA averages the
        // series' own class, which is the series itself.
        const Toy toy = toy_set(1, 5);
        QCOMPARE(augment("rgw", toy.x, toy.n, toy.c, toy.t, {}, 1, toy.labels), toy.x);
        QCOMPARE(augment("wdba", toy.x, toy.n, toy.c, toy.t, {}, 1, toy.labels), toy.x);
        // Three copies of one series: their weighted average is that series.
        std::vector<float> copies;
        for (int r = 0; r < 3; ++r)
            copies.insert(copies.end(), toy.x.begin(), toy.x.begin() + std::ptrdiff_t(toy.c * toy.t));
        QCOMPARE(augment("wdba", copies, 3, toy.c, toy.t, {}, 1, {0, 0, 0}), copies);
    }

    void aSeedFixesTheBatch()
    {
        // wDBA over 3 of the 6 series of a class: with all 6 it would not depend on the draw.
        const Toy toy = toy_set(6, 9);
        AugmentParams p;
        p.wdba_batch = 3;
        for (const std::string& name : btsf::augmentation_names()) {
            const auto a = augment(name, toy.x, toy.n, toy.c, toy.t, p, 7, toy.labels);
            QCOMPARE(augment(name, toy.x, toy.n, toy.c, toy.t, p, 7, toy.labels), a);
            QVERIFY2(augment(name, toy.x, toy.n, toy.c, toy.t, p, 8, toy.labels) != a, name.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestAugmentations)
#include "test_augmentations.moc"
