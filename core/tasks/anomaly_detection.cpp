#include "tasks/anomaly_detection.h"

#include "train/data_parallel.h"
#include "train/device.h"
#include "train/trainer.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace btsf {

std::string ThresholdRule::text() const
{
    if (kind == "best-f1") return kind;
    std::ostringstream out;
    out << kind << ':' << value;
    return out.str();
}

namespace {
// The whole text as a finite number, whatever the locale ("2.5", not "2,5"; no
// "nan", "inf" or trailing text, which std::stod would let through).
bool parse_finite_number(const std::string& text, double& out)
{
    const char* begin = text.data() + (!text.empty() && text.front() == '+');
    const char* end = text.data() + text.size();
    const auto res = std::from_chars(begin, end, out);
    return begin != end && res.ec == std::errc() && res.ptr == end && std::isfinite(out);
}
}  // namespace

ThresholdRule parse_threshold(const std::string& text)
{
    ThresholdRule rule;
    if (text == "best-f1") {
        rule.kind = text;
        return rule;
    }
    const auto colon = text.find(':');
    const std::string kind = text.substr(0, colon);
    if (colon != std::string::npos && (kind == "sigma" || kind == "quantile") &&
        parse_finite_number(text.substr(colon + 1), rule.value) &&
        (kind == "sigma" ? rule.value >= 0 : rule.value > 0 && rule.value < 1)) {
        rule.kind = kind;
        return rule;
    }
    throw std::invalid_argument("threshold '" + text + "': use sigma:K (K >= 0), quantile:Q (0<Q<1) or best-f1");
}

std::vector<std::size_t> window_starts(std::size_t length, int window, int stride)
{
    if (window < 2 || std::size_t(window) > length)
        throw std::invalid_argument("window of " + std::to_string(window) + " steps does not fit a series of " +
                                    std::to_string(length));
    const std::size_t step = std::size_t(std::max(stride, 1));
    std::vector<std::size_t> starts;
    for (std::size_t s = 0; s + std::size_t(window) <= length; s += step) starts.push_back(s);
    if (starts.back() + std::size_t(window) < length) starts.push_back(length - std::size_t(window));
    return starts;
}

SeriesSet sliding_windows(const std::vector<float>& values, std::size_t channels,
                          const std::vector<std::size_t>& starts, int window)
{
    SeriesSet set;
    set.n = starts.size();
    set.channels = channels;
    set.length = std::size_t(window);
    set.values.resize(set.n * channels * set.length);
    set.labels.assign(set.n, 0);
    for (std::size_t i = 0; i < starts.size(); ++i)
        for (std::size_t c = 0; c < channels; ++c)
            for (std::size_t k = 0; k < set.length; ++k) set.at(i, c, k) = values[(starts[i] + k) * channels + c];
    return set;
}

std::vector<float> point_scores(const Matrix& recon, const SeriesSet& windows, const std::vector<std::size_t>& starts,
                                std::size_t length)
{
    if (recon.rows != windows.n || recon.cols != windows.channels * windows.length)
        throw std::invalid_argument("point_scores: reconstructions do not match the windows");
    std::vector<double> sum(length, 0.0);
    std::vector<int> count(length, 0);
    for (std::size_t i = 0; i < windows.n; ++i)
        for (std::size_t k = 0; k < windows.length; ++k) {
            double err = 0;
            for (std::size_t c = 0; c < windows.channels; ++c) {
                const double e = double(recon.at(i, c * windows.length + k)) - windows.at(i, c, k);
                err += e * e;
            }
            sum[starts[i] + k] += err / double(windows.channels);
            ++count[starts[i] + k];
        }
    std::vector<float> scores(length);
    for (std::size_t t = 0; t < length; ++t) scores[t] = count[t] ? float(sum[t] / count[t]) : 0.0f;
    return scores;
}

