#pragma once
// Random draws for the demo generators (util/portable_random.h): a seed names the
// same dataset on every platform.
#include <cstdint>
#include <random>

#include "util/portable_random.h"

namespace btsf::demo {

// The demos own their engine, seeded with the dataset's seed.
using DemoRng = PortableDraws<std::mt19937>;

}  // namespace btsf::demo
