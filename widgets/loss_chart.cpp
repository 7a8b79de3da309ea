#include "loss_chart.h"

#include "chart_frame.h"
#include "nice_axis.h"

#include <QChart>
#include <QLineSeries>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace btsf::gui {

LossChart::LossChart(QWidget* parent)
    : QWidget(parent), m_series(new QLineSeries), m_x(new QValueAxis), m_y(new QValueAxis), m_timer(new QTimer(this))
{
    auto* chart = new QChart;
    chart->addSeries(m_series);
    chart->legend()->hide();
    m_x->setTitleText(tr("iteration"));
    m_y->setTitleText(tr("training loss"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    m_frame = new ChartFrame(tr("Training loss"), chart, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_frame);
    m_timer->setInterval(50);
    connect(m_timer, &QTimer::timeout, this, &LossChart::flush);
    m_timer->start();
    clear();
}

void LossChart::clear()
{
    m_pending.clear();
    m_series->clear();
    m_minLoss = INFINITY;
    m_maxLoss = -INFINITY;
    m_maxIteration = 1;
    set_nice_range(m_x, 0, 1);
    set_nice_range(m_y, 0, 1);
}

void LossChart::addPoint(int iteration, double loss)
{
    if (std::isfinite(loss)) m_pending.append(QPointF(iteration, loss));
}

void LossChart::setCurve(const std::vector<float>& losses)
{
    clear();
    for (std::size_t i = 0; i < losses.size(); ++i) addPoint(int(i) + 1, losses[i]);
    flush();
}

int LossChart::pointCount() const
{
    return m_series->count() + int(m_pending.size());
}

void LossChart::flush()
{
    if (m_pending.isEmpty()) return;
    for (const QPointF& p : m_pending) {
        m_minLoss = std::min(m_minLoss, p.y());
        m_maxLoss = std::max(m_maxLoss, p.y());
        m_maxIteration = std::max(m_maxIteration, int(p.x()));
    }
    m_series->append(m_pending);
    m_pending.clear();
    const double pad = 0.05 * (m_maxLoss - m_minLoss) + 1e-6;
    set_nice_range(m_x, 0, m_maxIteration);
    set_nice_range(m_y, m_minLoss - pad, m_maxLoss + pad);
}

}  // namespace btsf::gui
