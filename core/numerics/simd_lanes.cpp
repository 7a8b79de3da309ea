#include "numerics/simd_lanes.h"

namespace btsf::simd {

bool has_avx2_fma()
{
#if BTSF_SIMD_WIDE_AVAILABLE
    static const bool supported = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }();
    return supported;
#else
    return false;
#endif
}

}  // namespace btsf::simd
