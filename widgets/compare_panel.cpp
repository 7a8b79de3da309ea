#include "compare_panel.h"

#include "chart_frame.h"
#include "class_colors.h"
#include "job_runner.h"
#include "model/augmentations.h"
#include "tasks/comparison_grid.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QSvgWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

namespace btsf::gui {
namespace {
QListWidget* checklist(const QStringList& items, const QStringList& checked, QWidget* parent)
{
    auto* list = new QListWidget(parent);
    for (const QString& name : items) {
        auto* item = new QListWidgetItem(name, list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
        item->setData(Qt::UserRole, name);
    }
    list->setMaximumHeight(160);
    return list;
}

QStringList checked(const QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked) out << list->item(i)->data(Qt::UserRole).toString();
    return out;
}

std::vector<std::string> to_std(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list) out.push_back(s.trimmed().toStdString());
    return out;
}
}  // namespace

ComparePanel::ComparePanel(JobRunner* runner, QWidget* parent)
    : QWidget(parent),
      m_runner(runner),
      m_datasets(new QLineEdit(QStringLiteral("demo:CBF"), this)),
      m_seeds(new QSpinBox(this)),
      m_iters(new QSpinBox(this)),
      m_shards(new QSpinBox(this)),
      m_run(new QPushButton(tr("Run grid"), this)),
      m_stop(new QPushButton(tr("Stop"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(tr("Pick augmentations and fusion modes, then Run grid. Finished cells are kept, so a "
                             "stopped grid resumes where it stopped."),
                          this)),
      m_cells(new QTableWidget(0, 5, this)),
      m_chart(new ChartFrame(tr("Test accuracy, mean ± std over seeds"), new QChart, this)),
      m_cd(new QSvgWidget(this))
{
    QStringList augmentations;
    for (const auto& name : grid_augmentation_names()) augmentations << QString::fromStdString(name);
    m_augmentations = checklist(augmentations, {QStringLiteral("dropout"), QStringLiteral("jitter")}, this);
    for (int i = 0; i < m_augmentations->count(); ++i) {
        auto* item = m_augmentations->item(i);
        if (augmentation_needs_labels(item->data(Qt::UserRole).toString().toStdString())) {
            item->setText(item->text() + tr("  (uses training labels)"));
            item->setToolTip(tr("Picks partners or prototypes of the same class: only training labels are used"));
        }
    }
    m_fusions = checklist({"iterative", "bilinear", "sum", "concat", "temporal", "spectral"}, {"iterative"}, this);
    m_seeds->setRange(1, 20);
    m_seeds->setValue(3);
    m_iters->setRange(0, 100000);
    m_iters->setSpecialValueText(tr("auto"));
    m_datasets->setToolTip(tr("Comma-separated: demo:CBF, archive names (GunPoint), or problem folders"));
    m_run->setObjectName(QStringLiteral("compareRunButton"));
    m_status->setWordWrap(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_cells->setHorizontalHeaderLabels({tr("Dataset"), tr("Augmentation"), tr("Fusion"), tr("Seed"), tr("Accuracy")});
    // Columns as wide as their header and cells (Stretch squeezed "Augmentation" in
    // the 460 px column); the last one takes what is left, the table scrolls past that.
    m_cells->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_cells->horizontalHeader()->setStretchLastSection(true);
    m_cells->verticalHeader()->hide();
    m_cells->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_cd->setMinimumHeight(120);
    m_cd->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Datasets"), m_datasets);
    form->addRow(tr("Augmentations"), m_augmentations);
    form->addRow(tr("Fusion modes"), m_fusions);
    form->addRow(tr("Seeds"), m_seeds);
    form->addRow(tr("Iterations"), m_iters);
    m_shards->setObjectName(QStringLiteral("shardsSpin"));
    m_shards->setRange(1, 16);
    m_shards->setToolTip(
        tr("Run the grid as this many btsf-cli processes, each training its share of the cells "
           "(compare --shard K/N) with the cores divided among them"));
    form->addRow(tr("Local shards"), m_shards);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addLayout(buttons);
    left->addWidget(m_cells, 1);
    auto* leftWidget = new QWidget(this);
    leftWidget->setLayout(left);
    // Wide enough for the cell table's five columns without a horizontal scroll.
    leftWidget->setMinimumWidth(440);
    leftWidget->setMaximumWidth(520);
    auto* right = new QVBoxLayout;
    right->addWidget(m_progress);
    right->addWidget(m_status);
    right->addWidget(m_chart, 3);
    right->addWidget(m_cd, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(leftWidget);
    layout->addLayout(right, 1);
    connect(m_run, &QPushButton::clicked, this, &ComparePanel::runRequested);
    connect(m_stop, &QPushButton::clicked, m_runner, &JobRunner::stop);
    connect(m_stop, &QPushButton::clicked, this, &ComparePanel::stopRequested);
    onBusy(false);
}

CompareRequest ComparePanel::request(const QString& out) const
{
    CompareRequest r;
    r.options.base = preset_config("sum-fusion");  // the fusion grid needs both branches
    r.options.base.iters = m_iters->value();
    r.options.datasets = to_std(m_datasets->text().split(',', Qt::SkipEmptyParts));
    r.options.augmentations = to_std(checked(m_augmentations));
    r.options.fusions = to_std(checked(m_fusions));
    r.options.seeds = m_seeds->value();
    r.options.out = out.toStdString();
    return r;
}

void ComparePanel::setDatasets(const QString& commaSeparated)
{
    m_datasets->setText(commaSeparated);
}
void ComparePanel::setSeeds(int seeds)
{
    m_seeds->setValue(seeds);
}
void ComparePanel::setIterations(int iters)
{
    m_iters->setValue(iters);
}
int ComparePanel::shards() const
{
    return m_shards->value();
}
void ComparePanel::setShards(int shards)
{
    m_shards->setValue(shards);
}

void ComparePanel::select(const QStringList& augmentations, const QStringList& fusions)
{
    for (auto [list, names] : {std::pair{m_augmentations, augmentations}, std::pair{m_fusions, fusions}})
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(names.contains(list->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                                      : Qt::Unchecked);
}

QString ComparePanel::statusText() const
{
    return m_status->text();
}
bool ComparePanel::hasCdDiagram() const
{
    return !m_cd->isHidden();
}

int ComparePanel::barCount() const
{
    int n = 0;
    for (auto* s : m_chart->chart()->series())
        if (auto* bars = qobject_cast<QBarSeries*>(s))
            for (auto* set : bars->barSets()) n += set->count();
    return n;
}

void ComparePanel::onBusy(bool busy)
{
    m_run->setEnabled(!busy);
    m_stop->setEnabled(busy);
}

void ComparePanel::onCell(const GridCell& cell, int done, int total)
{
    m_done.push_back(cell);
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_status->setText(tr("Cell %1 of %2 done: %3, %4, seed %5, accuracy %6")
                          .arg(done)
                          .arg(total)
                          .arg(QString::fromStdString(cell.dataset), QString::fromStdString(cell.method()))
                          .arg(cell.seed)
                          .arg(cell.accuracy, 0, 'f', 4));
    addRow(cell);
    drawBars();
}

void ComparePanel::addRow(const GridCell& cell)
{
    const int row = m_cells->rowCount();
    m_cells->insertRow(row);
    const QStringList values = {QString::fromStdString(cell.dataset), QString::fromStdString(cell.augmentation),
                                QString::fromStdString(cell.fusion), QString::number(cell.seed),
                                QString::number(cell.accuracy, 'f', 4)};
    for (int c = 0; c < values.size(); ++c) m_cells->setItem(row, c, new QTableWidgetItem(values[c]));
}

void ComparePanel::onShardCell(int done, int total, const QString& line)
{
    m_progress->setRange(0, total);
    m_progress->setValue(std::min(done, total));
    const int start = line.indexOf(QLatin1String("] ["));
    m_status->setText(tr("%1 cells trained by the shards: %2").arg(done).arg(start >= 0 ? line.mid(start + 2) : line));
}

void ComparePanel::onStarted()
{
    m_done.clear();
    m_cells->setRowCount(0);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Running the grid (kept cells are read, not retrained)…"));
}

void ComparePanel::onGridFinished(const QString& out)
{
    // Every cell of this grid, including those kept from an earlier run.
    try {
        m_done = read_comparison_cells(out.toStdString() + "/compare.json");
        m_cells->setRowCount(0);
        for (const auto& cell : m_done) addRow(cell);
        drawBars();
    } catch (const std::exception& e) {
        m_status->setText(QString::fromStdString(e.what()));
        m_progress->setRange(0, 1);
        return;
    }
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(tr("Grid finished: compare.md, compare.json%1 in %2")
                          .arg(QFile::exists(out + "/cd-diagram.svg") ? tr(" and cd-diagram.svg") : QString(), out));
    if (QFile::exists(out + "/cd-diagram.svg")) {
        m_cd->load(out + "/cd-diagram.svg");
        m_cd->show();
    } else {
        m_cd->hide();
    }
    Q_EMIT gridShown();
}

void ComparePanel::onFailed(const QString& message)
{
    m_status->setText(tr("<span style='color:#b00020'>Failed: %1</span>").arg(message.toHtmlEscaped()));
}

void ComparePanel::onCancelled()
{
    m_status->setText(tr("Stopped. Finished cells are kept: Run grid again to resume."));
}

void ComparePanel::drawBars()
{
    // dataset -> method -> accuracies over seeds
    std::map<std::string, std::map<std::string, std::vector<double>>> values;
    std::vector<std::string> methods;
    for (const auto& c : m_done) {
        values[c.dataset][c.method()].push_back(c.accuracy);
        if (std::find(methods.begin(), methods.end(), c.method()) == methods.end()) methods.push_back(c.method());
    }
    QChart* chart = m_chart->resetChart();
    auto* bars = new QBarSeries;
    QStringList categories;
    for (const auto& [dataset, unused] : values) categories << QString::fromStdString(dataset);
    std::vector<QLineSeries*> errors;
    const double groupWidth = 0.8;
    for (std::size_t m = 0; m < methods.size(); ++m) {
        auto* set = new QBarSet(QString::fromStdString(methods[m]));
        set->setColor(class_color(int(m)));
        int d = 0;
        for (const auto& [dataset, byMethod] : values) {
            const auto it = byMethod.find(methods[m]);
            double mean = 0, sd = 0;
            if (it != byMethod.end()) {
                for (double v : it->second) mean += v / double(it->second.size());
                for (double v : it->second)
                    sd += (v - mean) * (v - mean) / double(std::max<std::size_t>(1, it->second.size() - 1));
                sd = std::sqrt(sd);
            }
            *set << mean;
            // The error bar: a vertical segment at this bar's centre.
            const double x = d - groupWidth / 2 + groupWidth * (double(m) + 0.5) / double(methods.size());
            auto* bar = new QLineSeries;
            bar->append(x, mean - sd);
            bar->append(x, mean + sd);
            errors.push_back(bar);
            ++d;
        }
        bars->append(set);
    }
    bars->setBarWidth(groupWidth);
    chart->addSeries(bars);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(tr("accuracy"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);
    // Error bars on a hidden value axis aligned with the category positions.
    auto* ex = new QValueAxis;
    ex->setRange(-0.5, double(categories.size()) - 0.5);
    ex->setVisible(false);
    chart->addAxis(ex, Qt::AlignBottom);
    for (auto* e : errors) {
        chart->addSeries(e);
        e->setPen(QPen(Qt::black, 2));  // after addSeries: the theme sets a colour there
        e->attachAxis(ex);
        e->attachAxis(y);
        for (auto* marker : chart->legend()->markers(e)) marker->setVisible(false);
    }
}

}  // namespace btsf::gui
