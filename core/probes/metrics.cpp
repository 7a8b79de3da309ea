#include "probes/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace btsf {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_labels(const std::vector<int>& labels, int n_classes, const char* what)
{
    for (int v : labels) {
        if (v < 0 || v >= n_classes) {
            throw std::invalid_argument(std::string(what) + ": label " + std::to_string(v) + " is outside [0, " +
                                        std::to_string(n_classes) + ")");
        }
    }
}

// Class-k column of a row-major score matrix, or the single binary score vector.
std::vector<double> score_column(const std::vector<double>& scores, std::size_t n, int n_classes, int k)
{
    if (n_classes == 2 && scores.size() == n && n > 0) {
        std::vector<double> col = scores;
        if (k == 0) {
            for (double& v : col) v = -v;
        }
        return col;
    }
    std::vector<double> col(n);
    for (std::size_t i = 0; i < n; ++i) col[i] = scores[i * static_cast<std::size_t>(n_classes) + k];
    return col;
}

void check_score_shape(const std::vector<double>& scores, std::size_t n, int n_classes)
{
    if (n_classes < 2) throw std::invalid_argument("auprc: n_classes must be at least 2");
    const bool matrix = scores.size() == n * static_cast<std::size_t>(n_classes);
    const bool binary_vector = n_classes == 2 && scores.size() == n;
    if (!matrix && !binary_vector) {
        throw std::invalid_argument("auprc: expected " + std::to_string(n) + " x " + std::to_string(n_classes) +
                                    " scores, got " + std::to_string(scores.size()));
    }
}

}  // namespace

double accuracy(const std::vector<int>& truth, const std::vector<int>& pred)
{
    if (truth.size() != pred.size()) {
        throw std::invalid_argument("accuracy: " + std::to_string(truth.size()) + " labels but " +
                                    std::to_string(pred.size()) + " predictions");
    }
    if (truth.empty()) return kNaN;
    std::size_t hits = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) hits += truth[i] == pred[i] ? 1 : 0;
    return static_cast<double>(hits) / static_cast<double>(truth.size());
}

double average_precision(const std::vector<int>& binary_truth, const std::vector<double>& score)
{
    if (binary_truth.size() != score.size()) {
        throw std::invalid_argument("average_precision: " + std::to_string(binary_truth.size()) + " labels but " +
                                    std::to_string(score.size()) + " scores");
    }
    std::size_t positives = 0;
    for (std::size_t i = 0; i < score.size(); ++i) {
        if (binary_truth[i] != 0 && binary_truth[i] != 1) {
            throw std::invalid_argument("average_precision: truth must be 0 or 1");
        }
        if (std::isnan(score[i])) throw std::invalid_argument("average_precision: NaN score");
        positives += static_cast<std::size_t>(binary_truth[i]);
    }
    if (positives == 0) return kNaN;

    // Decreasing score; the sort order inside a tie does not matter because a whole
    // group of equal scores is one threshold.
    std::vector<std::size_t> order(score.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });

    double ap = 0.0;
    double previous_recall = 0.0;
    std::size_t tp = 0;
    std::size_t seen = 0;
    while (seen < order.size()) {
        const double threshold = score[order[seen]];
        while (seen < order.size() && score[order[seen]] == threshold) {
            tp += static_cast<std::size_t>(binary_truth[order[seen]]);
            ++seen;
        }
        const double precision = static_cast<double>(tp) / static_cast<double>(seen);
        const double recall = static_cast<double>(tp) / static_cast<double>(positives);
        ap += (recall - previous_recall) * precision;
        previous_recall = recall;
    }
    return ap;
}

std::vector<double> per_class_average_precision(const std::vector<int>& truth, const std::vector<double>& scores,
                                                int n_classes)
{
    check_score_shape(scores, truth.size(), n_classes);
    check_labels(truth, n_classes, "auprc");
    std::vector<double> ap(static_cast<std::size_t>(n_classes), kNaN);
    std::vector<int> binary(truth.size());
    for (int k = 0; k < n_classes; ++k) {
        for (std::size_t i = 0; i < truth.size(); ++i) binary[i] = truth[i] == k ? 1 : 0;
        ap[static_cast<std::size_t>(k)] = average_precision(binary, score_column(scores, truth.size(), n_classes, k));
    }
    return ap;
}

double auprc(const std::vector<int>& truth, const std::vector<double>& scores, int n_classes)
{
    check_score_shape(scores, truth.size(), n_classes);
    check_labels(truth, n_classes, "auprc");
    if (n_classes == 2) {
        std::vector<int> binary(truth.begin(), truth.end());  // labels are already 0/1
        return average_precision(binary, score_column(scores, truth.size(), 2, 1));
    }
    const std::vector<double> ap = per_class_average_precision(truth, scores, n_classes);
    double sum = 0.0;
    int counted = 0;
    for (double v : ap) {
        if (std::isnan(v)) continue;  // class absent from truth: skipped, see header
        sum += v;
        ++counted;
    }
    return counted == 0 ? kNaN : sum / counted;
}

ConfusionMatrix confusion_matrix(const std::vector<int>& truth, const std::vector<int>& pred, int n_classes)
{
    if (truth.size() != pred.size()) {
        throw std::invalid_argument("confusion_matrix: sizes differ");
    }
    if (n_classes < 1) throw std::invalid_argument("confusion_matrix: n_classes must be positive");
    check_labels(truth, n_classes, "confusion_matrix");
    check_labels(pred, n_classes, "confusion_matrix");
    ConfusionMatrix cm;
    cm.n_classes = n_classes;
    cm.counts.assign(static_cast<std::size_t>(n_classes) * static_cast<std::size_t>(n_classes), 0);
    for (std::size_t i = 0; i < truth.size(); ++i) {
        ++cm.counts[static_cast<std::size_t>(truth[i]) * static_cast<std::size_t>(n_classes) +
                    static_cast<std::size_t>(pred[i])];
    }
    return cm;
}

std::vector<std::vector<int>> confusion_table(const std::vector<int>& truth, const std::vector<int>& predicted,
                                              int n_classes)
{
    const ConfusionMatrix cm = confusion_matrix(truth, predicted, n_classes);
    std::vector<std::vector<int>> rows(static_cast<std::size_t>(n_classes));
    for (int t = 0; t < n_classes; ++t) {
        for (int p = 0; p < n_classes; ++p) rows[static_cast<std::size_t>(t)].push_back(static_cast<int>(cm.at(t, p)));
    }
    return rows;
}

}  // namespace btsf
