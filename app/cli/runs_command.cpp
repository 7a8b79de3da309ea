#include "runs_command.h"

#include "io/run_files.h"
#include "io/run_summary.h"
#include "io/run_table.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace btsf::cli {
namespace {
// The figure the Runs list shows for each task.
std::pair<std::string, double> headline(const RunSummary& s)
{
    if (s.task == "forecasting") return {"mse@" + std::to_string(s.first_horizon), s.first_mse};
    if (s.task == "anomaly") return {"f1_point_wise", s.f1_point_wise};
    return {"accuracy", s.accuracy};
}

int list_runs(const RunsCommandOptions& o)
{
    if (!std::filesystem::is_directory(o.root)) throw std::runtime_error(o.root + ": not a folder");
    const auto folders = list_run_folders(o.root);
    if (o.csv) std::printf("run,task,dataset,preset,metric,value\n");
    for (const auto& folder : folders) {
        const RunSummary s = read_run_summary(folder);
        const auto [metric, value] = headline(s);
        const std::string name = std::filesystem::path(folder).filename().string();
        if (o.csv)
            std::printf("%s,%s,%s,%s,%s,%.4f\n", name.c_str(), s.task.c_str(), s.dataset.c_str(), s.preset.c_str(),
                        metric.c_str(), value);
        else
            std::printf("%-40s %-14s %-24s %-10s %s %.4f\n", name.c_str(), s.task.c_str(), s.dataset.c_str(),
                        s.preset.c_str(), metric.c_str(), value);
    }
    if (!o.csv) std::printf("%zu run(s) in %s, newest first\n", folders.size(), o.root.c_str());
    return 0;
}
}  // namespace

void add_runs_command(CLI::App& app, RunsCommandOptions& o)
{
    auto* runs = app.add_subcommand("runs", "List finished runs, or compare runs side by side (as the workbench does)");
    runs->require_subcommand(1);
    auto* list = runs->add_subcommand("list", "One line per finished run under ROOT, newest first");
    list->add_option("root", o.root, "Folder that holds run folders")->required();
    list->add_flag("--csv", o.csv, "CSV instead of aligned text");
    auto* compare = runs->add_subcommand("compare", "The config keys that differ and every score, run by run");
    compare->add_option("runs", o.runs, "Run folders (each with a metrics.json)")->required()->expected(1, -1);
    compare->add_flag("--csv", o.csv, "CSV (one row per run) instead of aligned text");
}

int run_runs(const CLI::App& app, const RunsCommandOptions& o)
{
    const CLI::App* runs = app.get_subcommand("runs");
    if (runs->got_subcommand("list")) return list_runs(o);
    const RunTable table = compare_runs(o.runs);
    std::fputs((o.csv ? run_table_csv(table) : run_table_text(table)).c_str(), stdout);
    return 0;
}

}  // namespace btsf::cli
