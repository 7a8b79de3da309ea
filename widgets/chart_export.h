#pragma once
// Every chart of the workbench exports the same way: the format follows the
// file suffix (png, svg, pdf), and the file is written beside its target and
// renamed over it, so a failed export never destroys an earlier figure.
#include <QString>

class QChartView;

namespace btsf::gui {

// Returns "" on success, else a message naming the file.
QString export_chart(QChartView* view, const QString& path);

// The file-dialog filter for the formats above.
QString chart_export_filter();

}  // namespace btsf::gui
