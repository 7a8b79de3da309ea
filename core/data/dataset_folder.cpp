#include "data/dataset_folder.h"

#include <cstdlib>
#include <filesystem>

#include "data/arff_reader.h"
#include "data/classification_assembly.h"
#include "data/load_error.h"
#include "data/parse_util.h"
#include "data/ts_reader.h"
#include "data/tsv_reader.h"
#include "demo_datasets.h"

namespace btsf {

namespace fs = std::filesystem;

namespace {

// In order of preference: .ts keeps unequal lengths and declares its classes.
const char* const k_extensions[] = {"ts", "tsv", "arff"};

RawSeriesFile read_any(const fs::path& file)
{
    const std::string ext = parse::to_lower(file.extension().string());
    if (ext == ".ts") return read_ts(file.string());
    if (ext == ".tsv") return read_tsv(file.string());
    if (ext == ".arff") return read_arff(file.string());
    throw DataError(file.string(), 0, "unsupported file type (expected .ts, .tsv or .arff)");
}

ClassificationData load_pair(const fs::path& train, const fs::path& test, const std::string& name)
{
    if (!fs::is_regular_file(test))
        throw DataError(test.string(), 0, "missing TEST file (needed next to " + train.filename().string() + ")");
    const RawSeriesFile train_raw = read_any(train);
    const RawSeriesFile test_raw = read_any(test);
    return assemble_classification(train_raw, test_raw, name);
}

ClassificationData load_folder(const fs::path& dir)
{
    fs::path clean = dir.lexically_normal();
    if (clean.filename().empty())  // "CBF/" normalises to "CBF/", whose filename is ""
        clean = clean.parent_path();
    const std::string name = clean.filename().string();
    for (const char* ext : k_extensions) {
        const fs::path train = clean / (name + "_TRAIN." + ext);
        if (fs::is_regular_file(train)) return load_pair(train, clean / (name + "_TEST." + ext), name);
    }
    throw DataError(dir.string(), 0, "no " + name + "_TRAIN.ts, .tsv or .arff in this folder");
}

ClassificationData load_train_file(const fs::path& file)
{
    const std::string stem = file.stem().string();
    const std::string marker = "_TRAIN";
    const std::size_t pos = stem.rfind(marker);
    if (pos == std::string::npos || pos + marker.size() != stem.size())
        throw DataError(file.string(), 0, "expected a <Name>_TRAIN file (its _TEST file is found beside it)");
    const std::string name = stem.substr(0, pos);
    const fs::path test = file.parent_path() / (name + "_TEST" + file.extension().string());
    return load_pair(file, test, name);
}

}  // namespace

std::string default_data_root()
{
    const char* env = std::getenv("BTSF_DATA_ROOT");
    return env ? std::string(env) : std::string();
}

ClassificationData load_classification(const std::string& path_or_name, const std::string& data_root)
{
    const std::string demo_prefix = "demo:";
    if (path_or_name.compare(0, demo_prefix.size(), demo_prefix) == 0)
        return demo::make_demo(path_or_name.substr(demo_prefix.size()));

    const fs::path p(path_or_name);
    if (fs::is_directory(p)) return load_folder(p);
    if (fs::is_regular_file(p)) return load_train_file(p);

    // Anything that looks like a path is taken as one: never search for it.
    const bool bare_name = !path_or_name.empty() && path_or_name.find('/') == std::string::npos &&
                           path_or_name.find('\\') == std::string::npos && path_or_name != "." && path_or_name != "..";
    if (!bare_name) throw DataError(path_or_name, 0, "no such file or folder");
    if (data_root.empty())
        throw DataError(path_or_name, 0, "no such folder, and no data root to search (set BTSF_DATA_ROOT)");

    std::string searched;
    for (const fs::path& candidate :
         {fs::path(data_root) / p, fs::path(data_root) / "ucr" / p, fs::path(data_root) / "uea" / p}) {
        if (fs::is_directory(candidate)) return load_folder(candidate);
        searched += (searched.empty() ? "" : ", ") + candidate.string();
    }
    throw DataError(path_or_name, 0, "dataset not found; searched " + searched);
}

}  // namespace btsf
