#pragma once
// Train and Stop, the config, the device in use, and the progress of the
// running job: a progress bar, iteration count, ETA and the live loss curve.
#include "metatypes.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace btsf::gui {

class ConfigForm;
class LossChart;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    ConfigForm* configForm() const { return m_form; }
    LossChart* lossChart() const { return m_loss; }
    QString statusText() const;
    // Data-parallel ranks on this machine (1: train in this window's worker).
    int ranks() const;
    int threadsPerRank() const;  // 0: the cores divided among the ranks
    // The bar of each rank of a data-parallel run ("rank R: I / N").
    QList<QProgressBar*> rankBars() const { return m_rankBars; }

Q_SIGNALS:
    void trainRequested();
    void stopRequested();

public Q_SLOTS:
    void setBusy(bool busy);
    void setCanTrain(bool can, const QString& dataset = {});  // a dataset is open
    void onStarted();
    void onRanksStarted(int ranks);  // one bar per rank, replacing the single bar
    void onRankProgress(int rank, int iteration, int total, double loss);
    void onProgress(const btsf::TrainProgress& progress);
    void onStage(const QString& stage);
    void onFinished(const QString& summary);
    void onCancelled(int iterationsDone);
    void onFailed(const QString& message);

private:
    ConfigForm* m_form;
    QLabel* m_device;
    QPushButton* m_train;
    QPushButton* m_stop;
    QProgressBar* m_progress;
    QLabel* m_status;
    LossChart* m_loss;
    QSpinBox* m_ranks;
    QSpinBox* m_threadsPerRank;
    QVBoxLayout* m_rankArea;
    QList<QProgressBar*> m_rankBars;
    bool m_busy = false;
    bool m_canTrain = false;
    bool m_showsHint = false;  // the status is the open-dataset hint, not a job's report
};

// "1 m 05 s" style durations for the ETA.
QString format_duration(double seconds);

}  // namespace btsf::gui
