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
    int d = 64;               // hidden channels
    int m = 32;               // pooled temporal positions
    int n = 32;               // pooled spectral positions (= m, spec §4)
    int l = 5;                // rank of the low-rank bilinear map
    int temporal_blocks = 6;  // K_t
    // Temporal convolutions: "causal" (spec §3, left padding) or "same"
    // (symmetric padding, as TS2Vec's encoder).
    std::string temporal_padding = "causal";
    // > 0: one more dilated block (dilation 2^K_t) maps d to this many
    // channels through a 1x1 projection of its residual (TS2Vec's final block).
    int temporal_out = 0;
    // Probability that a time step is zeroed in latent space, after the input
    // projection, while training (TS2Vec's timestamp masking); never when encoding.
    double latent_mask = 0.0;
    double repr_dropout = 0.0;  // dropout on the temporal encoder's output while training
    // "positions": adaptive max pooling to m (n) positions, then the joint
    // feature of spec §5. "series": the max over all time steps of the
    // temporal features (TS2Vec's full-series encoding); with a fusion other
    // than temporal, the joint feature of §5 (the temporal position maps
    // projected to d channels) follows it in the representation, and with
    // fusion = spectral it is the whole representation.
    std::string pooling = "positions";
    // With series pooling, what stands for the temporal encoder: "max" over
    // every observed step, or "last": the features at the last observed step
    // (TS2Vec's forecasting protocol, which encodes each lookback window and
    // reads its final step).
    std::string series_readout = "max";
    int spectral_blocks = 3;                    // K_s
    int fusion_blocks = 2;                      // K_b
    std::string fusion = "iterative";           // temporal|spectral|sum|concat|bilinear|iterative
    int loops = 3;                              // L; 0 means one-shot bilinear fusion
    bool residual = true;                       // F_t <- F_t + S2T(A) (choice) vs literal F_t <- S2T(A)
    std::string spectral_input = "complex";     // complex|mag|logmag
    std::string output_activation = "sigmoid";  // sigmoid|identity
    double bilinear_scale = 1.0;                // multiplies (F_tL U) * (F_sL V)
    // "layer": the bilinear term is standardised per series over its d*l
    // values (no learned affine) before the scale, so its size does not depend
    // on the product of two encoders' scales; "none": as the spec writes it.
    std::string bilinear_norm = "none";
    // Probability that a frequency bin of the spectral input is zeroed while
    // training, the same bins for all channels (frequency masking, the spectral
    // view's own augmentation); never when encoding.
    double freq_mask = 0.0;
    double layerwise_dropout = 0.0;  // dropout inside the encoders while training

    // --- augmentation and loss (spec §2, §6, §10)
    // How the two views differ: "dropout" (the paper's instance-level dropout)
    // or one of the Iwana & Uchida 2021 methods (model/augmentations.h), which
    // then replaces the dropout.
    std::string augmentation = "dropout";
    double dropout = 0.1;        // instance-level dropout of the input views
    double crop_min = 1.0;       // each view is a random crop of [crop_min, 1] of T (at least 2 steps); 1 = no crop
    int max_train_length = 0;    // longer series train on a random window of this length; 0 = off
    double tau = 0.05;           // InfoNCE temperature
    double instance_loss = 1.0;  // weight of the InfoNCE loss on r (spec §6); 0 = off
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
    std::string optimizer = "adam";  // adam | adamw (decoupled weight decay, TS2Vec's)
    double lr = 3e-4;
    double weight_decay = 1e-4;
    int batch_size = 256;
    int iters = 0;  // 0: the TS2Vec rule (200, or 600 above 100k values)
    unsigned long long seed = 0;
    // Encode with the running mean of the weights after every step (TS2Vec's
    // torch.optim.swa_utils.AveragedModel) instead of the last weights.
    bool weight_averaging = false;

    int representation_dim() const;
    // Throws std::invalid_argument naming the key when a value is out of range.
    void validate() const;
};

// "paper": the spec as written. "ts2vec": the public TS2Vec recipe (Yue et al.
// 2022) in this code base. "btsf": the ts2vec encoder and objective with a
// spectral branch and the low-rank bilinear joint feature. "sum-fusion": both
// branches summed, with crops and a timestamp loss. "default": whichever of them measured best (see
// bench/results/classification.md); its config carries that preset's name.
BtsfConfig preset_config(const std::string& name);
std::vector<std::string> preset_names();
std::string default_preset_name();
// One line a table or a panel can show beside the preset's name.
std::string preset_description(const std::string& name);
// True when the preset's representation has the low-rank bilinear joint
// feature (spec §5): only such a preset may be called BTSF.
bool has_bilinear_feature(const BtsfConfig& config);

// Flat JSON object, one key per field. Loading starts from the preset named
// in the file (key "preset", default "default") and rejects unknown keys.
std::string config_to_json(const BtsfConfig& config);
BtsfConfig config_from_json(const std::string& json_text, const std::string& source_name);
BtsfConfig load_config_file(const std::string& path);
void save_config_file(const BtsfConfig& config, const std::string& path);

// The iteration budget the TS2Vec rule gives to a training set.
int auto_iterations(std::size_t values_in_train_set);

}  // namespace btsf
