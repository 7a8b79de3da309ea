#pragma once
// The progress bar and status line of a panel that starts a background job
// (forecasting, anomaly detection): stage names, training progress, errors
// and Stop all look the same in every panel.
#include <QWidget>

class QLabel;
class QProgressBar;

namespace btsf::gui {

class JobStatus : public QWidget {
    Q_OBJECT
public:
    explicit JobStatus(const QString& idleText, QWidget* parent = nullptr);

    QString text() const;
    void showDone(const QString& text);  // full bar and a summary
    void onBusy(bool busy);
    void onStage(const QString& stage);  // "Training" waits for progress; others show a busy bar
    void onProgress(int iteration, int total, double loss);
    void onFailed(const QString& message);
    void onCancelled(int iterations);

private:
    QProgressBar* m_progress;
    QLabel* m_status;
};

}  // namespace btsf::gui
