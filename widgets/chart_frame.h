#pragma once
// A chart with a title row and an Export button: the one way every chart in
// the workbench is shown, so every chart exports to PNG, SVG and PDF.
#include <QWidget>

class QChart;
class QChartView;
class QLabel;

namespace btsf::gui {

class ChartFrame : public QWidget {
    Q_OBJECT
public:
    ChartFrame(const QString& title, QChart* chart, QWidget* parent = nullptr);

    QChart* chart() const;
    // Swaps in a fresh chart (keeping the title) and deletes the old one:
    // cheaper and cleaner than emptying a chart whose axes keep their items.
    QChart* resetChart();
    QChartView* view() const { return m_view; }
    // Returns "" on success, else the error (also what the Export button shows).
    QString exportTo(const QString& path);

public Q_SLOTS:
    void exportWithDialog();

private:
    QChartView* m_view;
};

}  // namespace btsf::gui
