#include "eval/rank_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <locale>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace btsf {
namespace {

constexpr double kEps = 1e-15;
constexpr double kTiny = 1e-300;
constexpr int kMaxIterations = 100000;

void check_scores(const std::vector<std::vector<double>>& scores, const char* what)
{
    const std::string name(what);
    if (scores.size() < 2)
        throw std::invalid_argument(name + ": need at least 2 datasets, got " + std::to_string(scores.size()));
    const std::size_t k = scores.front().size();
    if (k < 2) throw std::invalid_argument(name + ": need at least 2 methods, got " + std::to_string(k));
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (scores[i].size() != k) {
            throw std::invalid_argument(name + ": dataset " + std::to_string(i) + " has " +
                                        std::to_string(scores[i].size()) + " scores, dataset 0 has " +
                                        std::to_string(k));
        }
        for (std::size_t j = 0; j < k; ++j) {
            if (std::isnan(scores[i][j])) {
                throw std::invalid_argument(name + ": score of method " + std::to_string(j) + " on dataset " +
                                            std::to_string(i) + " is NaN");
            }
        }
    }
}

// Regularized lower incomplete gamma P(a, x) by its series; converges fast for x < a + 1.
double gamma_p_series(double a, double x)
{
    double term = 1.0 / a, sum = term, ap = a;
    for (int n = 0; n < kMaxIterations; ++n) {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if (std::fabs(term) < std::fabs(sum) * kEps) break;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Regularized upper incomplete gamma Q(a, x) by its continued fraction (modified Lentz);
// converges fast for x > a + 1, where the series would lose Q to cancellation.
double gamma_q_fraction(double a, double x)
{
    double b = x + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
    for (int i = 1; i < kMaxIterations; ++i) {
        const double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = b + an / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kEps) break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

double gamma_q(double a, double x)
{
    if (x <= 0) return 1.0;
    if (std::isinf(x)) return 0.0;
    return x < a + 1.0 ? 1.0 - gamma_p_series(a, x) : gamma_q_fraction(a, x);
}

// Continued fraction of the incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x)
{
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0, d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < kMaxIterations; ++m) {
        const int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kEps) break;
    }
    return h;
}

// Regularized incomplete beta I_x(a, b); the fraction is used on the side where it converges.
double beta_i(double a, double b, double x)
{
    if (x <= 0) return 0.0;
    if (x >= 1) return 1.0;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
    return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double normal_cdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// P(range of k iid standard normals < q), by composite Simpson over z in [-10, 10].
double range_cdf(double q, int k)
{
    constexpr int n = 4000;  // even
    constexpr double lo = -10.0, hi = 10.0, h = (hi - lo) / n;
    const double inv_sqrt_2pi = 0.39894228040143267794;  // 1 / sqrt(2 pi)
    double sum = 0;
    for (int i = 0; i <= n; ++i) {
        const double z = lo + i * h;
        const double f = inv_sqrt_2pi * std::exp(-0.5 * z * z) * std::pow(normal_cdf(z + q) - normal_cdf(z), k - 1);
        sum += f * (i == 0 || i == n ? 1.0 : (i % 2 ? 4.0 : 2.0));
    }
    return k * sum * h / 3.0;
}

// Demšar 2006 Table 5(a), k = 2..10.
constexpr double kQ005[] = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
constexpr double kQ010[] = {1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920};

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

std::vector<std::size_t> rank_order(const std::vector<double>& ranks)
{
    std::vector<std::size_t> order(ranks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
    return order;
}

}  // namespace

std::vector<std::vector<double>> rank_rows(const std::vector<std::vector<double>>& scores)
{
    check_scores(scores, "rank_rows");
    const std::size_t k = scores.front().size();
    std::vector<std::vector<double>> ranks(scores.size(), std::vector<double>(k));
    std::vector<std::size_t> order(k);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const auto& row = scores[i];
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return row[a] > row[b]; });
        // Positions first..last (0-based) hold equal scores and share rank mean(first + 1 .. last + 1).
        for (std::size_t first = 0; first < k;) {
            std::size_t last = first;
            while (last + 1 < k && row[order[last + 1]] == row[order[first]]) ++last;
            const double shared = 0.5 * static_cast<double>(first + last) + 1.0;
            for (std::size_t p = first; p <= last; ++p) ranks[i][order[p]] = shared;
            first = last + 1;
        }
    }
    return ranks;
}

std::vector<double> average_ranks(const std::vector<std::vector<double>>& scores)
{
    const auto ranks = rank_rows(scores);
    std::vector<double> mean(ranks.front().size(), 0.0);
    for (const auto& row : ranks)
        for (std::size_t j = 0; j < row.size(); ++j) mean[j] += row[j];
    for (double& m : mean) m /= static_cast<double>(ranks.size());
    return mean;
}

