#pragma once
// A C-SVC with an RBF kernel, several classes handled one-vs-one, each class pair
// trained by libsvm. The object keeps a plain copy of the result (support vectors,
// coefficients, offsets) with classes in sorted order, which is how sklearn's SVC (and
// so TS2Vec) presents classes and pairs; libsvm orders classes by first appearance.
//
// Why the pairs are trained here and not by svm_train on all classes: libsvm evaluates
// the RBF kernel itself from sparse (index, value) lists, about 0.5 us per value for
// 320 features, and a pair of n samples needs about n^2 of them; on 6000 x 320 that is
// half a minute per fit, times 50 fits for the grid search. Instead each pair's kernel
// matrix is computed once with the blocked kernel of rbf_kernel.h, handed to libsvm as a
// precomputed kernel, and shared by all C values of a grid. The binary problems libsvm
// solves are the ones its own one-vs-one loop would build (class i rows then class j
// rows, in training order, +1 for i), so the solution is the same up to rounding of the
// kernel values.
#include <cstddef>
#include <vector>

#include "numerics/rbf_kernel.h"
#include "util/matrix.h"

namespace btsf {

struct RbfSvmParams {
    double c = 1.0;
    double gamma = 1.0;
    double tolerance = 1e-3;  // libsvm eps, sklearn's tol default
    double cache_mb = 200.0;  // libsvm kernel cache, sklearn's default
    // Class pairs are trained on up to this many threads (0: one per hardware thread).
    unsigned threads = 1;
    // A pair of n rows needs n (n + 2) 16-byte libsvm nodes as a precomputed kernel
    // (n = 8000 for 1 GiB). Pairs run concurrently only as far as their kernels fit in
    // this budget together, and a pair too large for it alone falls back to libsvm's
    // own, slower kernel.
    double kernel_memory_mb = 1024.0;
};

class RbfSvm {
public:
    // Trains on x.row(rows[t]) with label labels[t] (labels >= 0) and params.c.
    // Non-finite feature values are read as 0. With a single class present the model
    // predicts it always.
    void fit(const Matrix& x, const std::vector<std::size_t>& rows, const std::vector<int>& labels,
             const RbfSvmParams& params);

    // One model per value of cs (params.c is ignored), each pair's kernel computed once.
    static std::vector<RbfSvm> fit_path(const Matrix& x, const std::vector<std::size_t>& rows,
                                        const std::vector<int>& labels, const std::vector<double>& cs,
                                        const RbfSvmParams& params);

    // Predictions for every row of x (non-finite values read as 0): libsvm's one-vs-one
    // vote over sorted classes (decision > 0 votes for the smaller label; ties go to the
    // smallest label). With scores, also writes n x n_classes scores as sklearn's
    // SVC.decision_function(decision_function_shape='ovr'):
    // - two classes a < b: column b = decision value oriented towards b, column a = its
    //   negative (sklearn returns only the former);
    // - more: votes + sum_of_confidences / (3 (|sum_of_confidences| + 1)).
    // Classes never seen in fit get a constant score below every other score.
    std::vector<int> predict(const Matrix& x, std::vector<double>* scores = nullptr, int n_classes = 0) const;

    // Predictions from precomputed kernel values: kernel is n_rows x n_fit, row r holding
    // k(query r, fit row t) for the fit rows t in the order given to fit(). Lets a
    // cross-validation fold compute its validation kernel once for all C values.
    std::vector<int> predict_from_kernel(const std::vector<float>& kernel, std::size_t n_rows) const;

    const std::vector<int>& classes() const { return m_classes; }
    std::size_t support_vector_count() const { return m_support_rows.size(); }

private:
    struct Pair {
        std::size_t i = 0, j = 0;          // class indices into m_classes, i < j; decision > 0 means i
        double rho = 0.0;                  // libsvm's offset
        std::vector<std::size_t> fit_pos;  // support vectors as positions among the fit rows
        std::vector<std::size_t> column;   // the same as columns of m_support
        std::vector<double> coef;          // y * alpha per support vector
    };

    // Trains one class pair for every C (results[g] for cs[g]).
    static std::vector<Pair> fit_pair(const Matrix& clean, const std::vector<std::size_t>& rows_i,
                                      const std::vector<std::size_t>& rows_j, std::size_t i, std::size_t j,
                                      const std::vector<double>& cs, const RbfSvmParams& params);
    // Packs the union of the pairs' support vectors for predict().
    void pack_support(const Matrix& clean_fit_rows);
    // Vote (and, with out != nullptr, sklearn's ovr scores for n_classes) from one row
    // of one-vs-one decision values.
    int vote(const double* dec, double* out) const;

    std::vector<int> m_classes;               // sorted labels seen in fit
    std::vector<Pair> m_pairs;                // (0,1), (0,2), ..., (1,2), ... like libsvm and sklearn
    std::vector<std::size_t> m_support_rows;  // fit positions of all support vectors
    PackedPoints m_support;                   // their feature rows
    double m_gamma = 1.0;
};

}  // namespace btsf
