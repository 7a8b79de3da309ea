#pragma once
// Alignment and uniformity of a run's representations (spec §9, paper Figs.
// 4-5): the histogram of positive-pair distances with its mean, the
// uniformity value, and the per-class distribution of the angles of the
// normalised features.
#include "io/classification_record.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace btsf::gui {

class ChartFrame;

class GeometryPanel : public QWidget {
    Q_OBJECT
public:
    explicit GeometryPanel(QWidget* parent = nullptr);

    void setRecord(std::shared_ptr<const ClassificationRecord> record);
    ChartFrame* alignmentFrame() const { return m_alignment; }
    ChartFrame* anglesFrame() const { return m_angles; }
    QString summaryText() const;

private:
    void drawAlignment(const GeometryReport& g);
    void drawAngles(const GeometryReport& g, const std::vector<std::string>& classNames);

    QLabel* m_summary;
    ChartFrame* m_alignment;
    ChartFrame* m_angles;
};

}  // namespace btsf::gui
