#include "run_list.h"

#include "io/run_files.h"
#include "io/run_summary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace btsf::gui {
namespace {
// One line per run from its metrics.json alone (cheap: no HDF5 read).
QString run_title(const QString& folder)
{
    const QString name = QFileInfo(folder).fileName();
    RunSummary s;
    try {
        s = read_run_summary(folder.toStdString());
    } catch (const std::exception&) {
        return name + QObject::tr(" (unreadable metrics)");
    }
    const QString dataset = QString::fromStdString(s.dataset);
    if (s.task == "forecasting")
        return QObject::tr("%1 · forecast %2 · MSE@%3 %4")
            .arg(dataset, QString::fromStdString(s.setting), QString::number(s.first_horizon))
            .arg(s.first_mse, 0, 'f', 3);
    if (s.task == "anomaly")
        return QObject::tr("%1 · anomalies · F1 %2 (adjusted %3)")
            .arg(dataset)
            .arg(s.f1_point_wise, 0, 'f', 3)
            .arg(s.f1_point_adjusted, 0, 'f', 3);
    const QString title =
        QObject::tr("%1 · %2 · acc %3").arg(dataset, QString::fromStdString(s.preset)).arg(s.accuracy, 0, 'f', 3);
    return s.scored_checkpoint ? title + QObject::tr(" · checkpoint scored") : title;
}
}  // namespace

RunList::RunList(QWidget* parent) : QWidget(parent), m_rootLabel(new QLabel(this)), m_list(new QListWidget(this))
{
    m_list->setObjectName(QStringLiteral("runList"));
    m_rootLabel->setWordWrap(true);
    m_rootLabel->setStyleSheet(QStringLiteral("color: gray"));
    auto* refreshButton = new QToolButton(this);
    refreshButton->setText(tr("Refresh"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_rootLabel);
    layout->addWidget(refreshButton, 0, Qt::AlignRight);
    connect(refreshButton, &QToolButton::clicked, this, &RunList::refresh);
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT runRequested(item->data(Qt::UserRole).toString()); });
    connect(m_list, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT runRequested(item->data(Qt::UserRole).toString()); });
}

void RunList::setRoot(const QString& root)
{
    m_root = root;
    m_rootLabel->setText(tr("Runs are kept in %1").arg(QDir::toNativeSeparators(root)));
    refresh();
}

void RunList::refresh()
{
    m_list->clear();
    for (const auto& folder : list_run_folders(m_root.toStdString())) {
        const QString path = QString::fromStdString(folder);
        auto* item = new QListWidgetItem(run_title(path), m_list);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
}

int RunList::count() const
{
    return m_list->count();
}
QString RunList::folderAt(int row) const
{
    return m_list->item(row)->data(Qt::UserRole).toString();
}

}  // namespace btsf::gui
