#include "numerics/rbf_svm.h"

#include <libsvm/svm.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "numerics/parallel_tasks.h"

namespace btsf {
namespace {

void silent(const char*) {}

// libsvm prints progress to stdout through one global function pointer; set it once,
// before any training thread starts.
void silence_libsvm()
{
    static std::once_flag once;
    std::call_once(once, [] { svm_set_print_string_function(&silent); });
}

struct ModelDeleter {
    void operator()(svm_model* m) const { svm_free_and_destroy_model(&m); }
};

Matrix clean_rows(const Matrix& x, const std::vector<std::size_t>& rows)
{
    Matrix out{rows.size(), x.cols, std::vector<float>(rows.size() * x.cols)};
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const float* src = x.row(rows[r]);
        float* dst = out.row(r);
        for (std::size_t f = 0; f < x.cols; ++f) dst[f] = std::isfinite(src[f]) ? src[f] : 0.0f;
    }
    return out;
}

// One binary libsvm problem and the node storage its rows point into. Movable (a
// vector keeps its buffer when moved), never copied: a copy would point into the
// original's nodes.
struct BinaryProblem {
    BinaryProblem() = default;
    BinaryProblem(BinaryProblem&&) = default;
    BinaryProblem(const BinaryProblem&) = delete;
    BinaryProblem& operator=(const BinaryProblem&) = delete;

    std::vector<svm_node> nodes;
    std::vector<svm_node*> rows;
    std::vector<double> y;
    svm_problem problem{};
    int kernel_type = RBF;

    void finish(const std::vector<std::size_t>& offsets)
    {
        for (std::size_t o : offsets) rows.push_back(nodes.data() + o);  // storage is final now
        problem.l = static_cast<int>(rows.size());
        problem.y = y.data();
        problem.x = rows.data();
    }
};

// libsvm's precomputed-kernel format: row r is (0, r + 1), (t + 1, k(r, t)) for every
// row t, then index -1; libsvm looks k(r, t) up as x[r][serial of t].
BinaryProblem precomputed_problem(const Matrix& x, std::vector<double> y, double gamma)
{
    BinaryProblem p;
    p.kernel_type = PRECOMPUTED;
    p.y = std::move(y);
    const std::size_t l = x.rows, width = l + 2;
    p.nodes.resize(l * width);
    std::vector<std::size_t> identity(l), offsets(l);
    for (std::size_t t = 0; t < l; ++t) identity[t] = t;
    const PackedPoints points(x, identity);
    constexpr std::size_t kChunk = 64;  // rows of kernel values held at once
    std::vector<double> k;
    for (std::size_t begin = 0; begin < l; begin += kChunk) {
        const std::size_t end = std::min(l, begin + kChunk);
        rbf_kernel_rows(x, begin, end, points, gamma, k);
        for (std::size_t r = begin; r < end; ++r) {
            svm_node* row = p.nodes.data() + r * width;
            offsets[r] = r * width;
            row[0] = {0, static_cast<double>(r + 1)};
            const double* kr = k.data() + (r - begin) * l;
            for (std::size_t t = 0; t < l; ++t) row[t + 1] = {static_cast<int>(t + 1), kr[t]};
            row[l + 1] = {-1, 0.0};
        }
    }
    p.finish(offsets);
    return p;
}

// libsvm's sparse format: one (index, value) node per non-zero feature, 1-based, each
// row ended by index -1 (a missing index counts as 0, so dropping zeros is exact).
BinaryProblem sparse_problem(const Matrix& x, std::vector<double> y)
{
    BinaryProblem p;
    p.kernel_type = RBF;
    p.y = std::move(y);
    std::vector<std::size_t> offsets;
    for (std::size_t r = 0; r < x.rows; ++r) {
        offsets.push_back(p.nodes.size());
        const float* v = x.row(r);
        for (std::size_t f = 0; f < x.cols; ++f)
            if (v[f] != 0.0f) p.nodes.push_back({static_cast<int>(f + 1), v[f]});
        p.nodes.push_back({-1, 0.0});
    }
    p.finish(offsets);
    return p;
}

double pair_kernel_mb(std::size_t rows)
{
    const double l = static_cast<double>(rows);
    return l * (l + 2.0) * static_cast<double>(sizeof(svm_node)) / 1048576.0;
}

}  // namespace

void RbfSvm::fit(const Matrix& x, const std::vector<std::size_t>& rows, const std::vector<int>& labels,
                 const RbfSvmParams& params)
{
    *this = std::move(fit_path(x, rows, labels, {params.c}, params).front());
}

