#include "cli_common.h"

#include "data/dataset_folder.h"
#include "io/staged_run_folder.h"
#include "train/data_parallel.h"
#include "train/device.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace btsf::cli {

void add_common_options(CLI::App& command, CommonOptions& o)
{
    command.add_option("--data-root", o.data_root, "Folder holding the archives (default: $BTSF_DATA_ROOT)");
    command.add_option("--out", o.out, "Output folder for this run")->capture_default_str();
    command.add_option("--device", o.device, "auto, cpu or cuda")->capture_default_str();
    command.add_option("--threads", o.threads, "LibTorch threads (0: one per core)")->capture_default_str();
    command.add_option("--seed", o.seed, "Random seed (default: the config's, 0)");
    command.add_option("--iters", o.iters, "Training iterations (0: 200, or 600 above 100k values)");
    command.add_option("--config", o.config_file, "JSON config file (keys of BTSF-SPEC, see config.json of a run)");
    command
        .add_option("--preset", o.preset, "Named preset when no --config: default, paper, ts2vec, btsf or sum-fusion")
        ->capture_default_str();
}

void add_force_option(CLI::App& command, CommonOptions& o)
{
    command.add_flag("--force", o.force, "Replace the run that --out holds (the new run replaces it whole)");
}

void setup_logging(const std::string& out_dir, const std::string& log_name)
{
    std::filesystem::create_directories(out_dir);
    auto console = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
    auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(out_dir + "/" + log_name, /*truncate=*/true);
    auto logger = std::make_shared<spdlog::logger>("btsf", spdlog::sinks_init_list{console, file});
    logger->set_pattern("[%H:%M:%S] %v");
    spdlog::set_default_logger(logger);
}

void setup_worker_logging(int rank)
{
    auto console = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
    auto logger = std::make_shared<spdlog::logger>("btsf", console);
    logger->set_pattern("[%H:%M:%S] [rank " + std::to_string(rank) + "] %v");
    spdlog::set_default_logger(logger);
}

bool worker_rank()
{
    const auto env = data_parallel_from_environment();
    return env && env->rank != 0;
}

int run_in_staged_folder(const std::string& out, bool force, const std::string& task, const std::string& command_line,
                         const std::function<int(const std::string& folder)>& body)
{
    if (const auto env = data_parallel_from_environment(); env && env->rank != 0) {
        // A worker rank trains its share of every batch; rank 0 alone writes the run.
        setup_worker_logging(env->rank);
        return body("");
    }
    StagedRunFolder folder(out, StagedRunOptions{task, command_line, force});
    setup_logging(folder.path());
    for (const auto& line : folder.cleaned()) spdlog::info("{}", line);
    int result = 1;
    try {
        result = body(folder.path());
        if (result != 0) throw std::runtime_error(task + " ended with status " + std::to_string(result));
    } catch (const std::exception& e) {
        spdlog::default_logger()->flush();
        const std::string what = e.what();
        folder.abandon(what.substr(0, what.find('\n')));
        throw;
    }
    spdlog::default_logger()->flush();
    folder.commit();
    spdlog::info("the run is complete in {} ({} lists its files)", out, kRunManifest);
    return result;
}

void refuse_run_folder(const std::string& out, const std::string& command)
{
    const std::string task = run_manifest_task(out);
    if (!task.empty())
        throw std::runtime_error(out + ": holds a finished run (task " + task + "); " + command +
                                 " writes into a folder of its own, choose another --out");
}

std::string prepare_runtime(const CommonOptions& o)
{
    set_thread_count(o.threads);
    const auto device = choose_device(o.device);
    spdlog::info("device: {} ({}), threads: {}", device.name, device.reason, thread_count());
    if (const auto env = data_parallel_from_environment(); env && !data_parallel_active()) {
        spdlog::info("data-parallel: rank {} of {}, joining at {}:{} ({})", env->rank, env->world_size,
                     env->master_addr, env->master_port, device.name == "cuda" ? "NCCL" : "Gloo");
        join_data_parallel(*env, device.name);
    }
    return device.name;
}

BtsfConfig resolve_config(const CommonOptions& o)
{
    BtsfConfig config = o.config_file.empty() ? preset_config(o.preset) : load_config_file(o.config_file);
    if (o.seed >= 0) config.seed = static_cast<unsigned long long>(o.seed);
    if (o.iters >= 0) config.iters = o.iters;
    config.validate();
    return config;
}

ClassificationData load_dataset(const std::string& dataset, const std::string& data_root)
{
    return load_classification(dataset, data_root.empty() ? default_data_root() : data_root);
}

}  // namespace btsf::cli
