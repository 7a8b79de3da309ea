#pragma once
// A run folder is either the previous run, whole, or the new run, whole.
//
// A run writes every file into a staging folder beside its target
// ("<target>.staging-<pid>") and, once all are written, records them in a
// manifest (run.json) and swaps the staging folder into place in one rename
// (Linux renameat2 RENAME_EXCHANGE; elsewhere two renames whose gap the next
// run repairs). A run that fails keeps its log in "<target>.failed", and the
// previous run stays untouched. Leftovers of killed runs are cleaned (and
// reported) by the next run on the same target.
#include <string>
#include <vector>

namespace btsf {

// The manifest of a complete run folder.
constexpr const char* kRunManifest = "run.json";

struct StagedRunOptions {
    std::string task;     // "classification", "forecasting", "anomaly", "encoding"
    std::string command;  // how the run was started, for the manifest
    bool force = false;   // replace a folder that holds a run (of any task)
};

class StagedRunFolder {
public:
    // Cleans leftovers beside `target`, refuses a target that holds a run unless
    // options.force (std::runtime_error, one line naming the folder), and
    // creates the staging folder. Refuses, even with force, a non-empty target
    // that does not look like a run, so that --force never deletes a user's files.
    StagedRunFolder(std::string target, StagedRunOptions options);
    // Not committed: the staging folder becomes "<target>.failed".
    ~StagedRunFolder();
    StagedRunFolder(const StagedRunFolder&) = delete;
    StagedRunFolder& operator=(const StagedRunFolder&) = delete;

    // Where the run writes its files until commit().
    const std::string& path() const { return m_staging; }
    const std::string& target() const { return m_target; }
    // What the constructor cleaned or repaired, one line each, for the log.
    const std::vector<std::string>& cleaned() const { return m_cleaned; }

    // Writes run.json (task, program, version, commit, start and end time, the
    // command, every file with its size) and moves the run into place.
    void commit();
    // Appends "error: reason" to the staging folder's btsf.log and keeps the
    // folder as "<target>.failed" (replacing an older one). The target is untouched.
    void abandon(const std::string& reason);

private:
    std::string m_target;
    std::string m_staging;
    StagedRunOptions m_options;
    std::string m_started_utc;
    std::vector<std::string> m_cleaned;
    bool m_done = false;
};

// A staging, moved-aside or failed folder of some run ("x.staging-42",
// "x.replaced-42", "x.failed"), which run lists skip.
bool is_unfinished_run_folder(const std::string& folder_name);

// The task recorded in <folder>/run.json, or "" when the folder has no manifest.
std::string run_manifest_task(const std::string& folder);

}  // namespace btsf
