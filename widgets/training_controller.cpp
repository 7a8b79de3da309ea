#include "training_controller.h"

#include <QThread>

namespace btsf::gui {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent),
      m_cancel(std::make_shared<CancelToken>()),
      m_thread(new QThread(this)),
      m_worker(new TrainingWorker(m_cancel))
{
    qRegisterMetaType<btsf::TrainProgress>();
    qRegisterMetaType<btsf::GridCell>();
    qRegisterMetaType<std::shared_ptr<const btsf::ClassificationRecord>>();
    m_thread->setObjectName(QStringLiteral("btsf-training"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::stageChanged, this, &TrainingController::stageChanged);
    connect(m_worker, &TrainingWorker::progress, this, &TrainingController::progress);
    connect(m_worker, &TrainingWorker::finished, this, [this](std::shared_ptr<const ClassificationRecord> record) {
        setBusy(false);
        Q_EMIT finished(std::move(record));
    });
    connect(m_worker, &TrainingWorker::forecastFinished, this, [this](const QString& folder) {
        setBusy(false);
        Q_EMIT forecastFinished(folder);
    });
    connect(m_worker, &TrainingWorker::anomalyFinished, this, [this](const QString& folder) {
        setBusy(false);
        Q_EMIT anomalyFinished(folder);
    });
    connect(m_worker, &TrainingWorker::cellFinished, this, &TrainingController::cellFinished);
    connect(m_worker, &TrainingWorker::compareFinished, this, [this](const QString& folder) {
        setBusy(false);
        Q_EMIT compareFinished(folder);
    });
    connect(m_worker, &TrainingWorker::cancelled, this, [this](int done) {
        setBusy(false);
        Q_EMIT cancelled(done);
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](const QString& message) {
        setBusy(false);
        Q_EMIT failed(message);
    });
    m_thread->start();
}

TrainingController::~TrainingController()
{
    // Closing the window mid-training: stop at the next iteration, then join.
    m_cancel->cancel();
    m_thread->quit();
    m_thread->wait();
}

bool TrainingController::dispatch(const std::function<void(TrainingWorker*)>& job)
{
    if (m_busy) return false;
    m_cancel->reset();
    setBusy(true);
    TrainingWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, job] { job(worker); }, Qt::QueuedConnection);
    return true;
}

bool TrainingController::start(const TrainRequest& request)
{
    return dispatch([request](TrainingWorker* worker) { worker->run(request); });
}

bool TrainingController::startForecast(const ForecastRequest& request)
{
    return dispatch([request](TrainingWorker* worker) { worker->runForecast(request); });
}

bool TrainingController::startAnomaly(const AnomalyRequest& request)
{
    return dispatch([request](TrainingWorker* worker) { worker->runAnomaly(request); });
}

bool TrainingController::startCompare(const CompareRequest& request)
{
    return dispatch([request](TrainingWorker* worker) { worker->runCompare(request); });
}

void TrainingController::stop()
{
    m_cancel->cancel();
}

void TrainingController::setBusy(bool busy)
{
    if (m_busy == busy) return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

}  // namespace btsf::gui
