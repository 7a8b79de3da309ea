#include "io/run_summary.h"

#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace btsf {

RunSummary read_run_summary(const std::string& folder)
{
    const std::string path = folder + "/metrics.json";
    try {
        const auto j = nlohmann::json::parse(read_text_file(path));
        RunSummary s;
        s.task = j.value("task", std::string("classification"));
        s.dataset = j.value("dataset", std::string());
        s.preset = j.value("preset", std::string());
        s.scored_checkpoint = j.contains("scored_checkpoint");
        if (j.contains(kWrittenByKey)) s.commit = j.at(kWrittenByKey).value("commit", std::string());
        if (s.task == "forecasting") {
            s.setting = j.value("setting", std::string());
            const auto& horizons = j.at("horizons");
            if (!horizons.empty()) {
                s.first_horizon = horizons.front().get<int>();
                s.first_mse = j.at("results").at(std::to_string(s.first_horizon)).at("mse").get<double>();
            }
        } else if (s.task == "anomaly") {
            s.f1_point_wise = j.at("point_wise").at("f1").get<double>();
            s.f1_point_adjusted = j.at("point_adjusted").at("f1").get<double>();
        } else {
            s.accuracy = j.at("accuracy").get<double>();
        }
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": malformed metrics: " + e.what());
    }
}

}  // namespace btsf
