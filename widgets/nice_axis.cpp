#include "nice_axis.h"

#include <QChart>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace btsf::gui {

NiceTicks nice_ticks(double lo, double hi, int ticks)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
    if (hi <= lo) lo -= 0.5, hi = lo + 1;
    ticks = std::max(ticks, 1);
    // The nice step nearest (in ratio) to an even split into `ticks` intervals.
    const double raw = (hi - lo) / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::abs(std::log(m * power / raw)) < std::abs(std::log(step / raw))) step = m * power;
    NiceTicks t;
    t.lo = lo;
    t.hi = hi;
    t.step = step;
    // A little slack so that a bound sitting on a tick keeps it.
    t.first = std::ceil(lo / step - 1e-9) * step;
    // 2.5 x 10^k needs one more decimal than 10^k.
    const double exponent = std::floor(std::log10(step) + 1e-9);
    const bool quarter = std::abs(step / std::pow(10.0, exponent) - 2.5) < 1e-9;
    t.decimals = std::max(0, int(-exponent) + (quarter ? 1 : 0));
    return t;
}

namespace {
void retick(QValueAxis* axis, double lo, double hi, int ticks)
{
    const NiceTicks t = nice_ticks(lo, hi, ticks);
    axis->setTickAnchor(t.first);
    axis->setTickInterval(t.step);
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(t.decimals) + QStringLiteral("f"));
}
}  // namespace

void set_nice_range(QValueAxis* axis, double lo, double hi, int ticks)
{
    // Zooming and panning (ChartFrame) change the range: the ticks follow it.
    if (!axis->property("btsfNiceTicks").isValid()) {
        QObject::connect(axis, &QValueAxis::rangeChanged, axis,
                         [axis](qreal a, qreal b) { retick(axis, a, b, axis->property("btsfNiceTicks").toInt()); });
    }
    axis->setProperty("btsfNiceTicks", ticks);
    // Fixed ticks while the range changes: a dynamic axis lays out its ticks on every
    // setter, and the new (small) interval over the old (large) range would be millions.
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(lo, hi);
    retick(axis, lo, hi, ticks);
    axis->setTickType(QValueAxis::TicksDynamic);
}

void refresh_nice_ticks(QChart* chart)
{
    for (QAbstractAxis* axis : chart->axes())
        if (auto* value = qobject_cast<QValueAxis*>(axis); value && value->property("btsfNiceTicks").isValid())
            retick(value, value->min(), value->max(), value->property("btsfNiceTicks").toInt());
}

}  // namespace btsf::gui
