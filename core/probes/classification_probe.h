#pragma once
// Single entry point for the classification protocols of spec §8: one call fits a
// probe on frozen train representations and scores it on the test ones. The CLI, the
// benchmarks and the workbench all go through here, so the raw-input and untrained
// baselines get exactly the same probe as the trained model.
#include <limits>
#include <string>
#include <vector>

#include "util/matrix.h"

namespace btsf {

enum class ProbeKind { Linear, Svm };

struct ProbeResult {
    std::string probe;  // "linear" or "svm"
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    double auprc = std::numeric_limits<double>::quiet_NaN();  // see metrics.h for the definition
    std::vector<int> predictions;                             // one per test row
    std::vector<double> scores;  // n_test x n_classes: probabilities (linear) or decision values (svm)
    double seconds = 0.0;        // wall time of fit + predict, cross-validation included
    double c = std::numeric_limits<double>::quiet_NaN();            // chosen C
    double cv_accuracy = std::numeric_limits<double>::quiet_NaN();  // NaN when C was not searched
    double gamma = std::numeric_limits<double>::quiet_NaN();        // svm only
};

const char* probe_name(ProbeKind kind);

// Fits the probe on (train_x, train_y) and evaluates it on (test_x, test_y).
// Labels lie in [0, n_classes) and train_y must hold at least two classes; shapes must
// agree (std::invalid_argument otherwise). Non-finite feature values (NaN, +-inf) are
// read as 0 by both probes rather than rejected: a diverged encoder should still get a
// (bad) score instead of a crash. seed only draws the SVM's subsample of large
// training sets; the linear probe is deterministic without it. threads bounds the
// worker threads (0: one per hardware thread); results do not depend on it.
ProbeResult run_probe(ProbeKind kind, const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                      const std::vector<int>& test_y, int n_classes, unsigned seed, unsigned threads = 0);

}  // namespace btsf
