#include "numerics/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <deque>

namespace btsf {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b)
{
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

double max_abs(const std::vector<double>& a)
{
    double m = 0.0;
    for (double v : a) m = std::max(m, std::abs(v));
    return m;
}

struct Correction {
    std::vector<double> s;  // x_{k+1} - x_k
    std::vector<double> y;  // g_{k+1} - g_k
    double rho = 0.0;       // 1 / y's
};

// d = -H g by the two-loop recursion.
void search_direction(const std::deque<Correction>& memory, const std::vector<double>& g, std::vector<double>& d)
{
    d = g;
    std::vector<double> alpha(memory.size());
    for (std::size_t m = memory.size(); m-- > 0;) {
        alpha[m] = memory[m].rho * dot(memory[m].s, d);
        for (std::size_t i = 0; i < d.size(); ++i) d[i] -= alpha[m] * memory[m].y[i];
    }
    if (!memory.empty()) {
        const Correction& last = memory.back();
        const double gamma = 1.0 / (last.rho * dot(last.y, last.y));
        for (double& v : d) v *= gamma;
    }
    for (std::size_t m = 0; m < memory.size(); ++m) {
        const double beta = memory[m].rho * dot(memory[m].y, d);
        for (std::size_t i = 0; i < d.size(); ++i) d[i] += (alpha[m] - beta) * memory[m].s[i];
    }
    for (double& v : d) v = -v;
}

}  // namespace

LbfgsResult minimize_lbfgs(const LbfgsObjective& objective, std::vector<double>& x, const LbfgsOptions& options)
{
    const std::size_t n = x.size();
    LbfgsResult result;
    std::vector<double> g(n), g_new(n), x_new(n), d(n);
    double f = objective(x, g);
    result.evaluations = 1;
    std::deque<Correction> memory;

    while (true) {
        if (max_abs(g) <= options.gradient_tolerance) {
            result.converged = true;
            break;
        }
        if (result.iterations >= options.max_iterations) break;

        search_direction(memory, g, d);
        double slope = dot(g, d);
        if (!(slope < 0.0)) {  // lost descent (rounding): restart from steepest descent
            memory.clear();
            for (std::size_t i = 0; i < n; ++i) d[i] = -g[i];
            slope = -dot(g, g);
        }
        // Without curvature information a unit step can be wild; scale the first one.
        double step = memory.empty() ? std::min(1.0, 1.0 / std::sqrt(-slope)) : 1.0;

        double f_new = 0.0;
        bool accepted = false;
        for (int ls = 0; ls < options.max_line_search; ++ls) {
            for (std::size_t i = 0; i < n; ++i) x_new[i] = x[i] + step * d[i];
            f_new = objective(x_new, g_new);
            ++result.evaluations;
            if (std::isfinite(f_new) && f_new <= f + 1e-4 * step * slope) {
                accepted = true;
                break;
            }
            // Minimiser of the quadratic through f, the slope and f_new, kept in
            // [0.1, 0.5] of the step so the search neither stalls nor crawls.
            double next = 0.5 * step;
            if (std::isfinite(f_new)) {
                const double q = -slope * step * step / (2.0 * (f_new - f - slope * step));
                if (std::isfinite(q)) next = std::clamp(q, 0.1 * step, 0.5 * step);
            }
            step = next;
        }
        if (!accepted) break;  // no decrease possible at this precision

        Correction c;
        c.s.resize(n);
        c.y.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            c.s[i] = x_new[i] - x[i];
            c.y[i] = g_new[i] - g[i];
        }
        const double sy = dot(c.s, c.y);
        // Curvature condition: only then does the update keep H positive definite.
        if (sy > 1e-12 * dot(c.y, c.y)) {
            c.rho = 1.0 / sy;
            memory.push_back(std::move(c));
            if (static_cast<int>(memory.size()) > options.history) memory.pop_front();
        }

        const double decrease = f - f_new;
        x.swap(x_new);
        g.swap(g_new);
        f = f_new;
        ++result.iterations;
        if (decrease <= options.value_tolerance * std::max({std::abs(f), std::abs(f + decrease), 1.0})) {
            result.converged = true;
            break;
        }
    }
    result.value = f;
    return result;
}

}  // namespace btsf
