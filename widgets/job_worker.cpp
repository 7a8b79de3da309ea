#include "job_worker.h"

#include "job.h"

#include "data/anomaly_data.h"
#include "data/forecast_data.h"
#include "data/normalize.h"
#include "io/staged_run_folder.h"
#include "tasks/anomaly_detection.h"
#include "tasks/anomaly_output.h"
#include "tasks/classification_output.h"
#include "tasks/classification_run.h"
#include "tasks/forecast_output.h"
#include "tasks/forecasting.h"
#include "tasks/geometry_analysis.h"
#include "train/device.h"
#include "train/trainer.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace btsf::gui {

template <typename Work>
void JobWorker::guarded(Job& job, Work&& work)
{
    try {
        work();
    } catch (const std::exception& e) {
        // Torch errors, bad data, a full disk: all reach the window as text.
        spdlog::error("{}", e.what());
        Q_EMIT job.failed(QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT job.failed(tr("unknown error in the job thread"));
    }
    Q_EMIT done(&job);
}

void JobWorker::run(const TrainRequest& request, Job& job)
{
    guarded(job, [&] { classify(request, job); });
}

void JobWorker::run(const ForecastRequest& request, Job& job)
{
    guarded(job, [&] { forecast(request, job); });
}

void JobWorker::run(const AnomalyRequest& request, Job& job)
{
    guarded(job, [&] { detect(request, job); });
}

void JobWorker::run(const CompareRequest& request, Job& job)
{
    guarded(job, [&] { compare(request, job); });
}

void JobWorker::compare(const CompareRequest& request, Job& job)
{
    Q_EMIT job.stageChanged(tr("Running the grid"));
    TrainCallbacks callbacks;
    callbacks.on_iteration = [&job](const TrainProgress& p) { Q_EMIT job.progress(p); };
    const auto cells = run_comparison_grid(
        request.options,
        [&job](const GridCell& cell, int done, int total) { Q_EMIT job.cellFinished(cell, done, total); }, callbacks,
        m_cancel.get());
    if (m_cancel->cancelled()) {
        Q_EMIT job.cancelled(0);
        return;
    }
    write_comparison_reports(request.options.out, cells, "btsf-workbench");
    Q_EMIT job.finished(QString::fromStdString(request.options.out));
}

namespace {
// Progress to the job, and `next` (what the job does after training) as the
// stage once the last iteration is done.
TrainCallbacks report_training(Job& job, const QString& next)
{
    TrainCallbacks callbacks;
    callbacks.on_iteration = [&job, next](const TrainProgress& p) {
        Q_EMIT job.progress(p);
        if (p.iteration == p.total_iterations) Q_EMIT job.stageChanged(next);
    };
    return callbacks;
}

// Every file of a run goes through a staging folder, so the Runs list never
// shows half a run and a failed save leaves nothing that looks finished.
template <typename Save>
void save_staged(const QString& folder, const char* task, Save&& save)
{
    StagedRunFolder staged(folder.toStdString(), StagedRunOptions{task, "btsf-workbench", false});
    save(staged.path());
    staged.commit();
}

// Trains (train takes the callbacks and returns the task's run), then saves the
// run staged with save(folder, run): what a forecast and a detector share.
template <typename Train, typename Save>
void train_and_save(Job& job, const QString& next, const QString& folder, const char* task, Train&& train, Save&& save)
{
    Q_EMIT job.stageChanged(JobWorker::tr("Training"));
    const auto run = train(report_training(job, next));
    if (run.cancelled()) {
        Q_EMIT job.cancelled(run.trainer->iteration());
        return;
    }
    Q_EMIT job.stageChanged(JobWorker::tr("Saving the run"));
    save_staged(folder, task, [&](const std::string& staging) { save(staging, run); });
    Q_EMIT job.finished(folder);
}
}  // namespace

void JobWorker::detect(const AnomalyRequest& request, Job& job)
{
    Q_EMIT job.stageChanged(tr("Loading %1").arg(request.source));
    const AnomalySeries series = load_anomaly_dataset(request.source.toStdString(), request.dataRoot.toStdString());
    check_anomaly_series(series, request.source.toStdString(), request.window);
    AnomalyOptions options;
    options.config = request.config;
    options.device = request.device.toStdString();
    options.window = request.window;
    train_and_save(
        job, tr("Training the decoders and scoring every point"), request.runFolder, "anomaly",
        [&](const TrainCallbacks& callbacks) {
            return run_anomaly_detection(series, options, callbacks, m_cancel.get());
        },
        [&](const std::string& folder, const AnomalyRun& run) {
            save_anomaly_run(folder, series, run,
                             AnomalyRunInfo{RunInfo{series.name, run.trainer->device(), thread_count(),
                                                    "btsf-workbench", request.source.toStdString()},
                                            options.window, options.test_stride(), options.threshold.text()});
        });
}

void JobWorker::forecast(const ForecastRequest& request, Job& job)
{
    Q_EMIT job.stageChanged(tr("Loading %1").arg(request.source));
    const ForecastSeries series = load_forecast_series(request.source.toStdString());
    const ForecastProblem problem = make_forecast_problem(series, request.multivariate, request.target.toStdString());
    {
        const std::vector<int> horizons = forecast_horizons(problem.name);  // the workbench uses the usual ones
        check_forecast_problem(problem, request.source.toStdString(), request.lookback,
                               *std::max_element(horizons.begin(), horizons.end()));
    }
    ForecastOptions options;
    options.config = request.config;
    options.device = request.device.toStdString();
    options.lookback = request.lookback;
    train_and_save(
        job, tr("Encoding every lookback window and fitting the ridges"), request.runFolder, "forecasting",
        [&](const TrainCallbacks& callbacks) { return run_forecasting(problem, options, callbacks, m_cancel.get()); },
        [&](const std::string& folder, const ForecastRun& run) {
            const ForecastRunInfo info{RunInfo{problem.name, run.trainer->device(), thread_count(), "btsf-workbench",
                                               request.source.toStdString()},
                                       request.multivariate, request.lookback};
            save_forecast_run(folder, problem, run, info, "all");
        });
}

void JobWorker::classify(const TrainRequest& request, Job& job)
{
    if (!request.data) throw std::invalid_argument("no dataset is open");
    ClassificationData data = *request.data;  // normalised in place: the GUI keeps the raw copy
    ClassificationRunOptions options;
    options.config = request.config;
    options.device = request.device.toStdString();
    options.probes.clear();
    for (const QString& p : request.probes) options.probes.push_back(p.toStdString());

    ClassificationRun run;
    ZScore zscore;
    if (request.checkpoint.isEmpty()) {
        zscore = normalize_classification(data);
        Q_EMIT job.stageChanged(tr("Training"));
        const TrainCallbacks callbacks = report_training(job, tr("Scoring the probes and the baselines"));
        run = run_classification(data, options, callbacks, m_cancel.get());
        if (run.cancelled()) {
            Q_EMIT job.cancelled(run.trainer->iteration());
            return;
        }
    } else {
        Q_EMIT job.stageChanged(tr("Loading the checkpoint"));
        run.trainer = Trainer::load_checkpoint(request.checkpoint.toStdString(), options.device);
        zscore = restore_checkpoint_zscore(*run.trainer, request.checkpoint.toStdString(), data);
        run.fit.iterations_done = run.trainer->iteration();
        run.fit.final_loss = run.trainer->loss_curve().empty() ? 0.0 : run.trainer->loss_curve().back();
        Q_EMIT job.stageChanged(tr("Scoring the probes and the baselines"));
        score_classification_run(run, data, options);
    }
    Q_EMIT job.stageChanged(tr("Analysing alignment and uniformity"));
    const auto geometry =
        analyse_geometry(*run.trainer, data.test, run.test_representations, run.trainer->config().seed);
    Q_EMIT job.stageChanged(tr("Saving the run"));
    const std::string folder = request.runFolder.toStdString();
    RunInfo info{data.name,        run.trainer->device(),        thread_count(),
                 "btsf-workbench", request.source.toStdString(), request.checkpoint.toStdString()};
    save_staged(request.runFolder, "classification", [&](const std::string& staging) {
        save_classification_run(staging, data, zscore, run, info, &geometry);
    });
    job.setRecord(std::make_shared<const ClassificationRecord>(read_classification_record(folder)));
    Q_EMIT job.finished(request.runFolder);
}

}  // namespace btsf::gui
