#pragma once
// Built-in synthetic classification problems, generated from their published
// definitions with the UCR archive's sizes, so the workbench has data to show
// before any archive is downloaded. Values are raw (not z-normalised per series
// as the archive copies are); normalisation happens in core like for any file.
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace btsf::demo {

// Series i of each split has class i % K, so both splits are balanced.

// Cylinder-Bell-Funnel (Saito 1994): length 128, classes cylinder/bell/funnel,
// 30 train / 900 test.
ClassificationData cbf(std::uint32_t seed = 0);

// Synthetic Control Charts (Alcock & Manolopoulos 1999): length 60, classes normal,
// cyclic, increasing trend, decreasing trend, upward shift, downward shift,
// 300 train / 300 test.
ClassificationData synthetic_control(std::uint32_t seed = 0);

// Two Patterns (Geurts 2002): length 128, classes up-up, up-down, down-up,
// down-down: two step patterns in that order over N(0,1) noise,
// 1000 train / 4000 test.
ClassificationData two_patterns(std::uint32_t seed = 0);

// "CBF", "SyntheticControl", "TwoPatterns".
std::vector<std::string> demo_names();

// Each series (and channel) to mean 0, standard deviation 1. The UCR archive
// distributes these problems that way, so make_demo does it too.
void z_normalise_each_series(ClassificationData& data);

// Looks a demo up by name (case-insensitive) and z-normalises each series, as
// the archive copies are. Throws DataError("unknown demo ...") listing the
// valid names.
ClassificationData make_demo(const std::string& name, std::uint32_t seed = 0);

}  // namespace btsf::demo
