// Metrics of spec §8 against values computed by hand (the working is in the comments),
// including the tie handling that makes average precision differ from a naive
// rank-by-rank sum.
#include <QtTest>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "probes/metrics.h"

using btsf::accuracy;
using btsf::auprc;
using btsf::average_precision;

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void accuracyCountsMatches()
    {
        // 3 of 4 positions agree.
        QCOMPARE(accuracy({0, 1, 2, 1}, {0, 2, 2, 1}), 0.75);
        QCOMPARE(accuracy({3}, {3}), 1.0);
        QVERIFY(std::isnan(accuracy({}, {})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, accuracy({0, 1}, {0}));
    }

    void averagePrecisionWithoutTies()
    {
        // sklearn's documented example: y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8].
        // Descending: 0.8 (+) P=1 R=1/2; 0.4 (-) P=1/2 R=1/2; 0.35 (+) P=2/3 R=1; 0.1 (-).
        // AP = (1/2 - 0) * 1 + (1/2 - 1/2) * 1/2 + (1 - 1/2) * 2/3 = 0.8333...
        QVERIFY(qFuzzyCompare(average_precision({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8}), 5.0 / 6.0));
        // Perfect ranking gives 1.
        QCOMPARE(average_precision({1, 1, 0}, {3.0, 2.0, 1.0}), 1.0);
    }

    void averagePrecisionTreatsTiesAsOneThreshold()
    {
        // y = [1, 0, 1, 0], s = [0.5, 0.5, 0.5, 0.1]. The three tied scores form one
        // threshold: tp = 2, predicted positive = 3, P = 2/3, R = 1, AP = 2/3.
        // (Ranking the tie as + + - would give 1, as - + + would give 0.583.)
        QVERIFY(qFuzzyCompare(average_precision({1, 0, 1, 0}, {0.5, 0.5, 0.5, 0.1}), 2.0 / 3.0));
        // y = [1, 0, 0, 1, 0], s = [0.9, 0.9, 0.3, 0.3, 0.1]:
        // threshold 0.9: tp 1 of 2, P = 1/2, R = 1/2 -> 1/4; threshold 0.3: tp 2 of 4,
        // P = 1/2, R = 1 -> 1/4; threshold 0.1 adds no recall. AP = 1/2.
        QVERIFY(qFuzzyCompare(average_precision({1, 0, 0, 1, 0}, {0.9, 0.9, 0.3, 0.3, 0.1}), 0.5));
        // All scores equal: one threshold, AP = prevalence = 1/4.
        QVERIFY(qFuzzyCompare(average_precision({1, 0, 0, 0}, {0.0, 0.0, 0.0, 0.0}), 0.25));
    }

    void averagePrecisionRejectsBadInput()
    {
        QVERIFY(std::isnan(average_precision({0, 0}, {0.3, 0.4})));  // no positive: undefined
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, average_precision({0, 2}, {0.3, 0.4}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, average_precision({0, 1}, {0.3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, average_precision({0, 1}, {0.3, NAN}));
    }

    void binaryAuprcUsesTheClassOneScore()
    {
        // truth [0, 1, 1, 0]; class-1 scores [0.2, 0.9, 0.4, 0.6]:
        // 0.9 (+) P=1 R=1/2; 0.6 (-); 0.4 (+) P=2/3 R=1 -> AP = 1/2 + 1/3 = 0.8333.
        // Column 0 is a decoy that would rank the rows perfectly if it were used.
        const std::vector<double> matrix{0.1, 0.2, 0.0, 0.9, 0.0, 0.4, 0.9, 0.6};
        QVERIFY(qFuzzyCompare(auprc({0, 1, 1, 0}, matrix, 2), 5.0 / 6.0));
        // One value per sample (an SVM decision value) means the same.
        QVERIFY(qFuzzyCompare(auprc({0, 1, 1, 0}, {0.2, 0.9, 0.4, 0.6}, 2), 5.0 / 6.0));
    }

    void multiclassAuprcIsTheMacroMeanOfOneVsRest()
    {
        // truth [0, 1, 2, 0, 1, 2]. Per class (column):
        // class 0: s = [.9 .1 .2 .8 .3 .4], its rows 0 and 3 rank first -> AP 1.
        // class 1: s = [.5 .6 .1 .2 .3 .7]; descending .7(-) .6(+) P=1/2 R=1/2, .5(-),
        //          .3(+) P=2/4 R=1 -> AP = 1/4 + 1/4 = 1/2.
        // class 2: all .3 -> one threshold, AP = prevalence 2/6.
        // Macro: (1 + 1/2 + 1/3) / 3 = 0.61111.
        const std::vector<int> truth{0, 1, 2, 0, 1, 2};
        const std::vector<double> scores{0.9, 0.5, 0.3,  //
                                         0.1, 0.6, 0.3,  //
                                         0.2, 0.1, 0.3,  //
                                         0.8, 0.2, 0.3,  //
                                         0.3, 0.3, 0.3,  //
                                         0.4, 0.7, 0.3};
        QVERIFY(qFuzzyCompare(auprc(truth, scores, 3), (1.0 + 0.5 + 1.0 / 3.0) / 3.0));
        const std::vector<double> per_class = btsf::per_class_average_precision(truth, scores, 3);
        QCOMPARE(per_class.size(), std::size_t{3});
        QVERIFY(qFuzzyCompare(per_class[1], 0.5));
    }

    void classAbsentFromTruthIsSkipped()
    {
        // The same data with a fourth class that no test row has: its AP is undefined
        // and the macro mean stays over the three present classes (sklearn would count
        // it as 0 and report 0.4583).
        const std::vector<int> truth{0, 1, 2, 0, 1, 2};
        const std::vector<double> scores{0.9, 0.5, 0.3, 0.0,  //
                                         0.1, 0.6, 0.3, 0.0,  //
                                         0.2, 0.1, 0.3, 0.0,  //
                                         0.8, 0.2, 0.3, 0.0,  //
                                         0.3, 0.3, 0.3, 0.0,  //
                                         0.4, 0.7, 0.3, 0.0};
        QVERIFY(qFuzzyCompare(auprc(truth, scores, 4), (1.0 + 0.5 + 1.0 / 3.0) / 3.0));
        QVERIFY(std::isnan(btsf::per_class_average_precision(truth, scores, 4)[3]));
    }

    void auprcRejectsBadShapes()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, auprc({0, 1, 2}, {0.1, 0.2, 0.3}, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, auprc({0, 3}, std::vector<double>(6, 0.0), 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, auprc({0, 1}, {0.1, 0.2}, 1));
    }

    void confusionMatrixCountsPairs()
    {
        // truth [0 1 2 1], pred [0 2 2 1]: (0,0) (1,2) (2,2) (1,1).
        const btsf::ConfusionMatrix cm = btsf::confusion_matrix({0, 1, 2, 1}, {0, 2, 2, 1}, 3);
        const std::vector<std::size_t> expected{1, 0, 0,  //
                                                0, 1, 1,  //
                                                0, 0, 1};
        QCOMPARE(cm.counts, expected);
        QCOMPARE(cm.at(1, 2), std::size_t{1});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::confusion_matrix({0, 1}, {0, 3}, 3));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
