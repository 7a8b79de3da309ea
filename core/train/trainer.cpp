#include "train/trainer.h"

#include "model/contrastive_loss.h"
#include "model/dropout_crop.h"
#include "model/hierarchical_loss.h"
#include "model/row_noise.h"
#include "train/data_parallel.h"
#include "train/data_parallel_ops.h"
#include "train/device.h"
#include "train/series_tensor.h"
#include "train/training_state.h"
#include "train/view_augmenter.h"

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <numeric>

namespace btsf {

std::unique_ptr<TrainingState> TrainingState::create(const BtsfConfig& config, int data_channels,
                                                     const torch::Device& device)
{
    config.validate();
    auto state = std::make_unique<TrainingState>();
    state->config = config;
    state->data_channels = data_channels;
    state->device = device;
    // Seeding here makes the initial weights a function of the seed alone.
    torch::manual_seed(config.seed);
    state->net = BtsfNet(config, state->per_variable() ? 1 : data_channels);
    state->net->to(device);
    if (config.optimizer == "adamw")
        state->optimizer = std::make_unique<torch::optim::AdamW>(
            state->net->parameters(), torch::optim::AdamWOptions(config.lr).weight_decay(config.weight_decay));
    else
        state->optimizer = std::make_unique<torch::optim::Adam>(
            state->net->parameters(), torch::optim::AdamOptions(config.lr).weight_decay(config.weight_decay));
    if (config.weight_averaging) {
        // Built without touching the global generator, then set to the initial
        // weights: an untrained model encodes with exactly its initial weights.
        state->averaged = BtsfNet(config, state->per_variable() ? 1 : data_channels);
        state->averaged->to(device);
        torch::NoGradGuard no_grad;
        const auto from = state->net->parameters();
        auto to = state->averaged->parameters();
        for (std::size_t i = 0; i < to.size(); ++i) to[i].copy_(from[i]);
        // The initial weights count as the first averaged model, as TS2Vec
        // calls update_parameters once before training.
        state->averaged_steps = 1;
        state->averaged->eval();
    }
    return state;
}

void TrainingState::update_average()
{
    if (!averaged) return;
    torch::NoGradGuard no_grad;
    const auto from = net->parameters();
    auto to = averaged->parameters();
    for (std::size_t i = 0; i < to.size(); ++i) {
        if (averaged_steps == 0)
            to[i].copy_(from[i]);
        else
            to[i].add_((from[i] - to[i]) / double(averaged_steps + 1));
    }
    ++averaged_steps;
}

namespace {
// The forwards of one view (or of both, concatenated) on this rank's rows of
// the global batch. In a data-parallel group the network's own random draws
// are made at the global shape (model/row_noise.h), so each rank sees the
// noise one process with the whole batch would give these rows.
class LocalForward {
public:
    explicit LocalForward(int64_t global_rows) : m_rows(global_rows), m_share(row_share(global_rows)) {}
    at::Tensor local(const at::Tensor& t) const { return t.defined() ? t.narrow(0, m_share.begin, m_share.count) : t; }
    // copies: the global batch stacked `copies` times (the concatenated views)
    BtsfOutput operator()(BtsfNet& net, const at::Tensor& x, const at::Tensor& mask, int copies = 1) const
    {
        if (!data_parallel_active()) return net->forward(x, mask);
        std::vector<at::Tensor> rows;
        for (int c = 0; c < copies; ++c)
            rows.push_back(torch::arange(m_share.begin, m_share.begin + m_share.count, torch::kLong) + c * m_rows);
        const RowNoiseScope scope(m_rows * copies, torch::cat(rows));
        return net->forward(x, mask);
    }
    int64_t count() const { return m_share.count; }

private:
    int64_t m_rows;
    RowShare m_share;
};

// One batch's loss: InfoNCE on the joint representation of two views (spec
// §6), plus the optional timestamp-level loss on aligned overlapping crops.
// The views are drawn for the whole global batch on every rank (the same
// generator state everywhere), so they do not depend on how it is split; each
// rank forwards its rows, and the loss is computed on the representations
// gathered from all ranks (global negatives), identically on every rank.
torch::Tensor training_loss(BtsfNet& net, SeriesTensor batch, const BtsfConfig& c, std::mt19937_64& rng,
                            const ViewAugmenter& augmenter, const std::vector<int64_t>& rows)
{
    if (c.max_train_length > 0 && batch.x.size(2) > c.max_train_length) {
        // Bounds time and memory on long series (the loss at the step level is
        // quadratic in length); encoding still sees the whole series.
        at::Tensor mask;
        batch.x = random_window(batch.x, batch.time_mask, c.max_train_length, rng, &mask);
        batch.time_mask = mask;
    }
    // Another augmentation replaces the dropout: each view gets its own draw.
    torch::Tensor positive_source;
    double dropout = c.dropout;
    if (augmenter.active()) {
        positive_source = augmenter.apply(batch.x, rows, rng);
        batch.x = augmenter.apply(batch.x, rows, rng);
        dropout = 0.0;
    }
    const LocalForward forward(batch.x.size(0));
    if (c.timestamp_loss > 0) {
        const auto pair = make_overlapping_views(batch.x, batch.time_mask, dropout, c.crop_min, rng, positive_source);
        const auto& v = pair.views;
        const auto a = forward(net, forward.local(v.anchor), forward.local(v.anchor_mask));
        const auto p = forward(net, forward.local(v.positive), forward.local(v.positive_mask));
        const int64_t k = pair.overlap;
        // B x k x d: the shared steps, seen with each view's own context.
        auto za = all_gather_rows(a.temporal_steps.narrow(2, a.temporal_steps.size(2) - k, k).transpose(1, 2));
        auto zp = all_gather_rows(p.temporal_steps.narrow(2, 0, k).transpose(1, 2));
        const auto timestamp = c.timestamp_loss * hierarchical_contrastive_loss(za, zp);
        if (c.instance_loss == 0) return timestamp;  // TS2Vec: the hierarchical loss alone
        return c.instance_loss *
                   info_nce_loss(all_gather_rows(a.representation), all_gather_rows(p.representation), c.tau) +
               timestamp;
    }
    const auto views = make_views(batch.x, batch.time_mask, dropout, c.crop_min, rng, positive_source);
    if (views.anchor.size(2) == views.positive.size(2) && !views.anchor_mask.defined()) {
        // Same shape: one forward pass over both views is cheaper than two.
        auto r = forward(net, torch::cat({forward.local(views.anchor), forward.local(views.positive)}, 0), {}, 2)
                     .representation;
        const int64_t b = forward.count();
        return c.instance_loss *
               info_nce_loss(all_gather_rows(r.narrow(0, 0, b)), all_gather_rows(r.narrow(0, b, b)), c.tau);
    }
    const auto ra = forward(net, forward.local(views.anchor), forward.local(views.anchor_mask)).representation;
    const auto rp = forward(net, forward.local(views.positive), forward.local(views.positive_mask)).representation;
    return c.instance_loss * info_nce_loss(all_gather_rows(ra), all_gather_rows(rp), c.tau);
}
}  // namespace

Trainer::Trainer(const BtsfConfig& config, int data_channels, const std::string& device)
    : m_state(TrainingState::create(config, data_channels, torch::Device(choose_device(device).name)))
{
}

Trainer::Trainer(std::unique_ptr<TrainingState> state) : m_state(std::move(state)) {}
Trainer::~Trainer() = default;

int Trainer::planned_iterations(const SeriesSet& train) const
{
    return m_state->config.iters > 0 ? m_state->config.iters : auto_iterations(train.values.size());
}

FitResult Trainer::fit(const SeriesSet& train, const TrainCallbacks& callbacks, const CancelToken* cancel)
{
    using clock = std::chrono::steady_clock;
    auto& s = *m_state;
    const auto& c = s.config;
    if (int(train.channels) != s.data_channels)
        throw std::invalid_argument("training data has " + std::to_string(train.channels) +
                                    " channels, the model expects " + std::to_string(s.data_channels));
    if (train.n < 2) throw std::invalid_argument("training needs at least two series");

    const auto all = to_series_tensor(train, s.device);
    const ViewAugmenter augmenter(c, train.labels);
    const int total = planned_iterations(train);
    const int64_t batch = std::min<int64_t>(c.batch_size, int64_t(train.n));
    row_share(batch);  // a batch that does not divide among the ranks fails before any training
    // Batches, crops and dropout draw from generators seeded by (seed, iteration
    // at the start of this call): a resumed run continues the optimisation with
    // a reproducible stream, though not the one an uninterrupted run would draw.
    std::mt19937_64 rng(c.seed * 1000003ULL + std::uint64_t(s.iteration));
    torch::manual_seed(c.seed + std::uint64_t(s.iteration) * 7919ULL);

    std::vector<int64_t> order(train.n);
    std::iota(order.begin(), order.end(), 0);
    size_t cursor = order.size();  // forces a shuffle on the first batch
    int epoch = 0;

    s.net->train();
    FitResult result;
    const auto start = clock::now();
    const int first_iteration = s.iteration;
    while (s.iteration < total) {
        if (cancel && cancel->cancelled()) {
            result.cancelled = true;
            break;
        }
        if (cursor + size_t(batch) > order.size()) {
            // A new epoch; a short tail is skipped, as a drop_last loader would.
            std::shuffle(order.begin(), order.end(), rng);
            cursor = 0;
            ++epoch;
        }
        const std::vector<int64_t> rows(order.begin() + long(cursor), order.begin() + long(cursor) + batch);
        auto index = torch::tensor(rows, torch::kLong).to(s.device);
        cursor += size_t(batch);
        SeriesTensor batch_data{all.x.index_select(0, index),
                                all.time_mask.defined() ? all.time_mask.index_select(0, index) : torch::Tensor()};
        std::vector<int64_t> view_rows = rows;
        if (s.per_variable()) {
            batch_data = split_variables(batch_data);
            // (N*C) rows, series-major: each series' index repeats once per variable.
            view_rows.clear();
            for (int64_t r : rows) view_rows.insert(view_rows.end(), std::size_t(train.channels), r);
        }

        const auto loss = training_loss(s.net, batch_data, c, rng, augmenter, view_rows);
        s.optimizer->zero_grad();
        loss.backward();
        all_reduce_gradients(s.net->parameters());  // each rank holds its rows' share of the gradient
        s.optimizer->step();
        s.update_average();

        const double loss_value = loss.item<double>();
        s.losses.push_back(float(loss_value));
        ++s.iteration;

        TrainProgress progress;
        progress.iteration = s.iteration;
        progress.total_iterations = total;
        progress.epoch = epoch;
        progress.loss = loss_value;
        progress.elapsed_seconds = std::chrono::duration<double>(clock::now() - start).count();
        const int done_here = s.iteration - first_iteration;
        progress.eta_seconds = progress.elapsed_seconds / done_here * (total - s.iteration);
        if (callbacks.on_iteration) callbacks.on_iteration(progress);
        if (cursor + size_t(batch) > order.size() && callbacks.on_epoch) callbacks.on_epoch(progress);
        result.final_loss = loss_value;
    }
    s.net->eval();
    result.iterations_done = s.iteration;
    result.seconds = std::chrono::duration<double>(clock::now() - start).count();
    return result;
}

namespace {
// Frozen encoder in eval mode over data in batches; `view` may transform each
// batch (B x C x T) before it is encoded (identity for plain encoding).
using Pick = std::function<at::Tensor(const BtsfOutput&)>;

Matrix encode_batches(TrainingState& s, const SeriesSet& data, int batch_size, int representation_dim,
                      const std::function<at::Tensor(const at::Tensor&)>& view, const Pick& pick = {})
{
    if (int(data.channels) != s.data_channels)
        throw std::invalid_argument("data has " + std::to_string(data.channels) + " channels, the model expects " +
                                    std::to_string(s.data_channels));
    if (batch_size <= 0) throw std::invalid_argument("encode: batch_size must be positive");
    torch::NoGradGuard no_grad;
    BtsfNet& net = s.encoder();
    const bool was_training = net->is_training();
    net->eval();
    const auto all = to_series_tensor(data, s.device);
    Matrix out;
    out.rows = data.n;
    out.cols = size_t(representation_dim);
    out.data.resize(out.rows * out.cols);
    // With a pick, the width is only known from the first batch.
    const bool sized_late = bool(pick);
    if (sized_late) out.data.clear();
    for (int64_t begin = 0; begin < int64_t(data.n); begin += batch_size) {
        const int64_t len = std::min<int64_t>(batch_size, int64_t(data.n) - begin);
        SeriesTensor part{all.x.narrow(0, begin, len),
                          all.time_mask.defined() ? all.time_mask.narrow(0, begin, len) : torch::Tensor()};
        if (view) part.x = view(part.x);
        if (s.per_variable()) part = split_variables(part);
        // per-variable rows are concatenated back into one row per series
        const auto output = net->forward(part.x, part.time_mask);
        auto r = (pick ? pick(output) : output.representation).reshape({len, -1});
        r = r.to(torch::kCPU, torch::kFloat).contiguous();
        if (sized_late) {
            out.cols = std::size_t(r.size(1));
            out.data.insert(out.data.end(), r.data_ptr<float>(), r.data_ptr<float>() + r.numel());
            continue;
        }
        std::copy(r.data_ptr<float>(), r.data_ptr<float>() + r.numel(), out.data.begin() + begin * int64_t(out.cols));
    }
    if (was_training) net->train();
    return out;
}
}  // namespace

Matrix Trainer::encode(const SeriesSet& data, int batch_size) const
{
    return encode_batches(*m_state, data, batch_size, representation_dim(), {});
}

std::pair<Matrix, Matrix> Trainer::encode_dropout_views(const SeriesSet& data, double dropout,
                                                        unsigned long long seed) const
{
    // Seeded so that the analysis of a run is repeatable; the two views draw
    // different masks from the same stream.
    torch::manual_seed(seed);
    const auto view = [dropout](const at::Tensor& x) { return dropout_view(x, dropout); };
    Matrix anchors = encode_batches(*m_state, data, 256, representation_dim(), view);
    Matrix positives = encode_batches(*m_state, data, 256, representation_dim(), view);
    return {std::move(anchors), std::move(positives)};
}

Matrix Trainer::encode_branch(const SeriesSet& data, const std::string& branch) const
{
    if (branch != "temporal" && branch != "spectral")
        throw std::invalid_argument("encode_branch: branch must be temporal or spectral");
    const bool temporal = branch == "temporal";
    const Pick pick = [temporal, &branch](const BtsfOutput& o) {
        const auto& f = temporal ? o.temporal : o.spectral;  // B x d x positions
        if (!f.defined()) throw std::invalid_argument("this model's fusion has no " + branch + " branch");
        return f.mean(2);
    };
    return encode_batches(*m_state, data, 256, 0, {}, pick);
}

int Trainer::iteration() const
{
    return m_state->iteration;
}
const std::vector<float>& Trainer::loss_curve() const
{
    return m_state->losses;
}
const BtsfConfig& Trainer::config() const
{
    return m_state->config;
}
int Trainer::data_channels() const
{
    return m_state->data_channels;
}
int Trainer::representation_dim() const
{
    return m_state->config.representation_dim() * (m_state->per_variable() ? m_state->data_channels : 1);
}
std::string Trainer::device() const
{
    return m_state->device.is_cuda() ? "cuda" : "cpu";
}
std::map<std::string, std::string>& Trainer::metadata()
{
    return m_state->metadata;
}
const std::map<std::string, std::string>& Trainer::metadata() const
{
    return m_state->metadata;
}

}  // namespace btsf
