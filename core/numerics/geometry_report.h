#pragma once
// What the alignment/uniformity analysis of a run (spec §9, paper Figs. 4-5)
// produces, as plain data: computed in core, kept in a run's geometry.json,
// drawn by the workbench.
#include <vector>

namespace btsf {

struct GeometryReport {
    double dropout = 0;            // rate of the two views that form each positive pair
    std::vector<float> alignment;  // ||f(x) - f(x+)||^2 of L2-normalised features, one per test series
    double alignment_mean = 0;
    double uniformity = 0;      // log E exp(-2 ||f(x) - f(y)||^2), lower is more uniform
    std::vector<float> angles;  // radians in [-pi, pi], one per test series
    std::vector<int> labels;    // class of each test series
    bool empty() const { return alignment.empty(); }
};

}  // namespace btsf
