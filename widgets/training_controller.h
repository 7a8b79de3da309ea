#pragma once
// Owns the training thread and its worker. start() hands a request to the
// worker queued; stop() sets the cancel flag directly from the GUI thread, and
// the core checks it before every iteration. The thread is named, and it is
// quit and joined when the controller goes away (never left running).
#include "training_worker.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace btsf::gui {

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    bool busy() const { return m_busy; }
    // Returns false (and does nothing) while a job is running.
    bool start(const TrainRequest& request);
    bool startForecast(const ForecastRequest& request);
    bool startAnomaly(const AnomalyRequest& request);
    bool startCompare(const CompareRequest& request);
    void stop();

Q_SIGNALS:
    void stageChanged(const QString& stage);
    void progress(const btsf::TrainProgress& progress);
    void finished(std::shared_ptr<const btsf::ClassificationRecord> record);
    void forecastFinished(const QString& folder);
    void anomalyFinished(const QString& folder);
    void cellFinished(const btsf::GridCell& cell, int done, int total);
    void compareFinished(const QString& folder);
    void cancelled(int iterationsDone);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);
    // Hands job to the worker thread unless one is running.
    bool dispatch(const std::function<void(TrainingWorker*)>& job);

    std::shared_ptr<CancelToken> m_cancel;
    QThread* m_thread;
    TrainingWorker* m_worker;
    bool m_busy = false;
};

}  // namespace btsf::gui
