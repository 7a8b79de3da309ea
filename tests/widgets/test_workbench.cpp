// Drives the real workbench window under QT_QPA_PLATFORM=offscreen: open a
// demo, train a few iterations, inspect t-SNE and alignment/uniformity, export
// every chart in every format, reopen the run, stop a long training, and open
// a malformed file. Set BTSF_SCREENSHOT_DIR to keep a PNG of each stage.
#include <QtTest>

#include <QAbstractButton>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QImage>
#include <QLineSeries>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "chart_export.h"
#include "chart_frame.h"
#include "config_form.h"
#include "data_view.h"
#include "geometry_panel.h"
#include "io/classification_record.h"
#include "job_spy.h"
#include "loss_chart.h"
#include "main_window.h"
#include "model/btsf_config.h"
#include "numerics/representation_geometry.h"
#include "results_panel.h"
#include "run_list.h"
#include "train/device.h"
#include "training_panel.h"
#include "tsne_panel.h"

using namespace btsf::gui;

namespace {
// Share of pixels that differ from the most common colour: 0 for a blank image.
double ink_share(const QImage& image)
{
    std::map<QRgb, int> histogram;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) ++histogram[image.pixel(x, y)];
    int total = 0, top = 0;
    for (const auto& [colour, count] : histogram) {
        total += count;
        top = std::max(top, count);
    }
    return total ? 1.0 - double(top) / total : 0.0;
}

int distinct_colours(const QImage& image)
{
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    return int(colours.size());
}

// Largest gap between ticks of a 5 ms timer: how long the event loop was blocked.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] { m_worst = std::max(m_worst, m_clock.restart()); });
    }
    void start()
    {
        m_worst = 0;
        m_clock.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return m_worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};
}  // namespace

