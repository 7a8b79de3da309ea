// The jobs the window hands to btsf-cli processes (widgets/cli_processes.h): a
// data-parallel training on N local ranks and a grid as N local shards.
#include "cli_processes.h"
#include "compare_panel.h"
#include "config_form.h"
#include "data/dataset_folder.h"
#include "job_runner.h"
#include "main_window.h"
#include "run_list.h"
#include "training_panel.h"

#include <QTabWidget>
#include <QThread>

#include <algorithm>

namespace btsf::gui {

void MainWindow::connectCliRuns()
{
    connect(m_ranksRun, &CliProcesses::lineRead, this, [this](int, const QString& line) {
        if (const auto p = parse_rank_progress(line))
            m_training->onRankProgress(p->rank, p->iteration, p->total, p->loss);
    });
    connect(m_ranksRun, &CliProcesses::finished, this, [this] {
        m_training->setBusy(false);
        m_training->onFinished(
            tr("Finished on %1 ranks. Saved in %2").arg(m_training->rankBars().size()).arg(m_ranksFolder));
        m_runList->refresh();
        openRun(m_ranksFolder);
    });
    connect(m_ranksRun, &CliProcesses::failed, this, [this](const QString& message) {
        m_training->setBusy(false);
        m_training->onFailed(message);
    });
    connect(m_compare, &ComparePanel::stopRequested, m_shardsRun, &CliProcesses::stop);
    connect(m_shardsRun, &CliProcesses::lineRead, this, [this](int, const QString& line) {
        if (!is_cell_line(line)) return;
        const auto& o = m_shardedGrid;
        const int total = int(o.datasets.size() * o.augmentations.size() * o.fusions.size()) * o.seeds;
        m_compare->onShardCell(++m_shardCells, total, line);
    });
    connect(m_shardsRun, &CliProcesses::finished, this, [this] {
        CompareRequest request;
        request.options = m_shardedGrid;
        startGrid(request);
    });
    connect(m_shardsRun, &CliProcesses::failed, this, [this](const QString& message) {
        m_compare->onBusy(false);
        m_compare->onFailed(message);
    });
}

// Rank 0 writes the run folder, which is then opened like any run.
void MainWindow::startRanks()
{
    RanksRequest request;
    request.source = m_source;
    request.dataRoot = QString::fromStdString(default_data_root());
    request.config = m_training->configForm()->config();
    m_training->configForm()->remember();
    request.probe = m_training->configForm()->probe();
    request.runFolder = newRunFolder(QString::fromStdString(m_data->name));
    request.ranks = m_training->ranks();
    request.threadsPerRank = m_training->threadsPerRank();
    const QString config = m_ranksRun->writeConfig(request.config);
    if (config.isEmpty()) return;
    m_ranksFolder = request.runFolder;
    m_training->setBusy(true);
    m_training->onRanksStarted(request.ranks);
    m_tabs->setCurrentWidget(m_training);
    m_ranksRun->start({ranks_arguments(request, config)});
}

// The shards train every cell; the training thread then only reads them back
// and writes the reports (kept cells are never retrained).
void MainWindow::startShards(const CompareRequest& request)
{
    const int shards = m_compare->shards();
    const QString config = m_shardsRun->writeConfig(request.options.base);
    if (config.isEmpty()) return;
    m_shardedGrid = request.options;
    m_shardCells = 0;
    const int threads = std::max(1, QThread::idealThreadCount() / shards);
    m_compare->onBusy(true);
    m_shardsRun->start(shard_arguments(request.options, shards, threads, config));
}

}  // namespace btsf::gui
