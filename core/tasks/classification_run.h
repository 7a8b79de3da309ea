#pragma once
// Classification end to end (spec §8): fit BTSF on the training series, freeze
// it, and score the same probes on three representations: BTSF, the raw input
// and the same architecture untrained. Shared by the CLI and the workbench.
#include "data/dataset.h"
#include "model/btsf_config.h"
#include "train/train_types.h"
#include "util/matrix.h"

#include <memory>
#include <string>
#include <vector>

namespace btsf {

class Trainer;

struct ProbeScore {
    std::string probe;  // "linear" | "svm"
    double accuracy = 0;
    double auprc = 0;
    double c = 0;  // the regularisation the probe chose
    double seconds = 0;
    std::vector<int> predictions;
};

struct RepresentationScores {
    std::string name;  // "btsf" (the trained encoder, whatever its preset) | "raw" | "untrained" | "minirocket"
    std::vector<ProbeScore> probes;
    const ProbeScore* primary() const;  // svm when it ran, else the first
};

// The MiniRocket baseline (probes/minirocket.h): the project's probes on its
// features, and its own classifier (standardised ridge, LOO over alpha).
struct MiniRocketScores {
    RepresentationScores probes;   // name "minirocket"
    ProbeScore ridge;              // probe "ridge"; c holds the alpha picked
    std::size_t features = 0;      // 0: not run
    double transform_seconds = 0;  // fit + transform of train and test
};

struct ClassificationRunOptions {
    BtsfConfig config;
    std::string device = "auto";
    std::vector<std::string> probes = {"svm"};
    bool baselines = true;  // raw input, untrained encoder and MiniRocket
};

struct ClassificationRun {
    std::unique_ptr<Trainer> trainer;  // the trained model
    Matrix train_representations;
    Matrix test_representations;
    RepresentationScores btsf, raw, untrained;
    MiniRocketScores minirocket;
    FitResult fit;
    bool cancelled() const { return fit.cancelled; }
};

// data must already be normalised. Probes run only when training finished.
ClassificationRun run_classification(const ClassificationData& data, const ClassificationRunOptions& options,
                                     const TrainCallbacks& callbacks = {}, const CancelToken* cancel = nullptr);

// Encodes train and test with run.trainer (already fitted, or loaded from a
// checkpoint) and scores the probes and, if asked, the baselines. The
// trainer's own config (seed, architecture) is used, not options.config.
void score_classification_run(ClassificationRun& run, const ClassificationData& data,
                              const ClassificationRunOptions& options);

// The same probes on given representations (used for each of the three).
RepresentationScores score_representations(const std::string& name, const Matrix& train_x,
                                           const std::vector<int>& train_y, const Matrix& test_x,
                                           const std::vector<int>& test_y, int n_classes,
                                           const std::vector<std::string>& probes, unsigned seed);

// Spec §8: a trained model that does not beat both baselines with the same
// probe has learned nothing useful, and every report says so.
struct BaselineVerdict {
    bool available = false;  // baselines were scored
    bool beats_raw = false;
    bool beats_untrained = false;
    bool beats_minirocket = false;  // its probe with the same probe, and its ridge
    bool beats_both() const { return beats_raw && beats_untrained; }
    bool beats_all() const { return beats_both() && beats_minirocket; }
};
BaselineVerdict baseline_verdict(const ClassificationRun& run);

// The raw-input baseline: each series flattened to one row of C*T values.
Matrix flatten_series(const SeriesSet& set);

// MiniRocket fitted on data.train (no labels), both splits transformed, then
// the probes and the ridge classifier. seed draws its bias series.
MiniRocketScores score_minirocket(const ClassificationData& data, const std::vector<std::string>& probes,
                                  unsigned long long seed);

// The name a table or a panel gives the trained encoder: its preset, and
// "BTSF" only when the configuration has the bilinear joint feature.
std::string trained_label(const BtsfConfig& config);

}  // namespace btsf
