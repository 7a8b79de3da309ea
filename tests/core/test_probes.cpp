// The classification probes of spec §8 on synthetic problems whose answer is known:
// separable blobs, a noisy three-class problem, XOR (which only a non-linear kernel
// solves), plus the protocol details that silently change results when wrong: gamma
// = "scale", sklearn's fold assignment, libsvm's class order, determinism, NaN input.
#include <QtTest>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "numerics/cross_validation.h"
#include "numerics/rbf_svm.h"
#include "probes/classification_probe.h"
#include "probes/linear_probe.h"
#include "probes/svm_probe.h"

using btsf::Matrix;
using btsf::ProbeKind;

namespace {

struct Split {
    Matrix train_x, test_x;
    std::vector<int> train_y, test_y;
};

// n points per set; class c (drawn uniformly, or in turn when `cycle`) is centred at
// centres[c] with isotropic noise of the given standard deviation.
Split gaussian_classes(const std::vector<std::vector<float>>& centres, float noise, std::size_t n_train,
                       std::size_t n_test, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    const std::size_t d = centres.front().size();
    auto draw = [&](std::size_t n, Matrix& x, std::vector<int>& y) {
        x = Matrix{n, d, std::vector<float>(n * d)};
        y.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            y[i] = static_cast<int>(i % centres.size());
            for (std::size_t f = 0; f < d; ++f)
                x.at(i, f) = centres[static_cast<std::size_t>(y[i])][f] + noise * gauss(rng);
        }
    };
    Split s;
    draw(n_train, s.train_x, s.train_y);
    draw(n_test, s.test_x, s.test_y);
    return s;
}

// XOR: four clusters at (+-2, +-2); the label is 1 where the signs differ. No line
// separates it better than about half the points.
Split xor_problem(std::size_t n_train, std::size_t n_test, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> gauss(0.0f, 0.5f);
    auto draw = [&](std::size_t n, Matrix& x, std::vector<int>& y) {
        x = Matrix{n, 2, std::vector<float>(n * 2)};
        y.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const float sx = (i & 1) ? 2.0f : -2.0f, sy = (i & 2) ? 2.0f : -2.0f;
            x.at(i, 0) = sx + gauss(rng);
            x.at(i, 1) = sy + gauss(rng);
            y[i] = (sx > 0) != (sy > 0) ? 1 : 0;
        }
    };
    Split s;
    draw(n_train, s.train_x, s.train_y);
    draw(n_test, s.test_x, s.test_y);
    return s;
}

btsf::ProbeResult probe(ProbeKind kind, const Split& s, int n_classes, unsigned seed = 0, unsigned threads = 0)
{
    return btsf::run_probe(kind, s.train_x, s.train_y, s.test_x, s.test_y, n_classes, seed, threads);
}

}  // namespace

