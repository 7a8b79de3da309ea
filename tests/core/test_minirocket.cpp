// MiniRocket against values worked out by hand on tiny series, its
// determinism, its blindness to labels, and its ridge classifier.
#include "data/normalize.h"
#include "demo_datasets.h"
#include "probes/minirocket.h"
#include "probes/ridge_classifier.h"

#include <QtTest>

#include <algorithm>
#include <random>
#include <set>

using namespace btsf;

namespace {
// One series 1, 2, ..., 10 (N = 1, C = 1, T = 10).
SeriesSet ramp()
{
    SeriesSet s;
    s.n = 1;
    s.channels = 1;
    s.length = 10;
    for (int t = 1; t <= 10; ++t) s.values.push_back(float(t));
    s.labels = {0};
    return s;
}

SeriesSet noise(std::size_t n, std::size_t channels, std::size_t length, unsigned seed)
{
    SeriesSet s;
    s.n = n;
    s.channels = channels;
    s.length = length;
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    for (std::size_t i = 0; i < n * channels * length; ++i) s.values.push_back(normal(rng));
    for (std::size_t i = 0; i < n; ++i) s.labels.push_back(int(i % 3));
    return s;
}
}  // namespace

class TestMiniRocket : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kernelsAreTheChoicesOfThreeOfNine()
    {
        const auto& k = minirocket_kernels();
        QCOMPARE(k.size(), std::size_t(84));
        QCOMPARE(k.front(), (std::array<int, 3>{0, 1, 2}));
        QCOMPARE(k[1], (std::array<int, 3>{0, 1, 3}));
        QCOMPARE(k.back(), (std::array<int, 3>{6, 7, 8}));
        std::set<std::array<int, 3>> distinct(k.begin(), k.end());
        QCOMPARE(distinct.size(), std::size_t(84));
    }

    void dilationsFollowTheLengthByHand()
    {
        // T = 9: the largest exponent is log2(8/8) = 0, so 32 x dilation 1,
        // and all 119 features per kernel (10000 / 84, rounded down) go to it.
        auto plan = minirocket_dilations(9, 10000, 32);
        QCOMPARE(plan.dilations, (std::vector<int>{1}));
        QCOMPARE(plan.features_per_dilation, (std::vector<int>{119}));
        // T = 17: exponents i/31 for i = 0..31 give floor(2^e) = 1 thirty-one
        // times and 2 once; times 119/32 and floored that is 115 and 3, and the
        // one feature left over goes to the first dilation.
        plan = minirocket_dilations(17, 10000, 32);
        QCOMPARE(plan.dilations, (std::vector<int>{1, 2}));
        QCOMPARE(plan.features_per_dilation, (std::vector<int>{116, 3}));
        // Shorter than a kernel: dilation 1 only, never 0.
        QCOMPARE(minirocket_dilations(5, 10000, 32).dilations, (std::vector<int>{1}));
    }

    void quantilesAreTheGoldenRatioSequence()
    {
        const auto q = minirocket_quantiles(3);
        QVERIFY(std::abs(q[0] - 0.6180340f) < 1e-6f);  // 1.618034 mod 1
        QVERIFY(std::abs(q[1] - 0.2360680f) < 1e-6f);  // 3.236068 mod 1
        QVERIFY(std::abs(q[2] - 0.8541020f) < 1e-6f);  // 4.854102 mod 1
    }

    void convolutionByHand()
    {
        // Kernel 0 has weights (2,2,2,-1,-1,-1,-1,-1,-1) over x[t-4..t+4].
        // t = 0: only x[0..4] are inside, all weight -1: -(1+2+3+4+5) = -15.
        // t = 3: 2*(1+2) - (3+...+8) = -27. t = 9: 2*(6+7+8) - (9+10) = 23.
        const auto x = ramp().values;
        std::vector<float> out(10);
        minirocket_convolve(x.data(), 10, 0, 1, out.data());
        QCOMPARE(out, (std::vector<float>{-15, -21, -25, -27, -27, -27, -16, -4, 9, 23}));
        // Dilation 2, t = 0: taps at 0, 2, 4, 6, 8 with weights -1: -(1+3+5+7+9).
        minirocket_convolve(x.data(), 10, 0, 2, out.data());
        QCOMPARE(out[0], -25.0f);
    }

    void biasesAreQuantilesOfTheTrainingOutput()
    {
        // 84 features: one per kernel, dilation 1, quantile i*phi mod 1 of the
        // sorted output of the one training series. Kernel 0: sorted output
        // (-27,-27,-27,-25,-21,-16,-15,-4,9,23), q = 0.618034, position
        // 9q = 5.5623 between -16 and -15: -15.4377.
        MiniRocketOptions o;
        o.num_features = 84;
        const auto model = fit_minirocket(ramp(), o);
        QCOMPARE(model.dilations, (std::vector<int>{1}));
        QCOMPARE(model.feature_count(), std::size_t(84));
        QVERIFY(std::abs(model.biases[0] - (-15.437694f)) < 1e-4f);
        // Kernel 83 (weights 2 on taps 6..8): outputs (21,24,26,27,27,27,5,-19,-45,-40),
        // q = 84 phi mod 1 = 0.914855, position 8.23 lies between the two 27s at the top.
        QVERIFY(std::abs(model.biases[83] - 27.0f) < 1e-4f);
        // PPV of kernel 0 on the same series, whole output: values above
        // -15.4377 are -15, -4, 9, 23, so 4 / 10.
        const auto f = minirocket_transform(model, ramp(), 1);
        QCOMPARE(f.cols, std::size_t(84));
        QVERIFY(std::abs(f.at(0, 0) - 0.4f) < 1e-6f);
        // Kernel 1 counts only where the kernel fits (t = 4 .. 5 for T = 10).
        std::vector<float> out(10);
        minirocket_convolve(ramp().values.data(), 10, 1, 1, out.data());
        const float expected = float((out[4] > model.biases[1]) + (out[5] > model.biases[1])) / 2.0f;
        QCOMPARE(f.at(0, 1), expected);
    }

    void aboutTenThousandFeaturesInZeroToOne()
    {
        const auto train = noise(12, 1, 120, 1);
        const auto model = fit_minirocket(train);
        QCOMPARE(model.feature_count(), std::size_t(9996));
        const auto f = minirocket_transform(model, train);
        QCOMPARE(f.rows, std::size_t(12));
        QVERIFY(std::all_of(f.data.begin(), f.data.end(), [](float v) { return v >= 0.0f && v <= 1.0f; }));
    }

    void deterministicForASeedAndBlindToLabels()
    {
        auto train = noise(10, 3, 60, 2);
        const auto a = minirocket_transform(fit_minirocket(train), train, 2);
        const auto b = minirocket_transform(fit_minirocket(train), train, 1);  // threads do not matter
        QCOMPARE(a.data, b.data);
        std::reverse(train.labels.begin(), train.labels.end());  // permute the labels
        train.labels[0] = 7;
        QCOMPARE(minirocket_transform(fit_minirocket(train), train).data, a.data);
        MiniRocketOptions other;
        other.seed = 9;
        QVERIFY(minirocket_transform(fit_minirocket(train, other), train).data != a.data);
    }

    void multivariateUsesChannelSubsets()
    {
        const auto train = noise(6, 4, 50, 3);
        const auto model = fit_minirocket(train);
        QCOMPARE(model.combination_channels.size(), model.dilations.size() * 84);
        std::set<std::size_t> sizes;
        for (const auto& c : model.combination_channels) {
            QVERIFY(!c.empty() && c.size() <= 4);
            QVERIFY(std::is_sorted(c.begin(), c.end()));
            sizes.insert(c.size());
        }
        QVERIFY(sizes.size() > 1);  // subsets of several sizes, not all channels always
    }

    void wrongShapeIsRefused()
    {
        const auto model = fit_minirocket(noise(4, 1, 30, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, minirocket_transform(model, noise(4, 1, 31, 4)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fit_minirocket(SeriesSet{}));
    }

    void ridgeClassifierPicksAlphaByLeaveOneOut()
    {
        // Two Gaussian blobs in 20 dimensions: separable, so the classifier is
        // right on the test split, and the LOO error curve has one value per alpha.
        std::mt19937 rng(5);
        std::normal_distribution<float> normal;
        auto blobs = [&](std::size_t n, std::vector<int>& y) {
            Matrix m{n, 20, {}};
            for (std::size_t i = 0; i < n; ++i) {
                y.push_back(int(i % 2));
                for (int j = 0; j < 20; ++j) m.data.push_back(normal(rng) + (i % 2 ? 3.0f : 0.0f));
            }
            return m;
        };
        std::vector<int> ytr, yte;
        const auto xtr = blobs(40, ytr), xte = blobs(30, yte);
        const auto r = ridge_classifier_cv(xtr, ytr, xte, yte, 2);
        QCOMPARE(r.loo_error.size(), std::size_t(10));
        QCOMPARE(r.accuracy, 1.0);
        const auto best = std::min_element(r.loo_error.begin(), r.loo_error.end()) - r.loo_error.begin();
        QCOMPARE(r.alpha, ridge_classifier_alphas()[std::size_t(best)]);
        // The LOO error of one alpha against refitting without each row in
        // turn (no scaler, so each refit sees the same features).
        const std::vector<double> alpha = {3.0};
        const auto full = ridge_classifier_cv(xtr, ytr, xte, yte, 2, alpha, false);
        double sum = 0;
        for (std::size_t out = 0; out < xtr.rows; ++out) {
            Matrix rest{xtr.rows - 1, 20, {}}, one{1, 20, {}};
            std::vector<int> yrest;
            for (std::size_t i = 0; i < xtr.rows; ++i) {
                auto& dst = i == out ? one.data : rest.data;
                dst.insert(dst.end(), xtr.row(i), xtr.row(i) + 20);
                if (i != out) yrest.push_back(ytr[i]);
            }
            const auto refit = ridge_classifier_cv(rest, yrest, one, {ytr[out]}, 2, alpha, false);
            const double target = ytr[out] == 1 ? 1.0 : -1.0;
            sum += (target - refit.scores[0]) * (target - refit.scores[0]);
        }
        QVERIFY2(std::abs(full.loo_error[0] - sum / double(xtr.rows)) < 1e-9,
                 qPrintable(QString("%1 vs %2").arg(full.loo_error[0]).arg(sum / double(xtr.rows))));
    }

    void minirocketWithRidgeSolvesCbf()
    {
        auto data = demo::make_demo("CBF", 0);
        normalize_classification(data);
        const auto model = fit_minirocket(data.train);
        const auto r = ridge_classifier_cv(minirocket_transform(model, data.train), data.train.labels,
                                           minirocket_transform(model, data.test), data.test.labels, 3);
        QVERIFY2(r.accuracy > 0.9, qPrintable(QString::number(r.accuracy)));
    }
};

QTEST_APPLESS_MAIN(TestMiniRocket)
#include "test_minirocket.moc"
