#pragma once
// The worker that runs BTSF for the GUI. It lives on its own QThread (see
// TrainingController), calls the synchronous core, and turns the core's
// callbacks into queued signals. Nothing thrown by the core escapes: every
// error becomes failed(message).
#include "data/dataset.h"
#include "io/classification_record.h"
#include "metatypes.h"
#include "model/btsf_config.h"
#include "tasks/comparison_grid.h"
#include "train/train_types.h"

#include <QMetaType>
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

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(std::shared_ptr<CancelToken> cancel) : m_cancel(std::move(cancel)) {}

    // Runs on the worker's thread (invoke it queued).
    void run(const TrainRequest& request);
    void runForecast(const ForecastRequest& request);
    void runAnomaly(const AnomalyRequest& request);
    void runCompare(const CompareRequest& request);

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

private:
    void runOrThrow(const TrainRequest& request);
    void forecastOrThrow(const ForecastRequest& request);
    void anomalyOrThrow(const AnomalyRequest& request);
    void compareOrThrow(const CompareRequest& request);
    // Runs job, turning every exception into failed(message).
    template <typename Job>
    void guarded(Job&& job);

    std::shared_ptr<CancelToken> m_cancel;
};

}  // namespace btsf::gui
