// Analysis tools of spec §9: t-SNE, alignment / uniformity (Wang & Isola 2020), feature
// angles, histograms and neighbour agreement, against values worked by hand in the comments.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "numerics/representation_geometry.h"
#include "numerics/tsne.h"
#include "probes/metrics.h"

using btsf::Matrix;

namespace {

// Three Gaussian blobs of `per_class` points in `dims` dimensions, centred at 10 e_k with unit
// noise: within-blob squared distances are about 2 * dims, across blobs 2 * dims + 200.
Matrix blobs(std::size_t per_class, std::size_t dims, std::vector<int>& labels)
{
    std::mt19937 gen(42);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    Matrix x{3 * per_class, dims, std::vector<float>(3 * per_class * dims)};
    labels.assign(x.rows, 0);
    for (std::size_t i = 0; i < x.rows; ++i) {
        labels[i] = static_cast<int>(i % 3);
        for (std::size_t j = 0; j < dims; ++j) x.at(i, j) = noise(gen) + (j == i % 3 ? 10.0f : 0.0f);
    }
    return x;
}

double row_perplexity(const std::vector<double>& p, std::size_t n, std::size_t i)
{
    double entropy = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        if (p[i * n + j] > 0) entropy -= p[i * n + j] * std::log(p[i * n + j]);
    }
    return std::exp(entropy);
}

// KL(P || Q) of a 2-D layout y, Q the Student-t joint of t-SNE: what tsne_embed minimises.
double tsne_cost(const std::vector<double>& p, const std::vector<float>& y, double scale)
{
    const std::size_t n = y.size() / 2;
    std::vector<double> q(n * n, 0.0);
    double z = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j) continue;
            const double dx = scale * (y[2 * i] - y[2 * j]), dy = scale * (y[2 * i + 1] - y[2 * j + 1]);
            q[i * n + j] = 1.0 / (1.0 + dx * dx + dy * dy);
            z += q[i * n + j];
        }
    double kl = 0.0;
    for (std::size_t k = 0; k < n * n; ++k) {
        if (p[k] > 0 && q[k] > 0) kl += p[k] * std::log(p[k] * z / q[k]);
    }
    return kl;
}

// a - b wrapped into (-pi, pi].
double angle_gap(double a, double b)
{
    return std::remainder(a - b, 2.0 * M_PI);
}

}  // namespace

class TestAnalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tsneSeparatesBlobs()
    {
        // 60 dimensions > pca_dims = 50, so the PCA step runs too.
        std::vector<int> labels;
        const Matrix x = blobs(60, 60, labels);
        btsf::TsneOptions options;
        options.threads = 1;
        const std::vector<float> y = btsf::tsne_embed(x, options);
        QCOMPARE(y.size(), 2 * x.rows);
        for (float v : y) QVERIFY(std::isfinite(v));
        QVERIFY(btsf::nearest_neighbour_agreement(y, 2, labels) >= 0.95);
        // t-SNE minimises KL(P || Q), so it must beat the best the 2-D PCA projection does at
        // any scale (measured: 0.41 against 0.64 at scale 0.5). A wrong gradient term still
        // separates blobs this clear, but not this well: with the sign of one repulsion
        // component flipped the layout collapses onto a line, KL 0.73.
        const Matrix reduced = btsf::pca_project(x, 50);
        const std::vector<double> p = btsf::tsne_affinities(reduced, options.perplexity, 1);
        const std::vector<float> linear = btsf::pca_project(x, 2).data;
        double best_linear = INFINITY;
        for (double scale = 0.01; scale < 100; scale *= 1.25)
            best_linear = std::min(best_linear, tsne_cost(p, linear, scale));
        QVERIFY(tsne_cost(p, y, 1.0) < best_linear);
    }

    void tsneIsDeterministic()
    {
        std::vector<int> labels;
        const Matrix x = blobs(20, 8, labels);
        btsf::TsneOptions options;
        options.iterations = 300;
        options.threads = 1;
        const std::vector<float> first = btsf::tsne_embed(x, options);
        QCOMPARE(btsf::tsne_embed(x, options), first);
        options.threads = 2;  // rows are split differently; each still sums in the same order
        QCOMPARE(btsf::tsne_embed(x, options), first);
        options.seed = 1;
        QVERIFY(btsf::tsne_embed(x, options) != first);
    }

    void tsneCancelsFromProgress()
    {
        std::vector<int> labels;
        const Matrix x = blobs(10, 4, labels);
        std::vector<int> seen;
        auto progress = [&](int done, int total) {
            seen.push_back(done);
            return total == 1000 && done < 20;
        };
        QVERIFY_THROWS_EXCEPTION(btsf::TsneCancelled, btsf::tsne_embed(x, btsf::TsneOptions{}, progress));
        // After the affinities (0), then every 10 iterations until the callback says stop.
        QCOMPARE(seen, (std::vector<int>{0, 10, 20}));
    }

    void tsneRejectsBadInput()
    {
        const btsf::TsneOptions options;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::tsne_embed(Matrix{2, 1, {0.0f, 1.0f}}, options));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::tsne_embed(Matrix{3, 1, {0.0f, NAN, 1.0f}}, options));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::tsne_embed(Matrix{3, 2, {0.0f, 1.0f}}, options));
        btsf::TsneOptions bad;
        bad.perplexity = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::tsne_embed(Matrix{3, 1, {0.0f, 1.0f, 2.0f}}, bad));
    }

    void conditionalAffinitiesHaveTheTargetPerplexity()
    {
        std::vector<int> labels;
        const Matrix x = blobs(20, 5, labels);
        const std::size_t n = x.rows;
        const std::vector<double> p = btsf::conditional_affinities(x, 10.0, 1);
        QCOMPARE(p.size(), n * n);
        for (std::size_t i = 0; i < n; ++i) {
            double sum = 0.0;
            for (std::size_t j = 0; j < n; ++j) sum += p[i * n + j];
            QVERIFY(std::fabs(sum - 1.0) < 1e-12);
            QCOMPARE(p[i * n + i], 0.0);
            // Entropy within 1e-5 nats of log 10, so e^H within 0.001 % of 10.
            QVERIFY(std::fabs(row_perplexity(p, n, i) / 10.0 - 1.0) < 0.01);
        }
        // n = 7 clamps perplexity 30 to (7 - 1) / 3 = 2.
        const Matrix line{7, 1, {0, 1, -1, 10, 11, 20, 21}};
        const std::vector<double> q = btsf::conditional_affinities(line, 30.0, 1);
        QVERIFY(std::fabs(row_perplexity(q, 7, 0) / 2.0 - 1.0) < 0.01);
        // Point 0 has two neighbours at squared distance 1 and the rest at >= 100: perplexity 2
        // means "two equally likely neighbours", so p_{1|0} = p_{2|0} = 1/2.
        QVERIFY(std::fabs(q[1] - 0.5) < 1e-4 && std::fabs(q[2] - 0.5) < 1e-4);
    }

    void jointAffinitiesAreSymmetricAndSumToOne()
    {
        std::vector<int> labels;
        const Matrix x = blobs(15, 6, labels);
        const std::size_t n = x.rows;
        const std::vector<double> p = btsf::tsne_affinities(x, 5.0, 2);
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(p[i * n + i], 0.0);
            for (std::size_t j = 0; j < n; ++j) {
                QCOMPARE(p[i * n + j], p[j * n + i]);
                if (i != j) QVERIFY(p[i * n + j] >= 1e-12);
                sum += p[i * n + j];
            }
        }
        // Rows of the conditional sum to 1, so (P + P^T) sums to 2n; the floor adds at most
        // n^2 1e-12 (separated blobs at perplexity 5 do underflow across blobs).
        QVERIFY(std::fabs(sum - 1.0) < static_cast<double>(n * n) * 1e-12 + 1e-12);
    }

    void alignmentDistances()
    {
        const Matrix a{2, 2, {3, 4, -1, 2}};
        for (float d : btsf::alignment_distances(a, a)) QCOMPARE(d, 0.0f);
        // (1,0) vs (0,1): 1 + 1 = 2. (2,0) vs (-5,0) normalise to (1,0), (-1,0): 2^2 = 4.
        // (1,1) vs (1,0): (1 - 1/sqrt2)^2 + (1/sqrt2)^2 = 2 - sqrt2 = 0.5858.
        const Matrix anchors{3, 2, {1, 0, 2, 0, 1, 1}};
        const Matrix positives{3, 2, {0, 1, -5, 0, 1, 0}};
        const std::vector<float> d = btsf::alignment_distances(anchors, positives);
        QCOMPARE(d.size(), std::size_t{3});
        QVERIFY(std::fabs(d[0] - 2.0) < 1e-6);
        QVERIFY(std::fabs(d[1] - 4.0) < 1e-6);
        QVERIFY(std::fabs(d[2] - (2.0 - std::sqrt(2.0))) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::alignment_distances(anchors, a));
    }

    void normalisationKeepsZeroRows()
    {
        const Matrix u = btsf::l2_normalise_rows(Matrix{2, 2, {0, 0, 3, -4}});
        QCOMPARE(u.data, (std::vector<float>{0, 0, 0.6f, -0.8f}));
    }

    void uniformityByHand()
    {
        // (2,0), (0,1), (-1,0) normalise to (1,0), (0,1), (-1,0); squared distances 2, 4, 2.
        // t = 2: log((e^-4 + e^-8 + e^-4) / 3) = log((0.0183156 * 2 + 0.0003355) / 3)
        //      = log(0.0123222) = -4.39634.
        const Matrix x{3, 2, {2, 0, 0, 1, -1, 0}};
        const double expected = std::log((2.0 * std::exp(-4.0) + std::exp(-8.0)) / 3.0);
        QVERIFY(std::fabs(btsf::uniformity(x) - expected) < 1e-6);
        QVERIFY(std::fabs(expected + 4.39634) < 1e-5);
        // t = 1: log((2 e^-2 + e^-4) / 3).
        QVERIFY(std::fabs(btsf::uniformity(x, 1.0) - std::log((2.0 * std::exp(-2.0) + std::exp(-4.0)) / 3.0)) < 1e-6);
        QVERIFY(std::isnan(btsf::uniformity(Matrix{1, 2, {1, 0}})));
        // Above 2000 rows it subsamples; identical rows still give log(1) = 0.
        const Matrix same{2500, 2, std::vector<float>(5000, 1.0f)};
        QCOMPARE(btsf::uniformity(same), 0.0);
    }

    void featureAnglesPreserveDirections()
    {
        // Eight directions 45 degrees apart with different lengths: normalising removes the
        // lengths and leaves a centred regular octagon, which PCA can only rotate or mirror.
        Matrix x{8, 2, std::vector<float>(16)};
        for (std::size_t i = 0; i < 8; ++i) {
            const double a = static_cast<double>(i) * M_PI / 4.0;
            x.at(i, 0) = static_cast<float>((1.0 + i) * std::cos(a));
            x.at(i, 1) = static_cast<float>((1.0 + i) * std::sin(a));
        }
        const std::vector<float> angles = btsf::feature_angles(x);
        QCOMPARE(angles.size(), std::size_t{8});
        const double mirror = angle_gap(angles[1], angles[0]) > 0 ? 1.0 : -1.0;
        for (std::size_t i = 0; i < 8; ++i) {
            QVERIFY(angles[i] >= -static_cast<float>(M_PI) && angles[i] <= static_cast<float>(M_PI));
            const double expected = mirror * static_cast<double>(i) * M_PI / 4.0;
            QVERIFY(std::fabs(angle_gap(angles[i] - angles[0], expected)) < 1e-5);
        }
    }

    void featureAnglesFollowTheSignConvention()
    {
        // Unit vectors at 0, 150, 180 and 210 degrees. Centroid (-sqrt3/4, 0) = (-0.4330, 0);
        // centred x = 1.4330, -0.4330, -0.5670, -0.4330 (variance 0.6875), y = 0, 0.5, 0, -0.5
        // (variance 0.125), no covariance: PC1 = x, PC2 = y. The x scores have a positive sum
        // of cubes (2.943 - 0.081 - 0.182 - 0.081), so PC1 keeps +x; the y scores are
        // symmetric, so the largest loading of PC2 is made positive, +y. Angles: 0,
        // atan2(0.5, -0.4330) = 2.28452, pi, -2.28452.
        const float h = static_cast<float>(std::sqrt(3.0) / 2.0);
        const Matrix x{4, 2, {1, 0, -h, 0.5f, -1, 0, -h, -0.5f}};
        const std::vector<float> angles = btsf::feature_angles(x);
        const double a = std::atan2(0.5, -std::sqrt(3.0) / 4.0);
        QVERIFY(std::fabs(a - 2.28452) < 1e-5);
        const std::vector<double> expected{0.0, a, M_PI, -a};
        for (std::size_t i = 0; i < 4; ++i) QVERIFY(std::fabs(angle_gap(angles[i], expected[i])) < 1e-5);
    }

    void histogramCountsAndEdges()
    {
        // [0, 1] in 4 bins of 0.25: -1 and 0 and 0.24 -> bin 0; 0.25 -> 1; 0.5 -> 2;
        // 0.99, 1 (the closed upper edge) and 5 -> bin 3; NaN is skipped.
        const btsf::Histogram h = btsf::histogram({-1, 0, 0.24f, 0.25f, 0.5f, 0.99f, 1, 5, NAN}, 4, 0.0, 1.0);
        QCOMPARE(h.counts, (std::vector<int>{3, 1, 1, 3}));
        QCOMPARE(h.bin_width(), 0.25);
        QCOMPARE(h.lo, 0.0);
        QCOMPARE(h.hi, 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::histogram({1}, 0, 0.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::histogram({1}, 3, 1.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::histogram({1}, 3, 0.0, NAN));
    }

    void confusionTableByHand()
    {
        // truth [0 1 2 1 1], predicted [0 2 2 1 0]: pairs (0,0) (1,2) (2,2) (1,1) (1,0).
        const std::vector<std::vector<int>> expected{{1, 0, 0}, {1, 1, 1}, {0, 0, 1}};
        QCOMPARE(btsf::confusion_table({0, 1, 2, 1, 1}, {0, 2, 2, 1, 0}, 3), expected);
        // A class that never occurs still has its (zero) row and column.
        QCOMPARE(btsf::confusion_table({0, 0}, {0, 0}, 2), (std::vector<std::vector<int>>{{2, 0}, {0, 0}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::confusion_table({0, 1}, {0}, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::confusion_table({-1}, {0}, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::confusion_table({0}, {2}, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::confusion_table({0}, {0}, 0));
    }

    void nearestNeighbourAgreementByHand()
    {
        // 1-D points 0, 1, 10, 11, 5.4 with labels 0, 0, 1, 1, 1. Nearest: 0->1, 1->0, 10->11,
        // 11->10 (all agree); 5.4 is 4.4 from 1 and 4.6 from 10, so its neighbour has label 0.
        // 4 of 5 agree.
        QCOMPARE(btsf::nearest_neighbour_agreement({0, 1, 10, 11, 5.4f}, 1, {0, 0, 1, 1, 1}), 0.8);
        // Ties go to the lower index: point 1 is equidistant from 0 (label 1) and 2 (label 0)
        // and takes point 0, so 2 of 3 agree (1 of 3 if the tie went the other way).
        QVERIFY(qFuzzyCompare(btsf::nearest_neighbour_agreement({0, 1, 2}, 1, {1, 1, 0}), 2.0 / 3.0));
        // 2-D: two pairs far apart.
        QCOMPARE(btsf::nearest_neighbour_agreement({0, 0, 0, 1, 9, 9, 9, 8}, 2, {3, 3, 4, 4}), 1.0);
        QVERIFY(std::isnan(btsf::nearest_neighbour_agreement({1, 2}, 2, {0})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::nearest_neighbour_agreement({1, 2, 3}, 2, {0, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, btsf::nearest_neighbour_agreement({1, 2}, 0, {0, 1}));
    }
};

QTEST_APPLESS_MAIN(TestAnalysis)
#include "test_analysis.moc"
