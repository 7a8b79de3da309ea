#pragma once
// Alignment and uniformity of a trained encoder's test representations
// (spec §9). Needs the model for the positive pairs, so it lives beside the
// Trainer; the arithmetic is in numerics/representation_geometry.
#include "data/dataset.h"
#include "numerics/geometry_report.h"
#include "util/matrix.h"

namespace btsf {

class Trainer;

// Positive pairs are two dropout views of each test series at the model's own
// dropout rate (0.1 when it trained without dropout, the paper's rate), so the
// histogram shows how close the encoder keeps what the loss calls "the same".
GeometryReport analyse_geometry(const Trainer& trainer, const SeriesSet& test, const Matrix& test_representations,
                                unsigned long long seed);

}  // namespace btsf
