#include "tasks/classification_run.h"

#include "probes/classification_probe.h"
#include "probes/minirocket.h"
#include "probes/ridge_classifier.h"
#include "train/data_parallel.h"
#include "train/trainer.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace btsf {

const ProbeScore* RepresentationScores::primary() const
{
    for (const auto& p : probes)
        if (p.probe == "svm") return &p;
    return probes.empty() ? nullptr : &probes.front();
}

BaselineVerdict baseline_verdict(const ClassificationRun& run)
{
    BaselineVerdict v;
    const auto* trained = run.btsf.primary();
    const auto* raw = run.raw.primary();
    const auto* untrained = run.untrained.primary();
    if (!trained || !raw || !untrained) return v;
    v.available = true;
    v.beats_raw = trained->accuracy > raw->accuracy;
    v.beats_untrained = trained->accuracy > untrained->accuracy;
    const auto* minirocket = run.minirocket.probes.primary();
    v.beats_minirocket =
        !minirocket || (trained->accuracy > minirocket->accuracy && trained->accuracy > run.minirocket.ridge.accuracy);
    return v;
}

std::string trained_label(const BtsfConfig& config)
{
    return has_bilinear_feature(config) ? "BTSF (" + config.preset + ")" : config.preset;
}

MiniRocketScores score_minirocket(const ClassificationData& data, const std::vector<std::string>& probes,
                                  unsigned long long seed)
{
    const auto start = std::chrono::steady_clock::now();
    MiniRocketOptions options;
    options.seed = seed;
    const auto model = fit_minirocket(data.train, options);
    const auto train_x = minirocket_transform(model, data.train);
    const auto test_x = minirocket_transform(model, data.test);
    MiniRocketScores scores;
    scores.features = model.feature_count();
    scores.transform_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int classes = int(data.class_names.size());
    scores.probes = score_representations("minirocket", train_x, data.train.labels, test_x, data.test.labels, classes,
                                          probes, unsigned(seed));
    const auto ridge = ridge_classifier_cv(train_x, data.train.labels, test_x, data.test.labels, classes);
    scores.ridge = {"ridge", ridge.accuracy, ridge.auprc, ridge.alpha, ridge.seconds, ridge.predictions};
    return scores;
}

Matrix flatten_series(const SeriesSet& set)
{
    Matrix m;
    m.rows = set.n;
    m.cols = set.channels * set.length;
    m.data = set.values;  // row-major N x (C*T) already
    for (auto& v : m.data)
        if (!std::isfinite(v)) v = 0.0f;
    return m;
}

RepresentationScores score_representations(const std::string& name, const Matrix& train_x,
                                           const std::vector<int>& train_y, const Matrix& test_x,
                                           const std::vector<int>& test_y, int n_classes,
                                           const std::vector<std::string>& probes, unsigned seed)
{
    RepresentationScores scores;
    scores.name = name;
    for (const auto& probe : probes) {
        ProbeKind kind;
        if (probe == "svm")
            kind = ProbeKind::Svm;
        else if (probe == "linear")
            kind = ProbeKind::Linear;
        else
            throw std::invalid_argument("unknown probe '" + probe + "' (use linear, svm or both)");
        const auto r = run_probe(kind, train_x, train_y, test_x, test_y, n_classes, seed);
        scores.probes.push_back({probe, r.accuracy, r.auprc, r.c, r.seconds, r.predictions});
    }
    return scores;
}

ClassificationRun run_classification(const ClassificationData& data, const ClassificationRunOptions& options,
                                     const TrainCallbacks& callbacks, const CancelToken* cancel)
{
    for (const auto& probe : options.probes)
        if (probe != "svm" && probe != "linear")  // fail before the training time is spent
            throw std::invalid_argument("unknown probe '" + probe + "' (use linear, svm or both)");
    ClassificationRun run;
    run.trainer = std::make_unique<Trainer>(options.config, int(data.train.channels), options.device);
    run.fit = run.trainer->fit(data.train, callbacks, cancel);
    if (!run.fit.cancelled && data_parallel_rank() == 0)  // a worker rank only trains
        score_classification_run(run, data, options);
    return run;
}

void score_classification_run(ClassificationRun& run, const ClassificationData& data,
                              const ClassificationRunOptions& options)
{
    const int channels = int(data.train.channels);
    const int classes = int(data.class_names.size());
    const BtsfConfig& config = run.trainer->config();
    const unsigned seed = unsigned(config.seed);
    run.train_representations = run.trainer->encode(data.train);
    run.test_representations = run.trainer->encode(data.test);
    run.btsf = score_representations("btsf", run.train_representations, data.train.labels, run.test_representations,
                                     data.test.labels, classes, options.probes, seed);
    if (options.baselines) {
        // A fresh Trainer with the same seed holds exactly the trained model's
        // initial weights: the "untrained" baseline of spec §8.
        Trainer untrained(config, channels, run.trainer->device());
        const auto train_r = untrained.encode(data.train);
        const auto test_r = untrained.encode(data.test);
        run.untrained = score_representations("untrained", train_r, data.train.labels, test_r, data.test.labels,
                                              classes, options.probes, seed);
        run.raw = score_representations("raw", flatten_series(data.train), data.train.labels, flatten_series(data.test),
                                        data.test.labels, classes, options.probes, seed);
        run.minirocket = score_minirocket(data, options.probes, config.seed);
    }
}

}  // namespace btsf
