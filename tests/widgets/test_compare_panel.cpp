// The compare panel through the real window (offscreen): a small grid on
// demo:CBF shows its cells and bars with error bars, exports, resumes without
// retraining, and with two datasets shows the critical-difference diagram.
#include <QtTest>

#include <QAbstractButton>
#include <QChartView>
#include <QHeaderView>
#include <QImage>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

#include <memory>

#include "chart_frame.h"
#include "compare_panel.h"
#include "job_spy.h"
#include "main_window.h"
#include "test_window.h"
#include "train/device.h"

using namespace btsf::gui;

class TestComparePanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_runs;
    QTemporaryDir m_files;

    // Runs the grid the panel shows; cells: how many the window's job thread trained.
    void runGrid(int& cells)
    {
        QSignalSpy shown(m_window->comparePanel(), &ComparePanel::gridShown);
        QSignalSpy started(m_window->runner(), &JobRunner::started);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("compareRunButton")), Qt::LeftButton);
        std::unique_ptr<QSignalSpy> trained;  // none when shards train the cells
        if (Job* job = last_started(started)) trained = std::make_unique<QSignalSpy>(job, &Job::cellFinished);
        QVERIFY(shown.wait(600000));
        QVERIFY2(m_window->errorText().isEmpty(), qPrintable(m_window->errorText()));
        cells = trained ? int(trained->count()) : 0;
    }

private Q_SLOTS:
    void initTestCase() { m_window = open_test_window(m_runs.path()); }

    void smallGridOnCbf()
    {
        ComparePanel* panel = m_window->comparePanel();
        panel->setDatasets(QStringLiteral("demo:CBF"));
        panel->select({QStringLiteral("dropout"), QStringLiteral("jitter")}, {QStringLiteral("iterative")});
        panel->setSeeds(2);
        panel->setIterations(3);
        int cells = -1;
        runGrid(cells);
        QCOMPARE(cells, 4);
        QCOMPARE(panel->cellTable()->rowCount(), 4);
        QCOMPARE(panel->barCount(), 2);  // one dataset x two methods
        // No header is clipped: every column is at least as wide as its title.
        m_window->show();
        QCoreApplication::processEvents();
        const QHeaderView* header = panel->cellTable()->horizontalHeader();
        for (int c = 0; c < header->count(); ++c) {
            const QString title = panel->cellTable()->horizontalHeaderItem(c)->text();
            QVERIFY2(header->sectionSize(c) >= header->fontMetrics().horizontalAdvance(title) + 6, qPrintable(title));
        }
        QVERIFY(!panel->hasCdDiagram());  // ranks need two datasets
        QVERIFY(QFile::exists(m_runs.filePath(QStringLiteral("compare/compare.md"))));
        panel->chartFrame()->view()->resize(700, 400);
        const QString png = m_files.filePath(QStringLiteral("grid.png"));
        QCOMPARE(panel->chartFrame()->exportTo(png), QString());
        QVERIFY(!QImage(png).isNull());
    }

    void resumesAndRanksAcrossDatasets()
    {
        ComparePanel* panel = m_window->comparePanel();
        panel->setDatasets(QStringLiteral("demo:CBF, demo:SyntheticControl"));
        int cells = -1;
        runGrid(cells);
        QCOMPARE(cells, 4);  // the CBF cells were kept: only SyntheticControl trained
        QVERIFY(panel->hasCdDiagram());
        QCOMPARE(panel->cellTable()->rowCount(), 8);  // kept and new cells
        QCOMPARE(panel->barCount(), 4);
        QVERIFY(QFile::exists(m_runs.filePath(QStringLiteral("compare/cd-diagram.svg"))));
        const QString dir = qEnvironmentVariable("BTSF_SCREENSHOT_DIR");
        if (!dir.isEmpty()) m_window->grab().save(dir + "/8-compare.png");
    }

    // Two local btsf-cli shards train the cells; the training thread only
    // reads them back and writes the reports.
    void shardsTrainTheGridInLocalProcesses()
    {
        qputenv("BTSF_CLI", BTSF_CLI_PATH);
        ComparePanel* panel = m_window->comparePanel();
        panel->setDatasets(QStringLiteral("demo:CBF"));
        panel->select({QStringLiteral("dropout"), QStringLiteral("jitter")}, {QStringLiteral("sum")});
        panel->setShards(2);
        int cells = -1;
        runGrid(cells);
        QCOMPARE(cells, 0);  // nothing trained in the window
        QCOMPARE(panel->cellTable()->rowCount(), 4);
        QCOMPARE(panel->barCount(), 2);
        int trained = 0;  // cells each shard logs as it trains them
        for (const char* log : {"compare/btsf-shard-0-of-2.log", "compare/btsf-shard-1-of-2.log"}) {
            QFile f(m_runs.filePath(QString::fromLatin1(log)));
            QVERIFY2(f.open(QIODevice::ReadOnly), log);
            const int here = QString(f.readAll()).count(QLatin1String(": accuracy "));
            QCOMPARE(here, 2);
            trained += here;
        }
        QCOMPARE(trained, 4);
        panel->setShards(1);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestComparePanel)
#include "test_compare_panel.moc"
