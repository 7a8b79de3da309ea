#include "io/staged_run_folder.h"

#include "util/atomic_file.h"
#include "util/written_by.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace btsf {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStaging = ".staging-";
constexpr const char* kReplaced = ".replaced-";
constexpr const char* kFailed = ".failed";

// Fault injection for the kill test (tests/cli): BTSF_FAULT_KILL_AT=STEP makes
// the process kill itself at that step of commit(), as a power cut or `kill -9`
// would; BTSF_FAULT_NO_EXCHANGE=1 takes the two-rename path of filesystems
// without RENAME_EXCHANGE.
void maybe_die_at(const char* step)
{
    const char* at = std::getenv("BTSF_FAULT_KILL_AT");
    if (at && std::strcmp(at, step) == 0) std::raise(SIGKILL);
}

bool exchange_supported()
{
    const char* off = std::getenv("BTSF_FAULT_NO_EXCHANGE");
    return !(off && *off && std::strcmp(off, "0") != 0);
}

// Swaps two existing paths atomically; false when the filesystem cannot.
bool exchange_paths(const std::string& a, const std::string& b)
{
#ifdef RENAME_EXCHANGE
    if (exchange_supported() && ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0)
        return true;
    if (exchange_supported() && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        throw std::runtime_error(b + ": cannot move the new run into place: " + std::strerror(errno));
#else
    (void)a;
    (void)b;
#endif
    return false;
}

bool pid_alive(long pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

// The pid after `marker` in a leftover's name, or -1.
long leftover_pid(const std::string& name, const std::string& prefix)
{
    if (name.rfind(prefix, 0) != 0) return -1;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
    return std::strtol(digits.c_str(), nullptr, 10);
}

// "metrics.json.tmp4242": a temp file of write_atomically (util/atomic_file.h).
bool is_atomic_temp(const std::string& name)
{
    const auto at = name.rfind(".tmp");
    if (at == std::string::npos || at + 4 == name.size()) return false;
    return std::all_of(name.begin() + long(at + 4), name.end(), ::isdigit);
}

bool is_empty_dir(const fs::path& p)
{
    std::error_code ec;
    return fs::is_directory(p, ec) && fs::directory_iterator(p, ec) == fs::directory_iterator();
}

// What a run folder written before manifests existed holds.
bool looks_like_a_run(const fs::path& p)
{
    std::error_code ec;
    for (const char* f : {kRunManifest, "metrics.json", "btsf.log", "config.json", "checkpoint.pt"})
        if (fs::exists(p / f, ec)) return true;
    return false;
}

std::string manifest_json(const fs::path& folder, const StagedRunOptions& o, const std::string& started)
{
    nlohmann::json files = nlohmann::json::array();
    std::vector<fs::path> names;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().filename() != kRunManifest) names.push_back(entry.path());
    std::sort(names.begin(), names.end());
    for (const auto& p : names) files.push_back({{"name", p.filename().string()}, {"bytes", fs::file_size(p)}});
    nlohmann::json j;
    j["task"] = o.task;
    j[kWrittenByKey] = written_by_json();
    j["started_utc"] = started;
    j["finished_utc"] = utc_now();
    j["command"] = o.command;
    j["files"] = files;
    // btsf.log keeps growing after the move (the last lines say where the run went).
    j["note"] = "files and sizes as of the end of the run; btsf.log may have grown since";
    return j.dump(2) + "\n";
}

void remove_quietly(const fs::path& p)
{
    std::error_code ec;
    fs::remove_all(p, ec);
}

}  // namespace

bool is_unfinished_run_folder(const std::string& folder_name)
{
    const std::string name = fs::path(folder_name).filename().string();
    const auto marker = [&](const char* m) {
        const auto at = name.rfind(m);
        return at != std::string::npos && at > 0 && leftover_pid(name.substr(at), m) > 0;
    };
    const std::string failed = kFailed;
    const bool ends_failed =
        name.size() > failed.size() && name.compare(name.size() - failed.size(), failed.size(), failed) == 0;
    return marker(kStaging) || marker(kReplaced) || ends_failed;
}

std::string run_manifest_task(const std::string& folder)
{
    std::error_code ec;
    const fs::path manifest = fs::path(folder) / kRunManifest;
    if (!fs::exists(manifest, ec)) return "";
    try {
        const auto j = nlohmann::json::parse(read_text_file(manifest.string()));
        return j.value("task", std::string("unknown"));
    } catch (const std::exception&) {
        return "unknown";
    }
}

