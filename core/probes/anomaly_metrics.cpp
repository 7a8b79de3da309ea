#include "probes/anomaly_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace btsf {

namespace {

void check_sizes(const char* what, std::size_t labels, std::size_t flags)
{
    if (labels != flags)
        throw std::invalid_argument(std::string(what) + ": " + std::to_string(labels) + " labels but " +
                                    std::to_string(flags) + " flags or scores");
}

DetectionScores from_counts(std::size_t tp, std::size_t fp, std::size_t fn)
{
    DetectionScores s;
    s.tp = tp, s.fp = fp, s.fn = fn;
    s.precision = tp + fp > 0 ? double(tp) / double(tp + fp) : 0.0;
    s.recall = tp + fn > 0 ? double(tp) / double(tp + fn) : 0.0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    return s;
}

std::vector<double> finite_sorted(const std::vector<float>& scores, const char* what)
{
    std::vector<double> v;
    v.reserve(scores.size());
    for (float x : scores)
        if (!std::isnan(x)) v.push_back(x);
    if (v.empty()) throw std::invalid_argument(std::string(what) + ": no score to fit a threshold on");
    std::sort(v.begin(), v.end());
    return v;
}

// How many of the ascending values are > t.
std::size_t count_above(const std::vector<double>& ascending, double t)
{
    return static_cast<std::size_t>(ascending.end() - std::upper_bound(ascending.begin(), ascending.end(), t));
}

}  // namespace

std::vector<std::uint8_t> point_adjust(const std::vector<std::uint8_t>& labels, const std::vector<std::uint8_t>& flags)
{
    check_sizes("point_adjust", labels.size(), flags.size());
    std::vector<std::uint8_t> out = flags;
    for (std::size_t t = 0; t < labels.size(); ++t) {
        if (!labels[t]) continue;
        const std::size_t begin = t;
        bool hit = false;
        for (; t < labels.size() && labels[t]; ++t) hit = hit || flags[t];
        if (hit)
            std::fill(out.begin() + static_cast<std::ptrdiff_t>(begin), out.begin() + static_cast<std::ptrdiff_t>(t),
                      std::uint8_t(1));
    }
    return out;
}

DetectionScores detection_scores(const std::vector<std::uint8_t>& labels, const std::vector<std::uint8_t>& flags)
{
    check_sizes("detection_scores", labels.size(), flags.size());
    std::size_t tp = 0, fp = 0, fn = 0;
    for (std::size_t t = 0; t < labels.size(); ++t) {
        tp += labels[t] && flags[t];
        fp += !labels[t] && flags[t];
        fn += labels[t] && !flags[t];
    }
    return from_counts(tp, fp, fn);
}

double event_recall(const std::vector<std::pair<std::size_t, std::size_t>>& events,
                    const std::vector<std::uint8_t>& flags)
{
    if (events.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::size_t found = 0;
    for (const auto& [begin, end] : events) {
        if (begin > end || end >= flags.size())
            throw std::invalid_argument("event_recall: event [" + std::to_string(begin) + ", " + std::to_string(end) +
                                        "] is not inside " + std::to_string(flags.size()) + " flags");
        found += std::any_of(flags.begin() + static_cast<std::ptrdiff_t>(begin),
                             flags.begin() + static_cast<std::ptrdiff_t>(end) + 1, [](std::uint8_t f) { return f; });
    }
    return double(found) / double(events.size());
}

std::vector<std::uint8_t> threshold_flags(const std::vector<float>& scores, double threshold)
{
    std::vector<std::uint8_t> out(scores.size());
    for (std::size_t t = 0; t < scores.size(); ++t)
        out[t] = static_cast<double>(scores[t]) > threshold;  // false for NaN
    return out;
}

double sigma_threshold(const std::vector<float>& train_scores, double k)
{
    const std::vector<double> v = finite_sorted(train_scores, "sigma_threshold");
    double mean = 0;
    for (double x : v) mean += x;
    mean /= double(v.size());
    double var = 0;
    for (double x : v) var += (x - mean) * (x - mean);
    return mean + k * std::sqrt(var / double(v.size()));
}

double quantile_threshold(const std::vector<float>& train_scores, double q)
{
    if (!(q > 0.0 && q < 1.0))
        throw std::invalid_argument("quantile_threshold: q must lie in (0, 1), got " + std::to_string(q));
    const std::vector<double> v = finite_sorted(train_scores, "quantile_threshold");
    const double h = q * double(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= v.size()) return v.back();
    return v[lo] + (h - double(lo)) * (v[lo + 1] - v[lo]);
}

BestF1 best_f1_threshold(const std::vector<std::uint8_t>& labels, const std::vector<float>& scores, bool adjusted)
{
    check_sizes("best_f1_threshold", labels.size(), scores.size());
    // Counts as functions of t by binary search: normal and anomalous scores sorted, and for
    // the adjusted view each true segment's largest score (a segment counts whole once its
    // maximum is > t).
    std::vector<double> normal, anomalous, all;
    std::vector<std::pair<double, std::size_t>> segments;  // (max score, length)
    std::size_t positives = 0;
    for (std::size_t t = 0; t < labels.size(); ++t) {
        if (!std::isnan(scores[t])) {
            (labels[t] ? anomalous : normal).push_back(scores[t]);
            all.push_back(scores[t]);
        }
        if (!labels[t]) continue;
        ++positives;
        if (t == 0 || !labels[t - 1]) segments.emplace_back(-std::numeric_limits<double>::infinity(), 0);
        ++segments.back().second;
        if (!std::isnan(scores[t])) segments.back().first = std::max(segments.back().first, double(scores[t]));
    }
    if (all.empty())
        return {std::numeric_limits<double>::infinity(),
                detection_scores(labels, std::vector<std::uint8_t>(labels.size(), 0))};
    std::sort(normal.begin(), normal.end());
    std::sort(anomalous.begin(), anomalous.end());
    std::sort(segments.begin(), segments.end());
    std::vector<double> seg_max(segments.size());
    std::vector<std::size_t> len_above(segments.size() + 1, 0);  // len_above[i]: rows of segments i..end
    for (std::size_t i = segments.size(); i-- > 0;) {
        seg_max[i] = segments[i].first;
        len_above[i] = len_above[i + 1] + segments[i].second;
    }

    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    constexpr std::size_t max_candidates = 1000;
    std::vector<double> candidates;
    if (all.size() <= max_candidates) {
        candidates = all;
    } else {
        for (std::size_t i = 0; i < max_candidates; ++i)
            candidates.push_back(all[static_cast<std::size_t>(
                std::llround(double(i) * double(all.size() - 1) / double(max_candidates - 1)))]);
    }
    candidates.insert(candidates.begin(), std::nextafter(all.front(), -std::numeric_limits<double>::infinity()));

    BestF1 best;
    bool first = true;
    for (std::size_t i = candidates.size(); i-- > 0;) {  // largest first, so ties keep the largest
        const double t = candidates[i];
        const std::size_t fp = count_above(normal, t);
        std::size_t tp = count_above(anomalous, t);
        if (adjusted)
            tp = len_above[static_cast<std::size_t>(std::upper_bound(seg_max.begin(), seg_max.end(), t) -
                                                    seg_max.begin())];
        const DetectionScores s = from_counts(tp, fp, positives - tp);
        if (first || s.f1 > best.scores.f1) {
            best = {t, s};
            first = false;
        }
    }
    return best;
}

}  // namespace btsf
