#include "main_window.h"

#include "anomaly_panel.h"
#include "chart_export.h"
#include "cli_processes.h"
#include "compare_panel.h"
#include "config_form.h"
#include "data/dataset_folder.h"
#include "data_view.h"
#include "dataset_browser.h"
#include "forecast_panel.h"
#include "geometry_panel.h"
#include "io/hdf5_writer.h"
#include "io/run_files.h"
#include "io/run_summary.h"
#include "job_runner.h"
#include "job_status.h"
#include "loss_chart.h"
#include "results_panel.h"
#include "run_list.h"
#include "training_panel.h"
#include "tsne_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace btsf::gui {
namespace {
// Copies through a temp file and a rename, so an existing file at `to` is
// replaced whole or not at all.
QString copy_atomically(const QString& from, const QString& to)
{
    // QSaveFile writes beside `to` and renames over it on commit: an existing
    // file is replaced whole or not at all, never removed first.
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) return QObject::tr("cannot read %1: %2").arg(from, in.errorString());
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly)) return QObject::tr("cannot write %1: %2").arg(to, out.errorString());
    for (QByteArray chunk; !(chunk = in.read(1 << 20)).isEmpty();) {
        if (out.write(chunk) != chunk.size()) {
            out.cancelWriting();
            return QObject::tr("cannot write %1: %2").arg(to, out.errorString());
        }
    }
    if (in.error() != QFileDevice::NoError) {
        out.cancelWriting();
        return QObject::tr("cannot read %1: %2").arg(from, in.errorString());
    }
    if (!out.commit()) return QObject::tr("cannot replace %1: %2").arg(to, out.errorString());
    return {};
}
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_browser(new DatasetBrowser),
      m_runList(new RunList),
      m_dataView(new DataView),
      m_training(new TrainingPanel),
      m_results(new ResultsPanel),
      m_tsne(new TsnePanel),
      m_geometry(new GeometryPanel),
      m_tabs(new QTabWidget),
      m_error(new QLabel),
      m_runner(new JobRunner(this)),
      m_ranksRun(new CliProcesses(this)),
      m_shardsRun(new CliProcesses(this)),
      m_loader(
          this, [](const QString& source) { return load_classification(source.toStdString()); },
          [this](auto loaded) { onDatasetLoaded(std::move(loaded)); }),
      m_runReader(
          this, [](const auto& request) { return read_classification_record(request.first.toStdString()); },
          [this](auto read) { onRunRead(std::move(read)); })
{
    setWindowTitle(tr("BTSF Workbench"));
    setAcceptDrops(true);
    m_error->setObjectName(QStringLiteral("errorBanner"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #8a1c12; padding: 6px; "
                       "border: 1px solid #f5c2c0; }"));
    m_error->hide();

    m_tabs->addTab(m_dataView, tr("Data"));
    m_tabs->addTab(m_training, tr("Train"));
    m_tabs->addTab(m_results, tr("Results"));
    m_tabs->addTab(m_tsne, tr("t-SNE"));
    m_tabs->addTab(m_geometry, tr("Alignment && uniformity"));
    m_forecast = new ForecastPanel(m_runner);
    m_tabs->addTab(m_forecast, tr("Forecast"));
    m_anomaly = new AnomalyPanel(m_runner);
    m_tabs->addTab(m_anomaly, tr("Anomalies"));
    m_compare = new ComparePanel(m_runner);
    m_tabs->addTab(m_compare, tr("Compare"));
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    auto* datasets = new QDockWidget(tr("Datasets"), this);
    datasets->setObjectName(QStringLiteral("datasetsDock"));
    datasets->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, datasets);
    auto* runs = new QDockWidget(tr("Runs"), this);
    runs->setObjectName(QStringLiteral("runsDock"));
    runs->setWidget(m_runList);
    addDockWidget(Qt::LeftDockWidgetArea, runs);
    buildMenus();

    connect(m_browser, &DatasetBrowser::datasetRequested, this, &MainWindow::openDataset);
    connect(m_runList, &RunList::runRequested, this, &MainWindow::openRun);
    connect(m_training, &TrainingPanel::trainRequested, this, &MainWindow::train);
    connect(m_training, &TrainingPanel::stopRequested, this, &MainWindow::stopTraining);
    connect(m_runner, &JobRunner::busyChanged, m_training, &TrainingPanel::setBusy);
    connect(m_runner, &JobRunner::busyChanged, m_forecast, &ForecastPanel::onBusy);
    connect(m_runner, &JobRunner::busyChanged, m_anomaly, &AnomalyPanel::onBusy);
    connect(m_runner, &JobRunner::busyChanged, m_compare, &ComparePanel::onBusy);
    connect(m_forecast, &ForecastPanel::trainRequested, this, &MainWindow::trainForecast);
    connect(m_anomaly, &AnomalyPanel::trainRequested, this, &MainWindow::trainDetector);
    connect(m_compare, &ComparePanel::runRequested, this, &MainWindow::runComparison);
    connectCliRuns();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString defaultRoot = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/runs";
    m_runList->setRoot(settings.value(QStringLiteral("runs/root"), defaultRoot).toString());
    if (!settings.contains(QStringLiteral("window/geometry"))) resize(1280, 820);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open dataset…"), QKeySequence::Open, m_browser, &DatasetBrowser::openWithDialog);
    file->addAction(tr("Open &checkpoint…"), this, &MainWindow::openCheckpoint);
    file->addSeparator();
    file->addAction(tr("&Save checkpoint as…"), QKeySequence::Save, this, &MainWindow::saveCheckpointAs);
    file->addAction(tr("&Export representations…"), this, &MainWindow::exportRepresentations);
    file->addSeparator();
    file->addAction(tr("Runs &folder…"), this, &MainWindow::chooseRunsRoot);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Train"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::train);
    run->addAction(tr("&Stop"), QKeySequence(Qt::CTRL | Qt::Key_Period), this, &MainWindow::stopTraining);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About BTSF Workbench"),
                           tr("<b>BTSF Workbench %1</b><p>Unsupervised time-series representations with "
                              "Bilinear Temporal-Spectral Fusion: train, inspect, compare.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

QString MainWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}
QString MainWindow::runsRoot() const
{
    return m_runList->root();
}

