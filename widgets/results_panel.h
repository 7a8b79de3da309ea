#pragma once
// Classification results of a run: accuracy and AUPRC of every probe on the
// trained encoder and on both baselines (spec §8), and the confusion matrix of
// the chosen representation and probe.
#include "io/classification_record.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTableWidget;

namespace btsf::gui {

class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPanel(QWidget* parent = nullptr);

    void setRecord(std::shared_ptr<const ClassificationRecord> record);
    QTableWidget* scoresTable() const { return m_scores; }
    QTableWidget* confusionTable() const { return m_confusion; }
    // The confusion matrix as drawn, to PNG, SVG or PDF; "" on success.
    QString exportConfusion(const QString& path);

private:
    void showConfusion();
    void exportConfusionWithDialog();

    std::shared_ptr<const ClassificationRecord> m_record;
    QLabel* m_summary;
    QTableWidget* m_scores;
    QComboBox* m_which;
    QTableWidget* m_confusion;
};

}  // namespace btsf::gui
