#include "tasks/forecast_output.h"

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

json horizons_json(const ForecastScores& scores)
{
    json j = json::object();
    for (const auto& h : scores.horizons)
        j[std::to_string(h.horizon)] = {
            {"mse", h.mse}, {"mae", h.mae}, {"raw_mse", h.raw_mse}, {"raw_mae", h.raw_mae}, {"alpha", h.alpha}};
    return j;
}

// Back to the data's units: z * stddev + mean, per target (step-major columns).
Matrix in_units(const Matrix& z, const ForecastProblem& p)
{
    Matrix m = z;
    for (std::size_t i = 0; i < m.rows; ++i)
        for (std::size_t j = 0; j < m.cols; ++j) {
            const std::size_t v = j % p.n_targets;
            m.at(i, j) = float(double(m.at(i, j)) * p.stddev[v] + p.mean[v]);
        }
    return m;
}
}  // namespace

std::string forecast_metrics_json(const ForecastProblem& p, const ForecastRun& run, const ForecastRunInfo& info)
{
    const auto& trainer = *run.trainer;
    json j;
    j["task"] = "forecasting";
    j["dataset"] = info.run.dataset;
    if (!info.run.source.empty()) j["source"] = info.run.source;
    j["setting"] = info.multivariate ? "multivariate" : "univariate";
    j["targets"] = p.targets;
    j["input_channels"] = p.channels;
    j["lookback"] = info.lookback;
    j["standardised_features"] = info.standardised_features;
    std::vector<int> horizons;
    for (const auto& h : run.btsf.horizons) horizons.push_back(h.horizon);
    j["horizons"] = horizons;
    j["splits"] = {
        {"train_end", p.splits.train_end}, {"valid_end", p.splits.valid_end}, {"test_end", p.splits.test_end}};
    j["results"] = horizons_json(run.btsf);
    if (!run.raw.horizons.empty())
        j["baselines"] = {{"raw", horizons_json(run.raw)},
                          {"untrained", horizons_json(run.untrained)},
                          {"nlinear", horizons_json(run.nlinear)}};
    j["train_seconds"] = run.fit.seconds;
    j["encode_seconds"] = run.encode_seconds;
    j["iters"] = trainer.iteration();
    j["final_loss"] = run.fit.final_loss;
    j["seed"] = trainer.config().seed;
    j["preset"] = trainer.config().preset;
    j["device"] = info.run.device;
    j["threads"] = info.run.threads;
    j["representation_dim"] = trainer.representation_dim();
    j["finished_utc"] = utc_now();
    if (!info.run.command.empty()) j["command"] = info.run.command;
    j[kWrittenByKey] = written_by_json();
    return j.dump(2) + "\n";
}

void write_forecast_predictions(const std::string& path, const ForecastProblem& p, const ForecastRun& run, int lookback,
                                const std::string& which)
{
    if (which == "none") return;
    Hdf5Writer h5(path);
    // The targets over [0, test_end) in their own units: history for any test origin.
    Matrix series;
    series.rows = p.splits.test_end;
    series.cols = p.n_targets;
    for (std::size_t t = 0; t < series.rows; ++t)
        for (std::size_t v = 0; v < p.n_targets; ++v)
            series.data.push_back(float(double(p.inputs[t * p.channels + v]) * p.stddev[v] + p.mean[v]));
    h5.write_matrix("series/values", series);
    h5.write_strings("targets", p.targets);
    h5.set_attribute("units",
                     "every value is in the data's own units (de-normalised with the training split's "
                     "mean and std of each target)");
    h5.set_attribute_on("series/values", "description",
                        "the targets at time steps 0 .. test_end-1 (rows) of the training, validation and test "
                        "splits; columns are the variables in 'targets'");
    h5.set_attribute_on("targets", "description", "the target variables, in column order (UTF-8)");
    for (std::size_t k = 0; k < run.btsf.horizons.size(); ++k) {
        const int horizon = run.btsf.horizons[k].horizon;
        const std::string group = "h" + std::to_string(horizon);
        const auto origins = forecast_origins(p.splits.valid_end, p.splits.test_end, lookback, horizon);
        h5.write_ints(group + "/origins", std::vector<int>(origins.begin(), origins.end()));
        h5.write_matrix(group + "/truth", in_units(future_targets(p, origins, horizon), p));
        h5.write_matrix(group + "/btsf", in_units(run.btsf.horizons[k].predictions, p));
        if (which == "all" && k < run.raw.horizons.size()) {
            h5.write_matrix(group + "/raw", in_units(run.raw.horizons[k].predictions, p));
            h5.write_matrix(group + "/untrained", in_units(run.untrained.horizons[k].predictions, p));
            h5.write_matrix(group + "/nlinear", in_units(run.nlinear.horizons[k].predictions, p));
        }
        h5.set_attribute_on(group + "/origins", "description",
                            "one per test window: the row t of series/values where its lookback window ends; "
                            "the forecast covers rows t+1 .. t+" +
                                std::to_string(horizon));
        h5.set_attribute_on(group + "/truth", "description",
                            "the true values, one row per origin; columns step-major: step 1 of every target, "
                            "then step 2, ... (" +
                                std::to_string(horizon) + " x targets columns)");
        h5.set_attribute_on(group + "/btsf", "description",
                            "the ridge forecast from the trained encoder's representation; layout of truth");
        if (which == "all" && k < run.raw.horizons.size()) {
            h5.set_attribute_on(group + "/raw", "description", "the ridge on the flattened raw lookback window");
            h5.set_attribute_on(group + "/untrained", "description",
                                "the ridge on the untrained encoder's representation");
            h5.set_attribute_on(group + "/nlinear", "description",
                                "the NLinear-style ridge (window minus its last value, predicting the change)");
        }
    }
    h5.set_attribute("dataset", p.name);
    h5.commit();
}

void save_forecast_run(const std::string& folder, const ForecastProblem& p, const ForecastRun& run,
                       const ForecastRunInfo& info, const std::string& which_predictions)
{
    std::filesystem::create_directories(folder);
    auto& trainer = *run.trainer;
    json z = {{"mean", p.mean}, {"stddev", p.stddev}, {"targets", p.targets}};
    trainer.metadata()["forecast_zscore"] = z.dump();
    trainer.metadata()["dataset"] = p.name;
    if (!info.run.source.empty()) trainer.metadata()["source"] = info.run.source;
    trainer.save_checkpoint(folder + "/checkpoint.pt");
    save_config_file(trainer.config(), folder + "/config.json");
    write_loss_curve(folder + "/loss_curve.csv", trainer.loss_curve());
    write_forecast_predictions(folder + "/predictions.h5", p, run, info.lookback, which_predictions);
    write_text_atomically(folder + "/metrics.json", forecast_metrics_json(p, run, info));
}

}  // namespace btsf
