#include "numerics/cross_validation.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

namespace btsf {
namespace {

// label -> members in data order; std::map keeps the classes sorted by label.
std::map<int, std::vector<std::size_t>> members_by_label(const std::vector<int>& labels)
{
    std::map<int, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < labels.size(); ++i) members[labels[i]].push_back(i);
    return members;
}

}  // namespace

std::vector<int> stratified_fold_ids(const std::vector<int>& labels, int n_folds)
{
    if (n_folds < 2) throw std::invalid_argument("stratified_fold_ids: need at least 2 folds");
    const auto members = members_by_label(labels);

    // sklearn encodes the classes in order of first appearance, sorts the encoded
    // labels, and deals the sorted list round-robin to the folds: fold f receives
    // positions f, f + k, f + 2k, ... Class c occupies one contiguous run
    // [start, start + count) of that list, so its share of fold f is the number of
    // positions p in the run with p % k == f.
    std::vector<std::pair<std::size_t, const std::vector<std::size_t>*>> by_first;
    std::size_t largest = 0;
    for (const auto& entry : members) {
        by_first.emplace_back(entry.second.front(), &entry.second);
        largest = std::max(largest, entry.second.size());
    }
    if (static_cast<std::size_t>(n_folds) > largest) {
        throw std::invalid_argument("stratified_fold_ids: " + std::to_string(n_folds) +
                                    " folds but no class has that many samples");
    }
    std::sort(by_first.begin(), by_first.end());

    const std::size_t k = static_cast<std::size_t>(n_folds);
    std::vector<int> fold(labels.size(), 0);
    std::size_t start = 0;
    for (const auto& entry : by_first) {
        const std::vector<std::size_t>& idx = *entry.second;
        std::size_t next = 0;  // next member of this class to place
        for (std::size_t f = 0; f < k; ++f) {
            // positions p in [start, start + n) with p % k == f
            const std::size_t first = start + (f + k - start % k) % k;
            const std::size_t end = start + idx.size();
            const std::size_t share = first < end ? (end - first + k - 1) / k : 0;
            for (std::size_t s = 0; s < share; ++s) fold[idx[next++]] = static_cast<int>(f);
        }
        start += idx.size();
    }
    return fold;
}

std::vector<std::size_t> stratified_subsample(const std::vector<int>& labels, std::size_t n_keep, unsigned seed)
{
    const std::size_t n = labels.size();
    std::vector<std::size_t> kept;
    if (n_keep >= n) {
        kept.resize(n);
        std::iota(kept.begin(), kept.end(), std::size_t{0});
        return kept;
    }
    const auto members = members_by_label(labels);

    // Largest-remainder apportionment of n_keep over the classes.
    std::vector<std::size_t> quota;
    std::vector<std::pair<std::size_t, std::size_t>> remainder;  // (-remainder, class) order
    std::size_t assigned = 0;
    std::size_t c = 0;
    for (const auto& entry : members) {
        const std::size_t scaled = n_keep * entry.second.size();
        quota.push_back(scaled / n);
        assigned += scaled / n;
        remainder.emplace_back(scaled % n, c++);
    }
    std::stable_sort(remainder.begin(), remainder.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t r = 0; assigned < n_keep; ++r, ++assigned) ++quota[remainder[r].second];

    // Our own Fisher-Yates: std::shuffle's use of the engine is implementation defined.
    std::mt19937_64 rng(seed);
    c = 0;
    for (const auto& entry : members) {
        std::vector<std::size_t> idx = entry.second;
        for (std::size_t i = idx.size(); i > 1; --i) {
            std::swap(idx[i - 1], idx[static_cast<std::size_t>(rng() % i)]);
        }
        kept.insert(kept.end(), idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(quota[c++]));
    }
    std::sort(kept.begin(), kept.end());
    return kept;
}

std::size_t smallest_class_count(const std::vector<int>& labels)
{
    std::size_t smallest = 0;
    for (const auto& entry : members_by_label(labels)) {
        if (smallest == 0 || entry.second.size() < smallest) smallest = entry.second.size();
    }
    return smallest;
}

std::size_t distinct_label_count(const std::vector<int>& labels)
{
    std::vector<int> sorted = labels;
    std::sort(sorted.begin(), sorted.end());
    return static_cast<std::size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
}

void check_probe_inputs(const char* probe, const Matrix& train_x, const std::vector<int>& train_y, const Matrix& test_x,
                        int n_classes)
{
    const std::string name(probe);
    if (!train_x.consistent() || !test_x.consistent())
        throw std::invalid_argument(name + ": matrix data size does not match rows x cols");
    if (train_y.size() != train_x.rows)
        throw std::invalid_argument(name + ": " + std::to_string(train_x.rows) + " train rows but " +
                                    std::to_string(train_y.size()) + " labels");
    if (train_x.cols != test_x.cols)
        throw std::invalid_argument(name + ": train has " + std::to_string(train_x.cols) + " features, test has " +
                                    std::to_string(test_x.cols));
    for (int y : train_y)
        if (y < 0 || y >= n_classes) throw std::invalid_argument(name + ": train label out of range");
}

}  // namespace btsf