class TestProbes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bothProbesSeparateDistantBlobs()
    {
        const Split s = gaussian_classes({{5, 5, 0, 0, 0}, {-5, -5, 0, 0, 0}}, 1.0f, 100, 100, 1);
        for (ProbeKind kind : {ProbeKind::Linear, ProbeKind::Svm}) {
            const btsf::ProbeResult r = probe(kind, s, 2);
            QCOMPARE(r.accuracy, 1.0);
            QCOMPARE(r.auprc, 1.0);
            QCOMPARE(r.predictions.size(), s.test_y.size());
            QCOMPARE(r.scores.size(), s.test_y.size() * 2);
            QVERIFY(r.c > 0.0);
            QVERIFY(r.seconds >= 0.0);
        }
    }

    void bothProbesBeatChanceOnANoisyThreeClassProblem()
    {
        // Centres 2 apart in 4-D with unit noise: overlapping, but far from random.
        const Split s = gaussian_classes({{1, 0, 0, 0}, {-1, 0, 0, 0}, {0, 1.7f, 0, 0}}, 1.0f, 300, 300, 2);
        for (ProbeKind kind : {ProbeKind::Linear, ProbeKind::Svm}) {
            const btsf::ProbeResult r = probe(kind, s, 3);
            QVERIFY2(r.accuracy > 0.5, qPrintable(QString("%1 accuracy %2").arg(r.probe.c_str()).arg(r.accuracy)));
            QVERIFY2(r.auprc > 0.5, qPrintable(QString("%1 auprc %2").arg(r.probe.c_str()).arg(r.auprc)));
            QVERIFY(r.cv_accuracy > 0.45);  // C was chosen by cross-validation
        }
    }

    void onlyTheRbfKernelSolvesXor()
    {
        const Split s = xor_problem(200, 200, 3);
        const btsf::ProbeResult svm = probe(ProbeKind::Svm, s, 2);
        const btsf::ProbeResult linear = probe(ProbeKind::Linear, s, 2);
        QVERIFY2(svm.accuracy > 0.95, qPrintable(QString("svm %1").arg(svm.accuracy)));
        QVERIFY2(linear.accuracy < 0.75, qPrintable(QString("linear %1").arg(linear.accuracy)));
    }

    void resultsAreDeterministic()
    {
        const Split s = gaussian_classes({{1, 0, 0}, {-1, 0, 0}, {0, 1.5f, 0}}, 1.0f, 150, 60, 4);
        for (ProbeKind kind : {ProbeKind::Linear, ProbeKind::Svm}) {
            const btsf::ProbeResult a = probe(kind, s, 3, 11, 1);
            const btsf::ProbeResult b = probe(kind, s, 3, 11, 1);
            const btsf::ProbeResult c = probe(kind, s, 3, 11, 2);  // threads do not matter
            QCOMPARE(a.predictions, b.predictions);
            QCOMPARE(a.scores, b.scores);
            QCOMPARE(a.c, b.c);
            QCOMPARE(a.predictions, c.predictions);
            QCOMPARE(a.scores, c.scores);
        }
    }

    void gammaScaleIsOneOverFeaturesTimesVariance()
    {
        // Values 1 2 3 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25;
        // gamma = 1 / (2 features * 1.25) = 0.4.
        const Matrix x{2, 2, {1, 2, 3, 4}};
        QVERIFY(qFuzzyCompare(btsf::gamma_scale(x), 0.4));
        QCOMPARE(btsf::gamma_scale(Matrix{2, 2, {3, 3, 3, 3}}), 1.0);  // zero variance
        // Rows 0 and 2 of [[0 0] [5 5] [2 2]]: values 0 0 2 2, variance 1, gamma 1/2.
        QVERIFY(qFuzzyCompare(btsf::gamma_scale(Matrix{3, 2, {0, 0, 5, 5, 2, 2}}, {0, 2}), 0.5));

        // Without grid search (fewer than 50 rows) the probe fits all rows with that gamma.
        const Split s = gaussian_classes({{3, 0}, {-3, 0}}, 1.0f, 40, 10, 5);
        const btsf::SvmProbeResult r = btsf::fit_svm_probe(s.train_x, s.train_y, s.test_x, 2);
        QVERIFY(!r.grid_searched);
        QCOMPARE(r.c, btsf::kSvmHardMarginC);
        QVERIFY(qFuzzyCompare(r.gamma, btsf::gamma_scale(s.train_x)));
    }

    void svmScoreFollowsClassOneWhateverComesFirst()
    {
        // libsvm orders classes by first appearance; here class 1 comes first. The
        // class-1 column must still grow towards class 1, so AUPRC is 1 on separable data.
        for (std::size_t n_train : {30u, 120u}) {  // C = inf directly, and with grid search
            Split s = gaussian_classes({{-4, 0}, {4, 0}}, 1.0f, n_train, 40, 6);
            std::swap(s.train_y[0], s.train_y[1]);
            std::swap(s.train_x.data[0], s.train_x.data[2]);
            std::swap(s.train_x.data[1], s.train_x.data[3]);
            QCOMPARE(s.train_y[0], 1);
            const btsf::ProbeResult r = probe(ProbeKind::Svm, s, 2);
            QCOMPARE(r.accuracy, 1.0);
            QCOMPARE(r.auprc, 1.0);
            for (std::size_t i = 0; i < s.test_y.size(); ++i) {
                const bool towards_one = r.scores[i * 2 + 1] > 0.0;
                QCOMPARE(towards_one, s.test_y[i] == 1);
                QCOMPARE(r.scores[i * 2], -r.scores[i * 2 + 1]);
            }
        }
    }

    void svmMulticlassScoresAreOvrVotes()
    {
        // sklearn's ovr shape: votes + a confidence squashed into (-1/3, 1/3), so the
        // integer part of the winner's score is its vote count, K - 1 on clear data.
        const Split s = gaussian_classes({{6, 0}, {-6, 0}, {0, 6}, {0, -6}}, 0.5f, 80, 20, 7);
        const btsf::ProbeResult r = probe(ProbeKind::Svm, s, 4);
        QCOMPARE(r.accuracy, 1.0);
        for (std::size_t i = 0; i < s.test_y.size(); ++i) {
            const double winner = r.scores[i * 4 + static_cast<std::size_t>(s.test_y[i])];
            QVERIFY(winner > 3.0 - 1.0 / 3.0 && winner < 3.0 + 1.0 / 3.0);
        }
    }

    void precomputedAndLibsvmKernelsAgree()
    {
        // The pair kernels are normally precomputed; a zero memory budget makes libsvm
        // evaluate its own kernel. Both must give the same model.
        const Split s = gaussian_classes({{1, 0, 0}, {-1, 0, 0}, {0, 1.5f, 0}}, 1.0f, 90, 60, 8);
        std::vector<std::size_t> rows(s.train_y.size());
        for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
        btsf::RbfSvmParams params;
        params.c = 10.0;
        params.gamma = btsf::gamma_scale(s.train_x);
        btsf::RbfSvm precomputed, native;
        precomputed.fit(s.train_x, rows, s.train_y, params);
        params.kernel_memory_mb = 0.0;
        native.fit(s.train_x, rows, s.train_y, params);
        std::vector<double> a, b;
        QCOMPARE(precomputed.predict(s.test_x, &a, 3), native.predict(s.test_x, &b, 3));
        QCOMPARE(precomputed.support_vector_count(), native.support_vector_count());
        for (std::size_t i = 0; i < a.size(); ++i) QVERIFY(std::abs(a[i] - b[i]) < 1e-3);
    }

    void nonFiniteInputDoesNotCrash()
    {
        Split s = gaussian_classes({{4, 0, 0}, {-4, 0, 0}}, 1.0f, 60, 20, 9);
        s.train_x.at(0, 1) = NAN;
        s.train_x.at(5, 2) = INFINITY;
        s.test_x.at(3, 0) = -INFINITY;
        s.test_x.at(4, 1) = NAN;
        for (ProbeKind kind : {ProbeKind::Linear, ProbeKind::Svm}) {
            const btsf::ProbeResult r = probe(kind, s, 2);
            QVERIFY(std::isfinite(r.accuracy));
            QVERIFY(std::isfinite(r.auprc));
            QVERIFY(r.accuracy >= 0.9);  // one test value zeroed costs at most that row
        }
    }

    void linearProbeSkipsCrossValidationForTinyClasses()
    {
        // Class 2 has a single training sample: no stratified split exists, C = 1.
        Split s = gaussian_classes({{4, 0}, {-4, 0}}, 1.0f, 40, 10, 10);
        s.train_y[0] = 2;
        s.test_y[0] = 2;
        const btsf::LinearProbeResult r = btsf::fit_linear_probe(s.train_x, s.train_y, s.test_x, 3);
        QCOMPARE(r.folds, 0);
        QCOMPARE(r.c, 1.0);
        QVERIFY(std::isnan(r.cv_accuracy));
        // With two samples per class the folds are min(5, 2) = 2.
        s.train_y[2] = 2;
        QCOMPARE(btsf::fit_linear_probe(s.train_x, s.train_y, s.test_x, 3).folds, 2);
    }

    void classMissingFromTrainingNeverWins()
    {
        const Split s = gaussian_classes({{4, 0}, {-4, 0}}, 1.0f, 60, 20, 11);
        for (ProbeKind kind : {ProbeKind::Linear, ProbeKind::Svm}) {
            const btsf::ProbeResult r = probe(kind, s, 3);  // class 2 has no samples anywhere
            for (std::size_t i = 0; i < s.test_y.size(); ++i) {
                QVERIFY(r.predictions[i] != 2);
                QVERIFY(r.scores[i * 3 + 2] < r.scores[i * 3 + static_cast<std::size_t>(r.predictions[i])]);
            }
        }
    }

    void svmSubsamplesLargeTrainingSets()
    {
        const Split s = gaussian_classes({{3, 0}, {-3, 0}}, 1.0f, 300, 20, 12);
        btsf::SvmProbeOptions options;
        options.max_samples = 100;
        options.seed = 3;
        const btsf::SvmProbeResult r = btsf::fit_svm_probe(s.train_x, s.train_y, s.test_x, 2, options);
        QVERIFY(r.grid_searched);
        QCOMPARE(r.fit_rows, std::size_t{100});
        QCOMPARE(r.cv_accuracy_per_c.size(), options.c_grid.size());
    }

    void badInputIsRejected()
    {
        const Split s = gaussian_classes({{1, 0}, {-1, 0}}, 1.0f, 20, 10, 13);
        Matrix wrong_width = s.test_x;
        wrong_width.cols = 1;
        wrong_width.rows *= 2;
        std::vector<int> one_class(s.train_y.size(), 0);
        std::vector<int> out_of_range = s.test_y;
        out_of_range[0] = 5;
        for (ProbeKind kind : {ProbeKind::Linear, ProbeKind::Svm}) {
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::run_probe(kind, s.train_x, s.train_y, wrong_width,
                                                                            std::vector<int>(20, 0), 2, 0));
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                     btsf::run_probe(kind, s.train_x, one_class, s.test_x, s.test_y, 2, 0));
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                     btsf::run_probe(kind, s.train_x, s.train_y, s.test_x, out_of_range, 2, 0));
        }
    }

    void stratifiedFoldsMatchSklearn()
    {
        // sklearn StratifiedKFold(n_splits=3, shuffle=False), y = [0 0 0 0 1 1 1 1 1 1]:
        // the sorted codes [0 0 0 0 1 1 1 1 1 1] are dealt round robin, fold f taking
        // positions f, f+3, ...: fold 0 gets positions 0 3 6 9 = (2 of class 0, 2 of 1),
        // fold 1 gets 1 4 7 = (1, 2), fold 2 gets 2 5 8 = (1, 2). Within a class the
        // samples take the folds in order: class 0 -> [0 0 1 2], class 1 -> [0 0 1 1 2 2].
        QCOMPARE(btsf::stratified_fold_ids({0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, 3),
                 (std::vector<int>{0, 0, 1, 2, 0, 0, 1, 1, 2, 2}));
        // Classes are coded by first appearance, not by value: y = [1 0 0 0], 2 folds.
        // Codes: 1 -> 0, 0 -> 1, sorted [0 1 1 1]; fold 0 gets positions 0 2 = (1, 1),
        // fold 1 gets 1 3 = (0, 2). Label 1 -> [0]; label 0 -> [0 1 1].
        // (Coding by value would give [1 0 0 1].)
        QCOMPARE(btsf::stratified_fold_ids({1, 0, 0, 0}, 2), (std::vector<int>{0, 0, 1, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::stratified_fold_ids({0, 1, 1}, 3));
    }

    void stratifiedSubsampleKeepsProportions()
    {
        // 60 of class 0, 30 of class 1, 10 of class 2; keep 50 -> 30 / 15 / 5.
        std::vector<int> y;
        for (int c = 0; c < 3; ++c) y.insert(y.end(), c == 0 ? 60 : c == 1 ? 30 : 10, c);
        const std::vector<std::size_t> kept = btsf::stratified_subsample(y, 50, 7);
        QCOMPARE(kept.size(), std::size_t{50});
        int count[3] = {0, 0, 0};
        for (std::size_t i : kept) ++count[y[i]];
        QCOMPARE(count[0], 30);
        QCOMPARE(count[1], 15);
        QCOMPARE(count[2], 5);
        QCOMPARE(btsf::stratified_subsample(y, 50, 7), kept);  // same seed, same draw
        QVERIFY(btsf::stratified_subsample(y, 50, 8) != kept);
        QCOMPARE(btsf::stratified_subsample(y, 500, 7).size(), y.size());
    }
};

QTEST_APPLESS_MAIN(TestProbes)
#include "test_probes.moc"
