#pragma once
// Small fixed-width float vectors for the hot loop of the SVM probe (the RBF kernel,
// which sums squared differences directly so that close points cannot cancel to a
// negative distance, as the GEMM form |q|^2 + |p|^2 - 2 q.p can; the logistic loss
// uses BLAS instead, measured faster in bench/results/numerics-speed.md), and a
// run-time switch between an AVX2+FMA build of a kernel and a baseline x86-64 (SSE2) one.
//
// Why not plain loops: GCC 12 at -O2 vectorises only loops whose trip count is a known
// multiple of the vector width and that need no aliasing check, and it leaves
// fixed-size local arrays in memory. Vector-extension types make the register blocking
// explicit. Debian compiles for baseline x86-64, so without the switch the kernels
// would never use AVX; and a 32-byte vector type in a baseline function is lowered
// badly (broadcasts through the stack), so each build gets vectors of its own width.
#include <cstring>

#if !defined(__GNUC__)
#error "simd_lanes.h needs GCC or Clang vector extensions"
#endif

namespace btsf::simd {

template <int W>
struct Lanes;
template <>
struct Lanes<4> {
    typedef float type __attribute__((vector_size(16)));
};
template <>
struct Lanes<8> {
    typedef float type __attribute__((vector_size(32)));
};
template <int W>
using vec = typename Lanes<W>::type;

// Vectors go in and out by reference: a 32-byte vector passed by value in baseline code
// draws GCC's -Wpsabi note about an ABI change, although these are always inlined.
template <int W>
__attribute__((always_inline)) inline void load(vec<W>& out, const float* p)
{
    std::memcpy(&out, p, sizeof out);  // unaligned load without a strict-aliasing cast
}

template <int W>
__attribute__((always_inline)) inline void store(float* p, const vec<W>& v)
{
    std::memcpy(p, &v, sizeof v);
}

// True when the CPU runs the AVX2 + FMA builds (checked once).
bool has_avx2_fma();

}  // namespace btsf::simd

// Marks the wide build of a kernel. Elsewhere (other compilers or CPUs) only the
// baseline build exists and has_avx2_fma() is false. Define
// BTSF_SIMD_WIDE_AVAILABLE=0 to build and test the baseline path alone.
#if !defined(BTSF_SIMD_WIDE_AVAILABLE)
#if defined(__x86_64__) || defined(__i386__)
#define BTSF_SIMD_WIDE_AVAILABLE 1
#else
#define BTSF_SIMD_WIDE_AVAILABLE 0
#endif
#endif
#define BTSF_TARGET_AVX2_FMA __attribute__((target("avx2,fma")))
