#pragma once
// MiniRocket's own classifier: standardised features, then a one-vs-rest
// ridge regression on +-1 targets with the penalty picked by exact
// leave-one-out error over a grid (as scikit-learn's RidgeClassifierCV does,
// with the intercept left unpenalised). Runs through LibTorch in double
// precision; inputs and outputs are plain data.
#include "util/matrix.h"

#include <vector>

namespace btsf {

// logspace(-3, 3, 10): the grid MiniRocket's authors use.
std::vector<double> ridge_classifier_alphas();

struct RidgeClassifierResult {
    double alpha = 0;               // the penalty leave-one-out picked
    std::vector<double> loo_error;  // mean squared LOO error per alpha, in grid order
    std::vector<int> predictions;   // one per test row
    std::vector<double> scores;     // n_test x n_classes decision values
    double accuracy = 0;
    double auprc = 0;
    double seconds = 0;
};

// Labels in [0, n_classes); train_y must hold at least two classes.
// standardise = false skips the scaler (features used as given).
RidgeClassifierResult ridge_classifier_cv(const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                                          const std::vector<int>& test_y, int n_classes,
                                          const std::vector<double>& alphas = ridge_classifier_alphas(),
                                          bool standardise = true);

}  // namespace btsf
