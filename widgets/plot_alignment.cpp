#include "plot_alignment.h"

#include <QChart>
#include <QLegend>
#include <QMargins>

#include <algorithm>
#include <cmath>
#include <memory>

namespace btsf::gui {

namespace {
// Legends on the right take the same width in both charts, so the right edges
// agree; the left edges are padded to the wider y-axis labels. Only the left is
// chased: its inset depends on the labels alone, not on the plot width, so one
// step settles it (chasing both edges relays the charts out for ever).
constexpr qreal kLegendWidth = 130;

struct Pair {
    QChart* charts[2];
    QMargins base[2];
    int extra[2] = {0, 0};
    bool busy = false;
};

void realign(Pair& p)
{
    if (p.busy) return;  // setMargins lays the chart out again at once
    p.busy = true;
    int natural[2];
    for (int i = 0; i < 2; ++i) natural[i] = int(std::lround(p.charts[i]->plotArea().left())) - p.extra[i];
    const int target = std::max(natural[0], natural[1]);
    for (int i = 0; i < 2; ++i) {
        const int extra = target - natural[i];
        if (extra == p.extra[i]) continue;
        p.extra[i] = extra;
        p.charts[i]->setMargins(p.base[i] + QMargins(extra, 0, 0, 0));
    }
    p.busy = false;
}
}  // namespace

void align_plot_areas(QChart* a, QChart* b)
{
    auto pair = std::make_shared<Pair>();
    pair->charts[0] = a;
    pair->charts[1] = b;
    pair->base[0] = a->margins();
    pair->base[1] = b->margins();
    for (QChart* c : {a, b}) {
        c->legend()->setMinimumWidth(kLegendWidth);
        c->legend()->setMaximumWidth(kLegendWidth);
        QObject::connect(c, &QChart::plotAreaChanged, c, [pair](const QRectF&) { realign(*pair); });
    }
}

}  // namespace btsf::gui
