#pragma once
// Owns the job thread and its worker, and runs one job at a time. start()
// returns the job's handle (widgets/job.h), or nullptr while a job runs; the
// work begins on the next turn of the event loop, so the caller connects to
// the handle first and misses no report. stop() sets the cancel flag directly
// from the GUI thread, and the core checks it before every iteration. The
// thread is named, and it is quit and joined when the runner goes away (never
// left running).
#include "job.h"
#include "job_worker.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace btsf::gui {

class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    bool busy() const { return m_busy; }
    Job* start(const TrainRequest& request);
    Job* start(const ForecastRequest& request);
    Job* start(const AnomalyRequest& request);
    Job* start(const CompareRequest& request);
    void stop();

Q_SIGNALS:
    void started(btsf::gui::Job* job);  // emitted inside start(), before any report
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);
    Job* dispatch(Job::Kind kind, std::function<void(JobWorker*, Job*)> work);

    std::shared_ptr<CancelToken> m_cancel;
    QThread* m_thread;
    JobWorker* m_worker;
    bool m_busy = false;
};

}  // namespace btsf::gui
