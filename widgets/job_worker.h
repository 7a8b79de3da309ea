#pragma once
// The worker that runs the window's jobs. It lives on its own QThread (see
// JobRunner), calls the synchronous core, and reports through the job's handle
// (widgets/job.h). Nothing thrown by the core escapes: every error becomes the
// job's failed(message).
#include "data/dataset.h"
#include "model/btsf_config.h"
#include "tasks/comparison_grid.h"
#include "train/train_types.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace btsf::gui {

struct TrainRequest {
    std::shared_ptr<const ClassificationData> data;  // as loaded, not yet normalised
    QString source;                                  // path or demo:NAME, kept in the run for reopening
    BtsfConfig config;
    QString device = QStringLiteral("auto");
    QStringList probes = {QStringLiteral("linear"), QStringLiteral("svm")};
    QString runFolder;   // where the finished run is written
    QString checkpoint;  // non-empty: evaluate this checkpoint instead of training
};

// A forecasting job (ETT protocol): train on the series' training split, then
// score ridge forecasts with both baselines, and write the run folder.
struct ForecastRequest {
    QString source;  // CSV path or demo:SeasonalDemo
    bool multivariate = true;
    QString target = QStringLiteral("OT");
    BtsfConfig config;
    QString device = QStringLiteral("auto");
    int lookback = 200;
    QString runFolder;
};

// An anomaly-detection job: train on the normal part, score the test part,
// and write the run folder.
struct AnomalyRequest {
    QString source;  // as btsf-cli detect takes it, or demo:InjectedDemo
    QString dataRoot;
    int window = 100;
    BtsfConfig config;
    QString device = QStringLiteral("auto");
    QString runFolder;
};

// An augmentation/ablation grid: cells are kept as they finish (resumable).
struct CompareRequest {
    CompareOptions options;
};

class Job;

class JobWorker : public QObject {
    Q_OBJECT
public:
    explicit JobWorker(std::shared_ptr<CancelToken> cancel) : m_cancel(std::move(cancel)) {}

    // Run on the worker's thread (invoke them queued); each ends the job with
    // exactly one of its finished, cancelled and failed, then emits done.
    void run(const TrainRequest& request, Job& job);
    void run(const ForecastRequest& request, Job& job);
    void run(const AnomalyRequest& request, Job& job);
    void run(const CompareRequest& request, Job& job);

Q_SIGNALS:
    void done(btsf::gui::Job* job);  // after the job's last report: the handle may go

private:
    void classify(const TrainRequest& request, Job& job);
    void forecast(const ForecastRequest& request, Job& job);
    void detect(const AnomalyRequest& request, Job& job);
    void compare(const CompareRequest& request, Job& job);
    // Runs work, turning every exception into job.failed(message), then emits done.
    template <typename Work>
    void guarded(Job& job, Work&& work);

    std::shared_ptr<CancelToken> m_cancel;
};

}  // namespace btsf::gui
