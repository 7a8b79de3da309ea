// Forecasting data: the CSV reader and its error messages, time covariates, TS2Vec's
// splits, the z-scored problem, and the built-in seasonal demo. Every fixture is
// written into a temporary folder by the test.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "data/forecast_data.h"
#include "data/load_error.h"
#include "demo_forecast.h"
#include "error_checks.h"

using btsf::DataError;
using btsf::ForecastSeries;

namespace {

// A series of `length` hourly rows with one variable "x" = 0, 1, 2, ...
ForecastSeries counting_series(const std::string& name, std::size_t length)
{
    ForecastSeries s;
    s.name = name;
    s.variables = {"x"};
    s.length = length;
    for (std::size_t t = 0; t < length; ++t) {
        s.values.push_back(static_cast<float>(t));
        s.timestamps.push_back(1467331200 + static_cast<std::int64_t>(t) * 3600);
    }
    return s;
}

double lag_autocorrelation(const ForecastSeries& s, std::size_t v, std::size_t lag)
{
    double mean = 0;
    for (std::size_t t = 0; t < s.length; ++t) mean += s.at(t, v);
    mean /= double(s.length);
    double num = 0, den = 0;
    for (std::size_t t = 0; t < s.length; ++t) {
        den += (s.at(t, v) - mean) * (s.at(t, v) - mean);
        if (t + lag < s.length) num += (s.at(t, v) - mean) * (s.at(t + lag, v) - mean);
    }
    return num / den;
}

}  // namespace

