#pragma once
// Ticks on nice numbers (1, 2, 2.5 or 5 times a power of ten), so that a chart
// reads 0, 25, 50 ... rather than Qt's even splits of the range (31.8, 63.5,
// ...). The range itself stays what the data needs: no blank margin is added.
class QChart;
class QValueAxis;

namespace btsf::gui {

struct NiceTicks {
    double lo = 0, hi = 1;  // the range (a unit span around lo when lo >= hi)
    double first = 0;       // the first tick: the lowest multiple of step at or above lo
    double step = 0.2;      // the nice step nearest to (hi - lo) / ticks
    int decimals = 1;       // enough to print every tick exactly
};

NiceTicks nice_ticks(double lo, double hi, int ticks = 5);

// Sets axis to [lo, hi] with nice_ticks' anchor, interval and label format, and
// keeps the ticks nice when the range changes later (zoom, pan, a linked axis).
void set_nice_range(QValueAxis* axis, double lo, double hi, int ticks = 5);
// Ticks for the range each nice axis of chart holds now: QChart::zoomReset moves
// ranges without telling the axes' rangeChanged.
void refresh_nice_ticks(QChart* chart);

}  // namespace btsf::gui