void MainWindow::setRunsRoot(const QString& root)
{
    QSettings().setValue(QStringLiteral("runs/root"), root);
    m_runList->setRoot(root);
}

void MainWindow::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    statusBar()->showMessage(message, 10000);
}

void MainWindow::clearError()
{
    m_error->clear();
    m_error->hide();
}

void MainWindow::openDataset(const QString& source)
{
    statusBar()->showMessage(tr("Loading %1…").arg(source));
    m_loader.request(source);
}

void MainWindow::onDatasetLoaded(LatestRead<QString, ClassificationData>::Outcome loaded)
{
    if (!loaded.error.isEmpty()) {
        // The message names file and line (DataError); the open dataset is kept.
        showError(tr("Could not open %1:\n%2").arg(loaded.key, loaded.error));
        Q_EMIT datasetFailed(loaded.error);
        return;
    }
    clearError();
    m_data = std::move(loaded.value);
    m_source = loaded.key;
    m_browser->addRecent(QFileInfo(m_source).exists() ? QFileInfo(m_source).absoluteFilePath() : m_source);
    m_dataView->setDataset(m_data, m_source);
    m_tsne->setDataset(m_data);
    m_training->setCanTrain(true, QString::fromStdString(m_data->name));
    m_tabs->setCurrentWidget(m_dataView);
    statusBar()->showMessage(tr("Opened %1").arg(QString::fromStdString(m_data->name)), 5000);
    Q_EMIT datasetOpened();
}

QString MainWindow::newRunFolder(const QString& name) const
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString safe = name;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    return runsRoot() + "/" + stamp + "-" + safe;
}

void MainWindow::trainDetector()
{
    if (m_runner->busy()) return;
    clearError();
    AnomalyRequest request = m_anomaly->request(QString());
    request.runFolder = newRunFolder(QStringLiteral("detect-") + QFileInfo(request.source).completeBaseName());
    request.device = m_training->configForm()->device();
    request.dataRoot = QString::fromStdString(default_data_root());
    m_tabs->setCurrentWidget(m_anomaly);
    if (Job* job = m_runner->start(request)) reportTo(job, m_anomaly->jobStatus());
}

void MainWindow::runComparison()
{
    if (m_runner->busy() || m_shardsRun->running()) return;
    clearError();
    // One folder per grid configuration would lose resumability; the grid keeps
    // its cells under runs/compare, so a stopped grid resumes where it stopped.
    CompareRequest request = m_compare->request(runsRoot() + QStringLiteral("/compare"));
    request.options.device = m_training->configForm()->device().toStdString();
    request.options.data_root = default_data_root();
    m_compare->onStarted();
    m_tabs->setCurrentWidget(m_compare);
    if (m_compare->shards() > 1) {
        startShards(request);
        return;
    }
    startGrid(request);
}

