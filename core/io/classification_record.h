#pragma once
// A finished classification run as read back from its folder: what the workbench's run list
// reopens without retraining, and what it shows right after training (it
// reads the folder it has just written, so both paths show the same thing).
// Plain data only; no torch.
#include "numerics/geometry_report.h"
#include "util/matrix.h"

#include <string>
#include <vector>

namespace btsf {

struct ProbeRecord {
    std::string probe;  // "linear" | "svm"
    double accuracy = 0;
    double auprc = 0;
    std::vector<std::vector<int>> confusion;  // rows: true class, columns: predicted
};

struct ScoresRecord {
    std::string name;  // "btsf" (the trained encoder) | "untrained" | "raw" | "minirocket"
    std::vector<ProbeRecord> probes;
};

struct ClassificationRecord {
    std::string folder;
    std::string dataset;  // the problem's name
    std::string source;   // path or demo:NAME it was loaded from ("" for old runs)
    std::string preset;
    std::string trained_label;       // how tables name the trained encoder ("BTSF" only with the bilinear feature)
    std::string preset_description;  // one line on what the preset is ("" for old runs)
    std::string device;
    std::string finished_utc;
    std::string scored_checkpoint;  // set when the run scored a checkpoint instead of training
    std::string config_json;
    int iters = 0;
    double train_seconds = 0;
    double final_loss = 0;
    std::vector<std::string> class_names;
    std::vector<float> loss_curve;
    std::vector<ScoresRecord> scores;  // btsf first, then the baselines that ran
    Matrix test_representations;
    std::vector<int> test_labels;
    GeometryReport geometry;  // empty when the run has no geometry.json
    std::vector<float> tsne;  // test_representations.rows x 2, empty until computed
};

// Throws std::runtime_error naming the file when a required part (metrics.json,
// representations.h5) is missing or malformed; optional parts may be absent.
ClassificationRecord read_classification_record(const std::string& folder);

}  // namespace btsf
