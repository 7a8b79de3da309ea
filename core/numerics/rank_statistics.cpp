#include "numerics/rank_statistics.h"

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

}  // namespace

std::vector<std::size_t> rank_order(const std::vector<double>& ranks)
{
    std::vector<std::size_t> order(ranks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
    return order;
}

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
    if (!(alpha >= 1e-6 && alpha <= 0.5)) {
        std::ostringstream got;  // the C locale, whatever the process locale
        got.imbue(std::locale::classic());
        got << alpha;
        throw std::invalid_argument("nemenyi_q_alpha: alpha must be in [1e-6, 0.5], got " + got.str());
    }
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

}  // namespace btsf
