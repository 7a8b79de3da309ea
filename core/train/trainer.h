#pragma once
// The entry class of the core: build a BTSF model, fit it, encode with it,
// save and load it. Synchronous and Qt-free; the header holds no torch types so
// the widgets and the CLI can include it cheaply.
#include "data/dataset.h"
#include "model/btsf_config.h"
#include "train/train_types.h"
#include "util/matrix.h"

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace btsf {

struct TrainingState;  // torch-side state, see train/training_state.h

class Trainer {
public:
    // data_channels: C of the series this model will see. device: auto|cpu|cuda.
    // Weights are initialised from config.seed, so two Trainers with the same
    // config start identical.
    Trainer(const BtsfConfig& config, int data_channels, const std::string& device = "auto");
    explicit Trainer(std::unique_ptr<TrainingState> state);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Trains until planned_iterations(train) are done in total (a loaded
    // checkpoint resumes where it stopped) or until cancel is set.
    FitResult fit(const SeriesSet& train, const TrainCallbacks& callbacks = {}, const CancelToken* cancel = nullptr);

    // Frozen encoder in eval mode: one row of representation_dim() per series.
    Matrix encode(const SeriesSet& data, int batch_size = 256) const;
    // Positive pairs for the alignment analysis (spec §9): each series encoded
    // twice, each time through an independent instance-level dropout view.
    // The pooled features of one branch before fusion (paper Table 5):
    // "temporal" (F_t0) or "spectral" (F_s0), averaged over positions.
    Matrix encode_branch(const SeriesSet& data, const std::string& branch) const;
    std::pair<Matrix, Matrix> encode_dropout_views(const SeriesSet& data, double dropout,
                                                   unsigned long long seed) const;

    int planned_iterations(const SeriesSet& train) const;
    int iteration() const;
    const std::vector<float>& loss_curve() const;
    const BtsfConfig& config() const;
    int data_channels() const;
    int representation_dim() const;
    std::string device() const;

    // Free-form strings kept in the checkpoint (e.g. normalisation statistics).
    std::map<std::string, std::string>& metadata();
    const std::map<std::string, std::string>& metadata() const;

    // Model, optimizer, config, iteration, loss curve and metadata; atomic write.
    void save_checkpoint(const std::string& path) const;
    // Throws std::runtime_error naming the file when it is not a BTSF checkpoint.
    static std::unique_ptr<Trainer> load_checkpoint(const std::string& path, const std::string& device = "auto");

    TrainingState& state() { return *m_state; }

private:
    std::unique_ptr<TrainingState> m_state;
};

}  // namespace btsf
