#include "numerics/matrix_tensor.h"

#include <stdexcept>
#include <string>

namespace btsf {

at::Tensor matrix_view(const Matrix& m, const char* what)
{
    if (!m.consistent()) throw std::invalid_argument(std::string(what) + ": a matrix does not hold rows x cols values");
    return at::from_blob(const_cast<float*>(m.data.data()), {int64_t(m.rows), int64_t(m.cols)}, at::kFloat);
}

Matrix tensor_to_matrix(const at::Tensor& t)
{
    const auto cpu = t.to(at::kCPU, at::kFloat).contiguous();
    Matrix m;
    m.rows = std::size_t(cpu.size(0));
    m.cols = std::size_t(cpu.size(1));
    m.data.assign(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
    return m;
}

}  // namespace btsf
