#include "io/run_folder.h"

#include "io/run_record.h"
#include "model/btsf_config.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace btsf {

void save_classification_run(const std::string& folder, const ClassificationData& data, const ZScore& zscore,
                             const ClassificationRun& run, const RunInfo& info, const GeometryReport* geometry)
{
    std::filesystem::create_directories(folder);
    auto& trainer = *run.trainer;
    trainer.metadata()["zscore"] = zscore_to_string(zscore);
    trainer.metadata()["dataset"] = data.name;
    if (!info.source.empty()) trainer.metadata()["source"] = info.source;
    trainer.save_checkpoint(folder + "/checkpoint.pt");
    save_config_file(trainer.config(), folder + "/config.json");
    write_loss_curve(folder + "/loss_curve.csv", trainer.loss_curve());
    write_representations(folder + "/representations.h5", data, run.train_representations, run.test_representations);
    if (geometry) write_geometry(folder + "/geometry.json", *geometry);
    // Last: a folder with metrics.json is a finished run to the run list.
    write_classification_metrics(folder + "/metrics.json", data, run, info);
}

std::string zscore_to_string(const ZScore& z)
{
    return nlohmann::json{{"mean", z.mean}, {"stddev", z.stddev}}.dump();
}

ZScore zscore_from_string(const std::string& text)
{
    const auto j = nlohmann::json::parse(text);
    ZScore z;
    j.at("mean").get_to(z.mean);
    j.at("stddev").get_to(z.stddev);
    return z;
}

}  // namespace btsf
