#include "forecast_panel.h"

#include "chart_frame.h"
#include "job_runner.h"
#include "job_status.h"
#include "model/btsf_config.h"
#include "nice_axis.h"

#include <QChart>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace btsf::gui {
namespace {
const char* kDemo = "demo:SeasonalDemo";

QString pretty(const std::string& name)
{
    if (name == "btsf") return QObject::tr("Trained encoder");
    if (name == "raw") return QObject::tr("Raw window");
    if (name == "nlinear") return QObject::tr("NLinear ridge");
    return QObject::tr("Untrained");
}
}  // namespace

ForecastPanel::ForecastPanel(JobRunner* runner, QWidget* parent)
    : QWidget(parent),
      m_runner(runner),
      m_source(new QComboBox(this)),
      m_setting(new QComboBox(this)),
      m_target(new QLineEdit(QStringLiteral("OT"), this)),
      m_iters(new QSpinBox(this)),
      m_lookback(new QSpinBox(this)),
      m_train(new QPushButton(tr("Train forecaster"), this)),
      m_stop(new QPushButton(tr("Stop"), this)),
      m_status(new JobStatus(tr("Pick a series and click Train forecaster (the seasonal demo needs no files)."), this)),
      m_metrics(new QTableWidget(0, 7, this)),
      m_horizon(new QComboBox(this)),
      m_variable(new QComboBox(this)),
      m_start(new QSlider(Qt::Horizontal, this)),
      m_startLabel(new QLabel(this)),
      m_chart(new ChartFrame(tr("Forecast on the test split"), new QChart, this)),
      m_horizonReader(
          this, [](const auto& key) { return read_horizon_predictions(key.first, key.second); },
          [this](auto loaded) { onHorizonRead(std::move(loaded)); })
{
    m_source->setEditable(true);
    m_source->addItem(QString::fromLatin1(kDemo));
    m_source->setMinimumWidth(260);
    m_setting->addItems({tr("multivariate"), tr("univariate")});
    m_setting->setToolTip(
        tr("Multivariate: every variable is an input and a target. The workbench starts "
           "multivariate; btsf-cli forecast is univariate (the target alone) unless "
           "given --multivariate."));
    m_iters->setRange(0, 100000);
    m_iters->setSpecialValueText(tr("auto"));
    m_lookback->setRange(2, 5000);
    m_lookback->setValue(200);  // spec §8
    m_lookback->setToolTip(tr("Steps in the window whose representation forecasts from step t"));
    m_train->setObjectName(QStringLiteral("forecastTrainButton"));
    m_startLabel->setMinimumWidth(90);
    auto* open = new QPushButton(tr("Open CSV…"), this);

    auto* form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("Series:"), this));
    form->addWidget(m_source, 1);
    form->addWidget(open);
    form->addWidget(m_setting);
    form->addWidget(new QLabel(tr("target:"), this));
    form->addWidget(m_target);
    m_target->setMaximumWidth(80);
    form->addWidget(new QLabel(tr("iterations:"), this));
    form->addWidget(m_iters);
    form->addWidget(new QLabel(tr("lookback:"), this));
    form->addWidget(m_lookback);
    form->addWidget(m_train);
    form->addWidget(m_stop);

    m_metrics->setHorizontalHeaderLabels(
        {tr("Horizon"), tr("Representation"), tr("MSE"), tr("MAE"), tr("MSE (units)"), tr("MAE (units)"), tr("alpha")});
    m_metrics->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_metrics->verticalHeader()->hide();
    m_metrics->setMaximumHeight(220);
    m_metrics->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* browse = new QHBoxLayout;
    browse->addWidget(new QLabel(tr("Horizon:"), this));
    browse->addWidget(m_horizon);
    browse->addWidget(new QLabel(tr("Variable:"), this));
    browse->addWidget(m_variable);
    browse->addWidget(new QLabel(tr("Test start:"), this));
    browse->addWidget(m_start, 1);
    browse->addWidget(m_startLabel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_metrics);
    layout->addLayout(browse);
    layout->addWidget(m_chart, 1);

    connect(open, &QPushButton::clicked, this, &ForecastPanel::openCsvWithDialog);
    connect(m_train, &QPushButton::clicked, this, &ForecastPanel::trainRequested);
    connect(m_stop, &QPushButton::clicked, m_runner, &JobRunner::stop);
    connect(m_setting, &QComboBox::currentIndexChanged, this, [this](int index) { m_target->setEnabled(index == 1); });
    connect(m_horizon, &QComboBox::currentIndexChanged, this, &ForecastPanel::loadHorizon);
    connect(m_variable, &QComboBox::currentIndexChanged, this, &ForecastPanel::redraw);
    connect(m_start, &QSlider::valueChanged, this, &ForecastPanel::redraw);
    m_target->setEnabled(false);
    onBusy(false);
}

