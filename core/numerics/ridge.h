#pragma once
// Ridge regression for the forecasting protocol (spec §8): closed form, with
// the penalty picked on a validation split from a grid. Runs on the device in
// use through LibTorch; inputs and outputs are plain matrices.
#include "util/matrix.h"

#include <string>
#include <vector>

namespace btsf {

// Spec §8's grid, widened to 1e6 (its edge, 1000, was picked almost everywhere).
const std::vector<double>& ridge_alpha_grid();

struct RidgeModel {
    double alpha = 0;
    std::vector<double> valid_mse;  // one per alpha of the grid searched, in grid order
    Matrix weights;                 // D x O
    std::vector<float> intercept;   // O: the intercept is not penalised (as sklearn's Ridge)
};

// Fits on (train_x, train_y) for every alpha, scores the mean squared error on
// (valid_x, valid_y), and keeps the best; ties go to the smaller alpha. One
// eigendecomposition of X^T X serves the whole grid. device: cpu|cuda.
RidgeModel fit_ridge(const Matrix& train_x, const Matrix& train_y, const Matrix& valid_x, const Matrix& valid_y,
                     const std::vector<double>& alphas, const std::string& device = "cpu");

Matrix ridge_predict(const RidgeModel& model, const Matrix& x, const std::string& device = "cpu");

}  // namespace btsf
