// The built-in demo generators: archive sizes, balance, seeding, and one defining
// property of each published definition.
#include <QtTest>

#include <cmath>
#include <numeric>

#include "data/load_error.h"
#include "demo_datasets.h"

using btsf::ClassificationData;
using btsf::SeriesSet;

namespace {

std::vector<std::size_t> class_counts(const SeriesSet& s, std::size_t k)
{
    std::vector<std::size_t> counts(k, 0);
    for (int label : s.labels) ++counts.at(static_cast<std::size_t>(label));
    return counts;
}

// Mean over all series of class `cls` and positions [t0, t1] (0-based, inclusive).
double class_mean(const SeriesSet& s, int cls, std::size_t t0, std::size_t t1)
{
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.n; ++i) {
        if (s.labels[i] != cls) continue;
        for (std::size_t t = t0; t <= t1; ++t, ++count) sum += s.at(i, 0, t);
    }
    return sum / static_cast<double>(count);
}

double series_mean(const SeriesSet& s, std::size_t i, std::size_t t0, std::size_t t1)
{
    double sum = 0;
    for (std::size_t t = t0; t <= t1; ++t) sum += s.at(i, 0, t);
    return sum / static_cast<double>(t1 - t0 + 1);
}

}  // namespace

class TestDemoDatasets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sizesAndBalance_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("train");
        QTest::addColumn<int>("test");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("classes");
        QTest::newRow("CBF") << "CBF" << 30 << 900 << 128 << 3;
        QTest::newRow("SyntheticControl") << "SyntheticControl" << 300 << 300 << 60 << 6;
        QTest::newRow("TwoPatterns") << "TwoPatterns" << 1000 << 4000 << 128 << 4;
    }

    void sizesAndBalance()
    {
        QFETCH(QString, name);
        QFETCH(int, train);
        QFETCH(int, test);
        QFETCH(int, length);
        QFETCH(int, classes);
        const ClassificationData d = btsf::demo::make_demo(name.toStdString());
        QCOMPARE(d.name, name.toStdString());
        QCOMPARE(d.class_names.size(), std::size_t(classes));
        for (const SeriesSet* s : {&d.train, &d.test}) {
            QCOMPARE(s->channels, std::size_t(1));
            QCOMPARE(s->length, std::size_t(length));
            QCOMPARE(s->values.size(), s->n * s->length);
            QCOMPARE(s->labels.size(), s->n);
            // Every class equally often: the archive sizes divide evenly.
            const std::vector<std::size_t> counts = class_counts(*s, std::size_t(classes));
            for (std::size_t c : counts) QCOMPARE(c, s->n / std::size_t(classes));
            // Classes cycle, so any prefix (a quick subset in the GUI) is balanced too.
            for (std::size_t i = 0; i < s->n; ++i) QCOMPARE(s->labels[i], int(i % std::size_t(classes)));
            for (float v : s->values) QVERIFY(std::isfinite(v));
        }
        QCOMPARE(d.train.n, std::size_t(train));
        QCOMPARE(d.test.n, std::size_t(test));
        QVERIFY(!d.has_missing);
        QVERIFY(!d.unequal_length);
    }

    void seeding()
    {
        for (const std::string& name : btsf::demo::demo_names()) {
            const ClassificationData a = btsf::demo::make_demo(name, 7);
            const ClassificationData b = btsf::demo::make_demo(name, 7);
            const ClassificationData c = btsf::demo::make_demo(name, 8);
            QVERIFY2(a.train.values == b.train.values && a.test.values == b.test.values, name.c_str());
            QVERIFY2(a.train.values != c.train.values, name.c_str());
            QVERIFY2(a.test.values != c.test.values, name.c_str());
            // Train and test are different draws, not one series set twice.
            QVERIFY2(!std::equal(a.train.values.begin(), a.train.values.end(), a.test.values.begin()), name.c_str());
        }
        // The default seed is 0.
        auto raw = btsf::demo::cbf();
        btsf::demo::z_normalise_each_series(raw);
        QVERIFY(raw.train.values == btsf::demo::make_demo("CBF", 0).train.values);
        // Like the archive copies, every series of a demo has mean 0 and sd 1.
        const auto& test = btsf::demo::make_demo("TwoPatterns", 0).test;
        for (std::size_t i = 0; i < test.n; i += 97) {
            double mean = 0, sq = 0;
            for (std::size_t t = 0; t < test.length; ++t) mean += test.at(i, 0, t);
            mean /= double(test.length);
            for (std::size_t t = 0; t < test.length; ++t) sq += (test.at(i, 0, t) - mean) * (test.at(i, 0, t) - mean);
            QVERIFY(std::abs(mean) < 1e-4);
            QVERIFY(std::abs(std::sqrt(sq / double(test.length)) - 1.0) < 1e-4);
        }
    }

    void lookupByName()
    {
        QCOMPARE(btsf::demo::demo_names(), (std::vector<std::string>{"CBF", "SyntheticControl", "TwoPatterns"}));
        QCOMPARE(btsf::demo::make_demo("twopatterns").name, std::string("TwoPatterns"));
        try {
            btsf::demo::make_demo("Spirals");
            QFAIL("an unknown demo name must throw");
        } catch (const btsf::DataError& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("unknown demo") && msg.contains("Spirals") && msg.contains("CBF") &&
                         msg.contains("SyntheticControl") && msg.contains("TwoPatterns"),
                     qPrintable(msg));
        }
    }

    void cbfShapes()
    {
        // a in [16, 32] and b - a in [32, 96]: t = 1..15 (index 0..14) is always
        // outside [a, b], and t = 33..48 (index 32..47) always inside it.
        const ClassificationData d = btsf::demo::cbf(3);
        QCOMPARE(d.class_names, (std::vector<std::string>{"cylinder", "bell", "funnel"}));
        const SeriesSet& s = d.test;
        for (int cls = 0; cls < 3; ++cls) QVERIFY2(std::fabs(class_mean(s, cls, 0, 14)) < 0.15, "before a: noise only");
        // Cylinder: a plateau at 6 + eta (mean 6), flat inside [a, b].
        const double cyl_early = class_mean(s, 0, 32, 39);
        const double cyl_late = class_mean(s, 0, 40, 47);
        QVERIFY2(std::fabs(cyl_early - 6.0) < 0.4 && std::fabs(cyl_late - 6.0) < 0.4, "cylinder plateau height");
        QVERIFY2(std::fabs(cyl_late - cyl_early) < 0.2, "cylinder is flat");
        // Bell rises from 0 at a, funnel falls from 6 + eta at a.
        const double bell_rise = class_mean(s, 1, 40, 47) - class_mean(s, 1, 32, 39);
        const double funnel_rise = class_mean(s, 2, 40, 47) - class_mean(s, 2, 32, 39);
        QVERIFY2(bell_rise > 0.4, qPrintable(QString::number(bell_rise)));
        QVERIFY2(funnel_rise < -0.4, qPrintable(QString::number(funnel_rise)));
        QVERIFY(class_mean(s, 1, 32, 39) < 2.5);
        QVERIFY(class_mean(s, 2, 32, 39) > 4.0);
    }

    void syntheticControlShapes()
    {
        const ClassificationData d = btsf::demo::synthetic_control(5);
        const SeriesSet& s = d.test;
        for (std::size_t i = 0; i < s.n; ++i) {
            const int cls = s.labels[i];
            const double first = series_mean(s, i, 0, 9);
            const double last = series_mean(s, i, 50, 59);
            // Noise 2 * U[-3, 3]: never beyond 30 +/- 6 for a normal series.
            if (cls == 0) {
                for (std::size_t t = 0; t < s.length; ++t) QVERIFY(std::fabs(s.at(i, 0, t) - 30.0f) <= 6.0f);
            }
            if (cls == 1) {  // cyclic: amplitude >= 10 beyond the noise band
                float lo = 1e9f, hi = -1e9f;
                for (std::size_t t = 0; t < s.length; ++t)
                    lo = std::min(lo, s.at(i, 0, t)), hi = std::max(hi, s.at(i, 0, t));
                QVERIFY2(hi - lo > 18.0f, "cyclic swing");
            }
            // Trends move by g * 50 >= 10 between the two windows; shifts by x >= 7.5
            // (t3 lies in [20, 40], so the windows fall either side of it).
            if (cls == 2) QVERIFY(last - first > 5.0);
            if (cls == 3) QVERIFY(last - first < -5.0);
            if (cls == 4) QVERIFY(last - first > 3.0);
            if (cls == 5) QVERIFY(last - first < -3.0);
            // A trend is a ramp: its middle window sits halfway between the ends.
            if (cls == 2 || cls == 3) {
                const double mid = series_mean(s, i, 25, 34);
                QVERIFY(std::fabs(mid - (first + last) / 2) < 0.25 * std::fabs(last - first) + 2.0);
            }
            // A shift is a step after t3 >= 20: the first window is still at the mean level.
            if (cls == 4 || cls == 5) QVERIFY(std::fabs(first - 30.0) < 4.0);
        }
        QVERIFY(std::fabs(class_mean(s, 0, 0, 59) - 30.0) < 0.2);
    }

    void twoPatternsOrder()
    {
        // The patterns are the only values at exactly +/-5 (noise is N(0, 1)). The
        // first pattern begins low if it is "up", the second ends high if it is "up".
        const ClassificationData d = btsf::demo::two_patterns(11);
        QCOMPARE(d.class_names, (std::vector<std::string>{"up-up", "up-down", "down-up", "down-down"}));
        for (const SeriesSet* s : {&d.train, &d.test}) {
            for (std::size_t i = 0; i < s->n; ++i) {
                std::vector<float> marks;
                for (std::size_t t = 0; t < s->length; ++t)
                    if (std::fabs(s->at(i, 0, t)) == 5.0f) marks.push_back(s->at(i, 0, t));
                QVERIFY(marks.size() >= 32 && marks.size() <= 64);  // l1 + l2, each in [16, 32]
                const bool first_up = marks.front() < 0;
                const bool second_up = marks.back() > 0;
                const int decoded = (first_up ? 0 : 2) + (second_up ? 0 : 1);
                QCOMPARE(decoded, s->labels[i]);
                int changes = 0;
                for (std::size_t k = 1; k < marks.size(); ++k) changes += marks[k] != marks[k - 1];
                QVERIFY(changes == 2 || changes == 3);  // two steps, perhaps touching
            }
        }
        // Outside the patterns: standard normal noise.
        double sum = 0, sq = 0;
        std::size_t n = 0;
        for (float v : d.test.values)
            if (std::fabs(v) != 5.0f) sum += v, sq += double(v) * v, ++n;
        const double mean = sum / n;
        QVERIFY(std::fabs(mean) < 0.02);
        QVERIFY(std::fabs(std::sqrt(sq / n - mean * mean) - 1.0) < 0.02);
    }
};

QTEST_APPLESS_MAIN(TestDemoDatasets)
#include "test_demo_datasets.moc"
