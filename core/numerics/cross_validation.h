#pragma once
// Splitting helpers and the input checks shared by the linear and the SVM probe. Both are deterministic, so
// that a probe run twice on the same data picks the same hyper-parameter.
#include <cstddef>
#include <vector>

#include "util/matrix.h"

namespace btsf {

// Fold index in [0, n_folds) for every sample, exactly as sklearn's
// StratifiedKFold(n_splits=n_folds, shuffle=False), the splitter behind TS2Vec's
// GridSearchCV(cv=5): every class is spread over the folds as evenly as possible, and
// within a class the samples keep their order (the first ones go to fold 0). Matching
// it keeps our chosen C comparable with the published protocol. Throws when
// n_folds < 2 or when n_folds exceeds the number of samples of every class.
std::vector<int> stratified_fold_ids(const std::vector<int>& labels, int n_folds);

// n_keep indices (ascending) drawn per class in proportion to the class sizes, largest
// remainders first, the members of each class chosen by a seeded Fisher-Yates shuffle.
// Stands in for TS2Vec's train_test_split(train_size=10000, stratify=y); the draw is
// our own (mt19937_64), so it is reproducible across standard libraries but not equal
// to numpy's. Returns every index when n_keep >= labels.size().
std::vector<std::size_t> stratified_subsample(const std::vector<int>& labels, std::size_t n_keep, unsigned seed);

// Number of samples of the rarest class that occurs at all (0 for no labels).
std::size_t smallest_class_count(const std::vector<int>& labels);

// Number of distinct labels.
std::size_t distinct_label_count(const std::vector<int>& labels);

// What every probe requires of its inputs: consistent matrices with the same columns,
// one label per train row, labels in [0, n_classes). Throws std::invalid_argument
// whose message starts with `probe` ("linear probe: ...").
void check_probe_inputs(const char* probe, const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                        int n_classes);

}  // namespace btsf