void MainWindow::trainForecast()
{
    if (m_runner->busy()) return;
    clearError();
    ForecastRequest request = m_forecast->request(QString());
    request.runFolder = newRunFolder(QStringLiteral("forecast-") + QFileInfo(request.source).completeBaseName());
    request.device = m_training->configForm()->device();
    m_tabs->setCurrentWidget(m_forecast);
    if (Job* job = m_runner->start(request)) reportTo(job, m_forecast->jobStatus());
}

void MainWindow::train()
{
    startJob({});
}

// Training and checkpoint evaluation are the same job for the worker; an
// empty checkpoint means "train with the form's config".
void MainWindow::startJob(const QString& checkpoint)
{
    if (!m_data || m_runner->busy() || m_ranksRun->running()) return;
    clearError();
    if (checkpoint.isEmpty() && m_training->ranks() > 1) {
        startRanks();
        return;
    }
    TrainRequest request;
    request.data = m_data;
    request.source = m_source;
    request.checkpoint = checkpoint;
    request.config = m_training->configForm()->config();
    m_training->configForm()->remember();
    request.device = m_training->configForm()->device();
    const QString probe = m_training->configForm()->probe();
    request.probes = probe == QLatin1String("both") ? QStringList{"linear", "svm"} : QStringList{probe};
    request.runFolder = newRunFolder(QString::fromStdString(m_data->name));
    m_training->onStarted();
    m_tabs->setCurrentWidget(m_training);
    Job* job = m_runner->start(request);
    if (!job) return;
    connect(job, &Job::progress, m_training, &TrainingPanel::onProgress);
    connect(job, &Job::stageChanged, m_training, &TrainingPanel::onStage);
    connect(job, &Job::cancelled, m_training, &TrainingPanel::onCancelled);
    connect(job, &Job::failed, m_training, &TrainingPanel::onFailed);
    connect(job, &Job::finished, this, [this, job] { showTrainedRun(job->record()); });
    reportToWindow(job);
}

// A forecast or a detector: their panels show a job the same way.
void MainWindow::reportTo(Job* job, JobStatus* status)
{
    connect(job, &Job::progress, status,
            [status](const TrainProgress& p) { status->onProgress(p.iteration, p.total_iterations, p.loss); });
    connect(job, &Job::stageChanged, status, &JobStatus::onStage);
    connect(job, &Job::cancelled, status, &JobStatus::onCancelled);
    connect(job, &Job::failed, status, &JobStatus::onFailed);
    connect(job, &Job::finished, this, [this](const QString& folder) {
        m_runList->refresh();
        openRun(folder);
        statusBar()->showMessage(tr("Run saved in %1").arg(folder), 10000);
    });
    reportToWindow(job);
}

// A grid trained here, or the assembly of the cells that local shards trained.
void MainWindow::startGrid(const CompareRequest& request)
{
    Job* job = m_runner->start(request);
    if (!job) return;
    connect(job, &Job::cellFinished, m_compare, &ComparePanel::onCell);
    connect(job, &Job::cancelled, m_compare, &ComparePanel::onCancelled);
    connect(job, &Job::failed, m_compare, &ComparePanel::onFailed);
    connect(job, &Job::finished, m_compare, &ComparePanel::onGridFinished);
    connect(job, &Job::finished, this,
            [this](const QString& out) { statusBar()->showMessage(tr("Grid reports written in %1").arg(out), 10000); });
    reportToWindow(job);
}

// What every job shows outside its panel: the stage in the status bar, the error banner.
void MainWindow::reportToWindow(Job* job)
{
    connect(job, &Job::stageChanged, this, [this](const QString& stage) { statusBar()->showMessage(stage); });
    connect(job, &Job::cancelled, this, [this] { statusBar()->showMessage(tr("Training stopped"), 5000); });
    connect(job, &Job::failed, this, &MainWindow::showError);
}

void MainWindow::showTrainedRun(std::shared_ptr<const ClassificationRecord> record)
{
    m_runList->refresh();
    const auto& s = record->scores.front();
    QString summary =
        record->scored_checkpoint.empty()
            ? tr("Finished: %1 iterations in %2 s.").arg(record->iters).arg(record->train_seconds, 0, 'f', 1)
            : tr("Scored the checkpoint (%1 iterations trained earlier).").arg(record->iters);
    for (const auto& p : s.probes)
        summary += tr(" %1 accuracy %2.").arg(QString::fromStdString(p.probe)).arg(p.accuracy, 0, 'f', 4);
    m_training->onFinished(summary + tr(" Saved in %1").arg(QString::fromStdString(record->folder)));
    statusBar()->showMessage(tr("Run saved in %1").arg(QString::fromStdString(record->folder)), 10000);
    showRun(std::move(record));
}

