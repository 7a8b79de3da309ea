#include "numerics/ridge.h"

#include "numerics/matrix_tensor.h"

#include <ATen/ATen.h>

#include <limits>
#include <stdexcept>

namespace btsf {
namespace {
at::Tensor to_tensor(const Matrix& m, const c10::Device& device)
{
    return matrix_view(m, "ridge").to(device, at::kDouble);
}
}  // namespace

const std::vector<double>& ridge_alpha_grid()
{
    // Spec §8's grid stops at 1000, and validation picked that edge almost
    // everywhere (bench/results/forecasting.md, before issue 13): it runs on
    // to 1e6 in the same 1-2-5 steps.
    static const std::vector<double> grid = {0.1, 0.2, 0.5, 1,   2,   5,   10,  20,  50,  100, 200,
                                             500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6};
    return grid;
}

RidgeModel fit_ridge(const Matrix& train_x, const Matrix& train_y, const Matrix& valid_x, const Matrix& valid_y,
                     const std::vector<double>& alphas, const std::string& device_name)
{
    if (train_x.rows != train_y.rows || valid_x.rows != valid_y.rows || train_x.cols != valid_x.cols ||
        train_y.cols != valid_y.cols)
        throw std::invalid_argument("ridge: train and validation shapes do not match");
    if (train_x.rows == 0 || valid_x.rows == 0 || alphas.empty())
        throw std::invalid_argument("ridge: needs training rows, validation rows and at least one alpha");
    const c10::Device device(device_name);
    at::NoGradGuard no_grad;
    // Double precision: X^T X of a few thousand rows is badly conditioned in float.
    const auto x = to_tensor(train_x, device);
    const auto y = to_tensor(train_y, device);
    const auto x_mean = x.mean(0, true);
    const auto y_mean = y.mean(0, true);
    const auto xc = x - x_mean;
    const auto gram = xc.t().mm(xc);  // D x D
    const auto eig = at::linalg_eigh(gram, "L");
    const auto lambda = std::get<0>(eig).clamp_min(0.0);  // D
    const auto q = std::get<1>(eig);                      // D x D
    const auto qt_xty = q.t().mm(xc.t().mm(y - y_mean));  // D x O, shared by every alpha
    const auto vx = to_tensor(valid_x, device) - x_mean;
    const auto vy = to_tensor(valid_y, device) - y_mean;
    // The validation predictions are vq diag(w) B with vq = vx Q, B = Q^T X^T y
    // and w = 1 / (lambda + alpha), so their squared error expands to
    //   |vy|^2 - 2 w.c + w^T M w,  c = rowsum((vq^T vy) o B),  M = (vq^T vq) o (B B^T),
    // and every alpha after the first costs D^2 instead of a (valid x D x O)
    // product (ETTh1's raw window at H = 720: D = 2800, O = 5040).
    const auto vq = vx.mm(q);
    const auto c = (vq.t().mm(vy) * qt_xty).sum(1);        // D
    const auto m = vq.t().mm(vq) * qt_xty.mm(qt_xty.t());  // D x D
    const double vy_squares = vy.pow(2).sum().item<double>();
    const double count = double(vy.numel());

    RidgeModel model;
    double best = std::numeric_limits<double>::infinity();
    for (double alpha : alphas) {
        const auto w = 1.0 / (lambda + alpha);
        const double squares = vy_squares - 2.0 * w.dot(c).item<double>() + w.dot(m.mv(w)).item<double>();
        const double mse = std::max(squares, 0.0) / count;
        model.valid_mse.push_back(mse);
        if (mse < best) {
            best = mse;
            model.alpha = alpha;
        }
    }
    const auto w = q.mm(qt_xty / (lambda + model.alpha).unsqueeze(1));  // D x O
    model.weights = tensor_to_matrix(w);
    const auto b = (y_mean - x_mean.mm(w)).squeeze(0).to(at::kCPU, at::kFloat).contiguous();
    model.intercept.assign(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
    return model;
}

Matrix ridge_predict(const RidgeModel& model, const Matrix& x, const std::string& device_name)
{
    if (x.cols != model.weights.rows)
        throw std::invalid_argument("ridge_predict: input has " + std::to_string(x.cols) + " features, the model " +
                                    std::to_string(model.weights.rows));
    const c10::Device device(device_name);
    at::NoGradGuard no_grad;
    const auto w = to_tensor(model.weights, device);
    const auto b =
        at::from_blob(const_cast<float*>(model.intercept.data()), {1, int64_t(model.intercept.size())}, at::kFloat)
            .to(device, at::kDouble);
    return tensor_to_matrix(to_tensor(x, device).mm(w) + b);
}

}  // namespace btsf
