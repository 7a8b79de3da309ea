// label_segments and the one-string dataset names of load_anomaly_dataset; the
// readers themselves are in anomaly_csv.cpp, anomaly_nasa.cpp, anomaly_nab.cpp,
// anomaly_ucr.cpp and anomaly_smd.cpp.
#include "data/anomaly_data.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "data/load_error.h"
#include "data/parse_util.h"
#include "demo_anomaly.h"

namespace btsf {

namespace {

namespace fs = std::filesystem;

constexpr const char* forms =
    "expected demo:NAME, nasa:[ROOT:]CHANNEL, nab:[ROOT:]GROUP/FILE.csv, ucr:FILE|NNN, smd:[ROOT:]MACHINE, "
    "swat:FOLDER, or a path to such data";

// As given when absolute or present; else under data_root when present there; else as given.
fs::path resolve(const std::string& p, const std::string& data_root)
{
    const fs::path path(p);
    std::error_code ec;
    if (path.is_absolute() || fs::exists(path, ec) || data_root.empty()) return path;
    const fs::path under = fs::path(data_root) / path;
    return fs::exists(under, ec) ? under : path;
}

// "ROOT:ITEM" -> {resolved ROOT, ITEM}; "ITEM" -> {DATA/anomaly/<folder>, ITEM}.
std::pair<fs::path, std::string> root_and_item(const std::string& spec, const std::string& rest,
                                               const std::string& data_root, const char* folder)
{
    const std::size_t colon = rest.rfind(':');
    std::pair<fs::path, std::string> out;
    if (colon == std::string::npos)
        out = {fs::path(data_root) / "anomaly" / folder, rest};
    else
        out = {resolve(rest.substr(0, colon), data_root), rest.substr(colon + 1)};
    if (parse::trim(out.second).empty())
        throw DataError(spec, 0, "nothing named after the last ':' (" + std::string(forms) + ")");
    return out;
}

// A SWaT-style folder: exactly one train CSV and one test CSV.
AnomalySeries load_swat_folder(const fs::path& folder)
{
    std::vector<std::string> train, test, seen;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        const std::string lower = parse::to_lower(name);
        if (!e.is_regular_file(ec) || lower.size() < 4 || lower.compare(lower.size() - 4, 4, ".csv") != 0) continue;
        seen.push_back(name);
        if (lower.find("train") != std::string::npos || lower.find("normal") != std::string::npos)
            train.push_back(e.path().string());
        if (lower.find("test") != std::string::npos || lower.find("attack") != std::string::npos)
            test.push_back(e.path().string());
    }
    if (train.size() != 1 || test.size() != 1 || train[0] == test[0]) {
        std::sort(seen.begin(), seen.end());
        std::string list;
        for (const std::string& n : seen) list += (list.empty() ? "" : ", ") + n;
        throw DataError(folder.string(), 0,
                        "expected one train CSV (name containing 'train' or 'normal') and one test CSV ('test' or "
                        "'attack'); CSV files here: " +
                            (list.empty() ? std::string("none") : list));
    }
    return load_swat_csv(train[0], test[0]);
}

// "ucr:" followed by a path, a file name in DATA/anomaly/ucr_anomaly, or its number ("135").
AnomalySeries load_ucr_spec(const std::string& spec, const std::string& rest, const std::string& data_root)
{
    const fs::path direct = resolve(rest, data_root);
    std::error_code ec;
    if (fs::is_regular_file(direct, ec)) return load_ucr_anomaly(direct.string());
    const fs::path folder = fs::path(data_root) / "anomaly" / "ucr_anomaly";
    const bool number = !rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos;
    std::string prefix = rest;
    while (number && prefix.size() < 3) prefix.insert(0, "0");
    std::vector<fs::path> hits;
    for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (number ? name.rfind(prefix + "_", 0) == 0 : (name == rest || e.path().stem().string() == rest))
            hits.push_back(e.path());
    }
    if (hits.size() != 1)
        throw DataError(spec, 0,
                        hits.empty() ? "no such UCR anomaly file (looked in " + folder.string() + ")"
                                     : "more than one UCR anomaly file matches in " + folder.string());
    return load_ucr_anomaly(hits[0].string());
}