void MainWindow::stopTraining()
{
    m_ranksRun->stop();
    m_runner->stop();
}

void MainWindow::openCheckpoint()
{
    if (!m_data) {
        showError(tr("Open the dataset to evaluate the checkpoint on first."));
        return;
    }
    if (m_runner->busy()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a BTSF checkpoint"), runsRoot(),
                                                      tr("Checkpoints (*.pt);;All files (*)"));
    if (!path.isEmpty()) evaluateCheckpoint(path);
}

void MainWindow::evaluateCheckpoint(const QString& path)
{
    startJob(path);
}

void MainWindow::openRun(const QString& folder)
{
    QString task;
    try {
        task = QString::fromStdString(read_run_summary(folder.toStdString()).task);
    } catch (const std::exception&) {
        // a malformed run: the classification reader below names the file
    }
    if (task == QLatin1String("forecasting") || task == QLatin1String("anomaly")) {
        QWidget* panel = task == QLatin1String("anomaly") ? static_cast<QWidget*>(m_anomaly) : m_forecast;
        if (panel == m_anomaly)
            m_anomaly->openRun(folder);
        else
            m_forecast->openRun(folder);
        m_tabs->setCurrentWidget(panel);
        return;
    }
    statusBar()->showMessage(tr("Opening run %1…").arg(folder));
    m_runReader.request({folder, m_shownRuns});
}

void MainWindow::onRunRead(LatestRead<std::pair<QString, quint64>, ClassificationRecord>::Outcome read)
{
    // A run shown meanwhile (a training that finished) is newer than this one.
    if (m_shownRuns != read.key.second) {
        statusBar()->clearMessage();  // "Opening run…" no longer applies
        return;
    }
    if (!read.error.isEmpty()) {
        showError(tr("Could not reopen the run: %1").arg(read.error));
        Q_EMIT runFailed(read.error);
        return;
    }
    clearError();
    statusBar()->showMessage(tr("Opened run %1").arg(QString::fromStdString(read.value->folder)), 5000);
    showRun(std::move(read.value));
}

void MainWindow::showRun(std::shared_ptr<const ClassificationRecord> record)
{
    ++m_shownRuns;
    m_run = std::move(record);
    m_results->setRecord(m_run);
    m_tsne->setRecord(m_run);
    m_geometry->setRecord(m_run);
    m_training->lossChart()->setCurve(m_run->loss_curve);
    m_tabs->setCurrentWidget(m_results);
    Q_EMIT runShown();
}

void MainWindow::saveCheckpointAs()
{
    if (!m_run) {
        showError(tr("No run to save: train one or reopen one first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save checkpoint"), QDir::homePath() + "/btsf-" + QString::fromStdString(m_run->dataset) + ".pt",
        tr("Checkpoints (*.pt)"));
    if (path.isEmpty()) return;
    confirm_export(this, path, copy_atomically(QString::fromStdString(m_run->folder) + "/checkpoint.pt", path));
}

void MainWindow::exportRepresentations()
{
    if (!m_run) {
        showError(tr("No run to export: train one or reopen one first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export representations"),
        QDir::homePath() + "/" + QString::fromStdString(m_run->dataset) + "-representations.h5",
        tr("HDF5 (*.h5);;CSV (*.csv)"));
    if (path.isEmpty()) return;
    const std::string h5 = m_run->folder + "/representations.h5";
    try {
        if (QFileInfo(path).suffix().toLower() == QLatin1String("csv")) {
            write_representations_csv(path.toStdString(), read_hdf5_matrix(h5, "train/representations"),
                                      read_hdf5_ints(h5, "train/labels"), read_hdf5_matrix(h5, "test/representations"),
                                      read_hdf5_ints(h5, "test/labels"));
            confirm_export(this, path, QString());
        } else {
            confirm_export(this, path, copy_atomically(QString::fromStdString(h5), path));
        }
    } catch (const std::exception& e) {
        confirm_export(this, path, QString::fromStdString(e.what()));
    }
}

void MainWindow::chooseRunsRoot()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for runs"), runsRoot());
    if (!dir.isEmpty()) setRunsRoot(dir);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            openDataset(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_runner->busy() || m_ranksRun->running()) {
        const auto answer = QMessageBox::question(this, tr("Training is running"),
                                                  tr("Stop training and quit? The unfinished run is not saved."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

}  // namespace btsf::gui
