// btsf-workbench: the desktop program. All the work is in btsf_widgets and
// btsf_core; this file sets up the application and the LibTorch threads.
#include "main_window.h"
#include "train/device.h"

#include <QApplication>
#include <QIcon>

#include <algorithm>
#include <thread>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("btsf"));
    QApplication::setApplicationName(QStringLiteral("btsf-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("BTSF Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(BTSF_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.btsf.Workbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/btsf-workbench.svg")));
    // Leave one core to the GUI thread so that training never starves the
    // event loop (on this project's 2-core machines: one LibTorch thread).
    btsf::set_thread_count(std::max(1, int(std::thread::hardware_concurrency()) - 1));

    btsf::gui::MainWindow window;
    window.show();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1) window.openDataset(args.at(1));  // a dataset given on the command line (or the .desktop %F)
    return QApplication::exec();
}