StagedRunFolder::StagedRunFolder(std::string target, StagedRunOptions options)
    : m_target(std::move(target)), m_options(std::move(options)), m_started_utc(utc_now())
{
    while (m_target.size() > 1 && m_target.back() == '/') m_target.pop_back();
    if (m_target.empty()) throw std::runtime_error("the output folder name is empty");
    const fs::path target_path(m_target);
    const fs::path parent = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
    const std::string base = target_path.filename().string();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw std::runtime_error(parent.string() + ": cannot create the folder: " + ec.message());

    // Leftovers of runs that were killed: staging folders of dead processes go;
    // an old run moved aside by an interrupted two-rename swap comes back if the
    // new one never arrived.
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(base, 0) != 0) continue;
        const std::string rest = name.substr(base.size());
        const long staging_pid = leftover_pid(rest, kStaging);
        const long replaced_pid = leftover_pid(rest, kReplaced);
        if (staging_pid > 0 && !pid_alive(staging_pid)) {
            remove_quietly(entry.path());
            m_cleaned.push_back("removed " + entry.path().string() + ", left by an interrupted run");
        } else if (replaced_pid > 0 && !pid_alive(replaced_pid)) {
            if (!fs::exists(target_path, ec)) {
                fs::rename(entry.path(), target_path, ec);
                m_cleaned.push_back("restored " + m_target + " from " + entry.path().string() +
                                    " (a run was killed while replacing it)");
            } else {
                remove_quietly(entry.path());
                m_cleaned.push_back("removed " + entry.path().string() + ", the run a finished run replaced");
            }
        }
    }
    // Temp files of atomic writes inside the target (from code before staging);
    // only in a run folder, so a user's own folder is never touched.
    if (fs::is_directory(target_path, ec) && looks_like_a_run(target_path))
        for (const auto& entry : fs::directory_iterator(target_path, ec))
            if (is_atomic_temp(entry.path().filename().string()) && entry.is_regular_file()) {
                fs::remove(entry.path(), ec);
                m_cleaned.push_back("removed the temp file " + entry.path().string());
            }

    if (fs::exists(target_path, ec) && !is_empty_dir(target_path)) {
        if (!fs::is_directory(target_path, ec))
            throw std::runtime_error(m_target + ": is a file, not a folder; choose another --out");
        if (!looks_like_a_run(target_path))
            throw std::runtime_error(m_target +
                                     ": holds files that are not a run; choose another --out (--force never "
                                     "deletes them)");
        if (!m_options.force) {
            const std::string task = run_manifest_task(m_target);
            throw std::runtime_error(
                m_target + ": holds " +
                (task.empty() ? std::string("an earlier run") : "a finished run (task " + task + ")") +
                "; pass --force to replace it, or choose another --out");
        }
    }
    m_staging = m_target + kStaging + std::to_string(::getpid());
    remove_quietly(m_staging);
    fs::create_directories(m_staging, ec);
    if (ec) throw std::runtime_error(m_staging + ": cannot create the staging folder: " + ec.message());
}

StagedRunFolder::~StagedRunFolder()
{
    if (!m_done) {
        try {
            abandon("the run stopped before its files were complete");
        } catch (...) {
        }
    }
}

void StagedRunFolder::commit()
{
    if (m_done) throw std::logic_error("StagedRunFolder: commit after commit or abandon");
    maybe_die_at("before-manifest");
    write_text_atomically(m_staging + "/" + kRunManifest, manifest_json(m_staging, m_options, m_started_utc));
    maybe_die_at("after-manifest");
    std::error_code ec;
    const fs::path target(m_target);
    if (!fs::exists(target, ec)) {
        fs::rename(m_staging, target, ec);
        if (ec) throw std::runtime_error(m_target + ": cannot move the new run into place: " + ec.message());
    } else if (exchange_paths(m_staging, m_target)) {
        maybe_die_at("after-swap");
        remove_quietly(m_staging);  // now the previous run
    } else {
        const std::string aside = m_target + kReplaced + std::to_string(::getpid());
        fs::rename(target, aside, ec);
        if (ec) throw std::runtime_error(m_target + ": cannot move the previous run aside: " + ec.message());
        maybe_die_at("between-renames");
        fs::rename(m_staging, target, ec);
        if (ec) {
            fs::rename(aside, target);
            throw std::runtime_error(m_target + ": cannot move the new run into place: " + ec.message());
        }
        remove_quietly(aside);
    }
    remove_quietly(m_target + kFailed);  // superseded by this run
    m_done = true;
}

void StagedRunFolder::abandon(const std::string& reason)
{
    if (m_done) return;
    m_done = true;
    {
        std::ofstream log(m_staging + "/btsf.log", std::ios::app);
        log << "error: " << reason << "\n";
    }
    const std::string failed = m_target + kFailed;
    remove_quietly(failed);
    std::error_code ec;
    fs::rename(m_staging, failed, ec);
    if (ec) remove_quietly(m_staging);
}

}  // namespace btsf
