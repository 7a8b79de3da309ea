#include "forecast_command.h"

#include "data/dataset_folder.h"
#include "data/forecast_data.h"
#include "progress_reporter.h"
#include "tasks/forecast_output.h"
#include "tasks/forecasting.h"
#include "train/device.h"
#include "train/trainer.h"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>

namespace btsf::cli {

void add_forecast_command(CLI::App& app, ForecastCommandOptions& o)
{
    auto* cmd = app.add_subcommand("forecast",
                                   "Train an encoder (a preset) on a series and score ridge forecasts (ETT protocol)");
    cmd->add_option("dataset", o.common.dataset, "CSV file, demo:SeasonalDemo, or a name under --data-root (ETTh1)")
        ->required();
    // `default` is chosen on classification; forecasting keeps the preset it
    // was measured with until it is measured again (issue 13).
    o.common.preset = "sum-fusion";
    add_common_options(*cmd, o.common);
    add_force_option(*cmd, o.common);
    cmd->add_option("--target", o.target, "Target variable of the univariate setting")->capture_default_str();
    cmd->add_flag("--multivariate", o.multivariate, "All variables are inputs and targets (default: univariate)");
    cmd->add_option("--horizons", o.horizons, "Forecast horizons (default: 24 48 168 336 720 for ETTh, ...)")
        ->delimiter(',')
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--lookback", o.lookback, "Steps in the window that gives the representation at t")
        ->capture_default_str()
        ->check(CLI::Range(2, 100000));
    cmd->add_flag("!--no-baselines", o.baselines, "Skip the raw-window and untrained-encoder baselines");
    cmd->add_flag("--standardise", o.standardise,
                  "Z-score every feature on the training origins before the ridge (default: as they are)");
    cmd->add_option("--series-readout", o.series_readout,
                    "Series-pooling presets (ts2vec, btsf): the window's last step (TS2Vec's protocol) or the max "
                    "over its steps")
        ->check(CLI::IsMember({"last", "max"}))
        ->capture_default_str();
    cmd->add_option("--predictions", o.predictions, "What predictions.h5 keeps: all, btsf or none")
        ->check(CLI::IsMember({"all", "btsf", "none"}))
        ->capture_default_str();
}

std::string resolve_forecast_dataset(const std::string& dataset, const std::string& data_root)
{
    namespace fs = std::filesystem;
    if (dataset.rfind("demo:", 0) == 0 || fs::exists(dataset)) return dataset;
    const std::string root = data_root.empty() ? default_data_root() : data_root;
    for (const fs::path candidate : {fs::path(root) / "ett" / (dataset + ".csv"), fs::path(root) / (dataset + ".csv")})
        if (!root.empty() && fs::exists(candidate)) return candidate.string();
    return dataset;  // the loader's error names it
}

namespace {
// The run itself; every file goes into `folder`, the staging folder of --out.
int forecast_into(const ForecastCommandOptions& o, const BtsfConfig& config, const std::string& folder,
                  const std::string& command_line)
{
    const std::string device = prepare_runtime(o.common);
    const std::string source = resolve_forecast_dataset(o.common.dataset, o.common.data_root);
    const ForecastSeries series = load_forecast_series(source);
    const ForecastProblem problem = make_forecast_problem(series, o.multivariate, o.target);
    const std::vector<int> horizons = o.horizons.empty() ? forecast_horizons(problem.name) : o.horizons;
    check_forecast_problem(problem, source, o.lookback, *std::max_element(horizons.begin(), horizons.end()));
    spdlog::info("{}: {} steps, {} variable(s), {} input channel(s), splits {}/{}/{}, {} setting ({} target(s))",
                 problem.name, series.length, series.variables.size(), problem.channels, problem.splits.train_end,
                 problem.splits.valid_end - problem.splits.train_end,
                 problem.splits.test_end - problem.splits.valid_end, o.multivariate ? "multivariate" : "univariate",
                 problem.n_targets);

    ForecastOptions options;
    options.config = config;
    options.device = device;
    options.lookback = o.lookback;
    options.horizons = o.horizons;
    options.baselines = o.baselines;
    options.standardise_features = o.standardise;
    options.series_readout = o.series_readout;
    ProgressReporter progress;
    auto run = run_forecasting(problem, options, progress.callbacks());
    progress.finish();
    if (worker_rank()) return 0;  // rank 0 scores and writes the run
    spdlog::info("trained {} iterations in {:.1f}s, encoded in {:.1f}s", run.trainer->iteration(), run.fit.seconds,
                 run.encode_seconds);
    for (std::size_t k = 0; k < run.btsf.horizons.size(); ++k) {
        const auto& b = run.btsf.horizons[k];
        std::string line = fmt::format("H={:>4}  {} mse {:.4f} mae {:.4f} (alpha {:g})", b.horizon,
                                       run.trainer->config().preset, b.mse, b.mae, b.alpha);
        if (k < run.raw.horizons.size())
            line += fmt::format("  |  untrained mse {:.4f}  raw-window mse {:.4f}  nlinear mse {:.4f}",
                                run.untrained.horizons[k].mse, run.raw.horizons[k].mse, run.nlinear.horizons[k].mse);
        spdlog::info("{}", line);
    }
    ForecastRunInfo info{RunInfo{problem.name, device, thread_count(), command_line, source}, o.multivariate,
                         o.lookback, o.standardise};
    save_forecast_run(folder, problem, run, info, o.predictions);
    spdlog::info("wrote {}/metrics.json, checkpoint.pt, config.json, loss_curve.csv{}", o.common.out,
                 o.predictions == "none" ? "" : ", predictions.h5");
    return 0;
}
}  // namespace

int run_forecast(const ForecastCommandOptions& o, const std::string& command_line)
{
    const BtsfConfig config = resolve_config(o.common);  // a bad option fails before the folder is touched
    return run_in_staged_folder(
        o.common.out, o.common.force, "forecasting", command_line,
        [&](const std::string& folder) { return forecast_into(o, config, folder, command_line); });
}

}  // namespace btsf::cli
