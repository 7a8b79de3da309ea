#include "run_list.h"

#include "io/run_record.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace btsf::gui {
namespace {
// One line per run from its metrics.json alone (cheap: no HDF5 read).
QString run_title(const QString& folder)
{
    QFile file(folder + "/metrics.json");
    const QString name = QFileInfo(folder).fileName();
    if (!file.open(QIODevice::ReadOnly)) return name;
    const QJsonObject j = QJsonDocument::fromJson(file.readAll()).object();
    if (j.isEmpty()) return name + QObject::tr(" (unreadable metrics)");
    if (j.value("task").toString() == QLatin1String("forecasting")) {
        const QString first = QString::number(j.value("horizons").toArray().first().toInt());
        return QObject::tr("%1 · forecast %2 · MSE@%3 %4")
            .arg(j.value("dataset").toString(), j.value("setting").toString(), first)
            .arg(j.value("results").toObject().value(first).toObject().value("mse").toDouble(), 0, 'f', 3);
    }
    if (j.value("task").toString() == QLatin1String("anomaly"))
        return QObject::tr("%1 · anomalies · F1 %2 (adjusted %3)")
            .arg(j.value("dataset").toString())
            .arg(j.value("point_wise").toObject().value("f1").toDouble(), 0, 'f', 3)
            .arg(j.value("point_adjusted").toObject().value("f1").toDouble(), 0, 'f', 3);
    return QObject::tr("%1 · %2 · acc %3")
        .arg(j.value("dataset").toString(), j.value("preset").toString())
        .arg(j.value("accuracy").toDouble(), 0, 'f', 3);
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
