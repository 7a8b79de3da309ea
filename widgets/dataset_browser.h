#pragma once
// Where a dataset is picked: the built-in demos, the recently opened datasets
// (kept in QSettings), and "Open dataset…" for UCR/UEA folders and files.
// Dropping a folder or a _TRAIN file on the window goes through the same
// datasetRequested signal (see MainWindow).
#include <QWidget>

class QListWidget;
class QListWidgetItem;

namespace btsf::gui {

class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(QWidget* parent = nullptr);

    // Puts source at the top of the recent list (at most 10 kept).
    void addRecent(const QString& source);
    QStringList recent() const;

Q_SIGNALS:
    void datasetRequested(const QString& source);

public Q_SLOTS:
    void openWithDialog();

private:
    void rebuild();
    void activate(QListWidgetItem* item);

    QListWidget* m_list;
};

}  // namespace btsf::gui
