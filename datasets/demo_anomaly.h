#pragma once
// A built-in anomaly-detection problem with known, injected anomalies, so the detection
// views work before any archive is downloaded and tests can check what was found.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/anomaly_data.h"

namespace btsf::demo {

// One injected anomaly: test rows [begin, end] (inclusive) of one channel.
struct InjectedAnomaly {
    enum class Kind { Spike, LevelShift, FrequencyChange };
    Kind kind = Kind::Spike;
    std::size_t begin = 0, end = 0;
    std::size_t channel = 0;
};

// Where injected_anomalies(seed) puts its anomalies, sorted by begin: 4 spikes (one row,
// +-4 to 6 on top of the signal), 2 level shifts (60..120 rows offset by +-1.5 to 2.5),
// 2 frequency changes (100..200 rows at 2.5 to 3.5 times the channel's frequency).
// One anomaly per slot of 337 rows in [200, 2896), in a seed-shuffled kind order, at
// least 20 rows from the slot's ends, so none overlap or touch.
std::vector<InjectedAnomaly> injected_anomaly_layout(std::uint32_t seed = 0);

// "InjectedDemo": channels "a" (sine of period 50, amplitude 1) and "b" (sine of period
// 120, amplitude 0.8), each plus N(0, 0.1^2) noise. Train is 3000 normal rows (t = 0..2999);
// test is the next 3000 rows (t = 3000..5999) with the anomalies of injected_anomaly_layout.
// labels mark every anomalous row (of either channel), events list the anomalies' ranges.
// The phase is accumulated step by step, so a frequency change stays continuous.
// The same seed gives the same data on every platform (demo_random.h).
AnomalySeries injected_anomalies(std::uint32_t seed = 0);

// {"InjectedDemo"}.
std::vector<std::string> anomaly_demo_names();

// Looks a demo up by name (case-insensitive). Throws DataError("unknown anomaly demo
// ...") listing the valid names.
AnomalySeries make_anomaly_demo(const std::string& name, std::uint32_t seed = 0);

}  // namespace btsf::demo
