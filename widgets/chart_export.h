#pragma once
// Every chart of the workbench exports the same way: the format follows the
// file suffix (png, svg, pdf), and the file is written beside its target and
// renamed over it, so a failed export never destroys an earlier figure.
#include <QString>

class QChartView;
class QWidget;

namespace btsf::gui {

// Returns "" on success, else a message naming the file.
QString export_chart(QChartView* view, const QString& path);
// The same for any widget (the confusion matrix table), drawn as on screen.
QString export_widget(QWidget* widget, const QString& path);

// Tells the user how an export went: a warning naming the file on error, else
// "Saved PATH" in the status bar of the window that holds `from` (exports are
// confirmed, never silent).
void confirm_export(QWidget* from, const QString& path, const QString& error);

// Asks where to export (starting in the last export folder, which it
// remembers); "" when the user cancels.
QString ask_export_path(QWidget* parent, const QString& title, const QString& suggested_stem);

// The file-dialog filter for the formats above.
QString chart_export_filter();

}  // namespace btsf::gui