FriedmanResult friedman_test(const std::vector<std::vector<double>>& scores)
{
    const auto ranks = average_ranks(scores);
    const double n = static_cast<double>(scores.size());
    const double k = static_cast<double>(ranks.size());
    double sum_sq = 0;
    for (double r : ranks) sum_sq += r * r;
    FriedmanResult res;
    // Rounding can leave a tiny negative spread when every dataset ties all methods.
    res.chi2 = std::max(0.0, 12.0 * n / (k * (k + 1.0)) * (sum_sq - k * (k + 1.0) * (k + 1.0) / 4.0));
    res.df = k - 1.0;
    res.p_value = chi_square_survival(res.chi2, res.df);
    res.f_df1 = k - 1.0;
    res.f_df2 = (k - 1.0) * (n - 1.0);
    // chi2 reaches its maximum N (k - 1) when every dataset ranks the methods alike: F_F is infinite.
    const double denominator = n * (k - 1.0) - res.chi2;
    if (denominator <= 1e-12 * n * (k - 1.0)) {
        res.iman_davenport_f = std::numeric_limits<double>::infinity();
        res.f_p_value = 0.0;
    } else {
        res.iman_davenport_f = (n - 1.0) * res.chi2 / denominator;
        res.f_p_value = f_survival(res.iman_davenport_f, res.f_df1, res.f_df2);
    }
    return res;
}

double chi_square_survival(double x, double df)
{
    if (!(df > 0) || std::isinf(df)) throw std::invalid_argument("chi_square_survival: df must be positive and finite");
    if (std::isnan(x)) throw std::invalid_argument("chi_square_survival: x is NaN");
    return gamma_q(0.5 * df, 0.5 * x);
}

double f_survival(double x, double df1, double df2)
{
    if (!(df1 > 0) || !(df2 > 0) || std::isinf(df1) || std::isinf(df2))
        throw std::invalid_argument("f_survival: degrees of freedom must be positive and finite");
    if (std::isnan(x)) throw std::invalid_argument("f_survival: x is NaN");
    if (x <= 0) return 1.0;
    if (std::isinf(x)) return 0.0;
    return beta_i(0.5 * df2, 0.5 * df1, df2 / (df2 + df1 * x));
}

double nemenyi_q_alpha(int k_methods, double alpha)
{
    if (k_methods < 2 || k_methods > 1000)
        throw std::invalid_argument("nemenyi_q_alpha: k must be in [2, 1000], got " + std::to_string(k_methods));
    if (!(alpha >= 1e-6 && alpha <= 0.5))
        throw std::invalid_argument("nemenyi_q_alpha: alpha must be in [1e-6, 0.5], got " + num(alpha, 6));
    if (k_methods <= 10) {
        if (std::fabs(alpha - 0.05) < 1e-12) return kQ005[k_methods - 2];
        if (std::fabs(alpha - 0.10) < 1e-12) return kQ010[k_methods - 2];
    }
    // Bisection on the studentized range quantile: P(range < q) = 1 - alpha.
    double lo = 0.0, hi = 20.0;
    for (int it = 0; it < 60; ++it) {
        const double mid = 0.5 * (lo + hi);
        (1.0 - range_cdf(mid, k_methods) > alpha ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi) / std::sqrt(2.0);
}

double nemenyi_critical_difference(int k_methods, int n_datasets, double alpha)
{
    if (n_datasets < 2)
        throw std::invalid_argument("nemenyi_critical_difference: need at least 2 datasets, got " +
                                    std::to_string(n_datasets));
    const double k = k_methods;
    return nemenyi_q_alpha(k_methods, alpha) * std::sqrt(k * (k + 1.0) / (6.0 * n_datasets));
}

std::vector<std::vector<std::size_t>> nemenyi_groups(const std::vector<double>& average_ranks, double cd)
{
    if (!(cd >= 0)) throw std::invalid_argument("nemenyi_groups: cd must be non-negative");
    for (double r : average_ranks)
        if (std::isnan(r)) throw std::invalid_argument("nemenyi_groups: an average rank is NaN");
    const auto order = rank_order(average_ranks);
    std::vector<std::vector<std::size_t>> groups;
    // last(i) = the furthest method within cd of method i; it never decreases with i, so the run
    // starting at i is contained in the previous one exactly when last(i) did not grow.
    std::size_t previous_last = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        std::size_t last = i;
        while (last + 1 < order.size() && average_ranks[order[last + 1]] - average_ranks[order[i]] < cd) ++last;
        if (last > i && (groups.empty() || last > previous_last))
            groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(i),
                                order.begin() + static_cast<std::ptrdiff_t>(last) + 1);
        previous_last = std::max(previous_last, last);
    }
    return groups;
}

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
