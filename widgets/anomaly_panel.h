#pragma once
// Anomaly detection (spec §8): train on a dataset's normal part, then inspect
// the test series with the true anomaly ranges shaded and the flagged points
// marked, the score curve beneath, and a threshold slider that recomputes
// precision, recall and F1 (point-wise and point-adjusted) live. Both charts
// zoom with a rubber band and share the time axis.
#include "io/anomaly_record.h"
#include "latest_read.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSlider;
class QSpinBox;

namespace btsf::gui {

class ChartFrame;
class JobStatus;
class JobRunner;
struct AnomalyRequest;

class AnomalyPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnomalyPanel(JobRunner* runner, QWidget* parent = nullptr);
    // Where a job's stage, progress and end are shown (MainWindow connects the job to it).
    JobStatus* jobStatus() const { return m_status; }
    ~AnomalyPanel() override;

    AnomalyRequest request(const QString& runFolder) const;
    void setSource(const QString& source);
    void setIterations(int iters);
    void setWindow(int window);

    const AnomalyRecord* record() const { return m_record.get(); }
    ChartFrame* seriesFrame() const { return m_seriesChart; }
    ChartFrame* scoreFrame() const { return m_scoreChart; }
    double scoreAxisTop() const;  // the top of the score chart's value axis
    QSlider* thresholdSlider() const { return m_threshold; }
    double threshold() const { return m_currentThreshold; }
    int flaggedCount() const;
    QString metricsText() const;
    QString statusText() const;

Q_SIGNALS:
    void trainRequested();
    void shown();

public Q_SLOTS:
    void openRun(const QString& folder);
    void onBusy(bool busy);
    void resetZoom();

private:
    using RunReader = LatestRead<QString, AnomalyRecord>;  // a run folder, read off the GUI thread
    void onRunRead(RunReader::Outcome read);
    void drawSeries();
    void fitScoreAxis();
    void drawScores();
    void applyThreshold();
    double sliderToThreshold(int position) const;

    JobRunner* m_runner;
    QComboBox* m_source;
    QSpinBox* m_window;
    QSpinBox* m_iters;
    QPushButton* m_train;
    QPushButton* m_stop;
    JobStatus* m_status;
    QComboBox* m_channel;
    QSlider* m_threshold;
    QLabel* m_metrics;
    ChartFrame* m_seriesChart;
    ChartFrame* m_scoreChart;
    QScatterSeries* m_flagged = nullptr;
    QLineSeries* m_thresholdLine = nullptr;
    std::unique_ptr<AnomalyRecord> m_record;
    RunReader m_reader;
    std::vector<float> m_sortedScores;  // the slider's scale
    double m_currentThreshold = 0;
};

}  // namespace btsf::gui
