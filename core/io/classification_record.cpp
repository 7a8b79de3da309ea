#include "io/classification_record.h"

#include "io/hdf5_writer.h"
#include "io/run_files.h"
#include "util/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace btsf {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
ScoresRecord scores_from_json(const std::string& name, const json& j)
{
    ScoresRecord record;
    record.name = name;
    if (!j.contains("probes")) return record;
    for (const auto& [probe, p] : j.at("probes").items()) {
        ProbeRecord r;
        r.probe = probe;
        r.accuracy = p.value("accuracy", 0.0);
        r.auprc = p.value("auprc", 0.0);
        if (p.contains("confusion")) p.at("confusion").get_to(r.confusion);
        record.probes.push_back(std::move(r));
    }
    return record;
}

void read_metrics(const std::string& path, ClassificationRecord& r)
{
    json j;
    try {
        j = json::parse(read_text_file(path));
        r.dataset = j.value("dataset", "");
        r.source = j.value("source", "");
        r.preset = j.value("preset", "");
        r.trained_label = j.value("trained_label", r.preset);
        r.preset_description = j.value("preset_description", "");
        r.device = j.value("device", "");
        r.finished_utc = j.value("finished_utc", "");
        r.iters = j.value("iters", 0);
        r.train_seconds = j.value("train_seconds", 0.0);
        r.scored_checkpoint = j.value("scored_checkpoint", "");
        r.final_loss = j.value("final_loss", 0.0);
        if (j.contains("class_names")) j.at("class_names").get_to(r.class_names);
        r.scores.push_back(scores_from_json("btsf", j));
        if (j.contains("baselines"))
            for (const char* name : {"untrained", "raw", "minirocket"})
                if (j.at("baselines").contains(name))
                    r.scores.push_back(scores_from_json(name, j.at("baselines").at(name)));
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": not a BTSF metrics file (" + e.what() + ")");
    }
}
}  // namespace

ClassificationRecord read_classification_record(const std::string& folder)
{
    ClassificationRecord r;
    r.folder = folder;
    const fs::path dir(folder);
    read_metrics((dir / "metrics.json").string(), r);
    const auto h5 = (dir / "representations.h5").string();
    r.test_representations = read_hdf5_matrix(h5, "test/representations");
    r.test_labels = read_hdf5_ints(h5, "test/labels");
    if (r.test_labels.size() != r.test_representations.rows)
        throw std::runtime_error(h5 + ": test labels and representations differ in length");
    std::error_code ec;
    if (fs::exists(dir / "config.json", ec)) r.config_json = read_text_file((dir / "config.json").string());
    if (fs::exists(dir / "loss_curve.csv", ec)) r.loss_curve = read_loss_curve((dir / "loss_curve.csv").string());
    if (fs::exists(dir / "geometry.json", ec)) r.geometry = read_geometry((dir / "geometry.json").string());
    if (fs::exists(dir / "tsne.csv", ec)) {
        r.tsne = read_tsne((dir / "tsne.csv").string());
        if (r.tsne.size() != 2 * r.test_representations.rows)
            r.tsne.clear();  // from another representation: recompute rather than mislabel
    }
    if (r.class_names.empty()) {  // runs written before class names were kept
        const int classes =
            r.test_labels.empty() ? 0 : *std::max_element(r.test_labels.begin(), r.test_labels.end()) + 1;
        for (int c = 0; c < classes; ++c) r.class_names.push_back(std::to_string(c));
    }
    return r;
}

}  // namespace btsf
