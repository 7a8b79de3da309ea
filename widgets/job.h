#pragma once
// The handle of one request to the JobRunner (a training or checkpoint
// evaluation, a forecast, a detector, a grid): whoever starts a job connects
// to its signals, so each report reaches the panel that asked for it without a
// switch on "which job is running".
//
// The worker emits these signals on the job thread. Connect them with a
// receiver or context object that lives on the GUI thread, so that Qt queues
// each call there. A job ends with exactly one of finished, cancelled and
// failed; the runner deletes the handle once the worker has returned from it.
#include "io/classification_record.h"
#include "metatypes.h"
#include "train/train_types.h"

#include <QObject>
#include <QString>

#include <memory>

namespace btsf::gui {

class Job : public QObject {
    Q_OBJECT
public:
    enum class Kind { Classification, Forecast, Anomaly, Compare };

    explicit Job(Kind kind, QObject* parent = nullptr) : QObject(parent), m_kind(kind) {}
    Kind kind() const { return m_kind; }

    // A classification run as read back from its folder (the worker reads what it
    // has just written, so a fresh run and a reopened one show the same thing).
    // Set on the job thread before finished is emitted; read it in a slot of finished.
    std::shared_ptr<const ClassificationRecord> record() const { return m_record; }
    void setRecord(std::shared_ptr<const ClassificationRecord> record) { m_record = std::move(record); }

Q_SIGNALS:
    void stageChanged(const QString& stage);
    void progress(const btsf::TrainProgress& progress);
    void cellFinished(const btsf::GridCell& cell, int done, int total);  // grids only
    void finished(const QString& folder);                                // the run folder, or the grid's folder
    void cancelled(int iterationsDone);
    void failed(const QString& message);

private:
    Kind m_kind;
    std::shared_ptr<const ClassificationRecord> m_record;
};

}  // namespace btsf::gui