namespace {
// z-scores each channel with training statistics (NaN ignored), then NaN -> 0.
void normalise(AnomalySeries& s)
{
    const std::size_t c = s.channels_count();
    for (std::size_t j = 0; j < c; ++j) {
        double sum = 0, sq = 0;
        std::size_t n = 0;
        for (std::size_t t = 0; t < s.train_length; ++t) {
            const float v = s.train[t * c + j];
            if (std::isnan(v)) continue;
            sum += v;
            sq += double(v) * v;
            ++n;
        }
        const double mean = n ? sum / double(n) : 0.0;
        const double var = n ? sq / double(n) - mean * mean : 0.0;
        const double sd = var > 1e-12 ? std::sqrt(var) : 1.0;
        for (auto* values : {&s.train, &s.test})
            for (std::size_t t = 0; t < values->size() / c; ++t) {
                float& v = (*values)[t * c + j];
                v = std::isnan(v) ? 0.0f : float((v - mean) / sd);
            }
    }
}

Matrix flat(const SeriesSet& windows)
{
    return Matrix{windows.n, windows.channels * windows.length, windows.values};
}

// The decoder learns from the windows inside the first 80% of the training
// series; the threshold statistics come from the scores of the last 20%,
// which it has not seen. Scores on windows it was fitted to are far lower
// than on new normal data, and mean + k std of those would flag most of the
// test series.
constexpr double kDecoderFitShare = 0.8;

Matrix rows(const Matrix& m, const std::vector<std::size_t>& keep)
{
    Matrix out{keep.size(), m.cols, {}};
    out.data.reserve(keep.size() * m.cols);
    for (std::size_t i : keep) out.data.insert(out.data.end(), m.row(i), m.row(i) + m.cols);
    return out;
}

// One representation through the decoder, the threshold and both metric views.
AnomalyResult score(const std::string& name, const Matrix& train_features, const Matrix& test_features,
                    const SeriesSet& train_windows, const SeriesSet& test_windows,
                    const std::vector<std::size_t>& train_starts, const std::vector<std::size_t>& test_starts,
                    const AnomalySeries& s, const AnomalyOptions& o, const std::string& device)
{
    const std::size_t fit_end = std::size_t(kDecoderFitShare * double(s.train_length));
    std::vector<std::size_t> fit;
    for (std::size_t i = 0; i < train_starts.size(); ++i)
        if (train_starts[i] + train_windows.length <= fit_end) fit.push_back(i);
    if (fit.size() < 2)  // a very short series: fit on everything
        for (std::size_t i = fit.size(); i < train_starts.size(); ++i) fit.push_back(i);
    DecoderOptions decoder = o.decoder;
    decoder.device = device;
    decoder.seed = o.config.seed;
    WindowDecoder net(decoder);
    net.fit(rows(train_features, fit), rows(flat(train_windows), fit));
    AnomalyResult r;
    r.name = name;
    r.train_scores = point_scores(net.predict(train_features), train_windows, train_starts, s.train_length);
    r.test_scores = point_scores(net.predict(test_features), test_windows, test_starts, s.test_length);
    r.oracle_plain = best_f1_threshold(s.labels, r.test_scores, false);
    r.oracle_adjusted = best_f1_threshold(s.labels, r.test_scores, true);
    const std::vector<float> held_out(r.train_scores.begin() + long(std::min(fit_end, s.train_length - 1)),
                                      r.train_scores.end());
    if (o.threshold.kind == "sigma")
        r.threshold = sigma_threshold(held_out, o.threshold.value);
    else if (o.threshold.kind == "quantile")
        r.threshold = quantile_threshold(held_out, o.threshold.value);
    else
        r.threshold = r.oracle_plain.threshold;
    r.flags = threshold_flags(r.test_scores, r.threshold);
    r.at_threshold.plain = detection_scores(s.labels, r.flags);
    r.at_threshold.adjusted = detection_scores(s.labels, point_adjust(s.labels, r.flags));
    if (!s.events.empty()) r.at_threshold.event_recall = event_recall(s.events, r.flags);
    return r;
}
}  // namespace

AnomalyRun run_anomaly_detection(const AnomalySeries& input, const AnomalyOptions& o, const TrainCallbacks& callbacks,
                                 const CancelToken* cancel)
{
    AnomalySeries s = input;
    if (s.labels.size() != s.test_length)
        throw std::invalid_argument(s.name + ": the test series and its labels differ in length");
    normalise(s);
    const std::size_t channels = s.channels_count();
    const int stride = o.test_stride();
    // Denser training windows: more examples for BTSF and the decoder.
    const auto train_starts = window_starts(s.train_length, o.window, std::max(1, stride / 5));
    const auto test_starts = window_starts(s.test_length, o.window, stride);
    const SeriesSet train_windows = sliding_windows(s.train, channels, train_starts, o.window);
    const SeriesSet test_windows = sliding_windows(s.test, channels, test_starts, o.window);
    const std::string device = choose_device(o.device).name;

    AnomalyRun run;
    run.trainer = std::make_unique<Trainer>(o.config, int(channels), device);
    run.fit = run.trainer->fit(train_windows, callbacks, cancel);
    if (run.fit.cancelled || data_parallel_rank() != 0) return run;  // a worker rank only trains
    const auto start = std::chrono::steady_clock::now();
    run.btsf = score("btsf", run.trainer->encode(train_windows), run.trainer->encode(test_windows), train_windows,
                     test_windows, train_starts, test_starts, s, o, device);
    if (o.baselines) {
        const Trainer untrained(o.config, int(channels), device);  // the trained model's initial weights
        run.untrained = score("untrained", untrained.encode(train_windows), untrained.encode(test_windows),
                              train_windows, test_windows, train_starts, test_starts, s, o, device);
        run.raw = score("raw", flat(train_windows), flat(test_windows), train_windows, test_windows, train_starts,
                        test_starts, s, o, device);
    }
    run.score_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

}  // namespace btsf
