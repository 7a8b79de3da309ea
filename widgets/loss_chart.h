#pragma once
// The live loss curve. Points arrive at the worker's pace (one per training
// iteration) and are buffered; the chart redraws on a 50 ms timer, never per
// point, so a fast model cannot flood the event loop.
#include <QList>
#include <QPointF>
#include <QWidget>

#include <vector>

class QLineSeries;
class QTimer;
class QValueAxis;

namespace btsf::gui {

class ChartFrame;

class LossChart : public QWidget {
    Q_OBJECT
public:
    explicit LossChart(QWidget* parent = nullptr);

    void clear();
    void addPoint(int iteration, double loss);        // buffered
    void setCurve(const std::vector<float>& losses);  // a finished run's curve, drawn at once
    int pointCount() const;                           // drawn + buffered
    ChartFrame* frame() const { return m_frame; }

private:
    void flush();

    ChartFrame* m_frame;
    QLineSeries* m_series;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QTimer* m_timer;
    QList<QPointF> m_pending;
    double m_minLoss = 0, m_maxLoss = 0;
    int m_maxIteration = 1;
};

}  // namespace btsf::gui
