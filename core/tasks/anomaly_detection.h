#pragma once
// Anomaly detection (spec §8): BTSF trains on sliding windows of the training
// series; an MLP decoder learns to rebuild the training windows from their
// frozen representations; a point's score is its reconstruction error,
// averaged over the windows that cover it. The same decoder on the raw
// windows and on an untrained encoder runs beside it. Precision, recall and F1
// are reported without and with point adjustment, always labelled.
#include "data/anomaly_data.h"
#include "data/dataset.h"
#include "model/btsf_config.h"
#include "probes/anomaly_metrics.h"
#include "probes/window_decoder.h"
#include "train/train_types.h"

#include <memory>
#include <string>
#include <vector>

namespace btsf {

class Trainer;

// "sigma:K" (mean + K std of the training scores, the default), "quantile:Q"
// (of the training scores; both over the last 20% of the training series,
// which the decoder did not fit) or "best-f1" (the oracle: the test threshold with
// the best plain F1; only ever reported as an oracle figure).
struct ThresholdRule {
    std::string kind = "sigma";
    double value = 3.0;
    std::string text() const;
};
ThresholdRule parse_threshold(const std::string& text);  // throws std::invalid_argument with the accepted forms

struct AnomalyOptions {
    BtsfConfig config;
    std::string device = "auto";
    int window = 100;
    int stride = 0;  // test windows; 0: window / 2. Training windows are 5 times denser.
    ThresholdRule threshold;
    bool baselines = true;
    DecoderOptions decoder;

    // The stride of the test windows as used: `stride`, or window / 2 when it is 0.
    int test_stride() const { return stride > 0 ? stride : (window / 2 > 1 ? window / 2 : 1); }
};

struct DetectionViews {
    DetectionScores plain;     // point-wise, no adjustment
    DetectionScores adjusted;  // point-adjusted (inflates; Kim et al. 2022)
    double event_recall = -1;  // share of labelled events with a flag; -1 without events
};

struct AnomalyResult {
    std::string name;  // "btsf" | "raw" | "untrained"
    std::vector<float> train_scores, test_scores;
    double threshold = 0;
    std::vector<std::uint8_t> flags;  // test points over the threshold
    DetectionViews at_threshold;
    BestF1 oracle_plain, oracle_adjusted;  // best-F1 thresholds on the test labels
};

struct AnomalyRun {
    std::unique_ptr<Trainer> trainer;
    FitResult fit;
    AnomalyResult btsf, raw, untrained;
    double score_seconds = 0;
    bool cancelled() const { return fit.cancelled; }
};

// Start positions of windows of `window` steps, `stride` apart, the last one
// ending exactly at the series' end so that every point is covered.
std::vector<std::size_t> window_starts(std::size_t length, int window, int stride);

// values: T x C row-major -> N x C x window.
SeriesSet sliding_windows(const std::vector<float>& values, std::size_t channels,
                          const std::vector<std::size_t>& starts, int window);

// Per point: the squared reconstruction error averaged over channels, then
// over every window covering the point. recon: N x (C * window), C-major like
// SeriesSet rows.
std::vector<float> point_scores(const Matrix& recon, const SeriesSet& windows, const std::vector<std::size_t>& starts,
                                std::size_t length);

AnomalyRun run_anomaly_detection(const AnomalySeries& series, const AnomalyOptions& options,
                                 const TrainCallbacks& callbacks = {}, const CancelToken* cancel = nullptr);

}  // namespace btsf