std::vector<RbfSvm::Pair> RbfSvm::fit_pair(const Matrix& clean, const std::vector<std::size_t>& rows_i,
                                           const std::vector<std::size_t>& rows_j, std::size_t i, std::size_t j,
                                           const std::vector<double>& cs, const RbfSvmParams& params)
{
    std::vector<std::size_t> pos = rows_i;
    pos.insert(pos.end(), rows_j.begin(), rows_j.end());
    std::vector<double> y(pos.size(), -1.0);
    std::fill(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(rows_i.size()), 1.0);
    const Matrix pair_x = clean_rows(clean, pos);
    const bool precompute = pair_kernel_mb(pos.size()) <= params.kernel_memory_mb;
    const BinaryProblem prob =
        precompute ? precomputed_problem(pair_x, std::move(y), params.gamma) : sparse_problem(pair_x, std::move(y));
    svm_parameter param{};
    param.svm_type = C_SVC;
    param.kernel_type = prob.kernel_type;
    param.degree = 3;
    param.gamma = params.gamma;
    param.coef0 = 0.0;
    param.cache_size = params.cache_mb;
    param.eps = params.tolerance;
    param.nu = 0.5;
    param.p = 0.1;
    param.shrinking = 1;
    param.probability = 0;

    std::vector<Pair> results;
    for (double c : cs) {
        param.C = c;
        if (const char* error = svm_check_parameter(&prob.problem, &param))
            throw std::invalid_argument(std::string("RbfSvm::fit: libsvm rejects the parameters: ") + error);
        const std::unique_ptr<svm_model, ModelDeleter> model(svm_train(&prob.problem, &param));
        if (!model) throw std::runtime_error("RbfSvm::fit: libsvm returned no model");
        // The rows of class i come first with y = +1, so libsvm's label[0] is +1 and a
        // positive decision means class i; checked rather than assumed.
        const double sign = model->label[0] == 1 ? 1.0 : -1.0;
        Pair pair;
        pair.i = i;
        pair.j = j;
        pair.rho = sign * model->rho[0];
        for (int s = 0; s < model->l; ++s) {
            pair.fit_pos.push_back(pos[static_cast<std::size_t>(model->sv_indices[s] - 1)]);
            pair.coef.push_back(sign * model->sv_coef[0][s]);
        }
        results.push_back(std::move(pair));
    }
    return results;
}

std::vector<RbfSvm> RbfSvm::fit_path(const Matrix& x, const std::vector<std::size_t>& rows,
                                     const std::vector<int>& labels, const std::vector<double>& cs,
                                     const RbfSvmParams& params)
{
    if (!x.consistent() || rows.size() != labels.size() || rows.empty() || cs.empty()) {
        throw std::invalid_argument("RbfSvm::fit: " + std::to_string(rows.size()) + " rows, " +
                                    std::to_string(labels.size()) + " labels, " + std::to_string(cs.size()) +
                                    " C values");
    }
    for (int label : labels)
        if (label < 0) throw std::invalid_argument("RbfSvm::fit: negative label");
    silence_libsvm();

    const Matrix clean = clean_rows(x, rows);
    std::vector<int> classes = labels;
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    std::vector<std::vector<std::size_t>> members(classes.size());  // fit positions per class
    for (std::size_t t = 0; t < labels.size(); ++t) {
        const auto c = std::lower_bound(classes.begin(), classes.end(), labels[t]) - classes.begin();
        members[static_cast<std::size_t>(c)].push_back(t);
    }
    std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (0,1), (0,2), ..., (1,2), ...
    double largest_mb = 0.0;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        for (std::size_t j = i + 1; j < classes.size(); ++j) {
            pairs.emplace_back(i, j);
            const double mb = pair_kernel_mb(members[i].size() + members[j].size());
            if (mb <= params.kernel_memory_mb) largest_mb = std::max(largest_mb, mb);
        }
    }

    // As many pairs at once as threads allow and as their kernels fit in the budget.
    unsigned threads = params.threads;
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    if (largest_mb > 0.0)
        threads =
            std::min<unsigned>(threads, static_cast<unsigned>(std::max(1.0, params.kernel_memory_mb / largest_mb)));
    std::vector<std::vector<Pair>> trained(pairs.size());
    run_parallel_tasks(pairs.size(), threads, [&](std::size_t p) {
        const auto [i, j] = pairs[p];
        trained[p] = fit_pair(clean, members[i], members[j], i, j, cs, params);
    });

    std::vector<RbfSvm> models(cs.size());
    for (std::size_t g = 0; g < cs.size(); ++g) {
        models[g].m_classes = classes;
        models[g].m_gamma = params.gamma;
        for (std::size_t p = 0; p < pairs.size(); ++p) models[g].m_pairs.push_back(std::move(trained[p][g]));
        models[g].pack_support(clean);
    }
    return models;
}

void RbfSvm::pack_support(const Matrix& clean_fit_rows)
{
    m_support_rows.clear();
    for (const Pair& p : m_pairs) m_support_rows.insert(m_support_rows.end(), p.fit_pos.begin(), p.fit_pos.end());
    std::sort(m_support_rows.begin(), m_support_rows.end());
    m_support_rows.erase(std::unique(m_support_rows.begin(), m_support_rows.end()), m_support_rows.end());
    for (Pair& p : m_pairs) {
        p.column.clear();
        for (std::size_t t : p.fit_pos)
            p.column.push_back(static_cast<std::size_t>(
                std::lower_bound(m_support_rows.begin(), m_support_rows.end(), t) - m_support_rows.begin()));
    }
    m_support = PackedPoints(clean_fit_rows, m_support_rows);
}

