// Chart ticks on nice numbers: 1, 2, 2.5 or 5 times a power of ten, the first
// tick a multiple of the step inside the range, labels that print each exactly.
#include <QtTest>

#include <cmath>

#include "nice_axis.h"

using btsf::gui::nice_ticks;

class TestNiceAxis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ticksAreNiceNumbers_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        // The ranges the charts showed before: a 128-step series, the loss chart of a CBF run,
        // a 750-origin score chart, a t-SNE map, a tiny range, a negative one.
        QTest::newRow("series") << 0.0 << 127.0;
        QTest::newRow("loss") << 0.7 << 26.6;
        QTest::newRow("scores") << 0.0 << 749.8;
        QTest::newRow("tsne") << -31.8 << 63.5;
        QTest::newRow("tiny") << 0.001 << 0.0042;
        QTest::newRow("negative") << -2.7 << -0.3;
    }
    void ticksAreNiceNumbers()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        const auto t = nice_ticks(lo, hi, 5);
        QCOMPARE(t.lo, lo);
        QCOMPARE(t.hi, hi);
        const double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step) + 1e-12));
        QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 2.5) < 1e-9 ||
                     std::abs(mantissa - 5) < 1e-9,
                 qPrintable(QString::number(t.step)));
        QVERIFY(t.first >= lo - 1e-12 && t.first - t.step < lo);
        QVERIFY(std::abs(t.first / t.step - std::round(t.first / t.step)) < 1e-9);
        const int ticks = int(std::floor((hi - t.first) / t.step + 1e-9)) + 1;
        QVERIFY2(ticks >= 3 && ticks <= 8, qPrintable(QString::number(ticks)));
        for (int i = 0; i < ticks; ++i) {  // the label of each tick is the tick
            const double v = t.first + i * t.step;
            QVERIFY2(std::abs(QString::number(v, 'f', t.decimals).toDouble() - v) < 1e-9 * std::max(1.0, std::abs(v)),
                     qPrintable(QString::number(v, 'f', t.decimals)));
        }
    }
    void degenerateRangesGetASpan()
    {
        const auto same = nice_ticks(3, 3);
        QVERIFY(same.hi > same.lo);
        const auto nan = nice_ticks(std::nan(""), 1);
        QVERIFY(std::isfinite(nan.step) && nan.step > 0);
    }
};

QTEST_MAIN(TestNiceAxis)
#include "test_nice_axis.moc"
