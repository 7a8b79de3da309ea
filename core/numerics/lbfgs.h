#pragma once
// Compact limited-memory BFGS for smooth unconstrained problems (here: the convex
// multinomial logistic loss). Small on purpose: no bounds, a backtracking Armijo line
// search, and the two-loop recursion with the usual gamma = s'y / y'y scaling.
#include <functional>
#include <vector>

namespace btsf {

struct LbfgsOptions {
    int max_iterations = 200;
    int history = 10;
    // Stop when max_i |g_i| <= gradient_tolerance (scipy's pgtol, which sklearn sets to
    // its tol = 1e-4 on a mean-loss objective like ours).
    double gradient_tolerance = 1e-4;
    // Or when the decrease (f_old - f) <= value_tolerance * max(|f_old|, |f|, 1).
    double value_tolerance = 1e-10;
    int max_line_search = 40;
};

struct LbfgsResult {
    double value = 0.0;
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;  // a tolerance was met (false: iteration cap or stalled search)
};

// Returns f(x) and writes the gradient into grad (already sized like x).
using LbfgsObjective = std::function<double(const std::vector<double>& x, std::vector<double>& grad)>;

// Minimises from the x given (a warm start is just a good x) and leaves the minimiser in x.
LbfgsResult minimize_lbfgs(const LbfgsObjective& objective, std::vector<double>& x, const LbfgsOptions& options = {});

}  // namespace btsf
