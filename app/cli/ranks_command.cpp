// btsf-cli ranks: the rank statistics of core (Demšar 2006) on any
// datasets x methods table, so the benchmark reports draw their
// critical-difference diagrams with the same code as the compare grid.
#include "ranks_command.h"

#include "io/cd_diagram_svg.h"
#include "numerics/rank_statistics.h"
#include "util/atomic_file.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace btsf::cli {
namespace {
std::vector<std::string> split_csv_line(const std::string& line)
{
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    return cells;
}
}  // namespace

void add_ranks_command(CLI::App& app, RanksCommandOptions& o)
{
    auto* cmd = app.add_subcommand("ranks", "Average ranks, Friedman test and Nemenyi CD of a datasets x methods CSV");
    cmd->add_option("table", o.table, "CSV with a header dataset,METHOD,... and one row of scores per dataset")
        ->required();
    cmd->add_option("--svg", o.svg, "Write the critical-difference diagram here");
    cmd->add_option("--title", o.title, "Title of the diagram");
    cmd->add_option("--alpha", o.alpha, "Significance level of the Nemenyi test")
        ->check(CLI::Range(1e-6, 0.5))
        ->capture_default_str();
}

int run_ranks(const RanksCommandOptions& o)
{
    std::istringstream in(read_text_file(o.table));
    std::string line;
    if (!std::getline(in, line)) throw std::invalid_argument(o.table + ": empty file");
    auto header = split_csv_line(line);
    if (header.size() < 3) throw std::invalid_argument(o.table + ":1: needs a dataset column and at least two methods");
    const std::vector<std::string> methods(header.begin() + 1, header.end());
    std::vector<std::string> datasets, skipped;
    std::vector<std::vector<double>> scores;
    int line_no = 1;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        const auto cells = split_csv_line(line);
        if (cells.size() != header.size())
            throw std::invalid_argument(o.table + ":" + std::to_string(line_no) + ": " + std::to_string(cells.size()) +
                                        " cells, the header has " + std::to_string(header.size()));
        std::vector<double> row;
        bool complete = true;
        for (std::size_t j = 1; j < cells.size(); ++j) {
            if (cells[j].empty()) {
                complete = false;  // a method without this dataset: the row cannot be ranked
                break;
            }
            std::size_t used = 0;
            double v = 0;
            try {
                v = std::stod(cells[j], &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != cells[j].size() || !std::isfinite(v))
                throw std::invalid_argument(o.table + ":" + std::to_string(line_no) + ": '" + cells[j] +
                                            "' is not a finite number");
            row.push_back(v);
        }
        (complete ? datasets : skipped).push_back(cells[0]);
        if (complete) scores.push_back(std::move(row));
    }
    if (scores.size() < 2)
        throw std::invalid_argument(o.table + ": fewer than two datasets have a score for every method");
    const auto ranks = average_ranks(scores);
    const auto friedman = friedman_test(scores);
    const double cd = nemenyi_critical_difference(int(methods.size()), int(scores.size()), o.alpha);
    nlohmann::json j;
    j["methods"] = methods;
    j["datasets"] = datasets;
    j["skipped"] = skipped;
    j["average_ranks"] = ranks;
    j["friedman"] = {{"chi2", friedman.chi2},
                     {"df", friedman.df},
                     {"p_value", friedman.p_value},
                     {"f", friedman.iman_davenport_f},
                     {"f_p_value", friedman.f_p_value}};
    j["alpha"] = o.alpha;
    j["critical_difference"] = cd;
    j["groups"] = nemenyi_groups(ranks, cd);
    std::printf("%s\n", j.dump(2).c_str());
    if (!o.svg.empty()) write_text_atomically(o.svg, critical_difference_svg(methods, ranks, cd, o.title));
    return 0;
}

}  // namespace btsf::cli