int RbfSvm::vote(const double* dec, double* out) const
{
    const std::size_t m = m_classes.size();
    std::vector<double> votes(m, 0.0), confidence(m, 0.0);
    for (std::size_t p = 0; p < m_pairs.size(); ++p) {
        ++votes[dec[p] > 0.0 ? m_pairs[p].i : m_pairs[p].j];  // libsvm: dec == 0 votes for j
        confidence[m_pairs[p].i] += dec[p];
        confidence[m_pairs[p].j] -= dec[p];
    }
    const int pred = m_classes[static_cast<std::size_t>(std::max_element(votes.begin(), votes.end()) - votes.begin())];
    if (!out) return pred;
    if (m == 2) {
        out[m_classes[1]] = -dec[0];
        out[m_classes[0]] = dec[0];
        return pred;
    }
    // sklearn's _ovr_decision_function(dec < 0, -dec, m): dec == 0 votes for i there.
    std::fill(votes.begin(), votes.end(), 0.0);
    for (std::size_t p = 0; p < m_pairs.size(); ++p) ++votes[dec[p] < 0.0 ? m_pairs[p].j : m_pairs[p].i];
    for (std::size_t c = 0; c < m; ++c)
        out[m_classes[c]] = votes[c] + confidence[c] / (3.0 * (std::abs(confidence[c]) + 1.0));
    return pred;
}

std::vector<int> RbfSvm::predict(const Matrix& x, std::vector<double>* scores, int n_classes) const
{
    if (m_classes.empty()) throw std::logic_error("RbfSvm::predict: not fitted");
    if (!x.consistent() || (!m_pairs.empty() && x.cols != m_support.features()))
        throw std::invalid_argument("RbfSvm::predict: feature count differs from training");
    const std::size_t k = static_cast<std::size_t>(n_classes);
    if (scores) {
        if (n_classes <= m_classes.back()) throw std::invalid_argument("RbfSvm::predict: n_classes too small");
        scores->assign(x.rows * k, 0.0);
    }
    std::vector<int> pred(x.rows, m_classes.front());
    if (m_classes.size() >= 2) {
        std::vector<std::size_t> all(x.rows);
        for (std::size_t r = 0; r < x.rows; ++r) all[r] = r;
        const Matrix xs = clean_rows(x, all);
        constexpr std::size_t kChunk = 256;  // bounds the kernel buffer: chunk x support vectors
        std::vector<double> kernel, dec(m_pairs.size());
        const std::size_t n_sv = m_support.size();
        for (std::size_t begin = 0; begin < x.rows; begin += kChunk) {
            const std::size_t end = std::min(x.rows, begin + kChunk);
            rbf_kernel_rows(xs, begin, end, m_support, m_gamma, kernel);
            for (std::size_t r = begin; r < end; ++r) {
                const double* kr = kernel.data() + (r - begin) * n_sv;
                for (std::size_t p = 0; p < m_pairs.size(); ++p) {
                    double sum = 0.0;
                    for (std::size_t s = 0; s < m_pairs[p].coef.size(); ++s)
                        sum += m_pairs[p].coef[s] * kr[m_pairs[p].column[s]];
                    dec[p] = sum - m_pairs[p].rho;
                }
                pred[r] = vote(dec.data(), scores ? scores->data() + r * k : nullptr);
            }
        }
    }
    if (scores && m_classes.size() < k) {
        // Classes absent from training: one constant below every real score, so that
        // they rank no row above another.
        double lowest = 0.0;
        for (std::size_t r = 0; r < x.rows; ++r)
            for (int c : m_classes) lowest = std::min(lowest, (*scores)[r * k + static_cast<std::size_t>(c)]);
        std::vector<bool> seen(k, false);
        for (int c : m_classes) seen[static_cast<std::size_t>(c)] = true;
        for (std::size_t r = 0; r < x.rows; ++r)
            for (std::size_t c = 0; c < k; ++c)
                if (!seen[c]) (*scores)[r * k + c] = lowest - 1.0;
    }
    return pred;
}

std::vector<int> RbfSvm::predict_from_kernel(const std::vector<float>& kernel, std::size_t n_rows) const
{
    if (m_classes.empty()) throw std::logic_error("RbfSvm::predict_from_kernel: not fitted");
    std::vector<int> pred(n_rows, m_classes.front());
    if (m_classes.size() < 2 || n_rows == 0) return pred;
    const std::size_t n_fit = kernel.size() / n_rows;
    std::vector<double> dec(m_pairs.size());
    for (std::size_t r = 0; r < n_rows; ++r) {
        const float* kr = kernel.data() + r * n_fit;
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            double sum = 0.0;
            for (std::size_t s = 0; s < m_pairs[p].coef.size(); ++s)
                sum += m_pairs[p].coef[s] * kr[m_pairs[p].fit_pos[s]];
            dec[p] = sum - m_pairs[p].rho;
        }
        pred[r] = vote(dec.data(), nullptr);
    }
    return pred;
}

}  // namespace btsf
