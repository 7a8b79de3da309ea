#pragma once
// Two charts stacked over one time axis must have plot areas of the same left
// edge and width, or their time axes do not line up: axis labels and legends of
// different widths would make them differ. This pads each chart's margins by
// what the other needs (legends of one width, the left edge padded to the
// wider labels), and keeps doing so as they are laid out again.
class QChart;

namespace btsf::gui {

void align_plot_areas(QChart* a, QChart* b);

}  // namespace btsf::gui
