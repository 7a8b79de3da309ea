#pragma once
// Temporal/spectral agreement (spec §9, paper Table 5): classify with the
// pooled temporal features alone and with the pooled spectral features alone,
// and count how many test series each gets wrong and how many both get wrong.
// Few shared mistakes mean the two views carry different information.
#include "data/dataset.h"

#include <string>

namespace btsf {

class Trainer;

struct BranchAgreement {
    std::string probe;
    std::size_t n_test = 0;
    double temporal_accuracy = 0, spectral_accuracy = 0;
    std::size_t temporal_wrong = 0, spectral_wrong = 0, both_wrong = 0;
};

// data must be normalised as the model was trained. probe: "svm" or "linear".
BranchAgreement branch_agreement(const Trainer& trainer, const ClassificationData& data, const std::string& probe,
                                 unsigned seed);

}  // namespace btsf
