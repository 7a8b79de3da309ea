#pragma once
// One colour per class, the same in every panel (the "tab10" palette, which
// stays distinguishable for the common colour-vision deficiencies up to ~8).
#include <QColor>

namespace btsf::gui {

inline QColor class_color(int index)
{
    static const QColor palette[] = {{31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
                                     {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    const int n = int(sizeof palette / sizeof palette[0]);
    QColor c = palette[((index % n) + n) % n];
    // Past ten classes, repeat the palette a little darker.
    return index >= n ? c.darker(100 + 40 * (index / n)) : c;
}

}  // namespace btsf::gui
