#pragma once
// Linear probe of spec §8(a): multinomial logistic regression on z-scored features,
// the L2 strength C chosen by stratified k-fold cross-validation.
#include <limits>
#include <vector>

#include "numerics/lbfgs.h"
#include "util/matrix.h"

namespace btsf {

struct LinearProbeOptions {
    std::vector<double> c_grid{1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0};
    int max_folds = 5;        // k = min(max_folds, smallest class count), at least 2
    double fallback_c = 1.0;  // used without CV, when some class has fewer than 2 samples
    // sklearn's LogisticRegression stops lbfgs at 100 iterations by default; the CV fits
    // keep that cap (they only rank C values), the final fit gets more room.
    LbfgsOptions cv_solver{100, 10, 1e-4, 1e-10, 40};
    LbfgsOptions final_solver{500, 10, 1e-5, 1e-12, 40};
    unsigned threads = 0;  // folds run in parallel; 0 = one thread per hardware thread
};

struct LinearProbeResult {
    std::vector<int> predictions;  // one per test row
    std::vector<double> scores;    // n_test x n_classes probabilities (0 for classes absent from train)
    double c = 1.0;                // chosen C
    int folds = 0;                 // 0 when cross-validation was skipped
    double cv_accuracy = std::numeric_limits<double>::quiet_NaN();  // mean fold accuracy of c
    std::vector<double> cv_accuracy_per_c;                          // aligned with options.c_grid (empty when skipped)
};

// train_x: n_train x d, test_x: n_test x d, labels in [0, n_classes). Non-finite
// feature values are read as 0 before standardisation. Deterministic: folds follow
// sklearn's unshuffled StratifiedKFold and every fit starts from zero (CV fits then
// warm-start along increasing C within a fold). Throws std::invalid_argument on
// inconsistent shapes, labels out of range, or fewer than two classes in train_y.
LinearProbeResult fit_linear_probe(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                                   int n_classes, const LinearProbeOptions& options = {});

}  // namespace btsf
