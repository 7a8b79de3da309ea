#pragma once
// Random draws that a seed reproduces on every platform. The standard fixes the
// output of std::mt19937 and std::mt19937_64, but not what its distributions
// (std::normal_distribution, std::uniform_real_distribution, ...) make of it:
// libstdc++, libc++ and MSVC differ. The transforms are spelled out here once,
// for the built-in demos (a seed names the same dataset everywhere) and for the
// augmentations (a seed names the same views).
//
// Engine is std::mt19937 or std::mt19937_64, held by value (PortableDraws owns
// it) or by reference (`PortableDraws<std::mt19937_64&>` draws from the
// caller's engine).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <type_traits>
#include <utility>
#include <vector>

namespace btsf {

template <typename Engine>
class PortableDraws {
public:
    // Builds the engine from the arguments (a seed), or binds the caller's engine.
    template <typename... Args>
    explicit PortableDraws(Args&&... args) : m_engine(std::forward<Args>(args)...)
    {
    }

    // Uniform on the open interval (0, 1), 53 random bits: one 64-bit draw, or two
    // 32-bit draws of 27 and 26 bits.
    double uniform01()
    {
        if constexpr (std::remove_reference_t<Engine>::word_size == 64) {
            return (double(m_engine() >> 11) + 0.5) / 9007199254740992.0;  // 2^53
        } else {
            const std::uint64_t hi = m_engine() >> 5;
            const std::uint64_t lo = m_engine() >> 6;
            return (double((hi << 26) | lo) + 0.5) / 9007199254740992.0;
        }
    }

    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

    // Uniform in [0, n), n > 0.
    std::size_t index(std::size_t n)
    {
        const auto k = static_cast<std::size_t>(uniform01() * double(n));
        return k < n ? k : n - 1;
    }

    // Uniform integer in [lo, hi], both ends included.
    int uniform_int(int lo, int hi) { return lo + static_cast<int>(index(std::size_t(hi - lo) + 1)); }

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

    // k distinct values of `from` in random order (partial Fisher-Yates).
    std::vector<std::size_t> sample(std::vector<std::size_t> from, std::size_t k)
    {
        k = std::min(k, from.size());
        for (std::size_t i = 0; i < k; ++i) std::swap(from[i], from[i + index(from.size() - i)]);
        from.resize(k);
        return from;
    }

private:
    Engine m_engine;
    double m_spare = 0.0;
    bool m_has_spare = false;
};

}  // namespace btsf
