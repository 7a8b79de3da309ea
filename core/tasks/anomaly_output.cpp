#include "tasks/anomaly_output.h"

#include "io/hdf5_writer.h"
#include "io/run_files.h"
#include "train/trainer.h"
#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace btsf {
namespace {
using nlohmann::json;

json scores_json(const DetectionScores& s)
{
    return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}, {"tp", s.tp}, {"fp", s.fp}, {"fn", s.fn}};
}

// Both views side by side, so no reader can take the adjusted figure alone.
json result_json(const AnomalyResult& r)
{
    json j = {
        {"threshold", r.threshold},
        {"point_wise", scores_json(r.at_threshold.plain)},
        {"point_adjusted", scores_json(r.at_threshold.adjusted)},
        {"oracle_best_f1",
         {{"note", "threshold chosen on the test labels: an upper bound, not a result"},
          {"point_wise", {{"threshold", r.oracle_plain.threshold}, {"f1", r.oracle_plain.scores.f1}}},
          {"point_adjusted", {{"threshold", r.oracle_adjusted.threshold}, {"f1", r.oracle_adjusted.scores.f1}}}}}};
    if (r.at_threshold.event_recall >= 0) j["event_recall"] = r.at_threshold.event_recall;
    return j;
}

}  // namespace

std::string anomaly_metrics_json(const AnomalySeries& s, const AnomalyRun& run, const AnomalyRunInfo& info)
{
    const auto& trainer = *run.trainer;
    json j = result_json(run.btsf);
    j["task"] = "anomaly";
    j["dataset"] = info.run.dataset;
    if (!info.run.source.empty()) j["source"] = info.run.source;
    j["channels"] = s.channels;
    j["train_length"] = s.train_length;
    j["test_length"] = s.test_length;
    j["anomalous_points"] = std::count(s.labels.begin(), s.labels.end(), std::uint8_t(1));
    j["events"] = s.events.size();
    j["window"] = info.window;
    j["stride"] = info.stride;
    j["threshold_rule"] = info.threshold;
    if (!run.raw.test_scores.empty())
        j["baselines"] = {{"raw", result_json(run.raw)}, {"untrained", result_json(run.untrained)}};
    j["train_seconds"] = run.fit.seconds;
    j["score_seconds"] = run.score_seconds;
    j["iters"] = trainer.iteration();
    j["seed"] = trainer.config().seed;
    j["preset"] = trainer.config().preset;
    j["device"] = info.run.device;
    j["threads"] = info.run.threads;
    j["finished_utc"] = utc_now();
    if (!info.run.command.empty()) j["command"] = info.run.command;
    j[kWrittenByKey] = written_by_json();
    return j.dump(2) + "\n";
}

void save_anomaly_run(const std::string& folder, const AnomalySeries& s, const AnomalyRun& run,
                      const AnomalyRunInfo& info)
{
    std::filesystem::create_directories(folder);
    auto& trainer = *run.trainer;
    trainer.metadata()["dataset"] = s.name;
    if (!info.run.source.empty()) trainer.metadata()["source"] = info.run.source;
    trainer.save_checkpoint(folder + "/checkpoint.pt");
    save_config_file(trainer.config(), folder + "/config.json");
    write_loss_curve(folder + "/loss_curve.csv", trainer.loss_curve());
    {
        Hdf5Writer h5(folder + "/scores.h5");
        h5.write_matrix("test/values", Matrix{s.test_length, s.channels_count(), s.test});
        h5.write_bools("test/labels", s.labels);
        h5.set_attribute_on("test/values", "description",
                            "the test split in the data's own units; rows are time steps, columns the channels");
        h5.set_attribute_on("test/labels", "description", "true where the point is labelled anomalous");
        for (const AnomalyResult* r : {&run.btsf, &run.raw, &run.untrained}) {
            if (r->test_scores.empty()) continue;
            h5.write_floats(r->name + "/test_scores", r->test_scores);
            h5.write_floats(r->name + "/train_scores", r->train_scores);
            h5.write_bools(r->name + "/flags", r->flags);
            h5.set_attribute_on(r->name, "threshold", r->threshold);
            h5.set_attribute_on(r->name, "threshold_rule", info.threshold);
            h5.set_attribute_on(r->name + "/test_scores", "description",
                                "anomaly score of each test point: the mean reconstruction error of the windows "
                                "covering it (higher is more anomalous; z-scored inputs)");
            h5.set_attribute_on(r->name + "/train_scores", "description",
                                "the same score on the training series; its last 20%, unseen by the decoder, set "
                                "the threshold");
            h5.set_attribute_on(r->name + "/flags", "description",
                                "true where test_scores exceeds this group's threshold attribute");
        }
        h5.write_strings("channels", s.channels);
        h5.set_attribute_on("channels", "description", "the channel names, the columns of test/values (UTF-8)");
        h5.set_attribute("dataset", s.name);
        h5.commit();
    }
    write_text_atomically(folder + "/metrics.json", anomaly_metrics_json(s, run, info));
}

}  // namespace btsf
