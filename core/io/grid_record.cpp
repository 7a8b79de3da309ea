#include "io/grid_record.h"

#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>

namespace btsf {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
json parse_file(const std::string& path)
{
    try {
        return json::parse(read_text_file(path));
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": malformed JSON: " + e.what());
    }
}

GridCell cell_from(const json& j, const std::string& path)
{
    try {
        GridCell cell{j.at("dataset").get<std::string>(), j.at("augmentation").get<std::string>(),
                      j.at("fusion").get<std::string>(), j.at("seed").get<unsigned long long>()};
        cell.accuracy = j.at("accuracy").get<double>();
        cell.auprc = j.value("auprc", 0.0);
        cell.seconds = j.value("seconds", 0.0);
        return cell;
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": malformed grid cell: " + e.what());
    }
}
}  // namespace

std::string grid_cell_path(const std::string& out, const GridCell& c)
{
    return out + "/cells/" + c.dataset + "/" + c.augmentation + "__" + c.fusion + "__s" + std::to_string(c.seed) +
           ".json";
}

void write_grid_cell(const std::string& path, const GridCell& cell, const std::string& probe,
                     const std::string& config_json)
{
    fs::create_directories(fs::path(path).parent_path());
    write_text_atomically(path, json{{"dataset", cell.dataset},
                                     {"augmentation", cell.augmentation},
                                     {"fusion", cell.fusion},
                                     {"seed", cell.seed},
                                     {"probe", probe},
                                     {"accuracy", cell.accuracy},
                                     {"auprc", cell.auprc},
                                     {"seconds", cell.seconds},
                                     {"config", json::parse(config_json)},
                                     {kWrittenByKey, written_by_json()}}
                                    .dump(2));
}

bool read_grid_cell(const std::string& path, const std::string& config_json, const std::string& probe, GridCell& cell)
{
    std::error_code ec;
    if (!fs::exists(path, ec)) return false;
    const json j = parse_file(path);
    if (j.contains("config") && j.at("config") != json::parse(config_json)) return false;
    if (j.value("probe", probe) != probe) return false;
    const GridCell kept = cell_from(j, path);
    cell.accuracy = kept.accuracy;
    cell.auprc = kept.auprc;
    cell.seconds = kept.seconds;
    return true;
}

std::vector<GridCell> read_comparison_cells(const std::string& compare_json_path)
{
    const json j = parse_file(compare_json_path);
    if (!j.contains("cells") || !j.at("cells").is_array())
        throw std::runtime_error(compare_json_path + ": no \"cells\" list");
    std::vector<GridCell> cells;
    for (const auto& c : j.at("cells")) cells.push_back(cell_from(c, compare_json_path));
    return cells;
}

}  // namespace btsf
