#include "compare_command.h"

#include "data/normalize.h"
#include "tasks/branch_agreement.h"
#include "tasks/classification_output.h"
#include "tasks/comparison_grid.h"
#include "train/data_parallel.h"
#include "train/device.h"
#include "train/trainer.h"
#include "util/atomic_file.h"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <utility>

namespace btsf::cli {

void add_compare_command(CLI::App& app, CompareCommandOptions& o)
{
    auto* cmd = app.add_subcommand("compare", "Grid of augmentations x fusion modes x seeds, with rank statistics");
    cmd->add_option("datasets", o.datasets, "Datasets (folders, archive names or demo:NAME)")->required();
    // `default` is chosen on classification; the fusion grid (it needs both branches) keeps the preset it
    // was measured with until it is measured again (issue 13).
    o.common.preset = "sum-fusion";
    add_common_options(*cmd, o.common);
    cmd->add_option("--augmentations", o.augmentations,
                    "dropout, layerwise-dropout, jitter, scaling, rotation, permutation, magnitude-warp, time-warp, "
                    "window-slice, window-warp, spawner, wdba, rgw, dgw (comma-separated)")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("--fusion", o.fusions, "temporal, spectral, sum, concat, bilinear, iterative (comma-separated)")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("--seeds", o.seeds, "Seeds per cell (0 .. N-1)")->capture_default_str()->check(CLI::Range(1, 100));
    cmd->add_option("--probe", o.probe, "linear or svm")
        ->check(CLI::IsMember({"linear", "svm"}))
        ->capture_default_str();
    cmd->add_option("--shard", o.shard,
                    "K/N: run only the K-th of N shares of the cells (0 <= K < N) into --out; shards may run at "
                    "once, on any machines sharing the folder; compare without --shard then writes the reports");
}

namespace {
// "K/N" -> {K, N}; anything else is refused before any training.
std::pair<int, int> parse_shard(const std::string& text)
{
    int k = -1, n = 0;
    char slash = 0, rest = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &k, &slash, &n, &rest) != 3 || slash != '/' || n < 1 || k < 0 || k >= n)
        throw std::invalid_argument("--shard " + text + ": expected K/N with 0 <= K < N, for example 0/4");
    return {k, n};
}
}  // namespace

int run_compare(const CompareCommandOptions& o, const std::string& command_line)
{
    if (data_parallel_from_environment())
        throw std::invalid_argument(
            "compare trains many small models: spread its cells with --shard K/N instead of "
            "data-parallel ranks");
    const auto [shard, shards] = o.shard.empty() ? std::pair<int, int>{0, 1} : parse_shard(o.shard);
    refuse_run_folder(o.common.out, "compare");
    // Shards share the folder: each keeps its own log.
    setup_logging(o.common.out, shards == 1
                                    ? "btsf.log"
                                    : "btsf-shard-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".log");
    CompareOptions options;
    options.shard = shard;
    options.shards = shards;
    options.device = prepare_runtime(o.common);
    options.base = resolve_config(o.common);
    options.datasets = o.datasets;
    options.augmentations = o.augmentations;
    options.fusions = o.fusions;
    options.seeds = o.seeds;
    options.probe = o.probe;
    options.data_root = o.common.data_root;
    options.out = o.common.out;
    const auto cells = run_comparison_grid(options, [](const GridCell& c, int done, int total) {
        spdlog::info("[{}/{}] {} {} seed {}: accuracy {:.4f} ({:.0f}s)", done, total, c.dataset, c.method(), c.seed,
                     c.accuracy, c.seconds);
    });
    if (shards > 1) {
        spdlog::info("shard {}/{}: {} cells kept in {}/cells; compare without --shard writes the reports", shard,
                     shards, cells.size(), o.common.out);
        return 0;
    }
    write_comparison_reports(o.common.out, cells, command_line);
    spdlog::info("wrote {}/compare.json and compare.md ({} cells)", o.common.out, cells.size());
    return 0;
}

void add_agreement_command(CLI::App& app, AgreementCommandOptions& o)
{
    auto* cmd = app.add_subcommand("agreement", "Temporal-only vs spectral-only false predictions (paper Table 5)");
    cmd->add_option("--checkpoint", o.checkpoint, "checkpoint.pt of a classification run")->required();
    cmd->add_option("dataset", o.dataset, "The dataset it was trained on")->required();
    cmd->add_option("--data-root", o.data_root, "Folder holding the archives (default: $BTSF_DATA_ROOT)");
    cmd->add_option("--out", o.out, "Output folder (agreement.json)")->capture_default_str();
    cmd->add_option("--device", o.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--threads", o.threads, "LibTorch threads (0: one per core)");
    cmd->add_option("--probe", o.probe, "linear or svm")
        ->check(CLI::IsMember({"linear", "svm"}))
        ->capture_default_str();
}

int run_agreement(const AgreementCommandOptions& o)
{
    refuse_run_folder(o.out, "agreement");
    setup_logging(o.out);
    set_thread_count(o.threads);
    auto trainer = Trainer::load_checkpoint(o.checkpoint, o.device);
    ClassificationData data = load_dataset(o.dataset, o.data_root);
    restore_checkpoint_zscore(*trainer, o.checkpoint, data);
    const auto a = branch_agreement(*trainer, data, o.probe, unsigned(trainer->config().seed));
    spdlog::info("{} ({} test series, {} probe)", data.name, a.n_test, a.probe);
    spdlog::info("  temporal only: accuracy {:.4f}, {} wrong", a.temporal_accuracy, a.temporal_wrong);
    spdlog::info("  spectral only: accuracy {:.4f}, {} wrong", a.spectral_accuracy, a.spectral_wrong);
    spdlog::info("  wrong in both: {} ({:.1f}% of the temporal mistakes)", a.both_wrong,
                 a.temporal_wrong ? 100.0 * double(a.both_wrong) / double(a.temporal_wrong) : 0.0);
    write_text_atomically(o.out + "/agreement.json",
                          nlohmann::json{{"dataset", data.name},
                                         {"probe", a.probe},
                                         {"n_test", a.n_test},
                                         {"temporal", {{"accuracy", a.temporal_accuracy}, {"wrong", a.temporal_wrong}}},
                                         {"spectral", {{"accuracy", a.spectral_accuracy}, {"wrong", a.spectral_wrong}}},
                                         {"both_wrong", a.both_wrong}}
                                  .dump(2) +
                              "\n");
    return 0;
}

}  // namespace btsf::cli
