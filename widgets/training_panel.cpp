#include "training_panel.h"

#include "config_form.h"
#include "loss_chart.h"
#include "train/device.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace btsf::gui {

QString format_duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("?");
    const int s = int(std::lround(seconds));
    if (s < 60) return QStringLiteral("%1 s").arg(s);
    if (s < 3600) return QStringLiteral("%1 m %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent),
      m_form(new ConfigForm(this)),
      m_device(new QLabel(this)),
      m_train(new QPushButton(tr("Train"), this)),
      m_stop(new QPushButton(tr("Stop"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(tr("Open a dataset, then click Train."), this)),
      m_loss(new LossChart(this)),
      m_ranks(new QSpinBox(this)),
      m_threadsPerRank(new QSpinBox(this)),
      m_rankArea(new QVBoxLayout)
{
    m_ranks->setObjectName(QStringLiteral("ranksSpin"));
    m_ranks->setRange(1, 16);
    m_ranks->setToolTip(
        tr("Data-parallel ranks on this machine (btsf-cli launch; CPU, Gloo). Each rank trains "
           "its share of every batch; 1 trains in this window."));
    m_threadsPerRank->setObjectName(QStringLiteral("threadsPerRankSpin"));
    m_threadsPerRank->setRange(0, 256);
    m_threadsPerRank->setSpecialValueText(tr("auto"));
    m_threadsPerRank->setToolTip(tr("LibTorch threads of each rank; auto divides the cores among the ranks"));
    connect(m_ranks, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int n) { m_threadsPerRank->setEnabled(n > 1 && !m_busy); });
    m_train->setObjectName(QStringLiteral("trainButton"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_status->setObjectName(QStringLiteral("trainingStatus"));
    m_train->setDefault(true);
    const DeviceChoice device = choose_device("auto");
    m_device->setText(
        tr("Device: <b>%1</b> — %2")
            .arg(QString::fromStdString(device.name).toUpper(), QString::fromStdString(device.reason).toHtmlEscaped()));
    m_device->setWordWrap(true);
    m_device->setToolTip(tr("CUDA is used when LibTorch was built with it and a GPU is visible; "
                            "pick cpu or cuda under Device to override. Training uses %1 thread(s).")
                             .arg(thread_count()));
    m_status->setWordWrap(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);

    auto* settings = new QGroupBox(tr("Configuration"), this);
    auto* settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addWidget(m_form);
    settingsLayout->addWidget(m_device);
    auto* parallel = new QFormLayout;
    parallel->addRow(tr("Ranks"), m_ranks);
    parallel->addRow(tr("Threads per rank"), m_threadsPerRank);
    settingsLayout->addLayout(parallel);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_train);
    buttons->addWidget(m_stop);
    settingsLayout->addLayout(buttons);
    settingsLayout->addStretch();
    settings->setMaximumWidth(360);

    auto* right = new QVBoxLayout;
    right->addWidget(m_progress);
    right->addLayout(m_rankArea);
    right->addWidget(m_status);
    right->addWidget(m_loss, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(settings);
    layout->addLayout(right, 1);

    connect(m_train, &QPushButton::clicked, this, &TrainingPanel::trainRequested);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stopRequested);
    setBusy(false);
}

QString TrainingPanel::statusText() const
{
    return m_status->text();
}

void TrainingPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_train->setEnabled(!busy && m_canTrain);
    m_stop->setEnabled(busy);
    m_form->setEnabled(!busy);
    m_ranks->setEnabled(!busy);
    m_threadsPerRank->setEnabled(!busy && m_ranks->value() > 1);
}

int TrainingPanel::ranks() const
{
    return m_ranks->value();
}
int TrainingPanel::threadsPerRank() const
{
    return m_threadsPerRank->value();
}

void TrainingPanel::setCanTrain(bool can, const QString& dataset)
{
    // The hint follows the state until a job writes its own status.
    if (can && !m_busy && (m_status->text() == tr("Open a dataset, then click Train.") || m_showsHint)) {
        m_status->setText(tr("%1 is open: keep the configuration below or change it, then click Train. "
                             "The loss is drawn live; the Results, t-SNE and Alignment tabs fill in when it is done.")
                              .arg(dataset.isEmpty() ? tr("A dataset") : dataset));
        m_showsHint = true;
    }
    m_canTrain = can;
    setBusy(m_busy);
}

void TrainingPanel::onStarted()
{
    onRanksStarted(0);
    m_progress->setVisible(true);
    m_loss->clear();
    m_progress->setRange(0, 0);  // busy indicator until the first iteration reports the total
    m_showsHint = false;
    m_status->setText(tr("Starting…"));
}

void TrainingPanel::onRanksStarted(int ranks)
{
    qDeleteAll(m_rankBars);
    m_rankBars.clear();
    if (ranks == 0) return;
    m_loss->clear();
    m_progress->setVisible(false);
    for (int r = 0; r < ranks; ++r) {
        auto* bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("rankBar%1").arg(r));
        bar->setRange(0, 0);  // busy until the rank's first report
        bar->setFormat(tr("rank %1: starting").arg(r));
        bar->setTextVisible(true);
        m_rankArea->addWidget(bar);
        m_rankBars << bar;
    }
    m_showsHint = false;
    m_status->setText(tr("Starting %1 ranks (btsf-cli launch)…").arg(ranks));
}

void TrainingPanel::onRankProgress(int rank, int iteration, int total, double loss)
{
    if (rank < 0 || rank >= m_rankBars.size()) return;
    auto* bar = m_rankBars[rank];
    bar->setRange(0, total);
    bar->setValue(iteration);
    bar->setFormat(tr("rank %1: %2 / %3 · loss %4").arg(rank).arg(iteration).arg(total).arg(loss, 0, 'f', 4));
    if (rank == 0) {  // every rank computes the same loss; rank 0's is the run's
        m_loss->addPoint(iteration, loss);
        m_status->setText(tr("Iteration %1 of %2 · loss %3 · %4 ranks")
                              .arg(iteration)
                              .arg(total)
                              .arg(loss, 0, 'f', 4)
                              .arg(m_rankBars.size()));
    }
}

void TrainingPanel::onProgress(const TrainProgress& p)
{
    m_loss->addPoint(p.iteration, p.loss);
    m_progress->setRange(0, p.total_iterations);
    m_progress->setValue(p.iteration);
    m_status->setText(tr("Iteration %1 of %2 · epoch %3 · loss %4 · elapsed %5 · ETA %6")
                          .arg(p.iteration)
                          .arg(p.total_iterations)
                          .arg(p.epoch)
                          .arg(p.loss, 0, 'f', 4)
                          .arg(format_duration(p.elapsed_seconds), format_duration(p.eta_seconds)));
}

void TrainingPanel::onStage(const QString& stage)
{
    if (stage != tr("Training")) {
        m_progress->setRange(0, 0);
        m_status->setText(stage + QStringLiteral("…"));
    }
}

void TrainingPanel::onFinished(const QString& summary)
{
    m_progress->setVisible(m_rankBars.isEmpty());  // the rank bars show the end of a data-parallel run
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(summary);
}

void TrainingPanel::onCancelled(int iterationsDone)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(
        tr("Stopped after iteration %1. Nothing was saved; the last finished run is unchanged.").arg(iterationsDone));
}

void TrainingPanel::onFailed(const QString& message)
{
    m_progress->setVisible(m_rankBars.isEmpty());
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("<span style='color:#b00020'>Failed: %1</span>").arg(message.toHtmlEscaped()));
}

}  // namespace btsf::gui
