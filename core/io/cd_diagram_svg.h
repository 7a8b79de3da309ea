#pragma once
// The critical-difference diagram of a rank comparison (numerics/rank_statistics)
// as SVG text: what btsf-cli ranks and the comparison grid's report write.
#include <string>
#include <vector>

namespace btsf {

// A critical-difference diagram in the style of Demšar 2006 Fig. 1, as standalone SVG text:
// an axis of ranks 1..k (1, the best, on the left), the CD drawn as a segment above it and
// labelled "CD = 1.25", each method's name joined by a line to its average rank (the better
// half on the left, the rest on the right, each with its rank to two decimals), and a thick
// bar under the axis for every group of nemenyi_groups(). Names and title are escaped for
// XML; numbers are written in the C locale whatever the process locale. Throws
// std::invalid_argument for fewer than 2 methods, a size mismatch, ranks outside [1, k]
// or not finite, or cd not finite and positive.
std::string critical_difference_svg(const std::vector<std::string>& methods, const std::vector<double>& average_ranks,
                                    double cd, const std::string& title = "");

}  // namespace btsf
