#pragma once
// t-SNE of a run's test representations (spec §9), coloured by class with a
// legend. Hovering a point shows its index and label; clicking plots that
// series below. The embedding is computed in core on a pool thread, with
// progress and Cancel, and kept in the run folder (tsne.csv) so a reopened
// run shows it at once.
#include "data/dataset.h"
#include "io/classification_record.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace btsf::gui {

class ChartFrame;

struct TsneResult {
    std::vector<float> points;  // indices.size() x 2
    std::vector<int> indices;   // test series each point stands for
    QString error;              // non-empty when it failed or was cancelled
    bool saved = false;
};

class TsnePanel : public QWidget {
    Q_OBJECT
public:
    explicit TsnePanel(QWidget* parent = nullptr);
    ~TsnePanel() override;

    void setRecord(std::shared_ptr<const ClassificationRecord> record);
    // The raw dataset, to plot a clicked series (used when it matches the run).
    void setDataset(std::shared_ptr<const ClassificationData> data);

    ChartFrame* chartFrame() const { return m_chart; }
    ChartFrame* seriesFrame() const { return m_seriesChart; }
    const std::vector<float>& embedding() const { return m_points; }
    const std::vector<int>& embeddedIndices() const { return m_indices; }
    bool computing() const { return m_watcher.isRunning(); }
    int scatterPointCount() const;

Q_SIGNALS:
    void computed();  // the chart holds a new embedding

public Q_SLOTS:
    void compute();
    void cancel();
    void showSeries(int testIndex);

private:
    void onComputed();
    void draw();

    std::shared_ptr<const ClassificationRecord> m_record;
    std::shared_ptr<const ClassificationData> m_data;
    std::vector<float> m_points;
    std::vector<int> m_indices;
    QPushButton* m_compute;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    ChartFrame* m_chart;
    ChartFrame* m_seriesChart;
    QTimer* m_poll;
    std::shared_ptr<std::atomic<int>> m_done;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    QFutureWatcher<TsneResult> m_watcher;
};

}  // namespace btsf::gui
