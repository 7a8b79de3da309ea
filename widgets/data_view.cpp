#include "data_view.h"

#include "chart_frame.h"
#include "class_colors.h"
#include "nice_axis.h"

#include <QChart>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace btsf::gui {

QString dataset_facts(const ClassificationData& data, const QString& source)
{
    std::size_t missing = 0;
    for (const SeriesSet* set : {&data.train, &data.test})
        for (float v : set->values) missing += std::isnan(v) ? 1 : 0;
    QStringList classes;
    for (std::size_t c = 0; c < data.class_names.size() && c < 12; ++c)
        classes << QString::fromStdString(data.class_names[c]);
    if (data.class_names.size() > 12) classes << QStringLiteral("…");
    return QObject::tr(
               "<b>%1</b> <span style='color:gray'>(%2)</span><br>"
               "train %3, test %4 series · length %5%6 · %7 channel(s) · %8 classes (%9)<br>"
               "missing values and padding: %10%11")
        .arg(QString::fromStdString(data.name).toHtmlEscaped(), source.toHtmlEscaped())
        .arg(data.train.n)
        .arg(data.test.n)
        .arg(data.train.length)
        .arg(data.unequal_length ? QObject::tr(" (unequal, padded)") : QString())
        .arg(data.train.channels)
        .arg(data.class_names.size())
        .arg(classes.join(QStringLiteral(", ")).toHtmlEscaped())
        .arg(missing)
        .arg(data.has_missing ? QObject::tr(" (the files have missing values)") : QString());
}

DataView::DataView(QWidget* parent)
    : QWidget(parent),
      m_facts(new QLabel(tr("No dataset open. Pick a demo or open a UCR/UEA folder."), this)),
      m_channel(new QComboBox(this)),
      m_perClass(new QSpinBox(this)),
      m_chart(new ChartFrame(tr("Training series by class"), new QChart, this))
{
    m_facts->setObjectName(QStringLiteral("datasetFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_perClass->setRange(1, 20);
    m_perClass->setValue(3);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Channel:"), this));
    controls->addWidget(m_channel);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Series per class:"), this));
    controls->addWidget(m_perClass);
    controls->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_facts);
    layout->addLayout(controls);
    layout->addWidget(m_chart, 1);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &DataView::redraw);
    connect(m_perClass, &QSpinBox::valueChanged, this, &DataView::redraw);
}

void DataView::setDataset(std::shared_ptr<const ClassificationData> data, const QString& source)
{
    m_data = std::move(data);
    m_facts->setText(m_data ? dataset_facts(*m_data, source) : QString());
    const QSignalBlocker block(m_channel);
    m_channel->clear();
    if (m_data)
        for (std::size_t c = 0; c < m_data->train.channels; ++c) m_channel->addItem(tr("%1").arg(c));
    m_channel->setEnabled(m_data && m_data->train.channels > 1);
    redraw();
}

QString DataView::factsText() const
{
    return m_facts->text();
}

void DataView::redraw()
{
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    if (!m_data || m_data->train.n == 0) return;
    const SeriesSet& set = m_data->train;
    const std::size_t channel = std::size_t(std::max(0, m_channel->currentIndex()));
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(tr("time step"));
    y->setTitleText(tr("value"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t k = 0; k < m_data->class_names.size(); ++k) {
        int shown = 0;
        for (std::size_t i = 0; i < set.n && shown < m_perClass->value(); ++i) {
            if (set.labels[i] != int(k)) continue;
            auto* series = new QLineSeries;
            QList<QPointF> points;
            points.reserve(int(set.length));
            for (std::size_t t = 0; t < set.length; ++t) {
                const float v = set.at(i, channel, t);
                if (std::isnan(v)) continue;  // a gap for missing values and padding
                points.append(QPointF(double(t), v));
                lo = std::min(lo, double(v));
                hi = std::max(hi, double(v));
            }
            series->replace(points);
            series->setColor(class_color(int(k)));
            series->setName(QString::fromStdString(m_data->class_names[k]));
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
            // One legend entry per class, not per series.
            if (shown > 0)
                for (auto* marker : chart->legend()->markers(series)) marker->setVisible(false);
            ++shown;
        }
    }
    set_nice_range(x, 0, double(std::max<std::size_t>(set.length, 2) - 1));
    if (lo <= hi) set_nice_range(y, lo - 0.05 * (hi - lo + 1e-9), hi + 0.05 * (hi - lo + 1e-9));
}

}  // namespace btsf::gui
