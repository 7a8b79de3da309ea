#pragma once
// The augmentation/ablation grid in the workbench (spec §10): pick
// augmentations, fusion modes, seeds and datasets; the grid runs on the
// training thread, cells appear as they finish, and a bar chart with error
// bars (mean ± std over seeds) sets the choices side by side. With two or more
// datasets the critical-difference diagram is shown too.
#include "metatypes.h"

#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSvgWidget;
class QTableWidget;

namespace btsf::gui {

class ChartFrame;
class JobRunner;
struct CompareRequest;

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit ComparePanel(JobRunner* runner, QWidget* parent = nullptr);

    CompareRequest request(const QString& out) const;
    void setDatasets(const QString& commaSeparated);
    void select(const QStringList& augmentations, const QStringList& fusions);
    void setSeeds(int seeds);
    void setIterations(int iters);
    // Local btsf-cli processes that share the grid's cells (compare --shard); 1: the training thread.
    int shards() const;
    void setShards(int shards);

    ChartFrame* chartFrame() const { return m_chart; }
    QTableWidget* cellTable() const { return m_cells; }
    int barCount() const;
    bool hasCdDiagram() const;
    QString statusText() const;

Q_SIGNALS:
    void runRequested();
    void stopRequested();
    void gridShown();

public Q_SLOTS:
    void onStarted();
    void onCell(const btsf::GridCell& cell, int done, int total);
    // A cell trained by one of the shards, from its log line; done counts all shards.
    void onShardCell(int done, int total, const QString& line);
    void onGridFinished(const QString& out);
    void onBusy(bool busy);
    void onFailed(const QString& message);
    void onCancelled();

private:
    void drawBars();
    void addRow(const GridCell& cell);

    JobRunner* m_runner;
    QLineEdit* m_datasets;
    QListWidget* m_augmentations;
    QListWidget* m_fusions;
    QSpinBox* m_seeds;
    QSpinBox* m_iters;
    QSpinBox* m_shards;
    QPushButton* m_run;
    QPushButton* m_stop;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_cells;
    ChartFrame* m_chart;
    QSvgWidget* m_cd;
    std::vector<GridCell> m_done;
};

}  // namespace btsf::gui