class TestWorkbench : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_runs;
    QTemporaryDir m_files;
    QString m_firstRun;

    void screenshot(const QString& name, QWidget* tab)
    {
        const QString dir = qEnvironmentVariable("BTSF_SCREENSHOT_DIR");
        if (dir.isEmpty()) return;
        m_window->tabs()->setCurrentWidget(tab);
        QTest::qWait(100);
        m_window->grab().save(dir + "/" + name + ".png");
    }

    void checkExports(ChartFrame* frame, const QString& stem)
    {
        frame->view()->resize(640, 400);
        const QString png = m_files.filePath(stem + ".png");
        const QString svg = m_files.filePath(stem + ".svg");
        const QString pdf = m_files.filePath(stem + ".pdf");
        QCOMPARE(frame->exportTo(png), QString());
        QCOMPARE(frame->exportTo(svg), QString());
        QCOMPARE(frame->exportTo(pdf), QString());
        QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png + " does not decode"));
        QVERIFY2(ink_share(image) > 0.01, qPrintable(png + " is blank"));
        QVERIFY2(distinct_colours(image) > 8, qPrintable(png + " has almost no colours"));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        bool sawSvg = false;
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                sawSvg = sawSvg || xml.name() == QLatin1String("svg");
                ++elements;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(svg + ": " + xml.errorString()));
        QVERIFY(sawSvg);
        QVERIFY2(elements > 10, qPrintable(svg + " holds almost nothing"));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QCOMPARE(pdfFile.read(4), QByteArray("%PDF"));
        QVERIFY(pdfFile.size() > 1000);
        // An unknown format is an error message, not a silent nothing.
        QVERIFY(frame->exportTo(m_files.filePath(stem + ".bmpx")).contains(QLatin1String("unknown format")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // QSettings go to a test location
        QSettings().clear();
        btsf::set_thread_count(1);
        QVERIFY(m_runs.isValid() && m_files.isValid());
        m_window = std::make_unique<MainWindow>();
        m_window->setRunsRoot(m_runs.path());
        m_window->resize(1280, 820);
        m_window->show();
    }

    void opensDemoAndPlotsIt()
    {
        QSignalSpy opened(m_window.get(), &MainWindow::datasetOpened);
        m_window->openDataset(QStringLiteral("demo:CBF"));
        QVERIFY(opened.wait(30000));
        QVERIFY(m_window->dataset());
        QCOMPARE(m_window->dataset()->test.n, std::size_t(900));
        const QString facts = m_window->dataView()->factsText();
        QVERIFY2(facts.contains(QLatin1String("CBF")) && facts.contains(QLatin1String("900")), qPrintable(facts));
        // 3 series per class, 3 classes.
        QCOMPARE(m_window->dataView()->chartFrame()->chart()->series().size(), 9);
        // The Train tab no longer asks for a dataset once one is open.
        QVERIFY2(!m_window->trainingPanel()->statusText().contains(QLatin1String("Open a dataset")),
                 qPrintable(m_window->trainingPanel()->statusText()));
        QVERIFY(ink_share(m_window->dataView()->chartFrame()->view()->grab().toImage()) > 0.01);
        screenshot("1-data", m_window->dataView());
    }

    void trainsAndStaysResponsive()
    {
        // bench/gui_responsiveness.sh raises this to a full training run.
        const int iterations = qEnvironmentVariableIntValue("BTSF_GUI_TRAIN_ITERS") > 0
                                   ? qEnvironmentVariableIntValue("BTSF_GUI_TRAIN_ITERS")
                                   : 20;
        m_window->trainingPanel()->configForm()->setIterations(iterations);
        QSignalSpy shown(m_window.get(), &MainWindow::runShown);
        QSignalSpy started(m_window->runner(), &JobRunner::started);
        StallMeter stalls;
        stalls.start();
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("trainButton")), Qt::LeftButton);
        QCOMPARE(started.count(), 1);
        QSignalSpy progress(last_started(started), &Job::progress);
        QVERIFY(m_window->runner()->busy());
        // Stalls are measured while the worker trains and scores, until the
        // finished run reaches the window.
        QElapsedTimer clock;
        clock.start();
        while (m_window->runner()->busy() && clock.elapsed() < 600000) QTest::qWait(20);
        const qint64 worst = stalls.stop();
        qInfo("worst event-loop stall while training %d iterations: %lld ms", iterations, worst);
        QVERIFY(shown.count() == 1 || shown.wait(30000));
        QVERIFY2(m_window->errorText().isEmpty(), qPrintable(m_window->errorText()));
        QCOMPARE(progress.count(), iterations);
        QCOMPARE(m_window->trainingPanel()->lossChart()->pointCount(), iterations);
        // The loss axis ticks on nice numbers (widgets/nice_axis.h), not even splits of the range.
        for (auto* axis : m_window->trainingPanel()->lossChart()->findChild<ChartFrame*>()->chart()->axes()) {
            auto* value = qobject_cast<QValueAxis*>(axis);
            QVERIFY(value);
            QCOMPARE(value->tickType(), QValueAxis::TicksDynamic);
            const double m = value->tickInterval() / std::pow(10.0, std::floor(std::log10(value->tickInterval())));
            QVERIFY2(
                std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 2.5) < 1e-9 || std::abs(m - 5) < 1e-9,
                qPrintable(QString::number(value->tickInterval())));
            const double k = value->tickAnchor() / value->tickInterval();
            QVERIFY(std::abs(k - std::round(k)) < 1e-9);
        }
        // The spec's responsiveness bar is 100 ms; allow for a shared CI machine
        // but fail on anything that blocks the loop for real.
        QVERIFY2(worst < 250, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(worst)));
        screenshot("2-train", m_window->trainingPanel());

        const auto run = m_window->currentRun();
        QVERIFY(run);
        m_firstRun = QString::fromStdString(run->folder);
        QCOMPARE(run->iters, iterations);
        QCOMPARE(run->loss_curve.size(), std::size_t(iterations));
        // Results: 4 representations x 2 probes, MiniRocket's own ridge, and a
        // 3x3 confusion matrix over the 900 test series.
        QTableWidget* scores = m_window->resultsPanel()->scoresTable();
        QCOMPARE(scores->rowCount(), 9);
        QStringList names;
        for (int r = 0; r < scores->rowCount(); ++r)
            names << scores->item(r, 0)->text() + " / " + scores->item(r, 1)->text();
        QVERIFY2(names.contains("MiniRocket (no training) / ridge"), qPrintable(names.join(", ")));
        // The trained row is named by the preset the default stands for; it has
        // no bilinear term, so nothing may call it BTSF.
        QVERIFY2(names.filter("BTSF").isEmpty(), qPrintable(names.join(", ")));
        QVERIFY2(names.contains(QString::fromStdString(btsf::default_preset_name()) + " (trained) / svm"),
                 qPrintable(names.join(", ")));
        QTableWidget* confusion = m_window->resultsPanel()->confusionTable();
        QCOMPARE(confusion->rowCount(), 3);
        int total = 0, diagonal = 0;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                total += confusion->item(i, j)->text().toInt();
                diagonal += i == j ? confusion->item(i, j)->text().toInt() : 0;
            }
        QCOMPARE(total, 900);
        QVERIFY2(diagonal > 450, "the probe should beat chance (300) by far on CBF");
        // The matrix fills its area instead of sitting small in its corner.
        m_window->tabs()->setCurrentWidget(m_window->resultsPanel());
        QCoreApplication::processEvents();
        QVERIFY(confusion->viewport()->width() > 200);
        QVERIFY2(std::abs(confusion->horizontalHeader()->length() - confusion->viewport()->width()) <= 3,
                 qPrintable(QString::number(confusion->horizontalHeader()->length())));
        QVERIFY(std::abs(confusion->verticalHeader()->length() - confusion->viewport()->height()) <= 3);
        // An export is confirmed in the status bar, naming the file.
        const QString png = m_files.filePath(QStringLiteral("confusion.png"));
        btsf::gui::confirm_export(m_window->resultsPanel(), png, m_window->resultsPanel()->exportConfusion(png));
        QVERIFY(QFile::exists(png));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QDir::toNativeSeparators(png)),
                 qPrintable(m_window->statusBar()->currentMessage()));
        screenshot("3-results", m_window->resultsPanel());
    }

    void alignmentAndUniformityAreShown()
    {
        const auto run = m_window->currentRun();
        QVERIFY(run && !run->geometry.empty());
        QCOMPARE(run->geometry.alignment.size(), std::size_t(900));
        QVERIFY(run->geometry.uniformity < 0);  // log of a mean of values in (0, 1]
        QVERIFY(m_window->geometryPanel()->summaryText().contains(QLatin1String("Uniformity")));
        auto* area =
            qobject_cast<QAreaSeries*>(m_window->geometryPanel()->alignmentFrame()->chart()->series().value(0));
        QVERIFY(area && area->upperSeries());
        // Two outline points per bin, each at the bin's count.
        const auto outline = area->upperSeries()->points();
        double pairs = 0;
        for (int i = 0; i < outline.size(); i += 2) pairs += outline[i].y();
        QCOMPARE(pairs, 900.0);
        QCOMPARE(m_window->geometryPanel()->anglesFrame()->chart()->series().size(), 3);  // one line per class
    }

    void tsneSeparatesClasses()
    {
        TsnePanel* tsne = m_window->tsnePanel();
        QSignalSpy computed(tsne, &TsnePanel::computed);
        tsne->compute();
        QVERIFY(tsne->computing());
        QVERIFY(computed.wait(180000));
        QCOMPARE(tsne->scatterPointCount(), 900);
        const auto run = m_window->currentRun();
        std::vector<int> labels;
        for (int index : tsne->embeddedIndices()) labels.push_back(run->test_labels[std::size_t(index)]);
        const double agreement = btsf::nearest_neighbour_agreement(tsne->embedding(), 2, labels);
        qInfo("t-SNE nearest-neighbour label agreement: %.3f (chance 0.333)", agreement);
        QVERIFY2(agreement > 0.75, qPrintable(QString::number(agreement)));
        QVERIFY(QFile::exists(m_firstRun + "/tsne.csv"));
        tsne->showSeries(5);
        QCOMPARE(tsne->seriesFrame()->chart()->series().size(), 1);
        screenshot("4-tsne", m_window->tsnePanel());
        screenshot("4-geometry", m_window->geometryPanel());
    }

    void everyChartExports()
    {
        checkExports(m_window->dataView()->chartFrame(), QStringLiteral("data"));
        checkExports(m_window->trainingPanel()->lossChart()->frame(), QStringLiteral("loss"));
        checkExports(m_window->tsnePanel()->chartFrame(), QStringLiteral("tsne"));
        checkExports(m_window->geometryPanel()->alignmentFrame(), QStringLiteral("alignment"));
        checkExports(m_window->geometryPanel()->anglesFrame(), QStringLiteral("angles"));
        // The confusion matrix is a table; it exports the same three ways.
        ResultsPanel* results = m_window->resultsPanel();
        QVERIFY(results->confusionTable()->rowCount() > 0);
        const QString png = m_files.filePath(QStringLiteral("confusion.png"));
        const QString svg = m_files.filePath(QStringLiteral("confusion.svg"));
        const QString pdf = m_files.filePath(QStringLiteral("confusion.pdf"));
        QCOMPARE(results->exportConfusion(png), QString());
        QCOMPARE(results->exportConfusion(svg), QString());
        QCOMPARE(results->exportConfusion(pdf), QString());
        const QImage image(png);
        QVERIFY2(!image.isNull() && ink_share(image) > 0.01, qPrintable(png + " is blank"));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        while (!xml.atEnd()) xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(svg + ": " + xml.errorString()));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QCOMPARE(pdfFile.read(4), QByteArray("%PDF"));
        QVERIFY(results->exportConfusion(m_files.filePath(QStringLiteral("confusion.bmp"))).contains("unknown format"));
    }

    void reopensRunWithoutRetraining()
    {
        RunList* runs = m_window->runList();
        runs->refresh();
        QCOMPARE(runs->count(), 1);
        QCOMPARE(runs->folderAt(0), m_firstRun);
        auto fresh = std::make_unique<MainWindow>();
        QSignalSpy shown(fresh.get(), &MainWindow::runShown);
        fresh->openRun(m_firstRun);
        QVERIFY(shown.wait(60000));  // read off the GUI thread
        const auto run = fresh->currentRun();
        QVERIFY(run);
        // The form shows what the last training used (remembered in QSettings).
        QCOMPARE(fresh->trainingPanel()->configForm()->config().iters, run->iters);
        QCOMPARE(run->loss_curve.size(), m_window->currentRun()->loss_curve.size());
        QCOMPARE(fresh->trainingPanel()->lossChart()->pointCount(), int(run->loss_curve.size()));
        QCOMPARE(fresh->resultsPanel()->scoresTable()->rowCount(), 9);
        QCOMPARE(fresh->tsnePanel()->scatterPointCount(), 900);  // kept in tsne.csv
        QVERIFY(!fresh->runner()->busy());
        // A folder that is not a run gives an error in the window.
        QSignalSpy failed(fresh.get(), &MainWindow::runFailed);
        fresh->openRun(m_files.path());
        QVERIFY(failed.wait(60000));
        QVERIFY(fresh->errorText().contains(QLatin1String("metrics.json")));
    }

    void evaluatesACheckpointWithoutTraining()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::runShown);
        QSignalSpy started(m_window->runner(), &JobRunner::started);
        m_window->evaluateCheckpoint(m_firstRun + "/checkpoint.pt");
        QCOMPARE(started.count(), 1);
        QSignalSpy progress(last_started(started), &Job::progress);
        QVERIFY(shown.wait(300000));
        QCOMPARE(progress.count(), 0);  // no training step
        const auto run = m_window->currentRun();
        const auto first = btsf::read_classification_record(m_firstRun.toStdString());
        QVERIFY(QString::fromStdString(run->folder) != m_firstRun);
        // Recorded as a scored checkpoint, so the Runs list does not show a second "training" of 0 s.
        QCOMPARE(QString::fromStdString(run->scored_checkpoint), m_firstRun + "/checkpoint.pt");
        QVERIFY(first.scored_checkpoint.empty());
        const auto titles = m_window->runList()
                                ->findChild<QListWidget*>(QStringLiteral("runList"))
                                ->findItems(QStringLiteral("checkpoint scored"), Qt::MatchContains);
        QCOMPARE(titles.size(), 1);
        QCOMPARE(titles.first()->toolTip(), QString::fromStdString(run->folder));
        QCOMPARE(run->iters, first.iters);
        QCOMPARE(run->loss_curve.size(), first.loss_curve.size());
        // The same weights and the same normalisation give the same representations.
        QCOMPARE(run->test_representations.data, first.test_representations.data);
        // A file that is not a checkpoint: the error reaches the window.
        m_window->evaluateCheckpoint(m_files.filePath(QStringLiteral("missing.pt")));
        QCOMPARE(started.count(), 2);
        QSignalSpy failed(last_started(started), &Job::failed);
        QVERIFY(failed.wait(60000));
        QVERIFY2(m_window->errorText().contains(QLatin1String("missing.pt")), qPrintable(m_window->errorText()));
        // Back to the first run for the tests that follow.
        QDir(QString::fromStdString(run->folder)).removeRecursively();
        m_window->openRun(m_firstRun);
        QVERIFY(shown.wait(60000));
    }

    void droppingAFolderOpensIt()
    {
        // A dropped UCR-style folder goes through the same loader as the dialog.
        const QString dir = m_files.filePath(QStringLiteral("Tiny"));
        QDir().mkpath(dir);
        for (const char* split : {"TRAIN", "TEST"}) {
            QFile f(dir + QStringLiteral("/Tiny_%1.tsv").arg(QLatin1String(split)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("1\t0.1\t0.5\t0.2\t0.9\n2\t0.9\t0.1\t0.8\t0.3\n1\t0.2\t0.6\t0.1\t0.8\n2\t0.8\t0.2\t0.9\t0.2\n");
        }
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dir)});
        QSignalSpy opened(m_window.get(), &MainWindow::datasetOpened);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(opened.wait(30000));
        QCOMPARE(QString::fromStdString(m_window->dataset()->name), QStringLiteral("Tiny"));
        QVERIFY(QSettings().value(QStringLiteral("datasets/recent")).toStringList().contains(dir));
        // Back to CBF for the tests that follow.
        m_window->openDataset(QStringLiteral("demo:CBF"));
        QVERIFY(opened.wait(30000));
    }

    void stopsMidTraining()
    {
        m_window->trainingPanel()->configForm()->setIterations(100000);
        QSignalSpy started(m_window->runner(), &JobRunner::started);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("trainButton")), Qt::LeftButton);
        QCOMPARE(started.count(), 1);
        QSignalSpy progress(last_started(started), &Job::progress);
        QSignalSpy cancelled(last_started(started), &Job::cancelled);
        QVERIFY(progress.wait(60000));
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("stopButton")), Qt::LeftButton);
        QVERIFY(cancelled.wait(30000));
        qInfo("stop took %lld ms", clock.elapsed());
        const int done = cancelled.first().first().toInt();
        QVERIFY(done >= 1 && done < 100000);
        // Within one iteration of the click: at most one more progress report.
        QVERIFY(progress.count() <= done);
        QVERIFY(!m_window->runner()->busy());
        QVERIFY(m_window->findChild<QAbstractButton*>(QStringLiteral("trainButton"))->isEnabled());
        QVERIFY(m_window->trainingPanel()->statusText().contains(QLatin1String("Stopped")));
        m_window->runList()->refresh();
        QCOMPARE(m_window->runList()->count(), 1);  // nothing half-written
        QCOMPARE(m_window->currentRun()->folder, m_firstRun.toStdString());
    }

    // The Train tab's data-parallel run: two btsf-cli ranks (btsf-cli launch),
    // a bar per rank, and rank 0's run opened in the window when it is saved.
    void trainsOnTwoRanks()
    {
        qputenv("BTSF_CLI", BTSF_CLI_PATH);
        auto* panel = m_window->trainingPanel();
        panel->findChild<QSpinBox*>(QStringLiteral("ranksSpin"))->setValue(2);
        panel->findChild<QSpinBox*>(QStringLiteral("threadsPerRankSpin"))->setValue(1);
        panel->configForm()->setIterations(40);
        QSignalSpy shown(m_window.get(), &MainWindow::runShown);
        QTest::mouseClick(m_window->findChild<QAbstractButton*>(QStringLiteral("trainButton")), Qt::LeftButton);
        QCOMPARE(panel->rankBars().size(), 2);
        QVERIFY(!m_window->findChild<QAbstractButton*>(QStringLiteral("trainButton"))->isEnabled());
        QVERIFY2(shown.wait(300000), qPrintable(panel->statusText()));
        for (auto* bar : panel->rankBars()) {
            QCOMPARE(bar->maximum(), 40);
            QCOMPARE(bar->value(), 40);
            QVERIFY2(bar->format().contains(QLatin1String("40 / 40")), qPrintable(bar->format()));
        }
        // Live, the chart had rank 0's logged points; the opened run shows its whole curve.
        QCOMPARE(panel->lossChart()->pointCount(), 40);
        QVERIFY2(panel->statusText().contains(QLatin1String("2 ranks")), qPrintable(panel->statusText()));
        const auto run = m_window->currentRun();
        QVERIFY(run);
        QCOMPARE(run->iters, 40);
        QCOMPARE(run->loss_curve.size(), std::size_t(40));
        QVERIFY(QString::fromStdString(run->folder).startsWith(m_runs.path()));
        QVERIFY(m_window->findChild<QAbstractButton*>(QStringLiteral("trainButton"))->isEnabled());
        screenshot("6-ranks", panel);
        panel->findChild<QSpinBox*>(QStringLiteral("ranksSpin"))->setValue(1);
    }

    void malformedFileShowsError()
    {
        QDir(m_files.path()).mkpath(QStringLiteral("Broken"));
        const QString train = m_files.filePath(QStringLiteral("Broken/Broken_TRAIN.tsv"));
        QFile f(train);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1\t0.1\t0.2\t0.3\n2\t0.1\tabc\t0.3\n");
        f.close();
        QFile t(m_files.filePath(QStringLiteral("Broken/Broken_TEST.tsv")));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("1\t0.1\t0.2\t0.3\n");
        t.close();
        QSignalSpy failed(m_window.get(), &MainWindow::datasetFailed);
        m_window->openDataset(train);
        QVERIFY(failed.wait(30000));
        const QString error = m_window->errorText();
        QVERIFY2(error.contains(QLatin1String("Broken_TRAIN.tsv:2")), qPrintable(error));
        QCOMPARE(QString::fromStdString(m_window->dataset()->name), QStringLiteral("CBF"));  // kept
        screenshot("5-error", m_window->dataView());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
