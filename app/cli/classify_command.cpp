#include "classify_command.h"

#include "progress_reporter.h"
#include "tasks/classification_output.h"
#include "tasks/classification_run.h"
#include "tasks/geometry_analysis.h"
#include "train/device.h"
#include "train/trainer.h"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

namespace btsf::cli {

void add_classify_command(CLI::App& app, ClassifyOptions& o)
{
    auto* cmd =
        app.add_subcommand("classify", "Train an encoder (a preset) on a UCR/UEA problem and score it with probes");
    cmd->add_option("dataset", o.common.dataset, "Dataset folder, _TRAIN file, archive name, or demo:NAME")->required();
    add_common_options(*cmd, o.common);
    add_force_option(*cmd, o.common);
    cmd->add_option("--probe", o.probe, "linear, svm or both")
        ->check(CLI::IsMember({"linear", "svm", "both"}))
        ->capture_default_str();
    cmd->add_flag("!--no-baselines", o.baselines, "Skip the raw-input, untrained-encoder and MiniRocket baselines");
}

namespace {
void log_scores(const RepresentationScores& scores, const std::string& label)
{
    for (const auto& p : scores.probes)
        spdlog::info("{:>12} {:>6}: accuracy {:.4f}  auprc {:.4f}  (C={:g}, {:.1f}s)", label, p.probe, p.accuracy,
                     p.auprc, p.c, p.seconds);
}

void log_minirocket(const MiniRocketScores& m)
{
    if (m.features == 0) return;
    log_scores(m.probes, "minirocket");
    const auto& r = m.ridge;
    spdlog::info("{:>12} {:>6}: accuracy {:.4f}  auprc {:.4f}  (alpha={:.3g}, {:.1f}s; {} features in {:.1f}s)",
                 "minirocket", "ridge", r.accuracy, r.auprc, r.c, r.seconds, m.features, m.transform_seconds);
}

// The run itself; every file goes into `folder`, the staging folder of --out.
int classify_into(const ClassifyOptions& o, const BtsfConfig& config, const std::string& folder,
                  const std::string& command_line)
{
    const std::string device = prepare_runtime(o.common);
    ClassificationData data = load_dataset(o.common.dataset, o.common.data_root);
    const ZScore zscore = normalize_classification(data);
    spdlog::info("{}: {} train, {} test, {} channel(s), length {}, {} classes{}", data.name, data.train.n, data.test.n,
                 data.train.channels, data.train.length, data.class_names.size(),
                 data.unequal_length ? ", unequal lengths" : "");
    spdlog::info("{}", preset_description(config.preset));
    spdlog::info("preset {}, fusion {}, loops {}, iters {}", config.preset, config.fusion, config.loops,
                 config.iters > 0 ? std::to_string(config.iters) : "auto");

    ClassificationRunOptions run_options;
    run_options.config = config;
    run_options.device = device;
    run_options.probes =
        o.probe == "both" ? std::vector<std::string>{"linear", "svm"} : std::vector<std::string>{o.probe};
    run_options.baselines = o.baselines;
    ProgressReporter progress;
    auto run = run_classification(data, run_options, progress.callbacks());
    progress.finish();
    if (worker_rank()) return 0;  // rank 0 scores and writes the run
    spdlog::info("trained {} iterations in {:.1f}s, final loss {:.4f}", run.trainer->iteration(), run.fit.seconds,
                 run.fit.final_loss);
    const std::string label = trained_label(run.trainer->config());
    log_scores(run.btsf, label);
    log_scores(run.untrained, "untrained");
    log_scores(run.raw, "raw");
    log_minirocket(run.minirocket);
    const auto verdict = baseline_verdict(run);
    if (verdict.available && !verdict.beats_both())
        spdlog::warn(
            "the trained {} encoder did not beat {} with the {} probe: this training added nothing useful here", label,
            !verdict.beats_raw && !verdict.beats_untrained ? "the raw input or the untrained encoder"
            : !verdict.beats_raw                           ? "the raw input"
                                                           : "the untrained encoder",
            run.btsf.primary()->probe);
    else if (verdict.available && !verdict.beats_minirocket)
        spdlog::warn("the trained {} encoder did not beat MiniRocket, a transform that trains nothing", label);

    const auto geometry = analyse_geometry(*run.trainer, data.test, run.test_representations, config.seed);
    spdlog::info("alignment {:.4f}, uniformity {:.4f}", geometry.alignment_mean, geometry.uniformity);
    save_classification_run(folder, data, zscore, run,
                            RunInfo{data.name, device, thread_count(), command_line, o.common.dataset}, &geometry);
    spdlog::info("wrote {}/metrics.json, checkpoint.pt, config.json, representations.h5, loss_curve.csv, geometry.json",
                 o.common.out);
    return 0;
}
}  // namespace

int run_classify(const ClassifyOptions& o, const std::string& command_line)
{
    const BtsfConfig config = resolve_config(o.common);  // a bad option fails before the folder is touched
    return run_in_staged_folder(
        o.common.out, o.common.force, "classification", command_line,
        [&](const std::string& folder) { return classify_into(o, config, folder, command_line); });
}

}  // namespace btsf::cli