// A path recognised by its shape (see anomaly_data.h).
AnomalySeries load_path(const std::string& spec, const fs::path& p)
{
    std::error_code ec;
    if (!fs::exists(p, ec)) throw DataError(spec, 0, "no such file or folder (" + std::string(forms) + ")");
    if (fs::is_directory(p, ec)) return load_swat_folder(p);
    const std::string ext = parse::to_lower(p.extension().string());
    const std::string parent = p.parent_path().filename().string();
    const fs::path above = p.parent_path().parent_path();
    if (ext == ".npy" && (parent == "train" || parent == "test"))
        return load_nasa_channel(above.string(), p.stem().string());
    if (ext == ".txt" && p.stem().string().find("_UCR_Anomaly_") != std::string::npos)
        return load_ucr_anomaly(p.string());
    if (ext == ".txt" && (parent == "train" || parent == "test" || parent == "test_label") &&
        fs::is_directory(above / "test_label", ec))
        return load_smd_machine(above.string(), p.stem().string());
    if (ext == ".csv") {
        const fs::path abs = fs::absolute(p, ec).lexically_normal();
        for (fs::path a = abs.parent_path(); !a.empty() && a != a.root_path(); a = a.parent_path())
            if (fs::is_regular_file(a / "labels" / "combined_windows.json", ec))
                return load_nab_series(a.string(), abs.lexically_relative(a / "data").generic_string());
    }
    throw DataError(spec, 0, "not a recognised anomaly dataset (" + std::string(forms) + ")");
}

}  // namespace

void split_train_test(AnomalySeries& s, const std::vector<float>& all, std::size_t channels, std::size_t train_rows)
{
    s.train_length = train_rows;
    s.test_length = all.size() / channels - train_rows;
    s.train.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(train_rows * channels));
    s.test.assign(all.begin() + static_cast<std::ptrdiff_t>(train_rows * channels), all.end());
    s.labels.assign(s.test_length, 0);
}

std::vector<std::pair<std::size_t, std::size_t>> label_segments(const std::vector<std::uint8_t>& labels)
{
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t t = 0; t < labels.size(); ++t) {
        if (!labels[t]) continue;
        const std::size_t begin = t;
        while (t + 1 < labels.size() && labels[t + 1]) ++t;
        out.emplace_back(begin, t);
    }
    return out;
}

void check_anomaly_series(const AnomalySeries& s, const std::string& source, int window)
{
    const auto w = static_cast<std::size_t>(std::max(window, 0));
    if (s.train_length < w || s.test_length < w)
        throw DataError(source, 0,
                        "the " + std::string(s.train_length < w ? "training" : "test") + " split has " +
                            std::to_string(s.train_length < w ? s.train_length : s.test_length) +
                            " points, fewer than the window of " + std::to_string(window));
    const std::size_t c = s.channels_count();
    for (std::size_t k = 0; k < c; ++k) {
        bool seen = false;
        for (std::size_t t = 0; t < s.train_length && !seen; ++t) seen = !std::isnan(s.train[t * c + k]);
        if (!seen)
            throw DataError(source, 0,
                            "channel " + parse::quote(s.channels[k]) + " has no values in the training split");
    }
}

AnomalySeries load_anomaly_dataset(const std::string& spec, const std::string& data_root)
{
    const auto rest_after = [&](std::string_view prefix) { return spec.substr(prefix.size()); };
    if (parse::starts_with_ci(spec, "demo:")) return demo::make_anomaly_demo(rest_after("demo:"));
    if (parse::starts_with_ci(spec, "nasa:")) {
        const auto [root, chan] = root_and_item(spec, rest_after("nasa:"), data_root, "smap_msl");
        return load_nasa_channel(root.string(), chan);
    }
    if (parse::starts_with_ci(spec, "smd:")) {
        const auto [root, machine] = root_and_item(spec, rest_after("smd:"), data_root, "smd");
        return load_smd_machine(root.string(), machine);
    }
    if (parse::starts_with_ci(spec, "nab:")) {
        const auto [root, file] = root_and_item(spec, rest_after("nab:"), data_root, "nab");
        return load_nab_series(root.string(), file);
    }
    if (parse::starts_with_ci(spec, "ucr:")) return load_ucr_spec(spec, rest_after("ucr:"), data_root);
    if (parse::starts_with_ci(spec, "swat:")) {
        const fs::path folder = resolve(rest_after("swat:"), data_root);
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) throw DataError(spec, 0, "not a folder");
        return load_swat_folder(folder);
    }
    return load_path(spec, resolve(spec, data_root));
}

}  // namespace btsf
