#pragma once
// Random draws for the demo generators, built on std::mt19937 alone. The standard
// fixes mt19937's output but not what std::normal_distribution or
// std::uniform_real_distribution make of it (libstdc++, libc++ and MSVC differ), so
// the transforms are spelled out here: a seed then names the same dataset on every
// platform.
#include <cmath>
#include <cstdint>
#include <random>

namespace btsf::demo {

class DemoRng {
public:
    explicit DemoRng(std::uint32_t seed) : m_engine(seed) {}

    // Uniform on the open interval (0, 1), 53 random bits.
    double uniform01()
    {
        const std::uint64_t hi = m_engine() >> 5;                                  // 27 bits
        const std::uint64_t lo = m_engine() >> 6;                                  // 26 bits
        return (static_cast<double>((hi << 26) | lo) + 0.5) / 9007199254740992.0;  // 2^53
    }

    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

    // Uniform integer in [lo, hi], both ends included.
    int uniform_int(int lo, int hi)
    {
        const int span = hi - lo + 1;
        const int k = static_cast<int>(uniform01() * span);
        return lo + (k < span ? k : span - 1);
    }

    // Standard normal by Box-Muller; the second value of each pair is kept for the next call.
    double normal()
    {
        if (m_has_spare) {
            m_has_spare = false;
            return m_spare;
        }
        constexpr double two_pi = 6.283185307179586476925;
        const double r = std::sqrt(-2.0 * std::log(uniform01()));
        const double theta = two_pi * uniform01();
        m_spare = r * std::sin(theta);
        m_has_spare = true;
        return r * std::cos(theta);
    }

private:
    std::mt19937 m_engine;
    double m_spare = 0.0;
    bool m_has_spare = false;
};

}  // namespace btsf::demo