ForecastPanel::~ForecastPanel() = default;

ForecastRequest ForecastPanel::request(const QString& runFolder) const
{
    ForecastRequest r;
    r.source = m_source->currentText().trimmed();
    r.multivariate = m_setting->currentIndex() == 0;
    r.target = m_target->text().trimmed();
    r.config = preset_config("sum-fusion");  // what this task was measured with (README)
    r.config.iters = m_iters->value();
    r.lookback = m_lookback->value();
    r.runFolder = runFolder;
    return r;
}

void ForecastPanel::setSource(const QString& source)
{
    m_source->setCurrentText(source);
}
void ForecastPanel::setIterations(int iters)
{
    m_iters->setValue(iters);
}
void ForecastPanel::setLookback(int steps)
{
    m_lookback->setValue(steps);
}
void ForecastPanel::setMultivariate(bool multivariate)
{
    m_setting->setCurrentIndex(multivariate ? 0 : 1);
}
QString ForecastPanel::statusText() const
{
    return m_status->text();
}

void ForecastPanel::openCsvWithDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a forecasting CSV"),
                                                      settings.value(QStringLiteral("forecast/lastDir")).toString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue(QStringLiteral("forecast/lastDir"), QFileInfo(path).absolutePath());
    setSource(path);
}

void ForecastPanel::onBusy(bool busy)
{
    m_train->setEnabled(!busy);
    m_stop->setEnabled(busy);
    m_status->onBusy(busy);
}

void ForecastPanel::openRun(const QString& folder)
{
    try {
        m_record = std::make_unique<ForecastRecord>(read_forecast_record(folder.toStdString()));
        m_series = m_record->has_predictions ? read_forecast_series(folder.toStdString()) : Matrix{};
    } catch (const std::exception& e) {
        m_status->onFailed(QString::fromStdString(e.what()));
        return;
    }
    m_status->showDone(tr("%1, %2: %3 iterations in %4 s. Run folder %5")
                           .arg(QString::fromStdString(m_record->dataset), QString::fromStdString(m_record->setting))
                           .arg(m_record->iters)
                           .arg(m_record->train_seconds, 0, 'f', 1)
                           .arg(folder));
    fillMetrics();
    // The controls show what this run was trained with, ready to train again.
    if (!m_record->source.empty()) setSource(QString::fromStdString(m_record->source));
    setMultivariate(m_record->setting == "multivariate");
    if (m_record->lookback > 1) setLookback(m_record->lookback);
    if (m_record->setting == "univariate" && m_record->targets.size() == 1)
        m_target->setText(QString::fromStdString(m_record->targets.front()));
    {
        const QSignalBlocker a(m_horizon), b(m_variable);
        m_horizon->clear();
        for (int h : m_record->horizons) m_horizon->addItem(QString::number(h), h);
        m_variable->clear();
        for (const auto& t : m_record->targets) m_variable->addItem(QString::fromStdString(t));
    }
    loadHorizon();
}

void ForecastPanel::fillMetrics()
{
    m_metrics->setRowCount(0);
    for (int h : m_record->horizons)
        for (const char* name : {"btsf", "untrained", "raw", "nlinear"}) {
            const auto it = m_record->scores.find(name);
            if (it == m_record->scores.end() || !it->second.count(h)) continue;
            const HorizonRecord& s = it->second.at(h);
            const int row = m_metrics->rowCount();
            m_metrics->insertRow(row);
            const QStringList cells = {QString::number(h),
                                       pretty(name),
                                       QString::number(s.mse, 'f', 4),
                                       QString::number(s.mae, 'f', 4),
                                       QString::number(s.raw_mse, 'g', 5),
                                       QString::number(s.raw_mae, 'g', 5),
                                       QString::number(s.alpha)};
            for (int c = 0; c < cells.size(); ++c) m_metrics->setItem(row, c, new QTableWidgetItem(cells[c]));
        }
}

