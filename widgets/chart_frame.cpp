#include "chart_frame.h"

#include "chart_export.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace btsf::gui {

ChartFrame::ChartFrame(const QString& title, QChart* chart, QWidget* parent)
    : QWidget(parent), m_view(new QChartView(chart, this))
{
    m_view->setRenderHint(QPainter::Antialiasing);
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save this chart as PNG, SVG or PDF"));
    exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(exportButton, &QToolButton::clicked, this, &ChartFrame::exportWithDialog);

    auto* header = new QHBoxLayout;
    header->addStretch();
    header->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
}

QChart* ChartFrame::chart() const
{
    return m_view->chart();
}

QChart* ChartFrame::resetChart()
{
    QChart* old = m_view->chart();
    auto* fresh = new QChart;
    fresh->setTitle(old->title());
    fresh->setMargins(old->margins());
    m_view->setChart(fresh);  // the view releases the old chart without deleting it
    delete old;
    return fresh;
}

QString ChartFrame::exportTo(const QString& path)
{
    return export_chart(m_view, path);
}

void ChartFrame::exportWithDialog()
{
    const QString path =
        ask_export_path(this, tr("Export chart"), chart()->title().simplified().replace(' ', '-').toLower());
    if (path.isEmpty()) return;
    confirm_export(this, path, exportTo(path));
}

}  // namespace btsf::gui
