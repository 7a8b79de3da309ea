#include "demo_anomaly.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "data/load_error.h"
#include "demo_random.h"

namespace btsf::demo {

namespace {

constexpr std::size_t rows = 3000;       // train rows, and test rows
constexpr std::size_t first_slot = 200;  // no anomaly in the first test rows
constexpr std::size_t slot = 337;        // 8 slots: [200, 2896)
constexpr std::size_t margin = 20;       // rows kept clear at each end of a slot
constexpr double two_pi = 6.283185307179586476925;
constexpr double period[2] = {50.0, 120.0};
constexpr double amplitude[2] = {1.0, 0.8};
constexpr double noise = 0.1;

}  // namespace

std::vector<InjectedAnomaly> injected_anomaly_layout(std::uint32_t seed)
{
    using Kind = InjectedAnomaly::Kind;
    DemoRng rng(seed);
    std::vector<Kind> kinds = {Kind::Spike,      Kind::Spike,      Kind::Spike,           Kind::Spike,
                               Kind::LevelShift, Kind::LevelShift, Kind::FrequencyChange, Kind::FrequencyChange};
    for (std::size_t i = kinds.size() - 1; i > 0; --i)  // Fisher-Yates with the portable draws
        std::swap(kinds[i], kinds[static_cast<std::size_t>(rng.uniform_int(0, static_cast<int>(i)))]);

    std::vector<InjectedAnomaly> out;
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        InjectedAnomaly a;
        a.kind = kinds[k];
        const int length = a.kind == Kind::Spike        ? 1
                           : a.kind == Kind::LevelShift ? rng.uniform_int(60, 120)
                                                        : rng.uniform_int(100, 200);
        const auto lo = static_cast<int>(first_slot + k * slot + margin);
        const auto hi = static_cast<int>(first_slot + (k + 1) * slot - margin) - length;
        a.begin = static_cast<std::size_t>(rng.uniform_int(lo, hi));
        a.end = a.begin + static_cast<std::size_t>(length) - 1;
        a.channel = static_cast<std::size_t>(rng.uniform_int(0, 1));
        out.push_back(a);
    }
    return out;
}

AnomalySeries injected_anomalies(std::uint32_t seed)
{
    using Kind = InjectedAnomaly::Kind;
    const std::vector<InjectedAnomaly> layout = injected_anomaly_layout(seed);
    DemoRng rng(seed ^ 0x5EED5EEDu);  // a stream of its own, so the layout does not shift the noise

    // Per test row and channel: the frequency factor (1 when normal) and the additive offset.
    std::vector<double> factor(rows * 2, 1.0), offset(rows * 2, 0.0);
    for (const InjectedAnomaly& a : layout) {
        const double sign = rng.uniform01() < 0.5 ? -1.0 : 1.0;
        const double size = a.kind == Kind::Spike        ? rng.uniform(4.0, 6.0)
                            : a.kind == Kind::LevelShift ? rng.uniform(1.5, 2.5)
                                                         : rng.uniform(2.5, 3.5);
        for (std::size_t t = a.begin; t <= a.end; ++t) {
            if (a.kind == Kind::FrequencyChange)
                factor[t * 2 + a.channel] = size;
            else
                offset[t * 2 + a.channel] = sign * size;
        }
    }

    AnomalySeries s;
    s.name = "InjectedDemo";
    s.channels = {"a", "b"};
    s.train_length = rows;
    s.test_length = rows;
    s.train.resize(rows * 2);
    s.test.resize(rows * 2);
    double phase[2] = {0.0, 0.0};
    for (std::size_t t = 0; t < 2 * rows; ++t) {
        const bool test = t >= rows;
        const std::size_t r = test ? t - rows : t;
        for (std::size_t c = 0; c < 2; ++c) {
            double x = amplitude[c] * std::sin(phase[c]) + noise * rng.normal();
            if (test) x += offset[r * 2 + c];
            (test ? s.test : s.train)[r * 2 + c] = static_cast<float>(x);
            phase[c] += two_pi / period[c] * (test ? factor[r * 2 + c] : 1.0);
        }
    }
    s.labels.assign(rows, 0);
    for (const InjectedAnomaly& a : layout) {
        std::fill(s.labels.begin() + static_cast<std::ptrdiff_t>(a.begin),
                  s.labels.begin() + static_cast<std::ptrdiff_t>(a.end) + 1, std::uint8_t(1));
        s.events.emplace_back(a.begin, a.end);
    }
    return s;
}

std::vector<std::string> anomaly_demo_names()
{
    return {"InjectedDemo"};
}

AnomalySeries make_anomaly_demo(const std::string& name, std::uint32_t seed)
{
    std::string key = name;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "injecteddemo") return injected_anomalies(seed);
    std::string valid;
    for (const std::string& n : anomaly_demo_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw DataError("unknown anomaly demo '" + name + "'; valid names: " + valid);
}

}  // namespace btsf::demo
