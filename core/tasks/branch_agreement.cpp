#include "tasks/branch_agreement.h"

#include "tasks/classification_run.h"
#include "train/trainer.h"

namespace btsf {

BranchAgreement branch_agreement(const Trainer& trainer, const ClassificationData& data, const std::string& probe,
                                 unsigned seed)
{
    const int classes = int(data.class_names.size());
    const auto predictions = [&](const std::string& branch) {
        const auto scores =
            score_representations(branch, trainer.encode_branch(data.train, branch), data.train.labels,
                                  trainer.encode_branch(data.test, branch), data.test.labels, classes, {probe}, seed);
        return scores.probes.front();
    };
    const ProbeScore temporal = predictions("temporal");
    const ProbeScore spectral = predictions("spectral");
    BranchAgreement a;
    a.probe = probe;
    a.n_test = data.test.labels.size();
    a.temporal_accuracy = temporal.accuracy;
    a.spectral_accuracy = spectral.accuracy;
    for (std::size_t i = 0; i < a.n_test; ++i) {
        const bool t_wrong = temporal.predictions[i] != data.test.labels[i];
        const bool s_wrong = spectral.predictions[i] != data.test.labels[i];
        a.temporal_wrong += t_wrong;
        a.spectral_wrong += s_wrong;
        a.both_wrong += t_wrong && s_wrong;
    }
    return a;
}

}  // namespace btsf
