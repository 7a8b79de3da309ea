#include "detect_command.h"

#include "data/anomaly_data.h"
#include "data/dataset_folder.h"
#include "progress_reporter.h"
#include "tasks/anomaly_detection.h"
#include "tasks/anomaly_output.h"
#include "train/device.h"
#include "train/trainer.h"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

namespace btsf::cli {

void add_detect_command(CLI::App& app, DetectCommandOptions& o)
{
    auto* cmd = app.add_subcommand(
        "detect", "Train an encoder (a preset) on normal data and flag anomalies by reconstruction error");
    cmd->add_option("dataset", o.common.dataset, "Anomaly dataset (see README: demo:InjectedDemo, NASA, NAB, ...)")
        ->required();
    // `default` is chosen on classification; anomaly detection keeps the preset it
    // was measured with until it is measured again (issue 13).
    o.common.preset = "sum-fusion";
    add_common_options(*cmd, o.common);
    add_force_option(*cmd, o.common);
    cmd->add_option("--window", o.window, "Sliding window length")->capture_default_str()->check(CLI::Range(2, 100000));
    cmd->add_option("--stride", o.stride, "Window stride (0: window / 2)")
        ->capture_default_str()
        ->check(CLI::Range(0, 100000));
    cmd->add_option("--threshold", o.threshold, "sigma:K, quantile:Q or best-f1 (an oracle)")->capture_default_str();
    cmd->add_flag("!--no-baselines", o.baselines, "Skip the raw-window and untrained-encoder baselines");
}

namespace {
void log_result(const AnomalyResult& r)
{
    const auto& v = r.at_threshold;
    spdlog::info(
        "{:>9}: F1 {:.3f} (P {:.3f} R {:.3f}) point-wise | F1 {:.3f} point-adjusted | oracle F1 {:.3f} / {:.3f}",
        r.name, v.plain.f1, v.plain.precision, v.plain.recall, v.adjusted.f1, r.oracle_plain.scores.f1,
        r.oracle_adjusted.scores.f1);
}

// The run itself; every file goes into `folder`, the staging folder of --out.
int detect_into(const DetectCommandOptions& o, const BtsfConfig& config, const ThresholdRule& threshold,
                const std::string& folder, const std::string& command_line)
{
    const std::string device = prepare_runtime(o.common);
    AnomalyOptions options;
    options.config = config;
    options.device = device;
    options.window = o.window;
    options.stride = o.stride;
    options.threshold = threshold;
    options.baselines = o.baselines;
    const std::string root = o.common.data_root.empty() ? default_data_root() : o.common.data_root;
    const AnomalySeries series = load_anomaly_dataset(o.common.dataset, root);
    check_anomaly_series(series, o.common.dataset, o.window);
    spdlog::info("{}: train {}, test {} points, {} channel(s), {} anomalous points in {} event(s)", series.name,
                 series.train_length, series.test_length, series.channels_count(),
                 std::count(series.labels.begin(), series.labels.end(), std::uint8_t(1)), series.events.size());
    ProgressReporter progress;
    const auto run = run_anomaly_detection(series, options, progress.callbacks());
    progress.finish();
    if (worker_rank()) return 0;  // rank 0 scores and writes the run
    spdlog::info("trained {} iterations in {:.1f}s, scored in {:.1f}s; threshold {}", run.trainer->iteration(),
                 run.fit.seconds, run.score_seconds, options.threshold.text());
    log_result(run.btsf);
    if (o.baselines) {
        log_result(run.untrained);
        log_result(run.raw);
    }
    save_anomaly_run(folder, series, run,
                     AnomalyRunInfo{RunInfo{series.name, device, thread_count(), command_line, o.common.dataset},
                                    o.window, options.test_stride(), options.threshold.text()});
    spdlog::info("wrote {}/metrics.json, scores.h5, checkpoint.pt, config.json, loss_curve.csv", o.common.out);
    return 0;
}
}  // namespace

int run_detect(const DetectCommandOptions& o, const std::string& command_line)
{
    // Bad options fail before the folder is touched or any training time is spent.
    const BtsfConfig config = resolve_config(o.common);
    const auto threshold = parse_threshold(o.threshold);
    return run_in_staged_folder(o.common.out, o.common.force, "anomaly", command_line, [&](const std::string& folder) {
        return detect_into(o, config, threshold, folder, command_line);
    });
}

}  // namespace btsf::cli
