// btsf-cli: the headless driver of the BTSF core, for batch experiments and
// benchmarks. Every failure ends in one line on stderr and a non-zero exit.
#include "classify_command.h"
#include "compare_command.h"
#include "detect_command.h"
#include "encode_command.h"
#include "forecast_command.h"
#include "launch_command.h"
#include "ranks_command.h"
#include "runs_command.h"
#include "util/build_info.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

namespace {
// Torch errors carry a multi-line backtrace; the user needs the first line.
std::string first_line(const char* what)
{
    std::string text(what ? what : "unknown error");
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}
}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"BTSF Workbench command line: train and evaluate Bilinear Temporal-Spectral Fusion"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("btsf-cli ") + btsf::program_version() + " (commit " +
                                          btsf::program_commit() + ", file format " +
                                          std::to_string(btsf::kFileFormatVersion) + ")");
    btsf::cli::ClassifyOptions classify;
    btsf::cli::EncodeOptions encode;
    btsf::cli::add_classify_command(app, classify);
    btsf::cli::add_encode_command(app, encode);
    btsf::cli::ForecastCommandOptions forecast;
    btsf::cli::add_forecast_command(app, forecast);
    btsf::cli::DetectCommandOptions detect;
    btsf::cli::add_detect_command(app, detect);
    btsf::cli::CompareCommandOptions compare;
    btsf::cli::add_compare_command(app, compare);
    btsf::cli::AgreementCommandOptions agreement;
    btsf::cli::add_agreement_command(app, agreement);
    btsf::cli::RanksCommandOptions ranks;
    btsf::cli::add_ranks_command(app, ranks);
    btsf::cli::RunsCommandOptions runs;
    btsf::cli::add_runs_command(app, runs);
    btsf::cli::LaunchOptions launch;
    btsf::cli::add_launch_command(app, launch);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    std::string command_line;
    for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
    try {
        if (app.got_subcommand("classify")) return btsf::cli::run_classify(classify, command_line);
        if (app.got_subcommand("compare")) return btsf::cli::run_compare(compare, command_line);
        if (app.got_subcommand("agreement")) return btsf::cli::run_agreement(agreement);
        if (app.got_subcommand("detect")) return btsf::cli::run_detect(detect, command_line);
        if (app.got_subcommand("forecast")) return btsf::cli::run_forecast(forecast, command_line);
        if (app.got_subcommand("launch")) return btsf::cli::run_launch(launch);
        if (app.got_subcommand("ranks")) return btsf::cli::run_ranks(ranks);
        if (app.got_subcommand("encode")) return btsf::cli::run_encode(encode);
        if (app.got_subcommand("runs")) return btsf::cli::run_runs(app, runs);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "btsf-cli: error: %s\n", first_line(e.what()).c_str());
        return 1;
    }
    return 2;
}
