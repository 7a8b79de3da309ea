#include "job_runner.h"

#include <QThread>

namespace btsf::gui {

JobRunner::JobRunner(QObject* parent)
    : QObject(parent),
      m_cancel(std::make_shared<CancelToken>()),
      m_thread(new QThread(this)),
      m_worker(new JobWorker(m_cancel))
{
    qRegisterMetaType<btsf::TrainProgress>();
    qRegisterMetaType<btsf::GridCell>();
    m_thread->setObjectName(QStringLiteral("btsf-jobs"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Deleted once the worker has returned from the job, never while it may still emit.
    connect(m_worker, &JobWorker::done, this, [](Job* job) { job->deleteLater(); });
    m_thread->start();
}

JobRunner::~JobRunner()
{
    // Closing the window mid-training: stop at the next iteration, then join.
    m_cancel->cancel();
    m_thread->quit();
    m_thread->wait();
}

Job* JobRunner::dispatch(Job::Kind kind, std::function<void(JobWorker*, Job*)> work)
{
    if (m_busy) return nullptr;
    m_cancel->reset();
    setBusy(true);
    auto* job = new Job(kind, this);
    // Connected first, so the runner is idle again before the starter's slots run.
    const auto end = [this] { setBusy(false); };
    connect(job, &Job::finished, this, end);
    connect(job, &Job::cancelled, this, end);
    connect(job, &Job::failed, this, end);
    Q_EMIT started(job);
    // Through this thread's event loop first: the caller connects to the handle
    // before the worker can report anything.
    JobWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        this,
        [worker, job, work = std::move(work)] {
            QMetaObject::invokeMethod(
                worker, [worker, job, work] { work(worker, job); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return job;
}

Job* JobRunner::start(const TrainRequest& request)
{
    return dispatch(Job::Kind::Classification, [request](JobWorker* worker, Job* job) { worker->run(request, *job); });
}

Job* JobRunner::start(const ForecastRequest& request)
{
    return dispatch(Job::Kind::Forecast, [request](JobWorker* worker, Job* job) { worker->run(request, *job); });
}

Job* JobRunner::start(const AnomalyRequest& request)
{
    return dispatch(Job::Kind::Anomaly, [request](JobWorker* worker, Job* job) { worker->run(request, *job); });
}

Job* JobRunner::start(const CompareRequest& request)
{
    return dispatch(Job::Kind::Compare, [request](JobWorker* worker, Job* job) { worker->run(request, *job); });
}

void JobRunner::stop()
{
    m_cancel->cancel();
}

void JobRunner::setBusy(bool busy)
{
    if (m_busy == busy) return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

}  // namespace btsf::gui
