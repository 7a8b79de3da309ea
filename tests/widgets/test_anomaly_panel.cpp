// The anomaly panel driven through the real window (offscreen): train on the
// injected-anomaly demo, then check the shaded truth, the flagged points, the
// score chart, that the threshold slider recomputes both metric views live,
// zoom, export, reopening, and a dataset that does not exist.
#include <QtTest>

#include <QAbstractButton>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QValueAxis>

#include <memory>

#include "anomaly_panel.h"
#include "chart_frame.h"
#include "job_spy.h"
#include "main_window.h"
#include "probes/anomaly_metrics.h"
#include "run_list.h"
#include "test_window.h"
#include "train/device.h"

using namespace btsf::gui;

class TestAnomalyPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_runs;
    QTemporaryDir m_files;

private Q_SLOTS:
    void initTestCase() { m_window = open_test_window(m_runs.path()); }

    void trainsOnTheDemoAndFlagsPoints()
    {
        AnomalyPanel* panel = m_window->anomalyPanel();
        panel->setSource(QStringLiteral("demo:InjectedDemo"));
        panel->setIterations(10);
        panel->setWindow(50);
        QSignalSpy shown(panel, &AnomalyPanel::shown);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("anomalyTrainButton")), Qt::LeftButton);
        QVERIFY(shown.wait(600000));
        QVERIFY2(m_window->errorText().isEmpty(), qPrintable(m_window->errorText()));
        const btsf::AnomalyRecord* r = panel->record();
        QVERIFY(r);
        QCOMPARE(r->test_scores.size(), r->labels.size());
        // The truth is shaded: an area series on the series chart.
        bool shaded = false;
        for (auto* s : panel->seriesFrame()->chart()->series())
            shaded = shaded || qobject_cast<QAreaSeries*>(s) != nullptr;
        QVERIFY(shaded);
        QCOMPARE(panel->scoreFrame()->chart()->series().size(), 2);  // score and threshold

        // The slider recomputes the flags and both views, and they agree with core.
        panel->thresholdSlider()->setValue(0);  // lowest score: every point but the minimum flagged
        QVERIFY(panel->flaggedCount() >= int(r->labels.size()) - 1);
        panel->thresholdSlider()->setValue(600);
        const auto flags = btsf::threshold_flags(r->test_scores, panel->threshold());
        QCOMPARE(panel->flaggedCount(), int(std::count(flags.begin(), flags.end(), 1)));
        const auto plain = btsf::detection_scores(r->labels, flags);
        QVERIFY2(panel->metricsText().contains(QString::number(plain.f1, 'f', 3)), qPrintable(panel->metricsText()));
        QVERIFY(panel->metricsText().contains(QLatin1String("point-adjusted")));
        // A few spikes do not flatten the chart: the axis stops below the highest score,
        // keeps the threshold line in view, and the title says how many points it cuts.
        const float highest = *std::max_element(r->test_scores.begin(), r->test_scores.end());
        QVERIFY2(panel->scoreAxisTop() < highest, qPrintable(QString::number(panel->scoreAxisTop())));
        QVERIFY(panel->scoreAxisTop() >= panel->threshold());
        QVERIFY(panel->scoreFrame()->chart()->title().contains(QLatin1String("above the axis")));

        // The two plot areas share their left edge and width, so one time lines up in both,
        // also after the zoom below changed the tick labels.
        const auto checkAligned = [panel] {
            QTest::qWait(100);
            const QRectF a = panel->seriesFrame()->chart()->plotArea(), b = panel->scoreFrame()->chart()->plotArea();
            return std::abs(a.left() - b.left()) <= 1 && std::abs(a.width() - b.width()) <= 1
                       ? QString()
                       : QString("series plot %1+%2, score plot %3+%4")
                             .arg(a.left())
                             .arg(a.width())
                             .arg(b.left())
                             .arg(b.width());
        };
        QString misaligned = checkAligned();
        QVERIFY2(misaligned.isEmpty(), qPrintable(misaligned));

        // Zooming the series chart moves the score chart's time axis with it.
        panel->seriesFrame()->chart()->zoomIn(QRectF(100, 0, 200, 400));
        const auto* seriesX = qobject_cast<QValueAxis*>(panel->seriesFrame()->chart()->axes(Qt::Horizontal).first());
        const auto* scoreX = qobject_cast<QValueAxis*>(panel->scoreFrame()->chart()->axes(Qt::Horizontal).first());
        QCOMPARE(scoreX->min(), seriesX->min());
        QVERIFY(seriesX->max() - seriesX->min() < double(r->labels.size()));
        panel->resetZoom();
        misaligned = checkAligned();
        QVERIFY2(misaligned.isEmpty(), qPrintable(misaligned));

        const QString png = m_files.filePath(QStringLiteral("anomaly.png"));
        QCOMPARE(panel->seriesFrame()->exportTo(png), QString());
        QVERIFY(!QImage(png).isNull());
        const QString dir = qEnvironmentVariable("BTSF_SCREENSHOT_DIR");
        if (!dir.isEmpty()) m_window->grab().save(dir + "/7-anomaly.png");
    }

    void reopensFromTheRunList()
    {
        m_window->runList()->refresh();
        QCOMPARE(m_window->runList()->count(), 1);
        auto fresh = std::make_unique<MainWindow>();
        QSignalSpy shown(fresh->anomalyPanel(), &AnomalyPanel::shown);
        fresh->openRun(m_window->runList()->folderAt(0));
        QVERIFY(shown.wait(60000));  // read off the GUI thread
        QCOMPARE(shown.count(), 1);
        QCOMPARE(fresh->anomalyPanel()->record()->labels.size(), m_window->anomalyPanel()->record()->labels.size());
    }

    void missingDatasetShowsTheError()
    {
        AnomalyPanel* panel = m_window->anomalyPanel();
        panel->setSource(m_files.filePath(QStringLiteral("nowhere/series_UCR_Anomaly_x_10_20_30.txt")));
        QSignalSpy started(m_window->runner(), &JobRunner::started);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("anomalyTrainButton")), Qt::LeftButton);
        QCOMPARE(started.count(), 1);
        QSignalSpy failed(last_started(started), &Job::failed);
        QVERIFY(failed.wait(60000));
        QVERIFY2(m_window->errorText().contains(QLatin1String("nowhere")), qPrintable(m_window->errorText()));
        QVERIFY(panel->record());  // the shown run stays
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestAnomalyPanel)
#include "test_anomaly_panel.moc"
