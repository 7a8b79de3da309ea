#pragma once
// Forecasting (ETT protocol, spec §8): pick a series (a CSV or the built-in
// seasonal demo) and a setting, train, then browse the test forecasts: a
// horizon, a variable and a test start (slider) give history, truth and the
// predictions of BTSF and both baselines on one chart, beside the metric
// table of every horizon.
#include "io/forecast_record.h"
#include "latest_read.h"

#include <QWidget>

#include <memory>
#include <string>
#include <utility>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace btsf::gui {

class ChartFrame;
class JobStatus;
class JobRunner;
struct ForecastRequest;

class ForecastPanel : public QWidget {
    Q_OBJECT
public:
    explicit ForecastPanel(JobRunner* runner, QWidget* parent = nullptr);
    // Where a job's stage, progress and end are shown (MainWindow connects the job to it).
    JobStatus* jobStatus() const { return m_status; }
    ~ForecastPanel() override;

    // Everything the Train button sends, from the controls.
    ForecastRequest request(const QString& runFolder) const;
    void setSource(const QString& source);
    void setIterations(int iters);
    void setMultivariate(bool multivariate);
    void setLookback(int steps);

    const ForecastRecord* record() const { return m_record.get(); }
    ChartFrame* chartFrame() const { return m_chart; }
    QTableWidget* metricsTable() const { return m_metrics; }
    QSlider* startSlider() const { return m_start; }
    QComboBox* horizonBox() const { return m_horizon; }
    QString statusText() const;

Q_SIGNALS:
    void trainRequested();
    void shown();  // a run's forecasts (of the chosen horizon) are on screen

public Q_SLOTS:
    void openRun(const QString& folder);
    void openCsvWithDialog();
    void onBusy(bool busy);

private:
    // A horizon's predictions are read off the GUI thread (about 40 MB for
    // ETTh1 multivariate at H = 720), keyed by run folder and horizon.
    using HorizonReader = LatestRead<std::pair<std::string, int>, HorizonPredictions>;
    void loadHorizon();  // asynchronous: onHorizonRead, then shown
    void onHorizonRead(HorizonReader::Outcome loaded);
    void redraw();
    void fillMetrics();

    JobRunner* m_runner;
    QComboBox* m_source;
    QComboBox* m_setting;
    QLineEdit* m_target;
    QSpinBox* m_iters;
    QSpinBox* m_lookback;
    QPushButton* m_train;
    QPushButton* m_stop;
    JobStatus* m_status;
    QTableWidget* m_metrics;
    QComboBox* m_horizon;
    QComboBox* m_variable;
    QSlider* m_start;
    QLabel* m_startLabel;
    ChartFrame* m_chart;
    std::unique_ptr<ForecastRecord> m_record;
    std::shared_ptr<const HorizonPredictions> m_predictions;
    HorizonReader m_horizonReader;
    Matrix m_series;
};

}  // namespace btsf::gui
