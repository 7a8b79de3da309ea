#pragma once
// The real workbench window as the widget tests drive it: settings in Qt's
// test location, one LibTorch thread (the GUI keeps the other core), runs in
// the given folder, shown at the size of the README screenshots.
#include "main_window.h"
#include "train/device.h"

#include <QStandardPaths>

#include <memory>

inline std::unique_ptr<btsf::gui::MainWindow> open_test_window(const QString& runs_root)
{
    QStandardPaths::setTestModeEnabled(true);
    btsf::set_thread_count(1);
    auto window = std::make_unique<btsf::gui::MainWindow>();
    window->setRunsRoot(runs_root);
    window->resize(1280, 820);
    window->show();
    return window;
}
