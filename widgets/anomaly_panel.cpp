#include "anomaly_panel.h"

#include "chart_frame.h"
#include "job_runner.h"
#include "job_status.h"
#include "model/btsf_config.h"
#include "nice_axis.h"
#include "plot_alignment.h"
#include "probes/anomaly_metrics.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <utility>

namespace btsf::gui {
namespace {
constexpr int kSliderSteps = 1000;
const char* kDemo = "demo:InjectedDemo";

void reset(QChart* chart)
{
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
}

// The label ranges [begin, end] of a 0/1 sequence.
std::vector<std::pair<int, int>> segments(const std::vector<std::uint8_t>& labels)
{
    std::vector<std::pair<int, int>> out;
    for (int t = 0; t < int(labels.size()); ++t) {
        if (!labels[std::size_t(t)]) continue;
        const int begin = t;
        while (t + 1 < int(labels.size()) && labels[std::size_t(t + 1)]) ++t;
        out.emplace_back(begin, t);
    }
    return out;
}
}  // namespace

AnomalyPanel::AnomalyPanel(JobRunner* runner, QWidget* parent)
    : QWidget(parent),
      m_runner(runner),
      m_source(new QComboBox(this)),
      m_window(new QSpinBox(this)),
      m_iters(new QSpinBox(this)),
      m_train(new QPushButton(tr("Train detector"), this)),
      m_stop(new QPushButton(tr("Stop"), this)),
      m_status(new JobStatus(tr("Pick a dataset and click Train detector (the injected demo needs no files)."), this)),
      m_channel(new QComboBox(this)),
      m_threshold(new QSlider(Qt::Horizontal, this)),
      m_metrics(new QLabel(this)),
      m_seriesChart(new ChartFrame(tr("Test series: true anomalies shaded, flagged points in red"), new QChart, this)),
      m_scoreChart(new ChartFrame(tr("Anomaly score (reconstruction error)"), new QChart, this)),
      m_reader(
          this, [](const QString& folder) { return read_anomaly_record(folder.toStdString()); },
          [this](auto read) { onRunRead(std::move(read)); })
{
    m_source->setEditable(true);
    m_source->addItem(QString::fromLatin1(kDemo));
    m_source->setMinimumWidth(280);
    m_source->setToolTip(tr("demo:InjectedDemo, or a dataset as btsf-cli detect takes it (see the README)"));
    m_window->setRange(4, 10000);
    m_window->setValue(100);
    m_iters->setRange(0, 100000);
    m_iters->setSpecialValueText(tr("auto"));
    m_train->setObjectName(QStringLiteral("anomalyTrainButton"));
    m_metrics->setObjectName(QStringLiteral("anomalyMetrics"));
    m_metrics->setWordWrap(true);
    m_threshold->setRange(0, kSliderSteps);
    for (ChartFrame* frame : {m_seriesChart, m_scoreChart}) {
        frame->view()->setRubberBand(QChartView::HorizontalRubberBand);
        frame->chart()->legend()->setAlignment(Qt::AlignRight);
    }
    align_plot_areas(m_seriesChart->chart(), m_scoreChart->chart());  // one time axis, one plot width
    auto* resetButton = new QPushButton(tr("Reset zoom"), this);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Dataset:"), this));
    top->addWidget(m_source, 1);
    top->addWidget(new QLabel(tr("window:"), this));
    top->addWidget(m_window);
    top->addWidget(new QLabel(tr("iterations:"), this));
    top->addWidget(m_iters);
    top->addWidget(m_train);
    top->addWidget(m_stop);
    auto* browse = new QHBoxLayout;
    browse->addWidget(new QLabel(tr("Channel:"), this));
    browse->addWidget(m_channel);
    browse->addWidget(new QLabel(tr("Threshold:"), this));
    browse->addWidget(m_threshold, 1);
    browse->addWidget(resetButton);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_seriesChart);
    split->addWidget(m_scoreChart);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addLayout(browse);
    layout->addWidget(m_metrics);
    layout->addWidget(split, 1);

    connect(m_train, &QPushButton::clicked, this, &AnomalyPanel::trainRequested);
    connect(m_stop, &QPushButton::clicked, m_runner, &JobRunner::stop);
    connect(resetButton, &QPushButton::clicked, this, &AnomalyPanel::resetZoom);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &AnomalyPanel::drawSeries);
    connect(m_threshold, &QSlider::valueChanged, this, &AnomalyPanel::applyThreshold);
    onBusy(false);
}

AnomalyRequest AnomalyPanel::request(const QString& runFolder) const
{
    AnomalyRequest r;
    r.source = m_source->currentText().trimmed();
    r.window = m_window->value();
    r.config = preset_config("sum-fusion");  // what this task was measured with (README)
    r.config.iters = m_iters->value();
    r.runFolder = runFolder;
    return r;
}

