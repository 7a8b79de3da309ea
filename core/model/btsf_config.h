#pragma once
// Every knob of the model and of its training, as plain data. Keys follow
// BTSF-SPEC.md; anything the spec marks "(choice)" is a key here so the
// workbench can compare the alternatives. No torch in this header.
#include <string>
#include <vector>

namespace btsf {

struct BtsfConfig {
    std::string preset = "paper";  // which named preset this started from

    // --- model (spec §3-§5)
    int d = 64;                                 // hidden channels
    int m = 32;                                 // pooled temporal positions
    int n = 32;                                 // pooled spectral positions (= m, spec §4)
    int l = 5;                                  // rank of the low-rank bilinear map
    int temporal_blocks = 6;                    // K_t
    int spectral_blocks = 3;                    // K_s
    int fusion_blocks = 2;                      // K_b
    std::string fusion = "iterative";           // temporal|spectral|sum|concat|bilinear|iterative
    int loops = 3;                              // L; 0 means one-shot bilinear fusion
    bool residual = true;                       // F_t <- F_t + S2T(A) (choice) vs literal F_t <- S2T(A)
    std::string spectral_input = "complex";     // complex|mag|logmag
    std::string output_activation = "sigmoid";  // sigmoid|identity
    double bilinear_scale = 1.0;                // multiplies (F_tL U) * (F_sL V)
    double layerwise_dropout = 0.0;             // dropout inside the encoders while training

    // --- augmentation and loss (spec §2, §6, §10)
    // How the two views differ: "dropout" (the paper's instance-level dropout)
    // or one of the Iwana & Uchida 2021 methods (model/augmentations.h), which
    // then replaces the dropout.
    std::string augmentation = "dropout";
    double dropout = 0.1;             // instance-level dropout of the input views
    double crop_min = 1.0;            // each view is a random crop of [crop_min, 1] of T; 1 = no crop
    int max_train_length = 0;         // longer series train on a random window of this length; 0 = off
    double tau = 0.05;                // InfoNCE temperature
    std::string negatives = "batch";  // batch|variables
    // Weight of an auxiliary timestamp-level (hierarchical) contrastive loss on
    // the temporal encoder's per-step features; 0 = off (the paper). When on,
    // the two views are overlapping crops aligned step by step.
    double timestamp_loss = 0.0;

    // Parameters of the other augmentations (Iwana & Uchida's defaults).
    double jitter_sigma = 0.03;
    double scaling_sigma = 0.1;
    double magnitude_warp_sigma = 0.2;
    double time_warp_sigma = 0.2;
    int warp_knots = 4;
    int permutation_max_segments = 5;
    double window_slice_ratio = 0.9;
    double window_warp_ratio = 0.1;
    std::vector<double> window_warp_scales = {0.5, 2.0};  // window warp picks one of these speeds
    double dtw_window_ratio = 0.1;
    int wdba_batch = 6;           // prototypes wDBA averages (and, split in half, DGW's teachers)
    double spawner_sigma = 0.05;  // jitter SPAWNER adds to its average

    // --- optimisation (spec §7)
    double lr = 3e-4;
    double weight_decay = 1e-4;
    int batch_size = 256;
    int iters = 0;  // 0: the TS2Vec rule (200, or 600 above 100k values)
    unsigned long long seed = 0;

    int representation_dim() const;
    // Throws std::invalid_argument naming the key when a value is out of range.
    void validate() const;
};

// "paper": the spec as written. "default": the best setting measured (see
// bench/results/classification.md for the evidence).
BtsfConfig preset_config(const std::string& name);
std::vector<std::string> preset_names();

// Flat JSON object, one key per field. Loading starts from the preset named
// in the file (key "preset", default "default") and rejects unknown keys.
std::string config_to_json(const BtsfConfig& config);
BtsfConfig config_from_json(const std::string& json_text, const std::string& source_name);
BtsfConfig load_config_file(const std::string& path);
void save_config_file(const BtsfConfig& config, const std::string& path);

// The iteration budget the TS2Vec rule gives to a training set.
int auto_iterations(std::size_t values_in_train_set);

}  // namespace btsf
