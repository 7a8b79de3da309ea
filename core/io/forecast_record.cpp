#include "io/forecast_record.h"

#include "io/hdf5_writer.h"
#include "io/run_files.h"
#include "util/atomic_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>

namespace btsf {
namespace {
using nlohmann::json;

std::map<int, HorizonRecord> horizons_from_json(const json& j)
{
    std::map<int, HorizonRecord> out;
    for (const auto& [key, h] : j.items())
        out[std::stoi(key)] = HorizonRecord{h.at("mse").get<double>(), h.at("mae").get<double>(),
                                            h.value("raw_mse", 0.0), h.value("raw_mae", 0.0), h.value("alpha", 0.0)};
    return out;
}
}  // namespace

ForecastRecord read_forecast_record(const std::string& folder)
{
    const std::string path = folder + "/metrics.json";
    ForecastRecord r;
    r.folder = folder;
    try {
        const auto j = json::parse(read_text_file(path));
        if (j.value("task", "") != "forecasting") throw std::runtime_error(path + ": not a forecasting run");
        r.dataset = j.value("dataset", "");
        r.setting = j.value("setting", "");
        r.source = j.value("source", "");
        j.at("targets").get_to(r.targets);
        j.at("horizons").get_to(r.horizons);
        r.lookback = j.value("lookback", 0);
        r.iters = j.value("iters", 0);
        r.train_seconds = j.value("train_seconds", 0.0);
        r.scores["btsf"] = horizons_from_json(j.at("results"));
        if (j.contains("baselines"))
            for (const char* name : {"untrained", "raw", "nlinear"})
                if (j.at("baselines").contains(name))  // nlinear: runs since issue 13
                    r.scores[name] = horizons_from_json(j.at("baselines").at(name));
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": not a BTSF forecasting metrics file (" + e.what() + ")");
    }
    std::error_code ec;
    if (std::filesystem::exists(folder + "/loss_curve.csv", ec))
        r.loss_curve = read_loss_curve(folder + "/loss_curve.csv");
    r.has_predictions = std::filesystem::exists(folder + "/predictions.h5", ec);
    return r;
}

HorizonPredictions read_horizon_predictions(const std::string& folder, int horizon)
{
    const std::string h5 = folder + "/predictions.h5";
    const std::string group = "h" + std::to_string(horizon);
    HorizonPredictions p;
    p.origins = read_hdf5_ints(h5, group + "/origins");
    p.truth = read_hdf5_matrix(h5, group + "/truth");
    p.predicted["btsf"] = read_hdf5_matrix(h5, group + "/btsf");
    for (const char* name : {"raw", "untrained", "nlinear"}) {
        try {
            p.predicted[name] = read_hdf5_matrix(h5, group + "/" + name);
        } catch (const std::runtime_error&) {
            // baselines' predictions are optional (--predictions btsf)
        }
    }
    return p;
}

Matrix read_forecast_series(const std::string& folder)
{
    return read_hdf5_matrix(folder + "/predictions.h5", "series/values");
}

}  // namespace btsf
