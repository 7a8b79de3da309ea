// Trainer::save_checkpoint / load_checkpoint: one torch archive holding the
// model, the optimizer, the config as JSON, the iteration, the loss curve and
// free-form metadata, so that training resumes exactly where it stopped.
#include "train/trainer.h"

#include "train/device.h"
#include "train/training_state.h"
#include "util/atomic_file.h"

#include <torch/serialize.h>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace btsf {
namespace {
constexpr const char* kFormat = "btsf-checkpoint-1";

std::string metadata_to_json(const std::map<std::string, std::string>& metadata)
{
    return nlohmann::json(metadata).dump();
}

std::map<std::string, std::string> metadata_from_json(const std::string& text)
{
    return nlohmann::json::parse(text).get<std::map<std::string, std::string>>();
}
}  // namespace

void Trainer::save_checkpoint(const std::string& path) const
{
    const auto& s = *m_state;
    torch::serialize::OutputArchive archive;
    torch::serialize::OutputArchive model_archive, optimizer_archive;
    s.net->save(model_archive);
    s.optimizer->save(optimizer_archive);
    archive.write("model", model_archive);
    archive.write("optimizer", optimizer_archive);
    if (s.averaged) {
        torch::serialize::OutputArchive averaged_archive;
        s.averaged->save(averaged_archive);
        archive.write("averaged", averaged_archive);
        archive.write("averaged_steps", c10::IValue(s.averaged_steps));
    }
    archive.write("format", c10::IValue(std::string(kFormat)));
    archive.write("config_json", c10::IValue(config_to_json(s.config)));
    archive.write("data_channels", c10::IValue(int64_t(s.data_channels)));
    archive.write("iteration", c10::IValue(int64_t(s.iteration)));
    archive.write("losses", torch::tensor(s.losses.empty() ? std::vector<float>{} : s.losses, torch::kFloat));
    archive.write("metadata_json", c10::IValue(metadata_to_json(s.metadata)));
    write_atomically(path, [&](const std::string& temp) { archive.save_to(temp); });
}

std::unique_ptr<Trainer> Trainer::load_checkpoint(const std::string& path, const std::string& device)
{
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error(path + ": checkpoint not found");
    const torch::Device dev(choose_device(device).name);
    torch::serialize::InputArchive archive;
    c10::IValue format, config_json, channels, iteration, metadata_json;
    try {
        archive.load_from(path, dev);
        archive.read("format", format);
    } catch (const c10::Error&) {
        throw std::runtime_error(path + ": not a BTSF checkpoint");
    }
    if (!format.isString() || format.toStringRef() != kFormat)
        throw std::runtime_error(path + ": unsupported checkpoint format");
    try {
        archive.read("config_json", config_json);
        archive.read("data_channels", channels);
        archive.read("iteration", iteration);
        archive.read("metadata_json", metadata_json);
        auto state = TrainingState::create(config_from_json(config_json.toStringRef(), path + " (config)"),
                                           int(channels.toInt()), dev);
        torch::serialize::InputArchive model_archive, optimizer_archive;
        archive.read("model", model_archive);
        archive.read("optimizer", optimizer_archive);
        state->net->load(model_archive);
        state->optimizer->load(optimizer_archive);
        if (state->averaged) {
            torch::serialize::InputArchive averaged_archive;
            c10::IValue averaged_steps;
            archive.read("averaged", averaged_archive);
            archive.read("averaged_steps", averaged_steps);
            state->averaged->load(averaged_archive);
            state->averaged_steps = averaged_steps.toInt();
            state->averaged->eval();
        }
        torch::Tensor losses;
        archive.read("losses", losses);
        losses = losses.to(torch::kCPU).contiguous();
        state->losses.assign(losses.data_ptr<float>(), losses.data_ptr<float>() + losses.numel());
        state->iteration = int(iteration.toInt());
        state->metadata = metadata_from_json(metadata_json.toStringRef());
        state->net->eval();
        return std::make_unique<Trainer>(std::move(state));
    } catch (const c10::Error& e) {
        throw std::runtime_error(path + ": damaged checkpoint (" + e.what_without_backtrace() + ")");
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": damaged checkpoint metadata (" + e.what() + ")");
    }
}

}  // namespace btsf
