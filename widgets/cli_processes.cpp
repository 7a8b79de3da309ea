#include "cli_processes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace btsf::gui {

QString find_btsf_cli()
{
    const QString forced = qEnvironmentVariable("BTSF_CLI");
    if (!forced.isEmpty()) return forced;
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate :
         {QStringLiteral("btsf-cli"), QStringLiteral("../cli/btsf-cli"), QStringLiteral("../app/cli/btsf-cli")}) {
        const QFileInfo f(here.filePath(candidate));
        if (f.isFile() && f.isExecutable()) return f.absoluteFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("btsf-cli"));
}

QStringList ranks_arguments(const RanksRequest& r, const QString& configFile)
{
    QStringList args{QStringLiteral("launch"), QStringLiteral("--nproc"), QString::number(r.ranks)};
    if (r.threadsPerRank > 0) args << QStringLiteral("--threads-per-rank") << QString::number(r.threadsPerRank);
    args << QStringLiteral("--") << QStringLiteral("classify") << r.source << QStringLiteral("--config") << configFile
         << QStringLiteral("--probe") << r.probe << QStringLiteral("--device") << QStringLiteral("cpu")
         << QStringLiteral("--out") << r.runFolder;
    if (!r.dataRoot.isEmpty()) args << QStringLiteral("--data-root") << r.dataRoot;
    return args;
}

QList<QStringList> shard_arguments(const CompareOptions& g, int shards, int threadsPerShard, const QString& configFile)
{
    const auto joined = [](const std::vector<std::string>& names) {
        QStringList list;
        for (const auto& n : names) list << QString::fromStdString(n);
        return list.join(',');
    };
    QStringList common{QStringLiteral("compare")};
    for (const auto& d : g.datasets) common << QString::fromStdString(d).trimmed();
    common << QStringLiteral("--config") << configFile << QStringLiteral("--augmentations") << joined(g.augmentations)
           << QStringLiteral("--fusion") << joined(g.fusions) << QStringLiteral("--seeds") << QString::number(g.seeds)
           << QStringLiteral("--probe") << QString::fromStdString(g.probe) << QStringLiteral("--device")
           << QStringLiteral("cpu") << QStringLiteral("--threads") << QString::number(threadsPerShard)
           << QStringLiteral("--out") << QString::fromStdString(g.out);
    if (!g.data_root.empty()) common << QStringLiteral("--data-root") << QString::fromStdString(g.data_root);
    QList<QStringList> lists;
    for (int k = 0; k < shards; ++k)
        lists << (common + QStringList{QStringLiteral("--shard"), QStringLiteral("%1/%2").arg(k).arg(shards)});
    return lists;
}

std::optional<RankProgress> parse_rank_progress(const QString& line)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\[[\d:]+\] (?:\[rank (\d+)\] )?iter (\d+)/(\d+) loss (\S+))"));
    const auto m = pattern.match(line);
    if (!m.hasMatch()) return std::nullopt;
    return RankProgress{m.captured(1).isEmpty() ? 0 : m.captured(1).toInt(), m.captured(2).toInt(),
                        m.captured(3).toInt(), m.captured(4).toDouble()};
}

bool is_cell_line(const QString& line)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\[[\d:]+\] \[\d+/\d+\] .* seed \d+: accuracy )"));
    return pattern.match(line).hasMatch();
}

CliProcesses::CliProcesses(QObject* parent) : QObject(parent) {}

CliProcesses::~CliProcesses()
{
    for (auto& p : m_processes)
        if (p->state() != QProcess::NotRunning) {
            p->disconnect(this);
            p->terminate();
            p->waitForFinished(10000);
        }
}

bool CliProcesses::running() const
{
    return m_running > 0;
}

QString CliProcesses::writeConfig(const BtsfConfig& config)
{
    m_config = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/btsf-config-XXXXXX.json"));
    if (!m_config->open() || m_config->write(QByteArray::fromStdString(config_to_json(config))) < 0 ||
        !m_config->flush()) {
        Q_EMIT failed(tr("cannot write the config for btsf-cli: %1").arg(m_config->errorString()));
        return {};
    }
    return m_config->fileName();
}

void CliProcesses::start(const QList<QStringList>& argumentLists)
{
    const QString cli = find_btsf_cli();
    if (cli.isEmpty()) {
        Q_EMIT failed(tr("btsf-cli was not found beside the workbench or on PATH; this run needs it"));
        return;
    }
    m_processes.clear();
    m_pending.assign(std::size_t(argumentLists.size()), {});
    m_error.clear();
    m_failed = m_stopped = false;
    m_running = int(argumentLists.size());
    for (int i = 0; i < argumentLists.size(); ++i) {
        auto process = std::make_unique<QProcess>();
        connect(process.get(), &QProcess::readyReadStandardOutput, this, [this, i] { readLines(i); });
        connect(process.get(), &QProcess::readyReadStandardError, this, [this, i] {
            // The first "error:" line of any process is what the user needs to see.
            for (const auto& line : m_processes[std::size_t(i)]->readAllStandardError().split('\n'))
                if (m_error.isEmpty() && (line.contains("error:") || line.contains("btsf-cli launch: rank")))
                    m_error = QString::fromUtf8(line).trimmed();
        });
        connect(process.get(), &QProcess::finished, this,
                [this, i](int code, QProcess::ExitStatus status) { onExit(i, code, status); });
        connect(process.get(), &QProcess::errorOccurred, this, [this, i, cli](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart) {
                if (m_error.isEmpty())
                    m_error = tr("cannot start %1: %2").arg(cli, m_processes[std::size_t(i)]->errorString());
                onExit(i, -1, QProcess::CrashExit);
            }
        });
        m_processes.push_back(std::move(process));
    }
    for (int i = 0; i < argumentLists.size(); ++i) m_processes[std::size_t(i)]->start(cli, argumentLists[i]);
}

void CliProcesses::stop()
{
    m_stopped = true;
    terminateAll();
}

void CliProcesses::terminateAll()
{
    for (auto& p : m_processes)
        if (p->state() != QProcess::NotRunning) p->terminate();
}

void CliProcesses::readLines(int index)
{
    auto& pending = m_pending[std::size_t(index)];
    pending += m_processes[std::size_t(index)]->readAllStandardOutput();
    int end;
    while ((end = pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(pending.left(end));
        pending.remove(0, end + 1);
        Q_EMIT lineRead(index, line);
    }
}

void CliProcesses::onExit(int index, int code, QProcess::ExitStatus status)
{
    readLines(index);
    if (status != QProcess::NormalExit || code != 0) {
        if (!m_failed && !m_stopped)
            terminateAll();  // a group is whole or not at all; the others would only wait for this one
        m_failed = true;
    }
    if (--m_running > 0) return;
    m_config.reset();
    if (!m_failed)
        Q_EMIT finished();
    else if (m_stopped && m_error.isEmpty())
        Q_EMIT failed(tr("stopped; nothing half-written was kept"));
    else
        Q_EMIT failed(m_error.isEmpty() ? tr("btsf-cli ended with status %1").arg(code) : m_error);
}

}  // namespace btsf::gui
