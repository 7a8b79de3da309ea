#include "data/classification_assembly.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "data/load_error.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

std::vector<std::string> class_table(const RawSeriesFile& train)
{
    if (!train.declared_classes.empty()) return train.declared_classes;
    const std::set<std::string> unique(train.labels.begin(), train.labels.end());
    std::vector<std::string> names(unique.begin(), unique.end());
    // "10" must not sort before "2".
    const bool numeric = std::all_of(names.begin(), names.end(), [](const std::string& s) {
        double v = 0;
        return parse::parse_number(s, v);
    });
    if (numeric) {
        std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
            double x = 0, y = 0;
            parse::parse_number(a, x);
            parse::parse_number(b, y);
            return x < y;
        });
    }
    return names;
}

// Maps label text to a class index, falling back to numeric equality so that a
// header declaring "1.0" accepts a row labelled "1".
class LabelIndex {
public:
    explicit LabelIndex(const std::vector<std::string>& names)
    {
        for (std::size_t i = 0; i < names.size(); ++i) {
            m_exact.emplace(names[i], static_cast<int>(i));
            double v = 0;
            if (parse::parse_number(names[i], v)) m_numeric.emplace(v, static_cast<int>(i));
        }
    }

    int find(const std::string& label) const
    {
        if (auto it = m_exact.find(label); it != m_exact.end()) return it->second;
        double v = 0;
        if (parse::parse_number(label, v)) {
            if (auto it = m_numeric.find(v); it != m_numeric.end()) return it->second;
        }
        return -1;
    }

private:
    std::map<std::string, int> m_exact;
    std::map<double, int> m_numeric;
};

std::size_t longest(const RawSeriesFile& f)
{
    std::size_t len = 0;
    for (const auto& s : f.series)
        for (const auto& ch : s) len = std::max(len, ch.size());
    return len;
}

// Refuses a series with no observed value (all missing): it would train and
// be scored as a constant, silently.
void require_observed(const RawSeriesFile& f)
{
    for (std::size_t i = 0; i < f.series.size(); ++i) {
        bool seen = false;
        for (const auto& ch : f.series[i])
            seen = seen || std::any_of(ch.begin(), ch.end(), [](float v) { return !std::isnan(v); });
        if (!seen) throw DataError(f.path, f.lines[i], "every value of this series is missing");
    }
}

// Unequal lengths are padded to the longest series. That keeps memory within
// kMaxPadding times the data; one series far longer than the rest would
// otherwise make the padded copy gigabytes from a small file.
constexpr double kMaxPadding = 8.0;
constexpr std::size_t kPaddingSlack = std::size_t(1) << 24;  // 16 M values (64 MB): always allowed

void check_padding(const RawSeriesFile& train, const RawSeriesFile& test, std::size_t length)
{
    std::size_t observed = 0, series = 0;
    const RawSeriesFile* longest_file = &train;
    std::size_t longest_index = 0, longest_length = 0;
    for (const RawSeriesFile* f : {&train, &test})
        for (std::size_t i = 0; i < f->series.size(); ++i) {
            ++series;
            for (const auto& ch : f->series[i]) {
                observed += ch.size();
                if (ch.size() > longest_length) longest_file = f, longest_index = i, longest_length = ch.size();
            }
        }
    const double padded = double(series) * double(train.channels) * double(length);
    if (padded <= double(kPaddingSlack) || padded <= kMaxPadding * double(std::max<std::size_t>(observed, 1))) return;
    throw DataError(longest_file->path, longest_file->lines[longest_index],
                    "this series has " + std::to_string(longest_length) + " steps; padding all " +
                        std::to_string(series) + " series to it would take " +
                        std::to_string(std::size_t(padded * 4 / 1e6)) + " MB, more than " +
                        std::to_string(int(kMaxPadding)) + " times the data: split or truncate the longest series");
}

bool ragged(const RawSeriesFile& f, std::size_t length)
{
    for (const auto& s : f.series)
        for (const auto& ch : s)
            if (ch.size() != length) return true;
    return false;
}

// declared_in: the train file whose header declared the classes, or "" when the
// table was taken from the training labels.
SeriesSet to_set(const RawSeriesFile& f, std::size_t length, const LabelIndex& index, const std::string& declared_in)
{
    SeriesSet set;
    set.n = f.series.size();
    set.channels = f.channels;
    set.length = length;
    set.values.assign(set.n * set.channels * length, std::numeric_limits<float>::quiet_NaN());
    set.labels.resize(set.n);
    for (std::size_t i = 0; i < set.n; ++i) {
        const int cls = index.find(f.labels[i]);
        if (cls < 0) {
            const std::string why = declared_in.empty() ? " does not occur in the training set"
                                                        : " is not among the classes declared in " + declared_in;
            throw DataError(f.path, f.lines[i], "class label " + parse::quote(f.labels[i]) + why);
        }
        set.labels[i] = cls;
        for (std::size_t c = 0; c < set.channels; ++c)
            std::copy(f.series[i][c].begin(), f.series[i][c].end(),
                      set.values.begin() + (i * set.channels + c) * length);
    }
    return set;
}

}  // namespace

ClassificationData assemble_classification(const RawSeriesFile& train, const RawSeriesFile& test,
                                           const std::string& name)
{
    if (train.series.empty()) throw DataError(train.path, 0, "no series");
    if (test.series.empty()) throw DataError(test.path, 0, "no series");
    if (test.channels != train.channels) {
        throw DataError(test.path, test.lines.front(),
                        "test series have " + std::to_string(test.channels) + " channel(s) but training series have " +
                            std::to_string(train.channels) + " (" + train.path + ")");
    }
    if (train.series.size() < 2)
        throw DataError(train.path, train.lines.front(), "only one training series; training needs at least two");
    require_observed(train);
    require_observed(test);

    ClassificationData data;
    data.name = name;
    data.class_names = class_table(train);
    const LabelIndex index(data.class_names);
    const std::size_t length = std::max(longest(train), longest(test));
    check_padding(train, test, length);
    const std::string declared_in = train.declared_classes.empty() ? std::string() : train.path;
    data.train = to_set(train, length, index, declared_in);
    {
        const std::set<int> present(data.train.labels.begin(), data.train.labels.end());
        if (present.size() < 2)
            throw DataError(train.path, 0,
                            "every training series has class " + parse::quote(data.class_names[data.train.labels[0]]) +
                                "; classification needs at least two classes");
    }
    data.test = to_set(test, length, index, declared_in);
    data.has_missing = train.has_missing || test.has_missing;
    data.unequal_length = ragged(train, length) || ragged(test, length);
    return data;
}

}  // namespace btsf
