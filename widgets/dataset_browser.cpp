#include "dataset_browser.h"

#include "demo_datasets.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace btsf::gui {
namespace {
const char* kRecentKey = "datasets/recent";
constexpr int kSourceRole = Qt::UserRole + 1;

QListWidgetItem* section(const QString& title)
{
    auto* item = new QListWidgetItem(title);
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
    item->setFlags(Qt::ItemIsEnabled);  // a heading, not selectable
    return item;
}
}  // namespace

DatasetBrowser::DatasetBrowser(QWidget* parent) : QWidget(parent), m_list(new QListWidget(this))
{
    m_list->setObjectName(QStringLiteral("datasetList"));
    auto* open = new QPushButton(tr("Open dataset…"), this);
    open->setToolTip(tr("A UCR/UEA problem folder, or its _TRAIN file (.ts, .tsv or .arff)"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(open);
    connect(open, &QPushButton::clicked, this, &DatasetBrowser::openWithDialog);
    connect(m_list, &QListWidget::itemActivated, this, &DatasetBrowser::activate);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &DatasetBrowser::activate);
    rebuild();
}

void DatasetBrowser::rebuild()
{
    m_list->clear();
    m_list->addItem(section(tr("Built-in demos")));
    for (const auto& name : demo::demo_names()) {
        auto* item = new QListWidgetItem(QStringLiteral("  ") + QString::fromStdString(name));
        item->setData(kSourceRole, QStringLiteral("demo:") + QString::fromStdString(name));
        item->setToolTip(tr("Generated from its published definition; no files needed"));
        m_list->addItem(item);
    }
    const QStringList recentSources = recent();
    if (!recentSources.isEmpty()) m_list->addItem(section(tr("Recent")));
    for (const QString& source : recentSources) {
        auto* item = new QListWidgetItem(QStringLiteral("  ") + QFileInfo(source).fileName());
        item->setData(kSourceRole, source);
        item->setToolTip(source);
        m_list->addItem(item);
    }
}

void DatasetBrowser::activate(QListWidgetItem* item)
{
    const QString source = item ? item->data(kSourceRole).toString() : QString();
    if (!source.isEmpty()) Q_EMIT datasetRequested(source);
}

QStringList DatasetBrowser::recent() const
{
    QStringList list = QSettings().value(kRecentKey).toStringList();
    list.removeIf([](const QString& s) { return s.startsWith(QStringLiteral("demo:")); });
    return list;
}

void DatasetBrowser::addRecent(const QString& source)
{
    if (source.startsWith(QStringLiteral("demo:"))) return;  // demos are always listed
    QStringList list = recent();
    list.removeAll(source);
    list.prepend(source);
    while (list.size() > 10) list.removeLast();
    QSettings().setValue(kRecentKey, list);
    rebuild();
}

void DatasetBrowser::openWithDialog()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("datasets/lastDir")).toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a dataset (pick its _TRAIN file)"), start,
        tr("Time series archives (*_TRAIN.ts *_TRAIN.tsv *_TRAIN.arff *.ts *.tsv *.arff);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue(QStringLiteral("datasets/lastDir"), QFileInfo(path).absolutePath());
    Q_EMIT datasetRequested(path);
}

}  // namespace btsf::gui
