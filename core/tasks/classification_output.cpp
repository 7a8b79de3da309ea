#include "tasks/classification_output.h"

#include "io/hdf5_writer.h"
#include "io/run_files.h"
#include "model/btsf_config.h"
#include "probes/metrics.h"
#include "train/trainer.h"
#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace btsf {
namespace {
using nlohmann::json;

json probe_json(const ProbeScore& p, const ClassificationData& data)
{
    json j = {{"accuracy", p.accuracy}, {"auprc", p.auprc}, {"c", p.c}, {"seconds", p.seconds}};
    // Rows are true classes, columns predictions: what the workbench draws.
    if (p.predictions.size() == data.test.labels.size())
        j["confusion"] = confusion_table(data.test.labels, p.predictions, int(data.class_names.size()));
    return j;
}

// Top level: the primary probe's figures (svm when it ran), and every probe
// under "probes", so single- and multi-probe files read the same way.
json scores_json(const RepresentationScores& scores, const ClassificationData& data)
{
    json j = json::object();
    if (const auto* primary = scores.primary()) {
        j["accuracy"] = primary->accuracy;
        j["auprc"] = primary->auprc;
        j["probe"] = primary->probe;
    }
    json per_probe = json::object();
    for (const auto& p : scores.probes) per_probe[p.probe] = probe_json(p, data);
    j["probes"] = per_probe;
    return j;
}
// The MiniRocket baseline: the primary probe's figures at the top like every
// representation, its own ridge classifier under probes.ridge (so a reader
// lists it as one more probe), the feature count and the transform time.
json minirocket_json(const MiniRocketScores& m, const ClassificationData& data)
{
    json j = scores_json(m.probes, data);
    json ridge = probe_json(m.ridge, data);
    ridge["alpha"] = m.ridge.c;
    ridge.erase("c");
    j["probes"]["ridge"] = ridge;
    j["ridge"] = {{"accuracy", m.ridge.accuracy}, {"auprc", m.ridge.auprc}, {"alpha", m.ridge.c}};
    j["features"] = m.features;
    j["seconds"] = m.transform_seconds;
    return j;
}
}  // namespace

std::string classification_metrics_json(const ClassificationData& data, const ClassificationRun& run,
                                        const RunInfo& info)
{
    const auto& trainer = *run.trainer;
    json j = scores_json(run.btsf, data);
    j["dataset"] = info.dataset;
    std::string probe_names;
    for (const auto& p : run.btsf.probes) probe_names += (probe_names.empty() ? "" : ",") + p.probe;
    j["probe"] = run.btsf.probes.size() > 1 ? "both" : probe_names;
    j["primary_probe"] = run.btsf.primary() ? run.btsf.primary()->probe : "";
    for (const auto& p : run.btsf.probes) j[p.probe] = probe_json(p, data);
    j["train_seconds"] = run.fit.seconds;
    if (!info.scored_checkpoint.empty()) j["scored_checkpoint"] = info.scored_checkpoint;
    j["iters"] = trainer.iteration();
    j["final_loss"] = run.fit.final_loss;
    j["seed"] = trainer.config().seed;
    j["preset"] = trainer.config().preset;
    j["device"] = info.device;
    j["threads"] = info.threads;
    j["representation_dim"] = trainer.representation_dim();
    j["n_train"] = data.train.n;
    j["n_test"] = data.test.n;
    j["length"] = data.train.length;
    j["channels"] = data.train.channels;
    j["classes"] = data.class_names.size();
    j["trained_label"] = trained_label(trainer.config());
    j["preset_description"] = preset_description(trainer.config().preset);
    j["baselines"] = {{"raw", scores_json(run.raw, data)}, {"untrained", scores_json(run.untrained, data)}};
    if (run.minirocket.features > 0) j["baselines"]["minirocket"] = minirocket_json(run.minirocket, data);
    j["class_names"] = data.class_names;
    const auto verdict = baseline_verdict(run);
    if (verdict.available)
        j["beats_baselines"] = {{"raw", verdict.beats_raw},
                                {"untrained", verdict.beats_untrained},
                                {"minirocket", verdict.beats_minirocket},
                                {"both", verdict.beats_both()},
                                {"all", verdict.beats_all()}};
    j["finished_utc"] = utc_now();
    if (!info.source.empty()) j["source"] = info.source;
    if (!info.command.empty()) j["command"] = info.command;
    j[kWrittenByKey] = written_by_json();
    return j.dump(2) + "\n";
}

void write_classification_metrics(const std::string& path, const ClassificationData& data, const ClassificationRun& run,
                                  const RunInfo& info)
{
    write_text_atomically(path, classification_metrics_json(data, run, info));
}

void write_representations(const std::string& path, const ClassificationData& data, const Matrix& train,
                           const Matrix& test)
{
    Hdf5Writer h5(path);
    h5.write_matrix("train/representations", train);
    h5.write_ints("train/labels", data.train.labels);
    h5.write_matrix("test/representations", test);
    h5.write_ints("test/labels", data.test.labels);
    h5.write_strings("class_names", data.class_names);
    h5.set_attribute("dataset", data.name);
    // What each dataset is, for a reader with h5py and no source at hand.
    h5.set_attribute("normalisation",
                     "the encoder saw z-scored series: mean and std fitted on the training split, one pair for "
                     "univariate data, one per channel for multivariate; missing values then 0");
    for (const char* split : {"train", "test"}) {
        const std::string s = split;
        h5.set_attribute_on(s + "/representations", "description",
                            "one row per " + s + " series, in the order of the " + s +
                                " file: the encoder's representation of the whole series (float32)");
        h5.set_attribute_on(s + "/labels", "description",
                            "class of each row of " + s + "/representations, an index into class_names");
    }
    h5.set_attribute_on("class_names", "description", "the class labels as written in the data files (UTF-8)");
    h5.commit();
}

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

ZScore restore_checkpoint_zscore(const Trainer& trainer, const std::string& checkpoint, ClassificationData& data)
{
    if (int(data.train.channels) != trainer.data_channels())
        throw std::runtime_error(checkpoint + ": was trained on " + std::to_string(trainer.data_channels()) +
                                 " channel(s), " + data.name + " has " + std::to_string(data.train.channels));
    const auto it = trainer.metadata().find("zscore");
    if (it == trainer.metadata().end()) throw std::runtime_error(checkpoint + ": holds no normalisation statistics");
    const ZScore z = zscore_from_string(it->second);
    apply_zscore(data.train, z);
    apply_zscore(data.test, z);
    return z;
}

}  // namespace btsf
