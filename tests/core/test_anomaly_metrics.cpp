// Anomaly-detection metrics: point adjustment on hand-made cases, precision / recall / F1
// by hand, event recall, the threshold rules, the best-F1 oracle against brute force, and
// a random-score check that point adjustment inflates F1 while the plain view does not.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>

#include "probes/anomaly_metrics.h"

using btsf::DetectionScores;
using Flags = std::vector<std::uint8_t>;
using Events = std::vector<std::pair<std::size_t, std::size_t>>;

namespace {

bool throws_invalid(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::invalid_argument&) {
        return true;
    }
    return false;
}

bool near(double a, double b)
{
    return std::fabs(a - b) < 1e-12;
}

// The best F1 over every distinct score as threshold and the "flag all" one, by brute force.
double brute_best_f1(const Flags& labels, const std::vector<float>& scores, bool adjusted)
{
    std::vector<double> ts(scores.begin(), scores.end());
    ts.push_back(-1e30);
    double best = 0;
    for (double t : ts) {
        Flags f = btsf::threshold_flags(scores, t);
        if (adjusted) f = btsf::point_adjust(labels, f);
        best = std::max(best, btsf::detection_scores(labels, f).f1);
    }
    return best;
}

}  // namespace

class TestAnomalyMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pointAdjust()
    {
        //                 segment [1,3]   segment [6,7]   segment [9,9] at the end
        const Flags labels = {0, 1, 1, 1, 0, 0, 1, 1, 0, 1};
        // One hit in [1,3] fills it; the flag at 5 is outside every segment and stays;
        // [6,7] has no hit and stays empty; the hit at 9 fills its one-point segment.
        QCOMPARE(btsf::point_adjust(labels, {0, 0, 1, 0, 0, 1, 0, 0, 0, 1}), (Flags{0, 1, 1, 1, 0, 1, 0, 0, 0, 1}));
        // No flags: nothing changes.
        QCOMPARE(btsf::point_adjust(labels, Flags(10, 0)), Flags(10, 0));
        // Flags only outside segments: kept as they are.
        QCOMPARE(btsf::point_adjust(labels, {1, 0, 0, 0, 1, 1, 0, 0, 1, 0}), (Flags{1, 0, 0, 0, 1, 1, 0, 0, 1, 0}));
        // A hit on the last point of a segment fills it too; two segments hit.
        QCOMPARE(btsf::point_adjust(labels, {0, 0, 0, 1, 0, 0, 0, 1, 0, 0}), (Flags{0, 1, 1, 1, 0, 0, 1, 1, 0, 0}));
        // Adjusting twice changes nothing more.
        const Flags once = btsf::point_adjust(labels, {0, 0, 1, 0, 0, 1, 0, 0, 0, 1});
        QCOMPARE(btsf::point_adjust(labels, once), once);
        QVERIFY(btsf::point_adjust({}, {}).empty());
        QVERIFY(throws_invalid([] { btsf::point_adjust({0, 1}, {0}); }));
    }

    void detectionScores()
    {
        const Flags labels = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        const Flags flags = {1, 1, 0, 0, 1, 0, 0, 0, 0, 0};
        // tp = 2, fp = 1, fn = 2: p = 2/3, r = 2/4 = 1/2, f1 = 2 (1/3) / (7/6) = 4/7.
        const DetectionScores a = btsf::detection_scores(labels, flags);
        QCOMPARE(a.tp, std::size_t(2));
        QCOMPARE(a.fp, std::size_t(1));
        QCOMPARE(a.fn, std::size_t(2));
        QVERIFY(near(a.precision, 2.0 / 3.0));
        QVERIFY(near(a.recall, 0.5));
        QVERIFY(near(a.f1, 4.0 / 7.0));
        // Adjusted: the segment [0,3] was hit, so tp = 4, fp = 1, fn = 0:
        // p = 4/5, r = 1, f1 = 2 (4/5) / (9/5) = 8/9.
        const DetectionScores b = btsf::detection_scores(labels, btsf::point_adjust(labels, flags));
        QCOMPARE(b.tp, std::size_t(4));
        QCOMPARE(b.fn, std::size_t(0));
        QVERIFY(near(b.precision, 0.8));
        QVERIFY(near(b.recall, 1.0));
        QVERIFY(near(b.f1, 8.0 / 9.0));
        // Nothing flagged: precision 0 (not NaN), recall 0, f1 0.
        const DetectionScores none = btsf::detection_scores(labels, Flags(10, 0));
        QCOMPARE(none.precision, 0.0);
        QCOMPARE(none.f1, 0.0);
        QCOMPARE(none.fn, std::size_t(4));
        // No anomaly at all but flags: all false positives, recall 0, f1 0.
        const DetectionScores clean = btsf::detection_scores(Flags(4, 0), {1, 0, 1, 0});
        QCOMPARE(clean.fp, std::size_t(2));
        QCOMPARE(clean.precision, 0.0);
        QCOMPARE(clean.recall, 0.0);
        QCOMPARE(clean.f1, 0.0);
        // Perfect.
        QCOMPARE(btsf::detection_scores(labels, labels).f1, 1.0);
        QVERIFY(throws_invalid([] { btsf::detection_scores({0, 1}, {0, 1, 1}); }));
    }

    void eventRecall()
    {
        const Events events = {{0, 3}, {6, 7}, {9, 9}};
        // Flags at 2 (in [0,3]) and 9 (in [9,9]); [6,7] is missed: 2 of 3.
        QVERIFY(near(btsf::event_recall(events, {0, 0, 1, 0, 0, 1, 0, 0, 0, 1}), 2.0 / 3.0));
        QCOMPARE(btsf::event_recall(events, Flags(10, 0)), 0.0);
        QCOMPARE(btsf::event_recall(events, Flags(10, 1)), 1.0);
        QVERIFY(std::isnan(btsf::event_recall({}, Flags(10, 1))));  // no event: undefined
        QVERIFY(throws_invalid([] { btsf::event_recall({{8, 10}}, Flags(10, 0)); }));
        QVERIFY(throws_invalid([] { btsf::event_recall({{5, 4}}, Flags(10, 0)); }));
    }

    void thresholds()
    {
        const float nan = std::nanf("");
        // Strictly greater; NaN never flagged.
        QCOMPARE(btsf::threshold_flags({1, 2, 3, nan, 2.5f}, 2.0), (Flags{0, 0, 1, 0, 1}));
        QCOMPARE(btsf::threshold_flags({1, 2}, -INFINITY), (Flags{1, 1}));

        // {1, 2, 3, 4}: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25,
        // std sqrt(1.25) = 1.1180...; k = 2 -> 2.5 + 2.2360... = 4.7360...; NaN ignored.
        QVERIFY(near(btsf::sigma_threshold({1, 2, 3, 4, nan}, 2.0), 2.5 + 2.0 * std::sqrt(1.25)));
        QVERIFY(near(btsf::sigma_threshold({1, 2, 3, 4}, 0.0), 2.5));
        QVERIFY(near(btsf::sigma_threshold({7, 7, 7}, 3.0), 7.0));
        QVERIFY(throws_invalid([] { btsf::sigma_threshold({}, 3.0); }));
        QVERIFY(throws_invalid([&] { btsf::sigma_threshold({nan}, 3.0); }));

        // numpy.quantile([1, 2, 3, 4], q): h = 3q; q = 0.5 -> h = 1.5 -> 2 + 0.5 (3 - 2) = 2.5;
        // q = 0.99 -> h = 2.97 -> 3 + 0.97 (4 - 3) = 3.97; q = 0.1 -> h = 0.3 -> 1.3.
        QVERIFY(near(btsf::quantile_threshold({4, 1, 3, 2}, 0.5), 2.5));
        QVERIFY(near(btsf::quantile_threshold({4, 1, 3, 2}, 0.99), 3.97));
        QVERIFY(near(btsf::quantile_threshold({4, 1, nan, 3, 2}, 0.1), 1.3));
        // {0, 5, 10}, q = 0.25: h = 0.5 -> 0 + 0.5 (5 - 0) = 2.5.
        QVERIFY(near(btsf::quantile_threshold({10, 0, 5}, 0.25), 2.5));
        QVERIFY(near(btsf::quantile_threshold({3}, 0.9), 3.0));
        QVERIFY(throws_invalid([] { btsf::quantile_threshold({1, 2}, 0.0); }));
        QVERIFY(throws_invalid([] { btsf::quantile_threshold({1, 2}, 1.0); }));
        QVERIFY(throws_invalid([] { btsf::quantile_threshold({}, 0.5); }));
    }

    void bestF1ByHand()
    {
        const Flags labels = {0, 0, 1, 1, 0};
        const std::vector<float> scores = {0.1f, 0.2f, 0.9f, 0.3f, 0.4f};
        // Plain, threshold t flags scores > t:
        //   t = 0.9: nothing                  f1 0
        //   t = 0.4: {0.9}       tp 1 fp 0    p 1,   r 1/2  f1 2/3
        //   t = 0.3: {0.9, 0.4}  tp 1 fp 1    p 1/2, r 1/2  f1 1/2
        //   t = 0.2: + 0.3       tp 2 fp 1    p 2/3, r 1    f1 0.8   <- best
        //   t = 0.1: + 0.2       tp 2 fp 2    p 1/2, r 1    f1 2/3
        //   below:   all         tp 2 fp 3    p 2/5, r 1    f1 4/7
        const btsf::BestF1 plain = btsf::best_f1_threshold(labels, scores, false);
        QCOMPARE(plain.threshold, double(0.2f));
        QVERIFY(near(plain.scores.f1, 0.8));
        QCOMPARE(plain.scores.tp, std::size_t(2));
        QCOMPARE(plain.scores.fp, std::size_t(1));
        // Adjusted: at t = 0.4 the hit 0.9 fills the segment [2,3]: tp 2 fp 0 -> f1 1.
        const btsf::BestF1 adjusted = btsf::best_f1_threshold(labels, scores, true);
        QCOMPARE(adjusted.threshold, double(0.4f));
        QCOMPARE(adjusted.scores.f1, 1.0);
        // Every point anomalous: flagging all (t below the minimum) is best; NaN is never flagged.
        const btsf::BestF1 all = btsf::best_f1_threshold({1, 1, 1}, {0.5f, 0.2f, std::nanf("")}, false);
        QVERIFY(all.threshold < double(0.2f));
        QCOMPARE(all.scores.tp, std::size_t(2));
        QCOMPARE(all.scores.fn, std::size_t(1));
        QVERIFY(std::isinf(btsf::best_f1_threshold({1, 0}, {std::nanf(""), std::nanf("")}, false).threshold));
        QVERIFY(throws_invalid([] { btsf::best_f1_threshold({0, 1}, {0.5f}, false); }));
    }

    void bestF1MatchesBruteForce()
    {
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        for (int trial = 0; trial < 5; ++trial) {
            // 600 points (<= 1000 distinct scores, so every one is a candidate), segments of
            // random length; anomalous points score a little higher on average.
            Flags labels(600, 0);
            for (std::size_t t = 0; t < 600;) {
                const std::size_t gap = 20 + rng() % 80, len = 1 + rng() % 30;
                for (std::size_t k = t + gap; k < std::min<std::size_t>(600, t + gap + len); ++k) labels[k] = 1;
                t += gap + len;
            }
            std::vector<float> scores(600);
            for (std::size_t t = 0; t < 600; ++t)
                scores[t] = std::round((u(rng) + 0.3f * labels[t]) * 200.0f) / 200.0f;  // ties on purpose
            for (bool adjusted : {false, true}) {
                const btsf::BestF1 best = btsf::best_f1_threshold(labels, scores, adjusted);
                Flags f = btsf::threshold_flags(scores, best.threshold);
                if (adjusted) f = btsf::point_adjust(labels, f);
                const DetectionScores again = btsf::detection_scores(labels, f);
                // The reported scores are those of the reported threshold ...
                QCOMPARE(again.tp, best.scores.tp);
                QCOMPARE(again.fp, best.scores.fp);
                QCOMPARE(again.fn, best.scores.fn);
                // ... and no threshold does better.
                QVERIFY2(near(best.scores.f1, brute_best_f1(labels, scores, adjusted)),
                         qPrintable(QString("trial %1 adjusted %2").arg(trial).arg(adjusted)));
            }
        }
        // Over 1000 distinct scores: at most 1000 + 1 candidates, still self-consistent and
        // within a hair of the full search.
        Flags labels(20000, 0);
        std::fill(labels.begin() + 5000, labels.begin() + 5400, 1);
        std::vector<float> scores(20000);
        for (std::size_t t = 0; t < scores.size(); ++t) scores[t] = u(rng) + 0.5f * labels[t];
        // Normal scores are U(0, 1), anomalous U(0.5, 1.5). A threshold t in [0.5, 1] flags
        // 400 (1.5 - t) anomalous and 19600 (1 - t) normal points; t = 1 gives tp 200, fp 0:
        // p 1, r 1/2, f1 2/3, and lowering t adds ~49 false positives per true one, so the
        // best F1 is about 2/3.
        const btsf::BestF1 best = btsf::best_f1_threshold(labels, scores, false);
        QCOMPARE(btsf::detection_scores(labels, btsf::threshold_flags(scores, best.threshold)).tp, best.scores.tp);
        QVERIFY2(best.scores.f1 > 0.62 && best.scores.f1 < 0.72, qPrintable(QString::number(best.scores.f1)));
    }

    // Kim et al. (AAAI 2022): with point adjustment, random scores look like a good detector.
    void randomScoresInflateAdjustedF1()
    {
        std::mt19937 rng(2024);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        // 10000 test points, 5 anomalous segments of 100 (5 % of the points).
        Flags labels(10000, 0);
        for (std::size_t k = 0; k < 5; ++k)
            std::fill(labels.begin() + 1000 + 2000 * k, labels.begin() + 1100 + 2000 * k, 1);
        std::vector<float> train(10000), test(10000);
        for (float& v : train) v = u(rng);
        for (float& v : test) v = u(rng);
        // Threshold at the 99th percentile of the train scores (about 0.99): about 1 % of the
        // test points are flagged, independent of the labels.
        const double threshold = btsf::quantile_threshold(train, 0.99);
        QVERIFY(std::fabs(threshold - 0.99) < 0.005);
        const Flags flags = btsf::threshold_flags(test, threshold);
        const DetectionScores plain = btsf::detection_scores(labels, flags);
        const DetectionScores adjusted = btsf::detection_scores(labels, btsf::point_adjust(labels, flags));
        // Plain: ~100 flags, ~5 % of them (~5) inside segments: p ~ 0.05, r ~ 5/500 = 0.01, f1 ~ 0.017.
        // Adjusted: a segment of 100 is hit with probability 1 - 0.99^100 ~ 0.63, so ~3 of 5 segments
        // count whole: tp ~ 300, fp ~ 95 -> p ~ 0.76, r ~ 0.6, f1 ~ 0.67, about 40 times the plain F1.
        qInfo("random scores: plain F1 %.4f (p %.3f r %.3f), point-adjusted F1 %.4f (p %.3f r %.3f)", plain.f1,
              plain.precision, plain.recall, adjusted.f1, adjusted.precision, adjusted.recall);
        QVERIFY2(plain.f1 < 0.1, "plain F1 of random scores should be near the base rate");
        QVERIFY2(plain.precision < 0.15, "plain precision of random flags is about the 5 % base rate");
        QVERIFY2(adjusted.f1 > 0.3, "point adjustment should make random scores look good");
        QVERIFY2(adjusted.f1 > 3.0 * plain.f1, "point adjustment inflates F1");
        // The oracle makes it worse still: adjusted best-F1 of random scores is higher yet.
        QVERIFY(btsf::best_f1_threshold(labels, test, true).scores.f1 >= adjusted.f1);
    }
};

QTEST_APPLESS_MAIN(TestAnomalyMetrics)
#include "test_anomaly_metrics.moc"
