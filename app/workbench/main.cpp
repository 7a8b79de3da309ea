// btsf-workbench: the desktop program. All the work is in btsf_widgets and
// btsf_core; this file sets up the application and the LibTorch threads.
//
//   btsf-workbench [DATASET | RUN_FOLDER] [--screenshot FILE.png]
// A run folder (one holding metrics.json) is reopened; anything else is opened
// as a dataset. --screenshot saves the window once it is shown and quits (for
// documentation).
#include "anomaly_panel.h"
#include "forecast_panel.h"
#include "main_window.h"
#include "train/device.h"
#include "training_panel.h"
#include "util/build_info.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>

namespace {
// --help and --version answer without a display (help2man at build time, an ssh
// session, a script): they need no QApplication, whose platform plugin would fail.
bool asks_for_text_only(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0) return true;
    return false;
}

// The command line, the same for both paths; returns the --screenshot option.
QCommandLineOption describe(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QStringLiteral("Train and inspect BTSF time-series representations"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QStringLiteral("A dataset (folder, _TRAIN file, demo:NAME) or a run folder"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window as FILE and quit"), QStringLiteral("FILE"));
    parser.addOption(screenshot);
    return screenshot;
}

QString version_text()
{
    return QString::fromLatin1(btsf::program_version()) +
           QStringLiteral(" (commit %1)").arg(QLatin1String(btsf::program_commit()));
}
}  // namespace

int main(int argc, char** argv)
{
    if (asks_for_text_only(argc, argv)) {
        QCoreApplication text(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("btsf-workbench"));
        QCoreApplication::setApplicationVersion(version_text());
        QCommandLineParser parser;
        describe(parser);
        parser.process(text);  // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("btsf"));
    QApplication::setApplicationName(QStringLiteral("btsf-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("BTSF Workbench"));
    QApplication::setApplicationVersion(version_text());
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.btsf.Workbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/btsf-workbench.svg")));
    // Leave one core to the GUI thread so that training never starves the
    // event loop (on this project's 2-core machines: one LibTorch thread).
    btsf::set_thread_count(std::max(1, int(std::thread::hardware_concurrency()) - 1));

    QCommandLineParser parser;
    const QCommandLineOption screenshot = describe(parser);
    parser.process(app);

    btsf::gui::MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        // The grab waits until what was asked for is on screen (runs and
        // datasets are read off the GUI thread), then gives the charts time to settle.
        auto taken = std::make_shared<bool>(false);  // shared by every connected copy
        auto shoot = [&window, file = parser.value(screenshot), taken] {
            if (*taken) return;
            *taken = true;
            QTimer::singleShot(1500, &window, [&window, file] {
                window.grab().save(file);
                QApplication::quit();
            });
        };
        QTimer::singleShot(60000, &window, shoot);  // a backstop, should nothing arrive
        if (parser.positionalArguments().isEmpty()) shoot();
        QObject::connect(&window, &btsf::gui::MainWindow::runShown, &window, shoot);
        QObject::connect(&window, &btsf::gui::MainWindow::runFailed, &window, shoot);
        QObject::connect(&window, &btsf::gui::MainWindow::datasetOpened, &window, shoot);
        QObject::connect(&window, &btsf::gui::MainWindow::datasetFailed, &window, shoot);
        QObject::connect(window.forecastPanel(), &btsf::gui::ForecastPanel::shown, &window, shoot);
        QObject::connect(window.anomalyPanel(), &btsf::gui::AnomalyPanel::shown, &window, shoot);
    }
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        if (QFileInfo::exists(args.first() + "/metrics.json"))
            window.openRun(args.first());
        else {
            // A dataset named on the command line (the set-up script's demo:CBF) is
            // there to be trained: show the Train tab with its hint once it is open.
            QObject::connect(
                &window, &btsf::gui::MainWindow::datasetOpened, &window,
                [&window] { window.tabs()->setCurrentWidget(window.trainingPanel()); }, Qt::SingleShotConnection);
            window.openDataset(args.first());
        }
    }
    return QApplication::exec();
}
