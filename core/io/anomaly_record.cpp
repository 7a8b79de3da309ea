#include "io/anomaly_record.h"

#include "io/hdf5_writer.h"
#include "util/atomic_file.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace btsf {

AnomalyRecord read_anomaly_record(const std::string& folder)
{
    AnomalyRecord r;
    r.folder = folder;
    const std::string path = folder + "/metrics.json";
    try {
        const auto j = nlohmann::json::parse(read_text_file(path));
        if (j.value("task", "") != "anomaly") throw std::runtime_error(path + ": not an anomaly-detection run");
        r.dataset = j.value("dataset", "");
        r.source = j.value("source", "");
        r.threshold_rule = j.value("threshold_rule", "");
        r.threshold = j.at("threshold").get<double>();
        r.window = j.value("window", 0);
        r.iters = j.value("iters", 0);
        r.train_seconds = j.value("train_seconds", 0.0);
        j.at("channels").get_to(r.channels);
        const auto f1 = [](const nlohmann::json& v) {
            return std::make_pair(v.at("point_wise").at("f1").get<double>(),
                                  v.at("point_adjusted").at("f1").get<double>());
        };
        r.f1.emplace_back("btsf", f1(j));
        if (j.contains("baselines"))
            for (const char* name : {"untrained", "raw"}) r.f1.emplace_back(name, f1(j.at("baselines").at(name)));
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": not a BTSF anomaly metrics file (" + e.what() + ")");
    }
    const std::string h5 = folder + "/scores.h5";
    r.test_values = read_hdf5_matrix(h5, "test/values");
    const auto labels = read_hdf5_ints(h5, "test/labels");  // booleans, or 0/1 ints in older runs
    r.labels.assign(labels.begin(), labels.end());
    const Matrix scores = read_hdf5_matrix(h5, "btsf/test_scores");
    r.test_scores = scores.data;
    r.train_scores = read_hdf5_matrix(h5, "btsf/train_scores").data;
    if (r.test_scores.size() != r.labels.size() || r.test_values.rows != r.labels.size())
        throw std::runtime_error(h5 + ": scores, labels and values differ in length");
    return r;
}

}  // namespace btsf
