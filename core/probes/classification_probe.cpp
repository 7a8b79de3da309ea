#include "probes/classification_probe.h"

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

#include "probes/linear_probe.h"
#include "probes/metrics.h"
#include "probes/svm_probe.h"

namespace btsf {
namespace {
// What the linear and the SVM probe's results have in common.
template <typename Fit>
void take_fit(ProbeResult& result, Fit&& fit)
{
    result.predictions = std::move(fit.predictions);
    result.scores = std::move(fit.scores);
    result.c = fit.c;
    result.cv_accuracy = fit.cv_accuracy;
}
}  // namespace

const char* probe_name(ProbeKind kind)
{
    switch (kind) {
        case ProbeKind::Linear:
            return "linear";
        case ProbeKind::Svm:
            return "svm";
    }
    return "unknown";
}

ProbeResult run_probe(ProbeKind kind, const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                      const std::vector<int>& test_y, int n_classes, unsigned seed, unsigned threads)
{
    if (n_classes < 2) throw std::invalid_argument("run_probe: n_classes must be at least 2");
    if (test_y.size() != test_x.rows) {
        throw std::invalid_argument("run_probe: " + std::to_string(test_x.rows) + " test rows but " +
                                    std::to_string(test_y.size()) + " labels");
    }
    for (int y : test_y)
        if (y < 0 || y >= n_classes) throw std::invalid_argument("run_probe: test label out of range");

    const auto start = std::chrono::steady_clock::now();
    ProbeResult result;
    result.probe = probe_name(kind);
    if (kind == ProbeKind::Linear) {
        LinearProbeOptions options;
        options.threads = threads;
        take_fit(result, fit_linear_probe(train_x, train_y, test_x, n_classes, options));
    } else {
        SvmProbeOptions options;
        options.seed = seed;
        options.threads = threads;
        SvmProbeResult r = fit_svm_probe(train_x, train_y, test_x, n_classes, options);
        result.gamma = r.gamma;
        take_fit(result, std::move(r));
    }
    result.accuracy = accuracy(test_y, result.predictions);
    result.auprc = auprc(test_y, result.scores, n_classes);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace btsf
