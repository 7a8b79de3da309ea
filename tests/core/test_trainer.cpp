// Trainer behaviour: reproducibility, cancellation, checkpoints and resume.
#include "data/normalize.h"
#include "demo_datasets.h"
#include "tasks/classification_run.h"
#include "train/trainer.h"
#include "train/training_state.h"

#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace btsf;

namespace {
BtsfConfig tiny_config(unsigned long long seed = 0)
{
    BtsfConfig c = preset_config("sum-fusion");
    c.d = 8;
    c.m = 8;
    c.n = 8;
    c.l = 2;
    c.temporal_blocks = 2;
    c.spectral_blocks = 1;
    c.fusion_blocks = 1;
    c.batch_size = 8;
    c.iters = 3;
    c.seed = seed;
    return c;
}

BtsfConfig tiny_ts2vec()
{
    BtsfConfig c = preset_config("ts2vec");
    c.d = 8;
    c.temporal_blocks = 2;
    c.temporal_out = 16;
    c.iters = 3;
    return c;
}

ClassificationData cbf()
{
    auto data = demo::make_demo("CBF", 0);
    normalize_classification(data);
    return data;
}
}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameLoss()
    {
        const auto data = cbf();
        Trainer a(tiny_config(5), 1, "cpu");
        Trainer b(tiny_config(5), 1, "cpu");
        Trainer other(tiny_config(6), 1, "cpu");
        a.fit(data.train);
        b.fit(data.train);
        other.fit(data.train);
        QCOMPARE(a.loss_curve().size(), size_t(3));
        QCOMPARE(a.loss_curve(), b.loss_curve());
        QVERIFY(a.loss_curve() != other.loss_curve());
    }

    void callbacksReportProgressAndCancelStopsWithinOneIteration()
    {
        const auto data = cbf();
        auto config = tiny_config();
        config.iters = 50;
        Trainer trainer(config, 1, "cpu");
        CancelToken cancel;
        std::vector<int> seen;
        TrainCallbacks callbacks;
        callbacks.on_iteration = [&](const TrainProgress& p) {
            seen.push_back(p.iteration);
            QCOMPARE(p.total_iterations, 50);
            QVERIFY(p.eta_seconds >= 0);
            if (p.iteration == 4) cancel.cancel();
        };
        const auto result = trainer.fit(data.train, callbacks, &cancel);
        QVERIFY(result.cancelled);
        QCOMPARE(result.iterations_done, 4);
        QCOMPARE(seen, (std::vector<int>{1, 2, 3, 4}));
        QCOMPARE(trainer.loss_curve().size(), size_t(4));
    }

    void encodeGivesOneRowPerSeries()
    {
        const auto data = cbf();
        Trainer trainer(tiny_config(), 1, "cpu");
        const auto r = trainer.encode(data.test, 64);
        QCOMPARE(r.rows, data.test.n);
        QCOMPARE(r.cols, size_t(trainer.representation_dim()));
        QCOMPARE(r.cols, size_t(8 * 2));
        // Batching must not change the result (beyond float rounding of the
        // batch-size-dependent conv kernels).
        const auto one_batch = trainer.encode(data.test, 1000);
        QCOMPARE(one_batch.data.size(), r.data.size());
        for (size_t i = 0; i < r.data.size(); ++i)
            QVERIFY(std::abs(r.data[i] - one_batch.data[i]) < 1e-4f * (1.f + std::abs(r.data[i])));
    }

    void checkpointRoundTripAndResume()
    {
        QTemporaryDir dir;
        const auto data = cbf();
        auto config = tiny_config();
        config.iters = 4;
        Trainer trainer(config, 1, "cpu");
        CancelToken cancel;
        TrainCallbacks stop_at_two;
        stop_at_two.on_iteration = [&](const TrainProgress& p) {
            if (p.iteration == 2) cancel.cancel();
        };
        trainer.fit(data.train, stop_at_two, &cancel);
        trainer.metadata()["zscore"] = "{}";
        const std::string path = dir.filePath("model.pt").toStdString();
        trainer.save_checkpoint(path);

        auto loaded = Trainer::load_checkpoint(path, "cpu");
        QCOMPARE(loaded->iteration(), 2);
        QCOMPARE(loaded->loss_curve(), trainer.loss_curve());
        QCOMPARE(loaded->metadata().at("zscore"), std::string("{}"));
        QCOMPARE(loaded->config().d, 8);
        QCOMPARE(loaded->encode(data.test).data, trainer.encode(data.test).data);

        const auto resumed = loaded->fit(data.train);
        QCOMPARE(resumed.iterations_done, 4);
        QCOMPARE(loaded->loss_curve().size(), size_t(4));
    }

    void damagedCheckpointIsReportedAndNotOverwritten()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.pt").toStdString();
        std::ofstream(path) << "not a checkpoint";
        try {
            Trainer::load_checkpoint(path, "cpu");
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find("bad.pt") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, Trainer::load_checkpoint(dir.filePath("none.pt").toStdString()));
    }

    // The point of the project: training must add something over random
    // weights and over the raw series (spec §8). CBF is where every variant we
    // measured learned; a clear margin keeps this stable across thread counts
    // while still failing if training stops helping. sum-fusion is the preset
    // with the widest measured margin here (ts2vec's untrained encoder already
    // scores 0.967 on CBF, so a 3-point margin cannot be asked of it).
    void sumFusionPresetBeatsBothBaselinesOnCbf()
    {
        auto data = demo::make_demo("CBF", 0);
        normalize_classification(data);
        ClassificationRunOptions options;
        options.config = preset_config("sum-fusion");
        options.device = "cpu";
        const auto run = run_classification(data, options);
        const double trained = run.btsf.primary()->accuracy;
        const double untrained = run.untrained.primary()->accuracy;
        const double raw = run.raw.primary()->accuracy;
        qInfo("CBF svm accuracy: trained %.4f, untrained %.4f, raw %.4f", trained, untrained, raw);
        QVERIFY(trained > untrained + 0.03);
        QVERIFY(trained > raw + 0.03);
        QVERIFY(baseline_verdict(run).beats_both());
    }

    void weightAveragingIsTheRunningMeanOfTwoSteps()
    {
        // After two steps the averaged weights are (p0 + p1 + p2) / 3: the
        // initial weights (TS2Vec averages them in too), the net after step
        // one (a one-step run with the same seed draws the same first batch)
        // and after step two.
        const auto data = cbf();
        auto config = tiny_ts2vec();
        const Trainer zero(config, 1, "cpu");
        config.iters = 1;
        Trainer one(config, 1, "cpu");
        one.fit(data.train);
        config.iters = 2;
        Trainer two(config, 1, "cpu");
        two.fit(data.train);
        const auto p0 = const_cast<Trainer&>(zero).state().net->parameters();
        const auto p1 = one.state().net->parameters();
        const auto p2 = two.state().net->parameters();
        const auto avg = two.state().averaged->parameters();
        QCOMPARE(avg.size(), p2.size());
        bool moved = false;
        for (std::size_t i = 0; i < avg.size(); ++i) {
            QVERIFY(torch::allclose(avg[i], (p0[i] + p1[i] + p2[i]) / 3, 1e-6, 1e-6));
            moved = moved || !torch::equal(p1[i], p2[i]);
        }
        QVERIFY(moved);
        QCOMPARE(two.state().averaged_steps, int64_t(3));
        // After one step: (p0 + p1) / 2.
        const auto avg1 = one.state().averaged->parameters();
        for (std::size_t i = 0; i < avg1.size(); ++i)
            QVERIFY(torch::allclose(avg1[i], (p0[i] + p1[i]) / 2, 1e-6, 1e-6));
        // Encoding reads the average, not the last weights.
        QVERIFY(two.encode(data.test).data != [&] {
            auto copy = two.state().averaged;
            two.state().averaged = nullptr;
            auto r = two.encode(data.test);
            two.state().averaged = copy;
            return r.data;
        }());
    }

    void untrainedTs2vecEncodesWithItsInitialWeights()
    {
        const auto data = cbf();
        Trainer a(tiny_ts2vec(), 1, "cpu");
        Trainer b(tiny_ts2vec(), 1, "cpu");
        QCOMPARE(a.encode(data.test).data, b.encode(data.test).data);
        const auto net = a.state().net->parameters();
        const auto avg = a.state().averaged->parameters();
        for (std::size_t i = 0; i < net.size(); ++i) QVERIFY(torch::equal(net[i], avg[i]));
    }

    void ts2vecCheckpointKeepsTheAverage()
    {
        QTemporaryDir dir;
        const auto data = cbf();
        Trainer trainer(tiny_ts2vec(), 1, "cpu");
        trainer.fit(data.train);
        for (float v : trainer.loss_curve()) QVERIFY(std::isfinite(v));
        const std::string path = dir.filePath("ts2vec.pt").toStdString();
        trainer.save_checkpoint(path);
        auto loaded = Trainer::load_checkpoint(path, "cpu");
        QCOMPARE(loaded->state().averaged_steps, int64_t(4));  // initial weights + 3 steps
        QCOMPARE(loaded->encode(data.test).data, trainer.encode(data.test).data);
        QCOMPARE(loaded->config().optimizer, std::string("adamw"));
    }

    void perVariableNegativesConcatenateVariables()
    {
        auto config = tiny_config();
        config.negatives = "variables";
        SeriesSet set;
        set.n = 6;
        set.channels = 3;
        set.length = 20;
        set.values.resize(6 * 3 * 20);
        for (size_t i = 0; i < set.values.size(); ++i) set.values[i] = float(std::sin(0.3 * double(i)));
        set.labels.assign(6, 0);
        Trainer trainer(config, 3, "cpu");
        trainer.fit(set);
        const auto r = trainer.encode(set);
        QCOMPARE(r.cols, size_t(3 * 8 * 2));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
