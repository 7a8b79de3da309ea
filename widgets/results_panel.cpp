#include "results_panel.h"

#include "chart_export.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace btsf::gui {
namespace {
// The trained encoder is named by its preset ("BTSF" only when the run's
// configuration has the bilinear joint feature; the core decides the label).
QString pretty(const std::string& representation, const ClassificationRecord& run)
{
    if (representation == "btsf")
        return QObject::tr("%1 (trained)")
            .arg(QString::fromStdString(run.trained_label.empty() ? run.preset : run.trained_label));
    if (representation == "untrained") return QObject::tr("Untrained encoder");
    if (representation == "raw") return QObject::tr("Raw input");
    if (representation == "minirocket") return QObject::tr("MiniRocket (no training)");
    return QString::fromStdString(representation);
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}
}  // namespace

ResultsPanel::ResultsPanel(QWidget* parent)
    : QWidget(parent),
      m_summary(new QLabel(tr("No run yet: train one, or reopen one from the run list."), this)),
      m_scores(new QTableWidget(0, 4, this)),
      m_which(new QComboBox(this)),
      m_confusion(new QTableWidget(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scores->setObjectName(QStringLiteral("scoresTable"));
    m_confusion->setObjectName(QStringLiteral("confusionTable"));
    // The matrix fills its area (it sat small in a large empty one), down to a
    // readable cell; past that, many classes scroll.
    for (QHeaderView* header : {m_confusion->horizontalHeader(), m_confusion->verticalHeader()}) {
        header->setSectionResizeMode(QHeaderView::Stretch);
        header->setMinimumSectionSize(36);
    }
    m_scores->setHorizontalHeaderLabels({tr("Representation"), tr("Probe"), tr("Accuracy"), tr("AUPRC")});
    m_scores->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_scores->verticalHeader()->hide();
    m_scores->setMaximumHeight(280);
    m_scores->verticalHeader()->setDefaultSectionSize(24);
    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Confusion matrix of"), this));
    pick->addWidget(m_which);
    pick->addWidget(new QLabel(tr("(rows: true class, columns: predicted)"), this));
    pick->addStretch();
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the confusion matrix as PNG, SVG or PDF"));
    pick->addWidget(exportButton);
    connect(exportButton, &QToolButton::clicked, this, &ResultsPanel::exportConfusionWithDialog);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_scores);
    layout->addLayout(pick);
    layout->addWidget(m_confusion, 1);
    connect(m_which, &QComboBox::currentIndexChanged, this, &ResultsPanel::showConfusion);
}

void ResultsPanel::setRecord(std::shared_ptr<const ClassificationRecord> record)
{
    m_record = std::move(record);
    m_scores->setRowCount(0);
    const QSignalBlocker block(m_which);
    m_which->clear();
    if (!m_record) {
        showConfusion();
        return;
    }
    const ClassificationRecord& r = *m_record;
    // A scored checkpoint trained nothing here: say whose training it shows.
    const QString training = r.scored_checkpoint.empty()
                                 ? tr("%1 iterations in %2 s").arg(r.iters).arg(r.train_seconds, 0, 'f', 1)
                                 : tr("checkpoint %1 scored (%2 iterations trained earlier)")
                                       .arg(QString::fromStdString(r.scored_checkpoint).toHtmlEscaped())
                                       .arg(r.iters);
    m_summary->setText(tr("<b>%1</b> · preset %2 · %3 on %4 · final loss %5<br>"
                          "%6<br><span style='color:gray'>%7</span>")
                           .arg(QString::fromStdString(r.dataset), QString::fromStdString(r.preset), training)
                           .arg(QString::fromStdString(r.device))
                           .arg(r.final_loss, 0, 'f', 4)
                           .arg(QString::fromStdString(r.preset_description).toHtmlEscaped(),
                                QString::fromStdString(r.folder).toHtmlEscaped()));
    for (std::size_t s = 0; s < r.scores.size(); ++s) {
        for (std::size_t p = 0; p < r.scores[s].probes.size(); ++p) {
            const auto& probe = r.scores[s].probes[p];
            const int row = m_scores->rowCount();
            m_scores->insertRow(row);
            m_scores->setItem(row, 0, cell(pretty(r.scores[s].name, r)));
            m_scores->setItem(row, 1, cell(QString::fromStdString(probe.probe)));
            m_scores->setItem(row, 2, cell(QString::number(probe.accuracy, 'f', 4)));
            m_scores->setItem(row, 3, cell(QString::number(probe.auprc, 'f', 4)));
            if (!probe.confusion.empty())
                m_which->addItem(pretty(r.scores[s].name, r) + " · " + QString::fromStdString(probe.probe),
                                 QPoint(int(s), int(p)));
        }
    }
    // Every row in view (4 representations x 2 probes and MiniRocket's ridge):
    // the table takes the height its rows need, the confusion matrix the rest.
    const int rows_height =
        m_scores->verticalHeader()->length() + m_scores->horizontalHeader()->height() + 2 * m_scores->frameWidth();
    m_scores->setFixedHeight(std::min(rows_height, 400));
    showConfusion();
}

void ResultsPanel::showConfusion()
{
    m_confusion->clear();
    m_confusion->setRowCount(0);
    m_confusion->setColumnCount(0);
    if (!m_record || m_which->currentIndex() < 0) return;
    const QPoint at = m_which->currentData().toPoint();
    const auto& confusion = m_record->scores[std::size_t(at.x())].probes[std::size_t(at.y())].confusion;
    const int k = int(confusion.size());
    QStringList names;
    for (int c = 0; c < k; ++c)
        names << (c < int(m_record->class_names.size()) ? QString::fromStdString(m_record->class_names[std::size_t(c)])
                                                        : QString::number(c));
    m_confusion->setRowCount(k);
    m_confusion->setColumnCount(k);
    m_confusion->setHorizontalHeaderLabels(names);
    m_confusion->setVerticalHeaderLabels(names);
    for (int i = 0; i < k; ++i) {
        int rowTotal = 0;
        for (int v : confusion[std::size_t(i)]) rowTotal += v;
        for (int j = 0; j < k && j < int(confusion[std::size_t(i)].size()); ++j) {
            const int v = confusion[std::size_t(i)][std::size_t(j)];
            auto* item = cell(QString::number(v));
            item->setTextAlignment(Qt::AlignCenter);
            // Shade by the share of the true class: the diagonal reads as recall.
            const double share = rowTotal > 0 ? double(v) / rowTotal : 0.0;
            const QColor base = i == j ? QColor(44, 160, 44) : QColor(214, 39, 40);
            item->setBackground(QColor::fromRgbF(1.0 - share * (1.0 - base.redF()), 1.0 - share * (1.0 - base.greenF()),
                                                 1.0 - share * (1.0 - base.blueF())));
            m_confusion->setItem(i, j, item);
        }
    }
}

QString ResultsPanel::exportConfusion(const QString& path)
{
    return export_widget(m_confusion, path);
}

void ResultsPanel::exportConfusionWithDialog()
{
    const QString path = ask_export_path(this, tr("Export confusion matrix"), QStringLiteral("confusion-matrix"));
    if (path.isEmpty()) return;
    confirm_export(this, path, exportConfusion(path));
}

}  // namespace btsf::gui
