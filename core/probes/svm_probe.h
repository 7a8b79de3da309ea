#pragma once
// SVM probe of spec §8(b), the TS2Vec protocol (ts2vec tasks/_eval_protocols.py,
// fit_svm): an RBF-kernel SVC with gamma = "scale", C picked by 5-fold stratified grid
// search, accuracy as the CV score.
//   - fewer than 5 training samples per class on average (n // n_classes < 5) or fewer
//     than 50 samples: no grid search, C = "infinity";
//   - more than 10000 samples: a stratified subsample of 10000 is used for the search
//     and for the final fit.
#include <cstddef>
#include <limits>
#include <vector>

#include "util/matrix.h"

namespace btsf {

// TS2Vec's grid ends in np.inf (a hard margin). libsvm is given this large finite C
// instead: on data that the RBF kernel separates (any set of distinct points) the
// hard-margin solution has finite multipliers, and unless one exceeds 1e8 the result is
// the same; on inseparable data (duplicated points with different labels) it lets the
// solver stop where C = inf would run to libsvm's iteration cap.
constexpr double kSvmHardMarginC = 1e8;

struct SvmProbeOptions {
    std::vector<double> c_grid{1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0, 1e4, kSvmHardMarginC};
    int folds = 5;
    std::size_t max_samples = 10000;
    unsigned seed = 0;        // draws the subsample when there are more than max_samples rows
    double tolerance = 1e-3;  // libsvm eps (sklearn tol)
    double cache_mb = 200.0;  // libsvm kernel cache per fit (sklearn cache_size)
    // Class pairs (or, for two classes, folds) run in parallel; 0 = one thread per
    // hardware thread. The result does not depend on it.
    unsigned threads = 0;
    // Budget for the precomputed pair kernels held at once (see RbfSvmParams).
    double kernel_memory_mb = 1024.0;
};

struct SvmProbeResult {
    std::vector<int> predictions;  // one per test row
    // n_test x n_classes, sklearn's SVC.decision_function (ovr shape). For two classes
    // column 1 is the decision value oriented towards class 1 and column 0 its negative.
    std::vector<double> scores;
    double c = kSvmHardMarginC;  // chosen C
    double gamma = 1.0;          // gamma of the final fit
    bool grid_searched = false;
    double cv_accuracy = std::numeric_limits<double>::quiet_NaN();  // mean fold accuracy of c
    std::vector<double> cv_accuracy_per_c;                          // aligned with c_grid
    std::size_t fit_rows = 0;                                       // training rows used (after subsampling)
    std::size_t support_vectors = 0;                                // of the final model
};

// sklearn's gamma = "scale": 1 / (n_features * var(X)), the variance taken over all
// values of the given rows (population variance; non-finite values read as 0); 1 when
// that variance is 0.
double gamma_scale(const Matrix& x, const std::vector<std::size_t>& rows);
double gamma_scale(const Matrix& x);

// Labels in [0, n_classes); train_y must hold at least two classes. Non-finite
// feature values are read as 0. Deterministic for a given options.seed.
SvmProbeResult fit_svm_probe(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                             int n_classes, const SvmProbeOptions& options = {});

}  // namespace btsf
