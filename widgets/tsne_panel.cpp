#include "tsne_panel.h"

#include "chart_frame.h"
#include "class_colors.h"
#include "io/run_files.h"
#include "nice_axis.h"
#include "numerics/tsne.h"

#include <QChart>
#include <QCursor>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <thread>

namespace btsf::gui {
namespace {
// Exact t-SNE is O(n^2) per iteration; above this the panel embeds an evenly
// spaced subset (and says so) rather than freezing a core for minutes.
constexpr std::size_t kMaxPoints = 3000;
constexpr int kIterations = 1000;

TsneResult run_tsne(std::shared_ptr<const ClassificationRecord> record, std::shared_ptr<std::atomic<int>> done,
                    std::shared_ptr<std::atomic<bool>> cancel)
{
    TsneResult result;
    const Matrix& reps = record->test_representations;
    const std::size_t step = (reps.rows + kMaxPoints - 1) / kMaxPoints;
    Matrix subset;
    subset.cols = reps.cols;
    for (std::size_t i = 0; i < reps.rows; i += std::max<std::size_t>(step, 1)) {
        result.indices.push_back(int(i));
        subset.data.insert(subset.data.end(), reps.row(i), reps.row(i) + reps.cols);
    }
    subset.rows = result.indices.size();
    try {
        TsneOptions options;
        options.iterations = kIterations;
        // One core stays with the GUI thread (and with training, if it runs).
        options.threads = std::max(1u, std::thread::hardware_concurrency() - 1);
        result.points = tsne_embed(subset, options, [&](int d, int) {
            done->store(d);
            return !cancel->load();
        });
        if (subset.rows == reps.rows) {
            std::vector<int> labels(record->test_labels.begin(), record->test_labels.end());
            write_tsne(record->folder + "/tsne.csv", result.points, labels);
            result.saved = true;
        }
    } catch (const TsneCancelled&) {
        result.error = QObject::tr("cancelled");
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
    }
    return result;
}
}  // namespace

TsnePanel::TsnePanel(QWidget* parent)
    : QWidget(parent),
      m_compute(new QPushButton(tr("Compute t-SNE"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(tr("Train or reopen a run to embed its test representations."), this)),
      m_chart(new ChartFrame(tr("t-SNE of the test representations"), new QChart, this)),
      m_seriesChart(new ChartFrame(tr("Clicked series"), new QChart, this)),
      m_poll(new QTimer(this)),
      m_done(std::make_shared<std::atomic<int>>(0)),
      m_cancelFlag(std::make_shared<std::atomic<bool>>(false))
{
    m_compute->setObjectName(QStringLiteral("computeTsne"));
    m_progress->setRange(0, kIterations);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_cancel->setEnabled(false);
    m_compute->setEnabled(false);
    m_seriesChart->chart()->legend()->hide();
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_compute);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_seriesChart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, [this] { m_progress->setValue(m_done->load()); });
    connect(m_compute, &QPushButton::clicked, this, &TsnePanel::compute);
    connect(m_cancel, &QPushButton::clicked, this, &TsnePanel::cancel);
    connect(&m_watcher, &QFutureWatcher<TsneResult>::finished, this, &TsnePanel::onComputed);
}

TsnePanel::~TsnePanel()
{
    // Never leave a pool thread writing into a destroyed panel's run.
    m_cancelFlag->store(true);
    m_watcher.waitForFinished();
}

void TsnePanel::setRecord(std::shared_ptr<const ClassificationRecord> record)
{
    cancel();
    m_watcher.waitForFinished();
    m_record = std::move(record);
    m_points.clear();
    m_indices.clear();
    if (m_record && !m_record->tsne.empty()) {
        m_points = m_record->tsne;
        for (std::size_t i = 0; i < m_record->test_labels.size(); ++i) m_indices.push_back(int(i));
        m_status->setText(
            tr("Embedding kept with the run (tsne.csv). Hover a point for its index and label; "
               "click it to plot the series."));
    } else if (m_record) {
        m_status->setText(tr("%1 test representations. Click Compute t-SNE (perplexity 30, %2 iterations).")
                              .arg(m_record->test_representations.rows)
                              .arg(kIterations));
    }
    m_compute->setEnabled(m_record != nullptr);
    draw();
}

void TsnePanel::setDataset(std::shared_ptr<const ClassificationData> data)
{
    m_data = std::move(data);
}

void TsnePanel::compute()
{
    if (!m_record || m_watcher.isRunning()) return;
    m_done->store(0);
    m_cancelFlag->store(false);
    m_compute->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Computing t-SNE…"));
    m_poll->start();
    m_watcher.setFuture(QtConcurrent::run(run_tsne, m_record, m_done, m_cancelFlag));
}

void TsnePanel::cancel()
{
    if (m_watcher.isRunning()) m_cancelFlag->store(true);
}

void TsnePanel::onComputed()
{
    m_poll->stop();
    m_compute->setEnabled(m_record != nullptr);
    m_cancel->setEnabled(false);
    const TsneResult result = m_watcher.result();
    if (!result.error.isEmpty()) {
        m_progress->setValue(0);
        m_status->setText(tr("t-SNE: %1").arg(result.error));
        return;
    }
    m_progress->setValue(kIterations);
    m_points = result.points;
    m_indices = result.indices;
    m_status->setText(result.saved ? tr("Done, and kept with the run. Hover a point for its index and label; "
                                        "click it to plot the series.")
                                   : tr("Done, on %1 evenly spaced test series of %2 (exact t-SNE is quadratic).")
                                         .arg(m_indices.size())
                                         .arg(m_record->test_representations.rows));
    draw();
    Q_EMIT computed();
}

int TsnePanel::scatterPointCount() const
{
    int n = 0;
    for (auto* s : m_chart->chart()->series())
        if (auto* scatter = qobject_cast<QScatterSeries*>(s)) n += scatter->count();
    return n;
}

void TsnePanel::draw()
{
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    if (!m_record || m_points.size() != 2 * m_indices.size() || m_indices.empty()) return;
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    const int classes = int(m_record->class_names.size());
    const std::size_t groups = std::size_t(std::max(classes, 1));
    std::vector<QList<QPointF>> points(groups);
    std::vector<QList<int>> indices(groups);
    for (std::size_t k = 0; k < m_indices.size(); ++k) {
        const int index = m_indices[k];
        const int label = std::clamp(m_record->test_labels[std::size_t(index)], 0, std::max(classes - 1, 0));
        const QPointF p(m_points[2 * k], m_points[2 * k + 1]);
        points[std::size_t(label)].append(p);
        indices[std::size_t(label)].append(index);
        lo[0] = std::min(lo[0], p.x());
        hi[0] = std::max(hi[0], p.x());
        lo[1] = std::min(lo[1], p.y());
        hi[1] = std::max(hi[1], p.y());
    }
    std::vector<QScatterSeries*> byClass(groups, nullptr);
    for (std::size_t label = 0; label < groups; ++label) {
        if (points[label].isEmpty()) continue;
        auto* series = new QScatterSeries;
        series->setName(int(label) < classes ? QString::fromStdString(m_record->class_names[label])
                                             : QString::number(label));
        series->setColor(class_color(int(label)));
        series->setBorderColor(class_color(int(label)).darker(130));
        series->setMarkerSize(7);
        series->replace(points[label]);
        series->setProperty("indices", QVariant::fromValue(indices[label]));
        byClass[label] = series;
    }
    for (auto* series : byClass) {
        if (!series) continue;
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        // A point's position in its series is its position in "indices".
        const auto pointIndex = [series](const QPointF& p) {
            const auto points = series->points();
            int best = -1;
            double bestDistance = INFINITY;
            for (int i = 0; i < points.size(); ++i) {
                const double d = std::hypot(points[i].x() - p.x(), points[i].y() - p.y());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            const auto indices = series->property("indices").value<QList<int>>();
            return best >= 0 && best < indices.size() ? indices[best] : -1;
        };
        connect(series, &QScatterSeries::hovered, this, [this, series, pointIndex](const QPointF& p, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const int index = pointIndex(p);
            QToolTip::showText(QCursor::pos(), tr("test series %1\nclass %2").arg(index).arg(series->name()));
        });
        connect(series, &QScatterSeries::clicked, this,
                [this, pointIndex](const QPointF& p) { showSeries(pointIndex(p)); });
    }
    const double px = 0.05 * (hi[0] - lo[0]) + 1e-6, py = 0.05 * (hi[1] - lo[1]) + 1e-6;
    set_nice_range(x, lo[0] - px, hi[0] + px);
    set_nice_range(y, lo[1] - py, hi[1] + py);
}

void TsnePanel::showSeries(int testIndex)
{
    QChart* chart = m_seriesChart->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    if (!m_record || testIndex < 0 || std::size_t(testIndex) >= m_record->test_labels.size()) return;
    const int label = m_record->test_labels[std::size_t(testIndex)];
    const QString className = label < int(m_record->class_names.size())
                                  ? QString::fromStdString(m_record->class_names[std::size_t(label)])
                                  : QString::number(label);
    const bool matches = m_data && m_data->name == m_record->dataset && m_data->test.n == m_record->test_labels.size();
    if (!matches) {
        chart->setTitle(tr("Test series %1 (class %2): open dataset %3 to plot it")
                            .arg(testIndex)
                            .arg(className, QString::fromStdString(m_record->dataset)));
        return;
    }
    chart->setTitle(tr("Test series %1, class %2 (channel 0)").arg(testIndex).arg(className));
    auto* series = new QLineSeries;
    const SeriesSet& test = m_data->test;
    for (std::size_t t = 0; t < test.length; ++t) {
        const float v = test.at(std::size_t(testIndex), 0, t);
        if (!std::isnan(v)) series->append(double(t), v);
    }
    series->setColor(class_color(label));
    chart->addSeries(series);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    double lo = INFINITY, hi = -INFINITY;
    for (const QPointF& p : series->points()) lo = std::min(lo, p.y()), hi = std::max(hi, p.y());
    set_nice_range(x, 0, double(std::max<std::size_t>(test.length, 2) - 1));
    if (lo <= hi) set_nice_range(y, lo - 0.05 * (hi - lo + 1e-9), hi + 0.05 * (hi - lo + 1e-9));
}

}  // namespace btsf::gui
