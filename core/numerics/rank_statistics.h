#pragma once
// Rank statistics for comparing several methods over several datasets (issue 6, item 3),
// following Demšar, "Statistical Comparisons of Classifiers over Multiple Data Sets",
// JMLR 7 (2006): average ranks, the Friedman test with the Iman-Davenport F statistic,
// the Nemenyi critical difference and the critical-difference diagram. Plain C++, no Qt.
//
// Conventions shared by every function here:
// - scores are datasets x methods, scores[dataset][method], higher is better (accuracy);
// - rank 1 is the best method on a dataset; tied scores share the mean of the ranks they
//   span (scores 0.9, 0.8, 0.8 rank 1, 2.5, 2.5);
// - fewer than 2 datasets or methods, ragged rows or a NaN score throw std::invalid_argument.
#include <cstddef>
#include <string>
#include <vector>

namespace btsf {

// Per-dataset ranks, same shape as scores.
std::vector<std::vector<double>> rank_rows(const std::vector<std::vector<double>>& scores);

// Mean rank of each method over the datasets (R_j in Demšar); they sum to k (k + 1) / 2.
std::vector<double> average_ranks(const std::vector<std::vector<double>>& scores);

struct FriedmanResult {
    double chi2 = 0;              // Friedman's chi^2_F, chi-square with df = k - 1 under H0
    double df = 0;                // k - 1
    double p_value = 0;           // P(chi^2_{df} >= chi2)
    double iman_davenport_f = 0;  // F_F = (N - 1) chi2 / (N (k - 1) - chi2); +inf when every dataset ranks alike
    double f_df1 = 0, f_df2 = 0;  // k - 1 and (k - 1)(N - 1)
    double f_p_value = 0;         // P(F_{df1, df2} >= F_F); Demšar recommends this one (chi2 is too conservative)
};

// Demšar eq. for chi^2_F = 12 N / (k (k + 1)) [sum_j R_j^2 - k (k + 1)^2 / 4] and F_F, without a
// tie correction (as in the paper, so its worked example reproduces; scipy's friedmanchisquare
// divides by a tie correction and so reports a slightly larger statistic when rows hold ties).
FriedmanResult friedman_test(const std::vector<std::vector<double>>& scores);

// Upper tail P(X >= x) of the chi-square distribution with df > 0 degrees of freedom
// (regularized upper incomplete gamma Q(df / 2, x / 2)). 1 for x <= 0.
double chi_square_survival(double x, double df);

// Upper tail P(X >= x) of Fisher's F distribution with (df1, df2) degrees of freedom
// (regularized incomplete beta I_{df2 / (df2 + df1 x)}(df2 / 2, df1 / 2)). 1 for x <= 0, 0 for +inf.
double f_survival(double x, double df1, double df2);

// q_alpha of the Nemenyi test: the studentized range quantile for k means and infinite
// degrees of freedom, divided by sqrt(2). For alpha 0.05 and 0.10 with k = 2..10 it is
// Demšar's Table 5(a) as printed (so a CD matches published ones); otherwise (k > 10, or
// another alpha in [1e-6, 0.5]) it is computed from the range distribution
// P(range < q) = k * integral phi(z) [Phi(z + q) - Phi(z)]^(k - 1) dz, which agrees with the
// table to its 3 decimals (within 1e-3: the table rounds k = 3 at 0.05 down to 2.343).
// Throws std::invalid_argument for k < 2 or k > 1000, or alpha outside [1e-6, 0.5].
double nemenyi_q_alpha(int k_methods, double alpha = 0.05);

// Nemenyi critical difference: q_alpha(k) * sqrt(k (k + 1) / (6 N)). Two methods differ
// significantly when their average ranks differ by at least this much.
// Demšar's example: k = 4, N = 14 gives 2.569 * sqrt(20 / 84) = 1.25 at alpha 0.05.
double nemenyi_critical_difference(int k_methods, int n_datasets, double alpha = 0.05);

// Method indices sorted by average rank, best (lowest) first; ties keep input order.
std::vector<std::size_t> rank_order(const std::vector<double>& ranks);

// The groups the CD diagram joins with a bar: with the methods sorted by average rank
// (ties keep input order), for each method the longest run starting at it whose ranks
// differ by less than cd, keeping only runs not contained in another (maximal cliques
// along the sorted ranks, as Orange's graph_ranks does, but with "< cd" per Demšar's
// "differ by at least the CD"). Each group lists method indices in rank order; a method
// that differs from all others appears in no group. Throws for NaN ranks or cd < 0.
std::vector<std::vector<std::size_t>> nemenyi_groups(const std::vector<double>& average_ranks, double cd);

}  // namespace btsf