void ForecastPanel::loadHorizon()
{
    m_predictions.reset();
    if (!m_record || !m_record->has_predictions || m_horizon->currentIndex() < 0) {
        redraw();
        Q_EMIT shown();
        return;
    }
    m_horizonReader.request({m_record->folder, m_horizon->currentData().toInt()});
}

void ForecastPanel::onHorizonRead(HorizonReader::Outcome loaded)
{
    // Drop a read of a run or horizon no longer chosen (a run without
    // predictions was opened while it ran).
    if (!m_record || m_record->folder != loaded.key.first || m_horizon->currentData().toInt() != loaded.key.second)
        return;
    if (!loaded.error.isEmpty()) m_status->onFailed(loaded.error);
    m_predictions = std::move(loaded.value);
    const QSignalBlocker block(m_start);
    m_start->setRange(0, m_predictions ? int(m_predictions->origins.size()) - 1 : 0);
    redraw();
    Q_EMIT shown();
}

void ForecastPanel::redraw()
{
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    if (!m_predictions || m_predictions->origins.empty()) return;
    const int row = std::clamp(m_start->value(), 0, int(m_predictions->origins.size()) - 1);
    const int v = std::max(0, m_variable->currentIndex());
    const int targets = int(m_record->targets.size());
    const int horizon = m_horizon->currentData().toInt();
    const int origin = m_predictions->origins[std::size_t(row)];
    m_startLabel->setText(tr("t = %1").arg(origin));

    const auto line = [&](const QString& name, const QColor& colour, Qt::PenStyle style) {
        auto* s = new QLineSeries;
        s->setName(name);
        QPen pen(colour);
        pen.setWidthF(2.0);
        pen.setStyle(style);
        s->setPen(pen);
        return s;
    };
    auto* history = line(tr("history (lookback)"), QColor(127, 127, 127), Qt::SolidLine);
    for (int t = std::max(0, origin - m_record->lookback + 1); t <= origin; ++t)
        history->append(t, m_series.at(std::size_t(t), std::size_t(v)));
    auto* truth = line(tr("truth"), QColor(0, 0, 0), Qt::SolidLine);
    truth->append(origin, m_series.at(std::size_t(origin), std::size_t(v)));
    for (int h = 0; h < horizon; ++h)
        truth->append(origin + 1 + h, m_predictions->truth.at(std::size_t(row), std::size_t(h * targets + v)));
    std::vector<QLineSeries*> all = {history, truth};
    const std::pair<const char*, QColor> styles[] = {{"btsf", QColor(31, 119, 180)},
                                                     {"untrained", QColor(44, 160, 44)},
                                                     {"raw", QColor(255, 127, 14)},
                                                     {"nlinear", QColor(148, 103, 189)}};
    for (const auto& [name, colour] : styles) {
        const auto it = m_predictions->predicted.find(name);
        if (it == m_predictions->predicted.end()) continue;
        auto* s = line(pretty(name), colour, std::string(name) == "btsf" ? Qt::SolidLine : Qt::DashLine);
        for (int h = 0; h < horizon; ++h)
            s->append(origin + 1 + h, it->second.at(std::size_t(row), std::size_t(h * targets + v)));
        all.push_back(s);
    }
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(tr("time step"));
    y->setTitleText(QString::fromStdString(m_record->targets[std::size_t(v)]));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = INFINITY, hi = -INFINITY;
    for (auto* s : all) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        for (const QPointF& p : s->points()) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    set_nice_range(x, std::max(0, origin - m_record->lookback + 1), origin + horizon);
    const double pad = 0.05 * (hi - lo) + 1e-6;
    set_nice_range(y, lo - pad, hi + pad);
}

}  // namespace btsf::gui
