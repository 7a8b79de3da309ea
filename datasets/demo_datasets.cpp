#include "demo_datasets.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

#include "data/load_error.h"
#include "demo_random.h"

namespace btsf::demo {

namespace {

// Writes one series of `length` values for class `cls` into out.
using SeriesFn = std::function<void(int cls, DemoRng& rng, float* out)>;

SeriesSet make_split(std::size_t n, std::size_t length, int classes, DemoRng& rng, const SeriesFn& make_series)
{
    SeriesSet set;
    set.n = n;
    set.channels = 1;
    set.length = length;
    set.values.resize(n * length);
    set.labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int cls = static_cast<int>(i % static_cast<std::size_t>(classes));
        set.labels[i] = cls;
        make_series(cls, rng, set.values.data() + i * length);
    }
    return set;
}

ClassificationData make_problem(const std::string& name, std::vector<std::string> classes, std::size_t n_train,
                                std::size_t n_test, std::size_t length, std::uint32_t seed, const SeriesFn& make_series)
{
    // One stream for both splits: train is drawn first, then test.
    DemoRng rng(seed);
    ClassificationData data;
    data.name = name;
    const int k = static_cast<int>(classes.size());
    data.class_names = std::move(classes);
    data.train = make_split(n_train, length, k, rng, make_series);
    data.test = make_split(n_test, length, k, rng, make_series);
    return data;
}

}  // namespace

void z_normalise_each_series(ClassificationData& data)
{
    for (SeriesSet* set : {&data.train, &data.test}) {
        const std::size_t length = set->length;
        for (std::size_t i = 0; i < set->n * set->channels; ++i) {
            float* values = set->values.data() + i * length;
            double mean = 0, sq = 0;
            for (std::size_t t = 0; t < length; ++t) mean += values[t];
            mean /= double(length);
            for (std::size_t t = 0; t < length; ++t) sq += (values[t] - mean) * (values[t] - mean);
            const double sd = std::sqrt(sq / double(length));
            for (std::size_t t = 0; t < length; ++t) values[t] = float((values[t] - mean) / (sd > 1e-12 ? sd : 1.0));
        }
    }
}

ClassificationData cbf(std::uint32_t seed)
{
    constexpr std::size_t length = 128;
    // Saito (1994): with chi_[a,b] the indicator of a <= t <= b, t = 1..128,
    //   cylinder c(t) = (6 + eta) chi_[a,b](t) + eps(t)
    //   bell     b(t) = (6 + eta) chi_[a,b](t) (t - a) / (b - a) + eps(t)
    //   funnel   f(t) = (6 + eta) chi_[a,b](t) (b - t) / (b - a) + eps(t)
    // a ~ U{16..32}, b - a ~ U{32..96} (integers), eta, eps(t) ~ N(0, 1).
    const SeriesFn series = [](int cls, DemoRng& rng, float* out) {
        const int a = rng.uniform_int(16, 32);
        const int b = a + rng.uniform_int(32, 96);
        const double height = 6.0 + rng.normal();
        for (std::size_t i = 0; i < length; ++i) {
            const int t = static_cast<int>(i) + 1;
            double shape = 0.0;
            if (t >= a && t <= b) {
                if (cls == 0)
                    shape = 1.0;
                else if (cls == 1)
                    shape = static_cast<double>(t - a) / (b - a);
                else
                    shape = static_cast<double>(b - t) / (b - a);
            }
            out[i] = static_cast<float>(height * shape + rng.normal());
        }
    };
    return make_problem("CBF", {"cylinder", "bell", "funnel"}, 30, 900, length, seed, series);
}

