#include "data/normalize.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace btsf {

namespace {

// Two passes in double: float sums over ~10^6 values lose digits, and the
// one-pass formula cancels badly when the mean is large against the spread.
void fit_group(const SeriesSet& set, std::size_t c_begin, std::size_t c_end, double& mean, double& stddev)
{
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < set.n; ++i)
        for (std::size_t c = c_begin; c < c_end; ++c)
            for (std::size_t t = 0; t < set.length; ++t) {
                const float v = set.at(i, c, t);
                if (!std::isnan(v)) {
                    sum += v;
                    ++count;
                }
            }
    mean = count > 0 ? sum / static_cast<double>(count) : 0.0;
    double sq = 0.0;
    for (std::size_t i = 0; i < set.n; ++i)
        for (std::size_t c = c_begin; c < c_end; ++c)
            for (std::size_t t = 0; t < set.length; ++t) {
                const float v = set.at(i, c, t);
                if (!std::isnan(v)) sq += (v - mean) * (v - mean);
            }
    stddev = count > 0 ? std::sqrt(sq / static_cast<double>(count)) : 0.0;
    // A constant group leaves a rounding residue instead of an exact 0; dividing by
    // it would blow noise up to unit scale. Relative to the mean, so that data in
    // small units keeps its spread.
    if (!(stddev > 1e-10 * std::fabs(mean)) || stddev == 0.0) stddev = 1.0;
}

}  // namespace

ZScore fit_zscore(const SeriesSet& train, bool per_channel)
{
    ZScore z;
    const std::size_t groups = per_channel ? train.channels : 1;
    z.mean.resize(groups);
    z.stddev.resize(groups);
    for (std::size_t g = 0; g < groups; ++g) {
        if (per_channel)
            fit_group(train, g, g + 1, z.mean[g], z.stddev[g]);
        else
            fit_group(train, 0, train.channels, z.mean[g], z.stddev[g]);
    }
    return z;
}

void apply_zscore(SeriesSet& set, const ZScore& z)
{
    if (!set.observed.empty()) throw std::logic_error("apply_zscore: the set is already normalised");
    if (z.mean.size() != z.stddev.size() || (z.mean.size() != 1 && z.mean.size() != set.channels))
        throw std::invalid_argument("apply_zscore: expected 1 or " + std::to_string(set.channels) +
                                    " mean/stddev pairs");
    set.observed.assign(set.values.size(), 0);
    for (std::size_t i = 0; i < set.n; ++i)
        for (std::size_t c = 0; c < set.channels; ++c) {
            const std::size_t g = z.mean.size() == 1 ? 0 : c;
            const double mean = z.mean[g];
            const double sd = z.stddev[g];
            for (std::size_t t = 0; t < set.length; ++t) {
                const std::size_t k = (i * set.channels + c) * set.length + t;
                const float v = set.values[k];
                if (std::isnan(v)) {
                    set.values[k] = 0.0f;
                } else {
                    set.values[k] = static_cast<float>((v - mean) / sd);
                    set.observed[k] = 1;
                }
            }
        }
}

ZScore normalize_classification(ClassificationData& data)
{
    const ZScore z = fit_zscore(data.train, data.train.channels > 1);
    apply_zscore(data.train, z);
    apply_zscore(data.test, z);
    return z;
}

std::string zscore_to_string(const ZScore& z)
{
    return nlohmann::json{{"mean", z.mean}, {"stddev", z.stddev}}.dump();
}

ZScore zscore_from_string(const std::string& text)
{
    ZScore z;
    try {
        const auto j = nlohmann::json::parse(text);
        j.at("mean").get_to(z.mean);
        j.at("stddev").get_to(z.stddev);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("normalisation statistics: ") + e.what());
    }
    if (z.mean.empty() || z.mean.size() != z.stddev.size())
        throw std::runtime_error("normalisation statistics: " + std::to_string(z.mean.size()) + " means and " +
                                 std::to_string(z.stddev.size()) + " standard deviations");
    return z;
}

}  // namespace btsf