class TestForecastData : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Writes `text` to dir/name and returns the full path.
    QString write(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture %s", qPrintable(path));
        f.write(text);
        return path;
    }

    ForecastSeries load(const QString& path) { return btsf::load_forecast_csv(path.toStdString()); }

    // Writes name with text, loads it, and checks that the DataError names "PATH:LINE: "
    // (or "PATH: " for line 0) and contains `what`.
    void expect_error(const QString& name, const QByteArray& text, int line, const QString& what)
    {
        const QString path = write(name, text);
        const QString err = error_of([&] { load(path); });
        const QString where = line > 0 ? QString("%1:%2: ").arg(path).arg(line) : path + ": ";
        QVERIFY2(err.startsWith(where), qPrintable("expected '" + where + "...', got '" + err + "'"));
        QVERIFY2(err.contains(what), qPrintable("expected '" + what + "' in '" + err + "'"));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // ---- CSV -----------------------------------------------------------------
    void roundTrip()
    {
        LOAD_OK(ForecastSeries, s,
                load(write("Toy.csv",
                           "date,HUFL,OT\n"
                           "2016-07-01 00:00:00,5.827,30.531\n"
                           "2016-07-01 01:00:00,-1e2,+27.5\n"
                           "2016-07-01 02:00:00,0,1\n")));
        QCOMPARE(s.name, std::string("Toy"));
        QCOMPARE(s.variables, (std::vector<std::string>{"HUFL", "OT"}));
        QCOMPARE(s.length, std::size_t(3));
        QCOMPARE(s.values, (std::vector<float>{5.827f, 30.531f, -100.0f, 27.5f, 0.0f, 1.0f}));
        QCOMPARE(s.timestamps, (std::vector<std::int64_t>{1467331200, 1467334800, 1467338400}));
        QCOMPARE(s.at(1, 1), 27.5f);
    }

    void dateFormats()
    {
        // BOM, CRLF, a quoted header, a blank line, and every accepted date spelling.
        LOAD_OK(ForecastSeries, s,
                load(write("Formats.csv",
                           "\xEF\xBB\xBF\"Date\",v\r\n"
                           "2016-07-01,1\r\n"
                           "2016-07-01 01:30,2\r\n"
                           "2016-07-01T02:00:05,3\r\n"
                           "\r\n"
                           "2016/07/01 03:00:00,4\r\n"
                           "2016/7/1 04:00:00.250,5\r\n"
                           "1969-12-31 23:59:59,6\r\n")));
        QCOMPARE(s.variables, std::vector<std::string>{"v"});
        QCOMPARE(s.timestamps,
                 (std::vector<std::int64_t>{1467331200, 1467336600, 1467338405, 1467342000, 1467345600, -1}));
        // 2000-02-29 (leap day) and 2024-03-01.
        LOAD_OK(ForecastSeries, leap, load(write("Leap.csv", "date,v\n2000-02-29,1\n2024-03-01 00:00:00,2\n")));
        QCOMPARE(leap.timestamps, (std::vector<std::int64_t>{951782400, 1709251200}));
    }

    void dateColumnDetection()
    {
        // Not named "date", but the first cell is a date.
        LOAD_OK(ForecastSeries, a, load(write("Stamp.csv", "timestamp,a,b\n2016-07-01 00:00:00,1,2\n")));
        QCOMPARE(a.variables, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(a.timestamps, std::vector<std::int64_t>{1467331200});
        // A "date" column need not come first.
        LOAD_OK(ForecastSeries, b, load(write("Later.csv", "a,DATE\n1,2016-07-01\n")));
        QCOMPARE(b.variables, std::vector<std::string>{"a"});
        QCOMPARE(b.timestamps, std::vector<std::int64_t>{1467331200});
        // No date at all: every column is a variable.
        LOAD_OK(ForecastSeries, c, load(write("Plain.csv", "a,b\n1,2\n3,4\n")));
        QCOMPARE(c.variables, (std::vector<std::string>{"a", "b"}));
        QVERIFY(c.timestamps.empty());
        QCOMPARE(c.values, (std::vector<float>{1, 2, 3, 4}));
    }

    void missingCells()
    {
        LOAD_OK(ForecastSeries, s,
                load(write("Missing.csv",
                           "date,a,b,c\n"
                           "2016-07-01,,NaN,1\n"
                           "2016-07-02,nan,NA,?\n"
                           "2016-07-03, 2 ,3,\n")));
        QCOMPARE(s.length, std::size_t(3));
        for (std::size_t i : {0, 1, 3, 4, 5, 8}) QVERIFY2(std::isnan(s.values[i]), qPrintable(QString::number(i)));
        QCOMPARE(s.at(0, 2), 1.0f);
        QCOMPARE(s.at(2, 0), 2.0f);
        QCOMPARE(s.at(2, 1), 3.0f);
    }

    void badInput()
    {
        const QString missing = m_dir.filePath("nope.csv");
        const QString err = error_of([&] { load(missing); });
        QVERIFY2(err.startsWith(missing + ": "), qPrintable(err));

        expect_error("empty.csv", "", 0, "empty file");
        expect_error("blank.csv", "\n  \n", 0, "empty file");
        expect_error("header_only.csv", "date,a\n", 1, "no data rows");
        expect_error("too_few.csv", "date,a,b\n2016-07-01,1,2\n2016-07-02,1\n", 3, "2 cells");
        expect_error("too_many.csv", "date,a\n2016-07-01,1\n\n2016-07-02,1,2\n", 4, "3 cells");
        expect_error("text.csv", "date,a,b\n2016-07-01,1,2\n2016-07-02,1,2\n2016-07-03,x1,2\n", 4,
                     "non-numeric value 'x1' in column 'a'");
        expect_error("inf.csv", "a\n1\ninf\n", 3, "non-numeric");
        expect_error("bad_date.csv", "date,a\n2016-07-01,1\n2016-13-01,2\n", 3, "unparseable date '2016-13-01'");
        expect_error("bad_day.csv", "date,a\n2015-02-29 00:00,1\n", 2, "unparseable date");
        expect_error("bad_time.csv", "date,a\n2016-07-01 24:00,1\n", 2, "unparseable date");
        expect_error("junk_date.csv", "date,a\n2016-07-01 00:00:00x,1\n", 2, "unparseable date");
        expect_error("dup.csv", "date,a,a\n2016-07-01,1,2\n", 1, "duplicate column name 'a'");
        expect_error("empty_name.csv", "date,,b\n2016-07-01,1,2\n", 1, "empty name for column 2");
        expect_error("no_numeric.csv", "date\n2016-07-01\n", 1, "no numeric column");
    }

    void seriesByNameOrDemo()
    {
        const ForecastSeries d = btsf::load_forecast_series("DEMO:seasonaldemo");
        QCOMPARE(d.name, std::string("SeasonalDemo"));
        const QString err = error_of([] { btsf::load_forecast_series("demo:Nope"); });
        QVERIFY2(err.contains("Nope") && err.contains("SeasonalDemo"), qPrintable(err));
        const QString path = write("ViaSeries.csv", "a\n1\n");
        QCOMPARE(btsf::load_forecast_series(path.toStdString()).values, std::vector<float>{1});
    }

    // ---- covariates ----------------------------------------------------------
    void covariates()
    {
        QCOMPARE(btsf::covariate_names(), (std::vector<std::string>{"minute", "hour", "day_of_week", "day",
                                                                    "day_of_year", "month", "week_of_year"}));
        QVERIFY(btsf::time_covariates({}).empty());
        // 2016-07-01 00:00:00 is a Friday (pandas dayofweek 4), day 183 of a leap year, ISO week 26;
        // 2016-01-01 13:45 (Friday) belongs to ISO week 53 of 2015; 2018-12-31 (Monday) to week 1 of 2019.
        const std::vector<float> c = btsf::time_covariates({1467331200, 1451655900, 1546214400});
        QCOMPARE(c.size(), std::size_t(21));
        const std::vector<double> want = {-0.5,
                                          -0.5,
                                          4 / 6.0 - 0.5,
                                          -0.5,
                                          182 / 365.0 - 0.5,
                                          6 / 11.0 - 0.5,
                                          25 / 52.0 - 0.5,
                                          45 / 59.0 - 0.5,
                                          13 / 23.0 - 0.5,
                                          4 / 6.0 - 0.5,
                                          -0.5,
                                          -0.5,
                                          -0.5,
                                          0.5,
                                          -0.5,
                                          -0.5,
                                          -0.5,
                                          30 / 30.0 - 0.5,
                                          364 / 365.0 - 0.5,
                                          0.5,
                                          -0.5};
        for (std::size_t i = 0; i < want.size(); ++i)
            QVERIFY2(std::fabs(c[i] - want[i]) < 1e-6,
                     qPrintable(QString("covariate %1: %2 != %3").arg(i).arg(c[i]).arg(want[i])));
        for (float v : btsf::time_covariates(counting_series("x", 24 * 400).timestamps))
            QVERIFY(v >= -0.5f && v <= 0.5f);
    }

    // ---- splits --------------------------------------------------------------
    void splits()
    {
        auto check = [](const std::string& name, std::size_t length, std::size_t a, std::size_t b, std::size_t c) {
            const btsf::ForecastSplits s = btsf::forecast_splits(name, length);
            return s.train_end == a && s.valid_end == b && s.test_end == c;
        };
        QVERIFY(check("ETTh1", 17420, 8640, 11520, 14400));
        QVERIFY(check("ETTh2", 14400, 8640, 11520, 14400));
        QVERIFY(check("ETTm1", 69680, 34560, 46080, 57600));
        QVERIFY(check("Other", 1001, 600, 800, 1001));
        QVERIFY(check("SeasonalDemo", 4000, 2400, 3200, 4000));
        QVERIFY(check("tiny", 7, 4, 5, 7));

        const QString err = error_of<std::invalid_argument>([] { btsf::forecast_splits("ETTh1", 14399); });
        QVERIFY2(err.contains("ETTh1") && err.contains("14400"), qPrintable(err));
        QVERIFY(!error_of<std::invalid_argument>([] { btsf::forecast_splits("ETTm2", 57599); }).isEmpty());
    }

    // ---- problem -------------------------------------------------------------
    void problemChannels()
    {
        const ForecastSeries s = btsf::demo::seasonal_forecast(3);
        const btsf::ForecastProblem mv = btsf::make_forecast_problem(s, true);
        QCOMPARE(mv.n_targets, std::size_t(4));
        QCOMPARE(mv.channels, std::size_t(11));
        QCOMPARE(mv.inputs.size(), std::size_t(4000 * 11));
        QCOMPARE(mv.targets, s.variables);
        QCOMPARE(mv.splits.train_end, std::size_t(2400));

        const btsf::ForecastProblem uv = btsf::make_forecast_problem(s, false);
        QCOMPARE(uv.targets, std::vector<std::string>{"OT"});
        QCOMPARE(uv.channels, std::size_t(8));
        const btsf::ForecastProblem bare = btsf::make_forecast_problem(s, false, "temp", false);
        QCOMPARE(bare.targets, std::vector<std::string>{"temp"});
        QCOMPARE(bare.channels, std::size_t(1));
        // Covariates follow the targets.
        const std::vector<float> cov = btsf::time_covariates(s.timestamps);
        QCOMPARE(uv.inputs[5 * 8 + 1 + 1], cov[5 * 7 + 1]);

        // Without an "OT" column the default target is the last column; a named one must exist.
        ForecastSeries noot = s;
        noot.variables = {"a", "b", "c", "d"};
        QCOMPARE(btsf::make_forecast_problem(noot, false).targets, std::vector<std::string>{"d"});
        const QString err = error_of<std::invalid_argument>([&] { btsf::make_forecast_problem(s, false, "HUFL"); });
        QVERIFY2(err.contains("HUFL"), qPrintable(err));
        QVERIFY(!error_of<std::invalid_argument>([&] {
                     btsf::make_forecast_problem(counting_series("ETTh1", 100), true);
                 }).isEmpty());
    }

    void problemScaling()
    {
        ForecastSeries s = btsf::demo::seasonal_forecast(1);
        s.values[10 * 4 + 2] = std::nanf("");    // a missing train value
        s.values[3500 * 4 + 0] = std::nanf("");  // a missing test value
        const btsf::ForecastProblem p = btsf::make_forecast_problem(s, true);
        for (std::size_t k = 0; k < p.n_targets; ++k) {
            double sum = 0, sq = 0;
            std::size_t n = 0;
            for (std::size_t t = 0; t < p.splits.train_end; ++t) {
                if (k == 2 && t == 10) continue;  // statistics ignore the missing value
                const double x = p.inputs[t * p.channels + k];
                sum += x, sq += x * x, ++n;
            }
            const double mean = sum / double(n);
            QVERIFY2(std::fabs(mean) < 1e-4, qPrintable(QString("mean %1").arg(mean)));
            QVERIFY2(std::fabs(std::sqrt(sq / double(n) - mean * mean) - 1.0) < 1e-4, qPrintable(QString::number(k)));
        }
        QCOMPARE(p.inputs[10 * p.channels + 2], 0.0f);
        QCOMPARE(p.inputs[3500 * p.channels + 0], 0.0f);
        for (float v : p.inputs) QVERIFY(std::isfinite(v));
        // The statistics are the train split's, and the test split is scaled with them.
        QCOMPARE(p.inputs[3000 * p.channels + 1], static_cast<float>((s.at(3000, 1) - p.mean[1]) / p.stddev[1]));

        // A target with nothing to forecast is refused before any training, naming
        // the file and the column: constant, or without values in train or test
        // (each once scored a perfect, meaningless 0.000).
        ForecastSeries c = counting_series("flat", 10);
        c.path = "flat.csv";
        std::fill(c.values.begin(), c.values.end(), 5.0f);
        QString err = error_of([&] { btsf::make_forecast_problem(c, true, "OT", false); });
        QVERIFY2(err.startsWith("flat.csv: ") && err.contains("constant"), qPrintable(err));
        std::fill(c.values.begin(), c.values.end(), std::nanf(""));
        err = error_of([&] { btsf::make_forecast_problem(c, true, "OT", false); });
        QVERIFY2(err.startsWith("flat.csv: ") && err.contains("no values in the training split"), qPrintable(err));
        for (std::size_t t = 0; t < c.length; ++t) c.values[t] = float(t);
        const auto splits = btsf::forecast_splits(c.name, c.length);
        for (std::size_t t = splits.valid_end; t < splits.test_end; ++t) c.values[t] = std::nanf("");
        err = error_of([&] { btsf::make_forecast_problem(c, true, "OT", false); });
        QVERIFY2(err.startsWith("flat.csv: ") && err.contains("no values in the test split"), qPrintable(err));

        // Too few rows for the lookback or the horizon: refused before training.
        ForecastSeries r = counting_series("rows", 100);  // 60/20/20 rows
        const btsf::ForecastProblem pr = btsf::make_forecast_problem(r, true, "OT", false);
        QVERIFY(error_of([&] { btsf::check_forecast_problem(pr, "rows.csv", 24, 8); }).isEmpty());
        err = error_of([&] { btsf::check_forecast_problem(pr, "rows.csv", 60, 8); });
        QVERIFY2(err.startsWith("rows.csv: the training split has 60 rows"), qPrintable(err));
        err = error_of([&] { btsf::check_forecast_problem(pr, "rows.csv", 24, 20); });
        QVERIFY2(err.startsWith("rows.csv: the validation split has 20 rows"), qPrintable(err));
    }

    // ---- demo ----------------------------------------------------------------
    void demo()
    {
        QCOMPARE(btsf::demo::forecast_demo_names(), std::vector<std::string>{"SeasonalDemo"});
        const ForecastSeries a = btsf::demo::seasonal_forecast(7);
        const ForecastSeries b = btsf::demo::make_forecast_demo("seasonaldemo", 7);
        const ForecastSeries other = btsf::demo::seasonal_forecast(8);
        QCOMPARE(a.values, b.values);
        QVERIFY(a.values != other.values);
        QCOMPARE(a.name, std::string("SeasonalDemo"));
        QCOMPARE(a.variables, (std::vector<std::string>{"load", "temp", "price", "OT"}));
        QCOMPARE(a.length, std::size_t(4000));
        QCOMPARE(a.values.size(), std::size_t(4000 * 4));
        for (float v : a.values) QVERIFY(std::isfinite(v));
        QCOMPARE(a.timestamps.size(), std::size_t(4000));
        QCOMPARE(a.timestamps.front(), std::int64_t(1577836800));  // 2020-01-01 00:00:00
        QCOMPARE(a.timestamps[1] - a.timestamps[0], std::int64_t(3600));

        const double daily = lag_autocorrelation(a, 0, 24);
        QVERIFY2(daily > 0.5, qPrintable(QString::number(daily)));
        QVERIFY2(lag_autocorrelation(a, 0, 12) < 0.0, "half a day apart should anti-correlate");

        const QString err = error_of([] { btsf::demo::make_forecast_demo("ETTh1"); });
        QVERIFY2(err.contains("'ETTh1'") && err.contains("SeasonalDemo"), qPrintable(err));
    }

    // ---- the real file, when present ----------------------------------------
    void realEtth1()
    {
        const QStringList candidates = {
            qEnvironmentVariable("BTSF_DATA_ROOT"),
            QFileInfo(QStringLiteral(__FILE__)).absolutePath() + "/../../../shared/datasets", "../shared/datasets"};
        QString file;
        for (const QString& c : candidates)
            if (!c.isEmpty() && QFileInfo::exists(c + "/ett/ETTh1.csv")) file = c + "/ett/ETTh1.csv";
        if (file.isEmpty()) QSKIP("no ett/ETTh1.csv under the data root (set BTSF_DATA_ROOT)");

        LOAD_OK(ForecastSeries, s, load(file));
        QCOMPARE(s.name, std::string("ETTh1"));
        QCOMPARE(s.length, std::size_t(17420));
        QCOMPARE(s.variables, (std::vector<std::string>{"HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"}));
        QVERIFY(std::fabs(s.at(0, 6) - 30.531f) < 1e-3f);
        QCOMPARE(s.timestamps.front(), std::int64_t(1467331200));
        QCOMPARE(s.timestamps[1] - s.timestamps[0], std::int64_t(3600));
        const btsf::ForecastProblem p = btsf::make_forecast_problem(s, false);
        QCOMPARE(p.channels, std::size_t(8));
        QCOMPARE(p.splits.test_end, std::size_t(14400));
    }
};

QTEST_APPLESS_MAIN(TestForecastData)
#include "test_forecast_data.moc"
