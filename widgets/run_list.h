#pragma once
// The past runs kept under the runs folder, newest first. Activating one
// reopens it with its charts, without retraining.
#include <QWidget>

class QLabel;
class QListWidget;

namespace btsf::gui {

class RunList : public QWidget {
    Q_OBJECT
public:
    explicit RunList(QWidget* parent = nullptr);

    void setRoot(const QString& root);
    QString root() const { return m_root; }
    int count() const;
    QString folderAt(int row) const;

Q_SIGNALS:
    void runRequested(const QString& folder);

public Q_SLOTS:
    void refresh();

private:
    QString m_root;
    QLabel* m_rootLabel;
    QListWidget* m_list;
};

}  // namespace btsf::gui
