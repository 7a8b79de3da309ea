#pragma once
// Work the workbench hands to btsf-cli processes on this machine: a
// data-parallel training (`btsf-cli launch`, train/data_parallel.h) and a
// grid as N shards (`btsf-cli compare --shard K/N`). The processes do the
// work; this object starts them, reads their log lines and reports when all
// have ended. Rank 0 (or the shards) write the results; the window then opens
// them as it opens any run.
#include "model/btsf_config.h"
#include "tasks/comparison_grid.h"

#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryFile>

#include <memory>
#include <optional>
#include <vector>

namespace btsf::gui {

// btsf-cli beside this program (installed: same folder; build tree: ../cli/,
// or ../app/cli/ for the tests), else on PATH; BTSF_CLI overrides.
QString find_btsf_cli();

struct RanksRequest {
    QString source;    // the dataset, as btsf-cli takes it (path or demo:NAME)
    QString dataRoot;  // for archive names
    BtsfConfig config;
    QString probe = QStringLiteral("svm");
    QString runFolder;  // must not exist yet
    int ranks = 2;
    int threadsPerRank = 0;  // 0: the cores divided among the ranks
};
// `btsf-cli launch` arguments of a data-parallel classification run.
QStringList ranks_arguments(const RanksRequest& request, const QString& configFile);
// `btsf-cli compare --shard K/N` arguments, one list per shard.
QList<QStringList> shard_arguments(const CompareOptions& grid, int shards, int threadsPerShard,
                                   const QString& configFile);

// "iter I/N loss L" as every rank logs it ("[rank R] " before it on ranks > 0).
struct RankProgress {
    int rank = 0, iteration = 0, total = 0;
    double loss = 0;
};
std::optional<RankProgress> parse_rank_progress(const QString& line);
// "[D/T] dataset method seed S: accuracy A" as compare logs each cell it trained.
bool is_cell_line(const QString& line);

class CliProcesses : public QObject {
    Q_OBJECT
public:
    explicit CliProcesses(QObject* parent = nullptr);
    ~CliProcesses() override;  // stops what still runs
    bool running() const;
    // Writes config to a temporary JSON file for the processes' --config;
    // empty (with failed() emitted) when it cannot be written.
    QString writeConfig(const BtsfConfig& config);
    // One btsf-cli per argument list. failed() at once when btsf-cli is missing.
    void start(const QList<QStringList>& argumentLists);
    void stop();  // SIGTERM to each (the launcher forwards it to its ranks)

Q_SIGNALS:
    void lineRead(int process, const QString& line);  // stdout, one log line
    void finished();                                  // every process exited with 0
    void failed(const QString& message);              // the first error line, or how it ended

private:
    void readLines(int index);
    void terminateAll();
    void onExit(int index, int code, QProcess::ExitStatus status);

    std::vector<std::unique_ptr<QProcess>> m_processes;
    std::vector<QByteArray> m_pending;  // a partial line per process
    std::unique_ptr<QTemporaryFile> m_config;
    QString m_error;
    int m_running = 0;
    bool m_failed = false;
    bool m_stopped = false;  // by stop(), the user's
};

}  // namespace btsf::gui
