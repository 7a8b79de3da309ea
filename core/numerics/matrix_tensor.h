#pragma once
// Matrix <-> at::Tensor for the torch side of the numerics and probes (ridge,
// the ridge classifier, the window decoder). A torch header: only btsf_core's
// own .cpp files include it.
#include <ATen/ATen.h>

#include "util/matrix.h"

namespace btsf {

// A rows x cols float CPU tensor over m's values (no copy: it lives as long as m;
// move it with .to()). Throws std::invalid_argument naming `what` when m does not
// hold rows x cols values.
at::Tensor matrix_view(const Matrix& m, const char* what);

// A 2-D tensor of any device and type, copied to a float Matrix.
Matrix tensor_to_matrix(const at::Tensor& t);

}  // namespace btsf
