#pragma once
// Anomaly-detection metrics of spec §8: point-wise precision / recall / F1 with and
// without point adjustment, event recall for labelled windows, and the threshold rules.
// Plain C++, no torch.
//
// Point adjustment (Xu et al., WWW 2018) counts a whole true segment as detected as soon
// as one of its points is flagged. It inflates F1 badly: with long segments even random
// scores reach a high adjusted F1 (Kim et al., AAAI 2022; see test_anomaly_metrics), so
// a report always shows the plain figure beside the adjusted one.
//
// Conventions: labels and flags are 0/1 per test point and must have equal sizes
// (std::invalid_argument otherwise). A NaN score is never flagged and is left out of
// threshold statistics.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace btsf {

struct DetectionScores {
    double precision = 0, recall = 0, f1 = 0;
    std::size_t tp = 0, fp = 0, fn = 0;
};

// Flags with every true segment (maximal run of 1 in labels) that holds at least one flag
// set to 1 throughout. Flags outside true segments are returned unchanged.
std::vector<std::uint8_t> point_adjust(const std::vector<std::uint8_t>& labels, const std::vector<std::uint8_t>& flags);

// Point-wise counts. precision = tp / (tp + fp), 0 when nothing is flagged; recall =
// tp / (tp + fn), 0 when there is no anomalous point; f1 = 2pr / (p + r), 0 when p + r = 0.
// Apply point_adjust to flags first for the adjusted view.
DetectionScores detection_scores(const std::vector<std::uint8_t>& labels, const std::vector<std::uint8_t>& flags);

// Share of events (inclusive [begin, end] ranges into flags) with at least one flag
// inside: NAB-style event-level recall. NaN when there is no event (undefined, as in
// metrics.h). Throws std::invalid_argument for an event outside flags or with begin > end.
double event_recall(const std::vector<std::pair<std::size_t, std::size_t>>& events,
                    const std::vector<std::uint8_t>& flags);

// 1 where score > threshold (strictly), else 0.
std::vector<std::uint8_t> threshold_flags(const std::vector<float>& scores, double threshold);

// mean + k * std of the non-NaN train scores, std the population one (ddof 0).
// Throws std::invalid_argument when there is no non-NaN score.
double sigma_threshold(const std::vector<float>& train_scores, double k);

// The q-quantile of the non-NaN train scores with linear interpolation between order
// statistics, as numpy.quantile's default: x[floor(h)] + (h - floor(h)) (x[floor(h)+1] -
// x[floor(h)]) with h = q (n - 1) on the sorted values. Throws std::invalid_argument unless
// 0 < q < 1, or when there is no non-NaN score.
double quantile_threshold(const std::vector<float>& train_scores, double q);

struct BestF1 {
    double threshold = 0;
    DetectionScores scores;
};

// The threshold that maximises F1 on the test labels themselves: an oracle figure, to be
// reported only as such. Candidates are the distinct non-NaN scores (flags = score > t, so
// the largest flags nothing) and one value just below the smallest (flags every non-NaN
// point); when there are more than 1000 distinct scores, 1000 of them at evenly spaced
// ranks (quantiles of the distinct values), plus the one below the smallest. adjusted
// scores flags after point_adjust. Ties go to the largest threshold. O((n + K) log n).
// With no non-NaN score the result is {+inf, all-zero flags' scores}.
BestF1 best_f1_threshold(const std::vector<std::uint8_t>& labels, const std::vector<float>& scores, bool adjusted);

}  // namespace btsf
