#pragma once
// Classification metrics of spec §8: accuracy, average precision and the AUPRC that
// TS2Vec reports, plus a confusion matrix for the workbench. Plain C++, no torch.
//
// Conventions shared by every function here:
// - labels are class indices in [0, n_classes); anything else throws std::invalid_argument;
// - a score matrix is row-major std::vector<double>, n_samples x n_classes;
// - an undefined metric (no samples, no positives) is NaN, never a made-up number.
#include <cstddef>
#include <vector>

namespace btsf {

// Fraction of positions where pred equals truth. NaN for empty input; throws when the
// sizes differ.
double accuracy(const std::vector<int>& truth, const std::vector<int>& pred);

// Average precision exactly as sklearn's average_precision_score: one threshold per
// distinct score (tied scores enter together), AP = sum_n (R_n - R_{n-1}) P_n over the
// thresholds in decreasing order, R_0 = 0. binary_truth holds 0 or 1; 1 is positive.
// NaN when there is no positive (recall is undefined; recent sklearn warns and
// returns 0 instead). Throws on NaN scores or on mismatched sizes.
double average_precision(const std::vector<int>& binary_truth, const std::vector<double>& score);

// AUPRC of spec §8 / TS2Vec (`average_precision_score(label_binarize(y), scores)`).
// scores: n x n_classes row-major. For n_classes == 2 it may instead hold one value per
// sample, the score of class 1 (an SVM decision value).
// - n_classes == 2: the AP of class 1 with the class-1 score.
// - n_classes > 2: the one-vs-rest macro average of the per-class AP. A class with no
//   sample in truth is skipped: its AP is undefined, and sklearn's 0 for it would
//   punish the model for the make-up of the test split. NaN if every class is skipped.
double auprc(const std::vector<int>& truth, const std::vector<double>& scores, int n_classes);

// Per-class AP used by auprc for n_classes > 2 (NaN for classes absent from truth);
// exposed so that reports can show which classes drag the macro average down.
std::vector<double> per_class_average_precision(const std::vector<int>& truth, const std::vector<double>& scores,
                                                int n_classes);

// Counts of (true class, predicted class) pairs.
struct ConfusionMatrix {
    int n_classes = 0;
    std::vector<std::size_t> counts;  // n_classes x n_classes, row = truth, column = prediction

    std::size_t at(int truth, int pred) const
    {
        return counts[static_cast<std::size_t>(truth) * static_cast<std::size_t>(n_classes) +
                      static_cast<std::size_t>(pred)];
    }
};

ConfusionMatrix confusion_matrix(const std::vector<int>& truth, const std::vector<int>& pred, int n_classes);

// Counts of (true class, predicted class) as nested rows, rows = truth, columns =
// prediction: the form that JSON and table widgets take directly. It is
// confusion_matrix re-shaped, with the same checks (sizes must
// match, labels in [0, n_classes), else std::invalid_argument). It cannot share that name:
// a second confusion_matrix with the same arguments would be the same symbol.
std::vector<std::vector<int>> confusion_table(const std::vector<int>& truth, const std::vector<int>& predicted,
                                              int n_classes);

}  // namespace btsf
