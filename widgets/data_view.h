#pragma once
// The open dataset at a glance: its facts (sizes, length, classes, missing
// values) and a few training series per class, coloured by class, with a
// channel selector for multivariate data.
#include "data/dataset.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;

namespace btsf::gui {

class ChartFrame;

class DataView : public QWidget {
    Q_OBJECT
public:
    explicit DataView(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const ClassificationData> data, const QString& source);
    ChartFrame* chartFrame() const { return m_chart; }
    // The text of the facts panel (tests read it).
    QString factsText() const;

private:
    void redraw();

    std::shared_ptr<const ClassificationData> m_data;
    QLabel* m_facts;
    QComboBox* m_channel;
    QSpinBox* m_perClass;
    ChartFrame* m_chart;
};

// "Train 30, test 900, length 128, 1 channel, 3 classes, ..." for a dataset.
QString dataset_facts(const ClassificationData& data, const QString& source);

}  // namespace btsf::gui