void AnomalyPanel::setSource(const QString& source)
{
    m_source->setCurrentText(source);
}
void AnomalyPanel::setIterations(int iters)
{
    m_iters->setValue(iters);
}
void AnomalyPanel::setWindow(int window)
{
    m_window->setValue(window);
}
QString AnomalyPanel::metricsText() const
{
    return m_metrics->text();
}
QString AnomalyPanel::statusText() const
{
    return m_status->text();
}
int AnomalyPanel::flaggedCount() const
{
    return m_flagged ? m_flagged->count() : 0;
}

void AnomalyPanel::onBusy(bool busy)
{
    m_train->setEnabled(!busy);
    m_stop->setEnabled(busy);
    m_status->onBusy(busy);
}

AnomalyPanel::~AnomalyPanel() = default;

void AnomalyPanel::openRun(const QString& folder)
{
    m_reader.request(folder);
}

void AnomalyPanel::onRunRead(RunReader::Outcome read)
{
    if (!read.error.isEmpty()) {
        m_status->onFailed(read.error);
        return;
    }
    m_record = std::make_unique<AnomalyRecord>(std::move(*read.value));
    const AnomalyRecord& r = *m_record;
    QString summary = tr("%1: %2 iterations in %3 s, window %4, threshold rule %5. At that threshold, F1 "
                         "point-wise / point-adjusted:")
                          .arg(QString::fromStdString(r.dataset))
                          .arg(r.iters)
                          .arg(r.train_seconds, 0, 'f', 1)
                          .arg(r.window)
                          .arg(QString::fromStdString(r.threshold_rule));
    for (const auto& [name, f1] : r.f1)
        summary +=
            tr(" %1 %2 / %3;").arg(QString::fromStdString(name)).arg(f1.first, 0, 'f', 3).arg(f1.second, 0, 'f', 3);
    m_status->showDone(summary);
    if (!r.source.empty()) setSource(QString::fromStdString(r.source));
    if (r.window > 0) setWindow(r.window);
    {
        const QSignalBlocker block(m_channel);
        m_channel->clear();
        for (const auto& c : r.channels) m_channel->addItem(QString::fromStdString(c));
    }
    m_sortedScores = r.test_scores;
    std::sort(m_sortedScores.begin(), m_sortedScores.end());
    drawScores();
    drawSeries();
    // Start the slider at the rule's threshold (the first position at or above it).
    int position = 0;
    while (position < kSliderSteps && sliderToThreshold(position) < r.threshold) ++position;
    m_threshold->setValue(position);
    applyThreshold();
    Q_EMIT shown();
}

double AnomalyPanel::sliderToThreshold(int position) const
{
    // The slider walks through the quantiles of the test scores: scores are
    // heavy-tailed, and a linear scale would spend the whole slider on the tail.
    if (m_sortedScores.empty()) return 0;
    const std::size_t k = std::size_t(double(position) / kSliderSteps * double(m_sortedScores.size() - 1));
    return m_sortedScores[k];
}

void AnomalyPanel::drawSeries()
{
    QChart* chart = m_seriesChart->chart();
    reset(chart);
    m_flagged = nullptr;
    if (!m_record) return;
    const AnomalyRecord& r = *m_record;
    const std::size_t c = std::size_t(std::max(0, m_channel->currentIndex()));
    auto* values = new QLineSeries;
    values->setName(tr("value"));
    QList<QPointF> points;
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t t = 0; t < r.test_values.rows; ++t) {
        const double v = r.test_values.at(t, c);
        if (!std::isfinite(v)) continue;
        points.append(QPointF(double(t), v));
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    values->replace(points);
    values->setColor(QColor(31, 119, 180));
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    // True anomaly ranges as shaded bands (one area series for all of them:
    // the lower edge sits at the bottom, the upper jumps to the top inside a range).
    auto* upper = new QLineSeries;
    auto* lower = new QLineSeries;
    for (const auto& [begin, end] : segments(r.labels)) {
        upper->append(begin - 0.5, lo);
        upper->append(begin - 0.5, hi);
        upper->append(end + 0.5, hi);
        upper->append(end + 0.5, lo);
    }
    if (upper->count() > 0) {
        lower->append(0, lo);
        lower->append(double(r.labels.size()), lo);
        auto* band = new QAreaSeries(upper, lower);
        band->setName(tr("true anomaly"));
        band->setColor(QColor(255, 200, 0, 90));
        band->setBorderColor(Qt::transparent);
        chart->addSeries(band);
        band->attachAxis(x);
        band->attachAxis(y);
    } else {
        delete upper;
        delete lower;
    }
    chart->addSeries(values);
    values->attachAxis(x);
    values->attachAxis(y);
    m_flagged = new QScatterSeries;
    m_flagged->setName(tr("flagged"));
    m_flagged->setColor(QColor(214, 39, 40));
    m_flagged->setBorderColor(QColor(214, 39, 40));
    m_flagged->setMarkerSize(5);
    chart->addSeries(m_flagged);
    m_flagged->attachAxis(x);
    m_flagged->attachAxis(y);
    set_nice_range(x, 0, double(std::max<std::size_t>(r.test_values.rows, 2) - 1));
    const double pad = 0.05 * (hi - lo) + 1e-6;
    set_nice_range(y, lo - pad, hi + pad);
    // The score chart follows the series chart's zoom and pan.
    connect(x, &QValueAxis::rangeChanged, this, [this](qreal a, qreal b) {
        for (auto* axis : m_scoreChart->chart()->axes(Qt::Horizontal)) axis->setRange(a, b);
    });
    applyThreshold();
}

