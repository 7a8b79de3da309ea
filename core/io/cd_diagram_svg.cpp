#include "io/cd_diagram_svg.h"

#include "numerics/rank_statistics.h"

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>
#include <stdexcept>

namespace btsf {
namespace {

// Fixed-point text in the C locale: Qt calls setlocale(LC_ALL, ""), so printf could write "1,25".
std::string num(double v, int precision)
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.setf(std::ios::fixed);
    out.precision(precision);
    out << v;
    return out.str();
}

std::string xml_escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                // Control characters other than tab and newlines are not allowed in XML 1.0.
                out += (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ? ' ' : ch;
        }
    }
    return out;
}

// Rough rendered width of UTF-8 text: code points times an average glyph width.
double text_width(const std::string& text, double font_px)
{
    std::size_t code_points = 0;
    for (const char ch : text) code_points += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return static_cast<double>(code_points) * 0.65 * font_px;
}

}  // namespace

std::string critical_difference_svg(const std::vector<std::string>& methods, const std::vector<double>& average_ranks,
                                    double cd, const std::string& title)
{
    const std::size_t k = methods.size();
    if (k < 2) throw std::invalid_argument("critical_difference_svg: need at least 2 methods");
    if (average_ranks.size() != k) {
        throw std::invalid_argument("critical_difference_svg: " + std::to_string(k) + " methods but " +
                                    std::to_string(average_ranks.size()) + " ranks");
    }
    for (double r : average_ranks) {
        if (!std::isfinite(r) || r < 1.0 - 1e-9 || r > static_cast<double>(k) + 1e-9)
            throw std::invalid_argument("critical_difference_svg: rank " + num(r, 3) + " is outside [1, k]");
    }
    if (!std::isfinite(cd) || cd <= 0) throw std::invalid_argument("critical_difference_svg: cd must be positive");

    // Layout in px. Names sit in a text column either side of the axis.
    constexpr double font = 13, rank_gap = 44, margin = 16;
    double name_width = 0;
    for (const auto& m : methods) name_width = std::max(name_width, text_width(m, font));
    const double side = margin + name_width + 6 + rank_gap;
    const double axis_len = std::max(360.0, 60.0 * static_cast<double>(k - 1));
    const double x0 = side, x1 = side + axis_len;
    const double width = x1 + side;
    const auto x_of = [&](double rank) { return x0 + (rank - 1.0) / static_cast<double>(k - 1) * axis_len; };

    const double top = title.empty() ? 8 : 36;
    const double cd_text_y = top + 12, cd_y = top + 20, tick_text_y = top + 40, axis_y = top + 50;
    const auto groups = nemenyi_groups(average_ranks, cd);
    const double bar_y0 = axis_y + 14, bar_step = 8;
    const double bars_bottom = groups.empty() ? axis_y : bar_y0 + bar_step * static_cast<double>(groups.size() - 1);
    const double row_y0 = std::max(axis_y + 28, bars_bottom + 18), row_step = 22;
    const std::size_t left_count = (k + 1) / 2;
    const double height = row_y0 + row_step * static_cast<double>(left_count - 1) + 18;

    std::ostringstream svg;
    svg.imbue(std::locale::classic());
    svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width, 0) << "\" height=\"" << num(height, 0)
        << "\" viewBox=\"0 0 " << num(width, 0) << ' ' << num(height, 0) << "\" font-family=\"sans-serif\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    if (!title.empty()) {
        svg << "<text x=\"" << num(width / 2, 1) << "\" y=\"22\" font-size=\"15\" font-weight=\"bold\" "
            << "text-anchor=\"middle\">" << xml_escape(title) << "</text>\n";
    }
    const auto line = [&](double xa, double ya, double xb, double yb, double stroke, const char* colour) {
        svg << "<line x1=\"" << num(xa, 1) << "\" y1=\"" << num(ya, 1) << "\" x2=\"" << num(xb, 1) << "\" y2=\""
            << num(yb, 1) << "\" stroke=\"" << colour << "\" stroke-width=\"" << num(stroke, 1) << "\"/>\n";
    };

    // CD segment from rank 1, clipped to the axis when the CD exceeds it.
    const double cd_end = x_of(std::min(1.0 + cd, static_cast<double>(k)));
    line(x0, cd_y, cd_end, cd_y, 1.5, "black");
    line(x0, cd_y - 4, x0, cd_y + 4, 1.5, "black");
    line(cd_end, cd_y - 4, cd_end, cd_y + 4, 1.5, "black");
    svg << "<text x=\"" << num(0.5 * (x0 + cd_end), 1) << "\" y=\"" << num(cd_text_y, 1)
        << "\" font-size=\"12\" text-anchor=\"middle\">CD = " << num(cd, 2) << "</text>\n";

    // Axis with major ticks at integer ranks and minor ticks at halves.
    line(x0, axis_y, x1, axis_y, 1.5, "black");
    for (std::size_t r = 1; r <= k; ++r) {
        const double x = x_of(static_cast<double>(r));
        line(x, axis_y - 8, x, axis_y, 1.5, "black");
        svg << "<text x=\"" << num(x, 1) << "\" y=\"" << num(tick_text_y, 1)
            << "\" font-size=\"11\" text-anchor=\"middle\">" << r << "</text>\n";
        if (r < k) line(x_of(r + 0.5), axis_y - 4, x_of(r + 0.5), axis_y, 1.0, "black");
    }

    // Better half on the left, best on the top row; the rest on the right, worst on the top
    // row, so that no connector crosses another.
    const auto order = rank_order(average_ranks);
    for (std::size_t p = 0; p < k; ++p) {
        const std::size_t m = order[p];
        const bool left = p < left_count;
        const double y = row_y0 + row_step * static_cast<double>(left ? p : k - 1 - p);
        const double x = x_of(average_ranks[m]);
        const double end = left ? x0 - rank_gap : x1 + rank_gap;
        svg << "<polyline points=\"" << num(x, 1) << ',' << num(axis_y, 1) << ' ' << num(x, 1) << ',' << num(y, 1)
            << ' ' << num(end, 1) << ',' << num(y, 1) << "\" fill=\"none\" stroke=\"black\" stroke-width=\"1\"/>\n";
        svg << "<text x=\"" << num(left ? x0 - 4 : x1 + 4, 1) << "\" y=\"" << num(y - 3, 1)
            << "\" font-size=\"10\" fill=\"#555\" text-anchor=\"" << (left ? "end" : "start") << "\">"
            << num(average_ranks[m], 2) << "</text>\n";
        svg << "<text x=\"" << num(left ? end - 6 : end + 6, 1) << "\" y=\"" << num(y + 4, 1) << "\" font-size=\""
            << num(font, 0) << "\" text-anchor=\"" << (left ? "end" : "start") << "\">" << xml_escape(methods[m])
            << "</text>\n";
    }

    // Groups whose ranks differ by less than the CD, as thick bars under the axis.
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const double y = bar_y0 + bar_step * static_cast<double>(g);
        line(x_of(average_ranks[groups[g].front()]) - 4, y, x_of(average_ranks[groups[g].back()]) + 4, y, 4.0, "black");
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace btsf
