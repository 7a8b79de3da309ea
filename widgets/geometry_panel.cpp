#include "geometry_panel.h"

#include "chart_frame.h"
#include "class_colors.h"
#include "nice_axis.h"
#include "numerics/representation_geometry.h"

#include <QAreaSeries>
#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace btsf::gui {
namespace {
constexpr int kAlignmentBins = 30;
constexpr int kAngleBins = 36;  // 10 degrees each

void reset(QChart* chart)
{
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
}
}  // namespace

GeometryPanel::GeometryPanel(QWidget* parent)
    : QWidget(parent),
      m_summary(new QLabel(tr("Train or reopen a run to see how its features are spread."), this)),
      m_alignment(new ChartFrame(tr("Alignment: positive-pair distances"), new QChart, this)),
      m_angles(new ChartFrame(tr("Feature angles by class"), new QChart, this))
{
    m_summary->setObjectName(QStringLiteral("geometrySummary"));
    m_summary->setWordWrap(true);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_alignment, 1);
    charts->addWidget(m_angles, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(charts, 1);
}

QString GeometryPanel::summaryText() const
{
    return m_summary->text();
}

void GeometryPanel::setRecord(std::shared_ptr<const ClassificationRecord> record)
{
    reset(m_alignment->chart());
    reset(m_angles->chart());
    if (!record || record->geometry.empty()) {
        m_summary->setText(record ? tr("This run has no alignment/uniformity analysis (geometry.json); runs made "
                                       "by this version of the workbench or btsf-cli have one.")
                                  : tr("Train or reopen a run to see how its features are spread."));
        return;
    }
    const GeometryReport& g = record->geometry;
    m_summary->setText(
        tr("<b>Alignment</b> (mean ‖f(x) − f(x⁺)‖² over %1 positive pairs of dropout views, p = %2): <b>%3</b> "
           "— lower means the two views of one series land closer. <b>Uniformity</b> "
           "(log E exp(−2‖f(x) − f(y)‖²)): <b>%4</b> — lower means the features spread more evenly over the "
           "sphere. Angles: the normalised features projected onto their first two principal components.")
            .arg(g.alignment.size())
            .arg(g.dropout)
            .arg(g.alignment_mean, 0, 'f', 4)
            .arg(g.uniformity, 0, 'f', 4));
    drawAlignment(g);
    drawAngles(g, record->class_names);
}

void GeometryPanel::drawAlignment(const GeometryReport& g)
{
    QChart* chart = m_alignment->chart();
    // Squared distances of unit vectors lie in [0, 4]; zoom to where they are.
    const float top = *std::max_element(g.alignment.begin(), g.alignment.end());
    const double hi = std::max(1e-3, std::min(4.0, double(top) * 1.05));
    const Histogram h = histogram(g.alignment, kAlignmentBins, 0.0, hi);
    // A filled step outline: two points per bin, at its edges, with its count.
    auto* upper = new QLineSeries;
    int tallest = 0;
    for (int b = 0; b < kAlignmentBins; ++b) {
        const int count = h.counts[std::size_t(b)];
        upper->append(h.lo + b * h.bin_width(), count);
        upper->append(h.lo + (b + 1) * h.bin_width(), count);
        tallest = std::max(tallest, count);
    }
    auto* bars = new QAreaSeries(upper);
    bars->setName(tr("positive pairs"));
    bars->setColor(QColor(31, 119, 180, 200));
    bars->setBorderColor(QColor(31, 119, 180).darker(130));
    chart->addSeries(bars);
    auto* mean = new QLineSeries;
    mean->setName(tr("mean"));
    mean->append(g.alignment_mean, 0);
    mean->append(g.alignment_mean, tallest * 1.05);
    QPen pen(QColor(214, 39, 40));
    pen.setWidthF(2.0);
    pen.setStyle(Qt::DashLine);
    mean->setPen(pen);
    chart->addSeries(mean);
    auto* x = new QValueAxis;
    x->setTitleText(tr("‖f(x) − f(x⁺)‖² (mean %1)").arg(g.alignment_mean, 0, 'f', 4));
    set_nice_range(x, 0, hi);
    auto* y = new QValueAxis;
    y->setTitleText(tr("pairs"));
    y->setLabelFormat(QStringLiteral("%d"));
    set_nice_range(y, 0, tallest * 1.1 + 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    chart->legend()->hide();
}

void GeometryPanel::drawAngles(const GeometryReport& g, const std::vector<std::string>& classNames)
{
    QChart* chart = m_angles->chart();
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(tr("angle (degrees)"));
    x->setRange(-180, 180);
    x->setTickCount(9);
    y->setTitleText(tr("share of the class"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const int classes = int(classNames.size());
    double top = 0;
    for (int k = 0; k < classes; ++k) {
        std::vector<float> angles;
        for (std::size_t i = 0; i < g.angles.size() && i < g.labels.size(); ++i)
            if (g.labels[i] == k) angles.push_back(float(g.angles[i] * 180.0 / M_PI));
        if (angles.empty()) continue;
        const Histogram h = histogram(angles, kAngleBins, -180.0, 180.0);
        auto* line = new QLineSeries;
        line->setName(QString::fromStdString(classNames[std::size_t(k)]));
        line->setColor(class_color(k));
        QPen pen = line->pen();
        pen.setWidthF(2.0);
        line->setPen(pen);
        // A step outline per class, normalised to the class size so classes compare.
        for (int b = 0; b < kAngleBins; ++b) {
            const double share = double(h.counts[std::size_t(b)]) / double(angles.size());
            line->append(h.lo + b * h.bin_width(), share);
            line->append(h.lo + (b + 1) * h.bin_width(), share);
            top = std::max(top, share);
        }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    set_nice_range(y, 0, top * 1.1 + 1e-3);
}

}  // namespace btsf::gui