void AnomalyPanel::drawScores()
{
    QChart* chart = m_scoreChart->chart();
    reset(chart);
    m_thresholdLine = nullptr;
    if (!m_record) return;
    auto* scores = new QLineSeries;
    scores->setName(tr("score"));
    QList<QPointF> points;
    for (std::size_t t = 0; t < m_record->test_scores.size(); ++t)
        points.append(QPointF(double(t), m_record->test_scores[t]));
    scores->replace(points);
    scores->setColor(QColor(90, 90, 90));
    m_thresholdLine = new QLineSeries;
    m_thresholdLine->setName(tr("threshold"));
    QPen pen(QColor(214, 39, 40));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.5);
    m_thresholdLine->setPen(pen);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : {scores, m_thresholdLine}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    set_nice_range(x, 0, double(std::max<std::size_t>(m_record->test_scores.size(), 2) - 1));
    fitScoreAxis();
}

// A few spikes of 100 times the typical score would flatten everything else,
// the threshold line included, onto the bottom of the chart: the axis stops at
// 1.5 times the 99.5th percentile (or the threshold, if higher), and the title
// says how many points it cuts. Zooming out shows them.
void AnomalyPanel::fitScoreAxis()
{
    if (m_sortedScores.empty()) return;
    const auto axes = m_scoreChart->chart()->axes(Qt::Vertical);
    auto* y = axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
    if (!y) return;
    const double lo = std::min(0.0, double(m_sortedScores.front()));
    const double hi = double(m_sortedScores.back());
    const double typical = double(m_sortedScores[std::size_t(0.995 * double(m_sortedScores.size() - 1))]);
    const double top = std::min(hi, 1.5 * std::max(typical, m_currentThreshold));
    const auto above =
        m_sortedScores.end() - std::upper_bound(m_sortedScores.begin(), m_sortedScores.end(), float(top));
    set_nice_range(y, lo, (above > 0 ? top : hi * 1.05) + 1e-9);
    m_scoreChart->chart()->setTitle(
        above > 0 ? tr("Anomaly score (reconstruction error); %n point(s) above the axis", nullptr, int(above))
                  : tr("Anomaly score (reconstruction error)"));
}

double AnomalyPanel::scoreAxisTop() const
{
    const auto axes = m_scoreChart->chart()->axes(Qt::Vertical);
    const auto* y = axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
    return y ? y->max() : 0.0;
}

void AnomalyPanel::applyThreshold()
{
    if (!m_record) return;
    const AnomalyRecord& r = *m_record;
    m_currentThreshold = sliderToThreshold(m_threshold->value());
    const auto flags = threshold_flags(r.test_scores, m_currentThreshold);
    const auto plain = detection_scores(r.labels, flags);
    const auto adjusted = detection_scores(r.labels, point_adjust(r.labels, flags));
    m_metrics->setText(tr("Threshold %1: <b>point-wise</b> P %2 R %3 <b>F1 %4</b> · <b>point-adjusted</b> "
                          "(inflates, Kim et al. 2022) P %5 R %6 F1 %7 · %8 points flagged")
                           .arg(m_currentThreshold, 0, 'g', 4)
                           .arg(plain.precision, 0, 'f', 3)
                           .arg(plain.recall, 0, 'f', 3)
                           .arg(plain.f1, 0, 'f', 3)
                           .arg(adjusted.precision, 0, 'f', 3)
                           .arg(adjusted.recall, 0, 'f', 3)
                           .arg(adjusted.f1, 0, 'f', 3)
                           .arg(std::count(flags.begin(), flags.end(), std::uint8_t(1))));
    if (m_thresholdLine) {
        m_thresholdLine->replace(
            {QPointF(0, m_currentThreshold), QPointF(double(r.test_scores.size()), m_currentThreshold)});
        fitScoreAxis();  // the threshold line stays in view
    }
    if (m_flagged) {
        const std::size_t c = std::size_t(std::max(0, m_channel->currentIndex()));
        QList<QPointF> points;
        for (std::size_t t = 0; t < flags.size(); ++t)
            if (flags[t]) points.append(QPointF(double(t), r.test_values.at(t, c)));
        m_flagged->replace(points);
    }
}

void AnomalyPanel::resetZoom()
{
    for (ChartFrame* frame : {m_seriesChart, m_scoreChart}) {
        frame->chart()->zoomReset();
        refresh_nice_ticks(frame->chart());
    }
}

}  // namespace btsf::gui
