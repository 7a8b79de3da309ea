#include "job_status.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace btsf::gui {

JobStatus::JobStatus(const QString& idleText, QWidget* parent)
    : QWidget(parent), m_progress(new QProgressBar(this)), m_status(new QLabel(idleText, this))
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_status->setMinimumHeight(2 * m_status->fontMetrics().lineSpacing() + 4);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
}

QString JobStatus::text() const
{
    return m_status->text();
}

void JobStatus::showDone(const QString& text)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(text);
}

void JobStatus::onBusy(bool busy)
{
    if (!busy) m_progress->setRange(0, 1);
}

void JobStatus::onStage(const QString& stage)
{
    if (stage != tr("Training")) m_progress->setRange(0, 0);
    m_status->setText(stage + QStringLiteral("…"));
}

void JobStatus::onProgress(int iteration, int total, double loss)
{
    m_progress->setRange(0, total);
    m_progress->setValue(iteration);
    m_status->setText(tr("Training: iteration %1 of %2, loss %3").arg(iteration).arg(total).arg(loss, 0, 'f', 4));
}

void JobStatus::onFailed(const QString& message)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("<span style='color:#b00020'>Failed: %1</span>").arg(message.toHtmlEscaped()));
}

void JobStatus::onCancelled(int iterations)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("Stopped after iteration %1; nothing was saved.").arg(iterations));
}

}  // namespace btsf::gui
