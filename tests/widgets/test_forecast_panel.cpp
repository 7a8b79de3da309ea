// The forecast panel driven through the real window (offscreen): train on the
// built-in seasonal demo, then check the metric table, the chart, the test
// start slider and the export; reopen the run from the run list; and give it
// a file that is not a forecasting CSV.
#include <QtTest>

#include <QAbstractButton>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QImage>
#include <QLineSeries>
#include <QSlider>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

#include <memory>

#include "chart_frame.h"
#include "forecast_panel.h"
#include "job_spy.h"
#include "main_window.h"
#include "run_list.h"
#include "test_window.h"
#include "train/device.h"

using namespace btsf::gui;

namespace {
QList<QPointF> series_points(ChartFrame* frame, const QString& name)
{
    for (auto* s : frame->chart()->series())
        if (s->name() == name)
            if (auto* line = qobject_cast<QLineSeries*>(s)) return line->points();
    return {};
}
}  // namespace

class TestForecastPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_runs;
    QTemporaryDir m_files;

private Q_SLOTS:
    void initTestCase() { m_window = open_test_window(m_runs.path()); }

    void trainsOnTheDemoAndShowsForecasts()
    {
        ForecastPanel* panel = m_window->forecastPanel();
        panel->setSource(QStringLiteral("demo:SeasonalDemo"));
        panel->setMultivariate(true);
        panel->setIterations(5);
        panel->setLookback(48);  // a short window keeps the test quick (the ridge on 11 x 48 raw features)
        QSignalSpy shown(panel, &ForecastPanel::shown);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("forecastTrainButton")), Qt::LeftButton);
        QVERIFY(m_window->runner()->busy());
        QVERIFY(shown.wait(600000));
        QVERIFY2(m_window->errorText().isEmpty(), qPrintable(m_window->errorText()));
        const btsf::ForecastRecord* record = panel->record();
        QVERIFY(record);
        QCOMPARE(record->targets.size(), std::size_t(4));
        QCOMPARE(record->horizons.size(), std::size_t(5));
        // Every horizon, the trained encoder and the three baselines.
        QCOMPARE(panel->metricsTable()->rowCount(), 20);
        for (int row = 0; row < 20; ++row) QVERIFY(panel->metricsTable()->item(row, 2)->text().toDouble() > 0);

        // History (lookback), truth, and the four forecasts of the first horizon.
        QCOMPARE(panel->chartFrame()->chart()->series().size(), 6);
        QCOMPARE(series_points(panel->chartFrame(), QStringLiteral("NLinear ridge")).size(),
                 panel->horizonBox()->currentData().toInt());
        const int horizon = panel->horizonBox()->currentData().toInt();
        QCOMPARE(series_points(panel->chartFrame(), QStringLiteral("history (lookback)")).size(), record->lookback);
        QCOMPARE(series_points(panel->chartFrame(), QStringLiteral("Trained encoder")).size(), horizon);
        // The forecasts start right after the history ends.
        const double lastHistory = series_points(panel->chartFrame(), QStringLiteral("history (lookback)")).last().x();
        QCOMPARE(series_points(panel->chartFrame(), QStringLiteral("Trained encoder")).first().x(), lastHistory + 1);

        // Moving the test start moves the window.
        panel->startSlider()->setValue(100);
        QCOMPARE(series_points(panel->chartFrame(), QStringLiteral("history (lookback)")).last().x(),
                 lastHistory + 100);
        // Another horizon: its forecasts are that long.
        panel->horizonBox()->setCurrentIndex(2);
        QVERIFY(shown.wait(60000));  // read off the GUI thread
        QCOMPARE(series_points(panel->chartFrame(), QStringLiteral("Trained encoder")).size(),
                 panel->horizonBox()->currentData().toInt());

        const QString png = m_files.filePath(QStringLiteral("forecast.png"));
        panel->chartFrame()->view()->resize(800, 450);
        QCOMPARE(panel->chartFrame()->exportTo(png), QString());
        QVERIFY(!QImage(png).isNull());
        const QString dir = qEnvironmentVariable("BTSF_SCREENSHOT_DIR");
        if (!dir.isEmpty()) m_window->grab().save(dir + "/6-forecast.png");
    }

    void reopensFromTheRunList()
    {
        m_window->runList()->refresh();
        QCOMPARE(m_window->runList()->count(), 1);
        auto fresh = std::make_unique<MainWindow>();
        QSignalSpy shown(fresh->forecastPanel(), &ForecastPanel::shown);
        fresh->openRun(m_window->runList()->folderAt(0));
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(fresh->forecastPanel()->metricsTable()->rowCount(), 20);
    }

    void badFileShowsTheError()
    {
        const QString bad = m_files.filePath(QStringLiteral("bad.csv"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("date,a,b\n2020-01-01 00:00:00,1,2\n2020-01-01 01:00:00,1,oops\n");
        f.close();
        ForecastPanel* panel = m_window->forecastPanel();
        panel->setSource(bad);
        QSignalSpy started(m_window->runner(), &JobRunner::started);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("forecastTrainButton")), Qt::LeftButton);
        QCOMPARE(started.count(), 1);
        QSignalSpy failed(last_started(started), &Job::failed);
        QVERIFY(failed.wait(60000));
        QVERIFY2(m_window->errorText().contains(QLatin1String("bad.csv:3")), qPrintable(m_window->errorText()));
        QVERIFY(panel->statusText().contains(QLatin1String("bad.csv:3")));
        QVERIFY(panel->record());  // the shown run stays
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestForecastPanel)
#include "test_forecast_panel.moc"
