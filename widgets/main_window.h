#pragma once
// The workbench window: it wires the panels to the training controller and
// to the run folders, and owns nothing else. Each panel lives in its own file.
#include "data/dataset.h"
#include "io/classification_record.h"
#include "latest_read.h"
#include "tasks/comparison_grid.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QTabWidget;

namespace btsf::gui {

class AnomalyPanel;
class ComparePanel;
class DataView;
class DatasetBrowser;
class ForecastPanel;
class GeometryPanel;
class ResultsPanel;
class CliProcesses;
class RunList;
class Job;
class JobRunner;
class JobStatus;
class TrainingPanel;
class TsnePanel;
struct CompareRequest;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Panels and state, for the widget tests.
    DataView* dataView() const { return m_dataView; }
    TrainingPanel* trainingPanel() const { return m_training; }
    ResultsPanel* resultsPanel() const { return m_results; }
    TsnePanel* tsnePanel() const { return m_tsne; }
    GeometryPanel* geometryPanel() const { return m_geometry; }
    ForecastPanel* forecastPanel() const { return m_forecast; }
    AnomalyPanel* anomalyPanel() const { return m_anomaly; }
    ComparePanel* comparePanel() const { return m_compare; }
    RunList* runList() const { return m_runList; }
    JobRunner* runner() const { return m_runner; }
    QTabWidget* tabs() const { return m_tabs; }
    std::shared_ptr<const ClassificationData> dataset() const { return m_data; }
    std::shared_ptr<const ClassificationRecord> currentRun() const { return m_run; }
    QString errorText() const;
    QString runsRoot() const;
    void setRunsRoot(const QString& root);

Q_SIGNALS:
    void datasetOpened();
    void datasetFailed(const QString& message);
    void runShown();
    void runFailed(const QString& message);

public Q_SLOTS:
    void openDataset(const QString& source);  // asynchronous: datasetOpened or datasetFailed
    // Forecasting and anomaly runs go to their panel; a classification run is
    // read asynchronously: runShown or runFailed.
    void openRun(const QString& folder);
    void train();
    void stopTraining();
    void trainForecast();
    void trainDetector();
    void runComparison();
    void openCheckpoint();  // asks for a file, then evaluateCheckpoint
    // Encodes the open dataset with a saved model and scores it, without training.
    void evaluateCheckpoint(const QString& path);
    void saveCheckpointAs();
    void exportRepresentations();
    void chooseRunsRoot();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void onDatasetLoaded(LatestRead<QString, ClassificationData>::Outcome loaded);
    void onRunRead(LatestRead<std::pair<QString, quint64>, ClassificationRecord>::Outcome read);
    void startJob(const QString& checkpoint);
    // widgets/main_window_cli_runs.cpp
    void connectCliRuns();
    void startRanks();
    void startShards(const CompareRequest& request);
    void startGrid(const CompareRequest& request);
    void reportTo(Job* job, JobStatus* status);
    void reportToWindow(Job* job);
    void showTrainedRun(std::shared_ptr<const ClassificationRecord> record);
    void showRun(std::shared_ptr<const ClassificationRecord> record);
    void showError(const QString& message);
    void clearError();
    QString newRunFolder(const QString& name) const;

    DatasetBrowser* m_browser;
    RunList* m_runList;
    DataView* m_dataView;
    TrainingPanel* m_training;
    ResultsPanel* m_results;
    TsnePanel* m_tsne;
    GeometryPanel* m_geometry;
    ForecastPanel* m_forecast;
    AnomalyPanel* m_anomaly;
    ComparePanel* m_compare;
    QTabWidget* m_tabs;
    QLabel* m_error;
    JobRunner* m_runner;
    CliProcesses* m_ranksRun;   // a data-parallel training in btsf-cli processes
    CliProcesses* m_shardsRun;  // a grid as N btsf-cli shards
    QString m_ranksFolder;
    CompareOptions m_shardedGrid;  // assembled on the training thread once the shards are done
    int m_shardCells = 0;
    // Datasets and classification runs are read off the GUI thread
    // (representations.h5 can be tens of megabytes); the last request wins.
    LatestRead<QString, ClassificationData> m_loader;
    // A run read is keyed by the showRun count when it was asked for, so a run
    // shown meanwhile (a training that finished) is not covered by an older read.
    LatestRead<std::pair<QString, quint64>, ClassificationRecord> m_runReader;
    quint64 m_shownRuns = 0;
    std::shared_ptr<const ClassificationData> m_data;
    QString m_source;
    std::shared_ptr<const ClassificationRecord> m_run;
};

}  // namespace btsf::gui
