// The anomaly-detection protocol (spec §8): windows that cover every point,
// per-point scores averaged over covering windows (worked by hand), threshold
// rules, and a run on the injected-anomaly demo with both baselines.
#include <QtTest>

#include <cmath>

#include "demo_anomaly.h"
#include "tasks/anomaly_detection.h"
#include "train/device.h"
#include "train/trainer.h"

using namespace btsf;

class TestAnomalyDetection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { set_thread_count(2); }

    void windowsCoverEveryPoint()
    {
        // Length 10, window 4, stride 3: starts 0, 3, 6 (6 + 4 = 10 ends exactly).
        QCOMPARE(window_starts(10, 4, 3), (std::vector<std::size_t>{0, 3, 6}));
        // Length 11: 0, 3, 6, then one more ending at 11: start 7.
        QCOMPARE(window_starts(11, 4, 3), (std::vector<std::size_t>{0, 3, 6, 7}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, window_starts(3, 4, 1));
        const std::vector<float> values = {0, 10, 1, 11, 2, 12, 3, 13, 4, 14};  // T = 5, C = 2
        const SeriesSet w = sliding_windows(values, 2, {0, 2}, 3);
        QCOMPARE(w.at(1, 1, 0), 12.0f);  // window 1 starts at t = 2, channel 1
        QCOMPARE(w.at(0, 0, 2), 2.0f);
    }

    void pointScoresAverageOverCoveringWindows()
    {
        // T = 4, C = 1, windows of 3 at starts 0 and 1. All values 0.
        // Window 0 rebuilds (1, 1, 1): squared errors 1, 1, 1 at t = 0, 1, 2.
        // Window 1 rebuilds (3, 3, 3): errors 9, 9, 9 at t = 1, 2, 3.
        // t=0: 1; t=1: (1+9)/2 = 5; t=2: 5; t=3: 9.
        const SeriesSet w = sliding_windows(std::vector<float>(4, 0.0f), 1, {0, 1}, 3);
        const Matrix recon{2, 3, {1, 1, 1, 3, 3, 3}};
        QCOMPARE(point_scores(recon, w, {0, 1}, 4), (std::vector<float>{1, 5, 5, 9}));
        // Two channels: the error is averaged over channels. (2^2 + 0) / 2 = 2.
        const SeriesSet w2 = sliding_windows(std::vector<float>(4, 0.0f), 2, {0}, 2);
        QCOMPARE(point_scores(Matrix{1, 4, {2, 2, 0, 0}}, w2, {0}, 2), (std::vector<float>{2, 2}));
    }

    void thresholdRules()
    {
        QCOMPARE(parse_threshold("sigma:2.5").value, 2.5);
        QCOMPARE(parse_threshold("quantile:0.99").kind, std::string("quantile"));
        QCOMPARE(parse_threshold("best-f1").kind, std::string("best-f1"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_threshold("quantile:1.5"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_threshold("sigma"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_threshold("median"));
    }

    void findsTheInjectedAnomalies()
    {
        const AnomalySeries demo = demo::injected_anomalies(0);
        AnomalyOptions o;
        o.config = preset_config("sum-fusion");
        o.config.iters = 20;
        o.device = "cpu";
        o.window = 50;
        o.decoder.epochs = 10;
        const auto run = run_anomaly_detection(demo, o);
        QCOMPARE(run.btsf.test_scores.size(), demo.test_length);
        QCOMPARE(run.raw.flags.size(), demo.test_length);
        for (const AnomalyResult* r : {&run.btsf, &run.raw, &run.untrained}) {
            // Point adjustment never lowers recall; the oracle is at least the rule's F1.
            QVERIFY(r->at_threshold.adjusted.recall >= r->at_threshold.plain.recall);
            QVERIFY(r->oracle_plain.scores.f1 >= r->at_threshold.plain.f1 - 1e-12);
            QVERIFY(std::isfinite(r->threshold));
        }
        // Injected spikes, shifts and frequency changes are easy: the raw-window
        // decoder must find them far better than chance.
        const double prevalence = double(std::count(demo.labels.begin(), demo.labels.end(), 1)) / demo.test_length;
        QVERIFY2(run.raw.oracle_plain.scores.f1 > 2 * prevalence,
                 qPrintable(QString::number(run.raw.oracle_plain.scores.f1)));
        QVERIFY(run.btsf.oracle_plain.scores.f1 > 2 * prevalence);
    }
};

QTEST_APPLESS_MAIN(TestAnomalyDetection)
#include "test_anomaly_detection.moc"
