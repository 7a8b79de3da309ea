#pragma once
// The workbench window: it wires the panels to the training controller and
// to the run folders, and owns nothing else. Each panel lives in its own file.
#include "data/dataset.h"
#include "io/run_record.h"

#include <QFutureWatcher>
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
class RunList;
class TrainingController;
class TrainingPanel;
class TsnePanel;

struct LoadedDataset {
    std::shared_ptr<const ClassificationData> data;
    QString source;
    QString error;
};

// A classification run read back from its folder (representations.h5 can be
// tens of megabytes, so this happens off the GUI thread).
struct ReadRun {
    std::shared_ptr<const RunRecord> record;
    QString error;
};

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
    TrainingController* controller() const { return m_controller; }
    QTabWidget* tabs() const { return m_tabs; }
    std::shared_ptr<const ClassificationData> dataset() const { return m_data; }
    std::shared_ptr<const RunRecord> currentRun() const { return m_run; }
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
    void onDatasetLoaded();
    void onRunRead();
    void startJob(const QString& checkpoint);
    void showRun(std::shared_ptr<const RunRecord> record);
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
    enum class Job { Classification, Forecast, Anomaly, Compare };
    Job m_job = Job::Classification;  // which panel the running job reports to
    QTabWidget* m_tabs;
    QLabel* m_error;
    TrainingController* m_controller;
    QFutureWatcher<LoadedDataset> m_loader;
    QFutureWatcher<ReadRun> m_runReader;
    // Own flags, not isRunning(): that turns false before `finished` arrives.
    bool m_loadingDataset = false;
    bool m_readingRun = false;
    QString m_pendingRun;         // asked for while another read ran
    quint64 m_shownRuns = 0;      // counts showRun calls...
    quint64 m_readStartedAt = 0;  // ...so a read older than the shown run is dropped
    std::shared_ptr<const ClassificationData> m_data;
    QString m_source;
    std::shared_ptr<const RunRecord> m_run;
};

}  // namespace btsf::gui