ClassificationData synthetic_control(std::uint32_t seed)
{
    constexpr std::size_t length = 60;
    // Alcock & Manolopoulos (1999), t = 1..60, m = 30, s = 2, r(t) ~ U[-3, 3]:
    //   normal      y = m + r s
    //   cyclic      y = m + r s + a sin(2 pi t / T),  a ~ U[10, 15], T ~ U[10, 15]
    //   trend       y = m + r s +/- g t,               g ~ U[0.2, 0.5]
    //   shift       y = m + r s +/- k(t) x,            x ~ U[7.5, 20],
    //               k(t) = 1 from t3 ~ U[n/3, 2n/3] on, 0 before.
    const SeriesFn series = [](int cls, DemoRng& rng, float* out) {
        constexpr double m = 30.0;
        constexpr double s = 2.0;
        constexpr double two_pi = 6.283185307179586476925;
        double amp = 0, period = 1, slope = 0, shift = 0, t3 = 0;
        if (cls == 1) {
            amp = rng.uniform(10.0, 15.0);
            period = rng.uniform(10.0, 15.0);
        } else if (cls == 2 || cls == 3) {
            slope = rng.uniform(0.2, 0.5) * (cls == 2 ? 1.0 : -1.0);
        } else if (cls == 4 || cls == 5) {
            shift = rng.uniform(7.5, 20.0) * (cls == 4 ? 1.0 : -1.0);
            t3 = rng.uniform(length / 3.0, 2.0 * length / 3.0);
        }
        for (std::size_t i = 0; i < length; ++i) {
            const double t = static_cast<double>(i + 1);
            double y = m + rng.uniform(-3.0, 3.0) * s;
            if (cls == 1) y += amp * std::sin(two_pi * t / period);
            y += slope * t;
            if (cls >= 4 && t >= t3) y += shift;
            out[i] = static_cast<float>(y);
        }
    };
    return make_problem("SyntheticControl",
                        {"normal", "cyclic", "increasing-trend", "decreasing-trend", "upward-shift", "downward-shift"},
                        300, 300, length, seed, series);
}

ClassificationData two_patterns(std::uint32_t seed)
{
    constexpr int length = 128;
    // Geurts (2002): two patterns, each an up step (-5 for the first half of its
    // length, then +5) or a down step (+5 then -5), the first ending before the
    // second begins; everywhere else N(0, 1) noise. The class is the ordered pair.
    // Our reading of the ranges: pattern lengths l ~ U{16..32}, first start
    // t1 ~ U{0..128-l1-l2}, second start t2 ~ U{t1+l1..128-l2}.
    const SeriesFn series = [](int cls, DemoRng& rng, float* out) {
        // cls 0 up-up, 1 up-down, 2 down-up, 3 down-down.
        const bool first_up = cls < 2;
        const bool second_up = cls % 2 == 0;
        const int l1 = rng.uniform_int(16, 32);
        const int l2 = rng.uniform_int(16, 32);
        const int t1 = rng.uniform_int(0, length - l1 - l2);
        const int t2 = rng.uniform_int(t1 + l1, length - l2);
        for (int t = 0; t < length; ++t) out[t] = static_cast<float>(rng.normal());
        const auto place = [out](int start, int len, bool up) {
            for (int j = 0; j < len; ++j) {
                const bool second_half = j >= len / 2;
                out[start + j] = (second_half == up) ? 5.0f : -5.0f;
            }
        };
        place(t1, l1, first_up);
        place(t2, l2, second_up);
    };
    return make_problem("TwoPatterns", {"up-up", "up-down", "down-up", "down-down"}, 1000, 4000, length, seed, series);
}

std::vector<std::string> demo_names()
{
    return {"CBF", "SyntheticControl", "TwoPatterns"};
}

ClassificationData make_demo(const std::string& name, std::uint32_t seed)
{
    const auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    const std::string key = lower(name);
    const std::function<ClassificationData(std::uint32_t)> generator = key == "cbf"                ? cbf
                                                                       : key == "syntheticcontrol" ? synthetic_control
                                                                       : key == "twopatterns"      ? two_patterns
                                                                                                   : nullptr;
    if (generator) {
        ClassificationData data = generator(seed);
        z_normalise_each_series(data);
        return data;
    }
    std::string valid;
    for (const std::string& n : demo_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw DataError("unknown demo '" + name + "'; valid names: " + valid);
}

}  // namespace btsf::demo
