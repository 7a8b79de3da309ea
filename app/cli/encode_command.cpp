#include "encode_command.h"

#include "tasks/classification_output.h"
#include "train/device.h"
#include "train/trainer.h"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <stdexcept>

namespace btsf::cli {

void add_encode_command(CLI::App& app, EncodeOptions& o)
{
    auto* cmd = app.add_subcommand("encode", "Write representations of a dataset with a trained checkpoint");
    cmd->add_option("--checkpoint", o.checkpoint, "checkpoint.pt of a run")->required();
    cmd->add_option("dataset", o.dataset, "Dataset folder, _TRAIN file, archive name, or demo:NAME")->required();
    cmd->add_option("--data-root", o.data_root, "Folder holding the archives (default: $BTSF_DATA_ROOT)");
    cmd->add_option("--out", o.out, "Output folder (representations.h5)")->capture_default_str();
    cmd->add_option("--device", o.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--threads", o.threads, "LibTorch threads (0: one per core)");
}

int run_encode(const EncodeOptions& o)
{
    refuse_run_folder(o.out, "encode");
    setup_logging(o.out);
    set_thread_count(o.threads);
    auto trainer = Trainer::load_checkpoint(o.checkpoint, o.device);
    ClassificationData data = load_dataset(o.dataset, o.data_root);
    restore_checkpoint_zscore(*trainer, o.checkpoint, data);
    const auto train = trainer->encode(data.train);
    const auto test = trainer->encode(data.test);
    write_representations(o.out + "/representations.h5", data, train, test);
    spdlog::info("encoded {} + {} series ({} dims) into {}/representations.h5", train.rows, test.rows, train.cols,
                 o.out);
    return 0;
}

}  // namespace btsf::cli
