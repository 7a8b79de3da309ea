// Shapes of every module, causality, masking, the bilinear coupling of the
// gradients, and InfoNCE against a value worked out by hand.
#include "model/btsf_net.h"
#include "model/contrastive_loss.h"
#include "model/dropout_crop.h"
#include "model/hierarchical_loss.h"

#include <ATen/ATen.h>
#include <torch/autograd.h>
#include <torch/nn/utils.h>

#include <QtTest>

using namespace btsf;

namespace {
BtsfConfig small_config()
{
    BtsfConfig c = preset_config("paper");
    c.d = 8;
    c.m = 6;
    c.n = 6;
    c.l = 3;
    c.temporal_blocks = 2;
    c.spectral_blocks = 2;
    c.fusion_blocks = 1;
    return c;
}
}  // namespace

class TestModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(0); }

    void encoderShapes()
    {
        TemporalEncoder temporal(3, small_config());
        auto c = small_config();
        c.n = 5;
        SpectralEncoder spectral(3, c);
        const auto x = torch::randn({4, 3, 40});
        QCOMPARE(temporal->forward(x, {}).sizes(), (at::IntArrayRef{4, 8, 6}));
        QCOMPARE(spectral->forward(x).sizes(), (at::IntArrayRef{4, 8, 5}));
        c.spectral_input = "logmag";
        SpectralEncoder magnitude(3, c);
        QCOMPARE(magnitude->forward(x).sizes(), (at::IntArrayRef{4, 8, 5}));
    }

    // Frequency masking is a training augmentation: it changes the training
    // output and never the encoding.
    void frequencyMaskOnlyWhileTraining()
    {
        auto c = small_config();
        c.freq_mask = 0.5;
        SpectralEncoder masked(2, c);
        c.freq_mask = 0.0;
        SpectralEncoder plain(2, c);
        torch::NoGradGuard no_grad;
        for (auto& p : plain->named_parameters()) p.value().copy_(masked->named_parameters()[p.key()]);
        const auto x = torch::randn({3, 2, 40});
        masked->eval();
        plain->eval();
        QVERIFY(torch::equal(masked->forward(x), plain->forward(x)));
        masked->train();
        plain->train();
        QVERIFY(!torch::allclose(masked->forward(x), plain->forward(x)));
    }

    void fusionShapes()
    {
        IterativeFusion fusion(8, 6, 6, 2, true);
        const auto ft = torch::randn({4, 8, 6});
        const auto fs = torch::randn({4, 8, 6});
        const auto a = IterativeFusionImpl::affinity(ft, fs);
        QCOMPARE(a.sizes(), (at::IntArrayRef{4, 8, 8}));
        // A = F_t F_s^T / m, element (0, 1, 2) by hand.
        const double expected = (ft[0][1] * fs[0][2]).sum().item<double>() / 6.0;
        QVERIFY(std::abs(a[0][1][2].item<double>() - expected) < 1e-5);
        QCOMPARE(fusion->spectral_to_temporal(a).sizes(), (at::IntArrayRef{4, 8, 6}));
        QCOMPARE(fusion->temporal_to_spectral(a).sizes(), (at::IntArrayRef{4, 8, 6}));
        auto [ftl, fsl] = fusion->forward(ft, fs, 3);
        QCOMPARE(ftl.sizes(), ft.sizes());
        QCOMPARE(fsl.sizes(), fs.sizes());
        // Zero loops leave the features untouched.
        auto [ft0, fs0] = fusion->forward(ft, fs, 0);
        QVERIFY(torch::equal(ft0, ft));
    }

    void representationShapePerFusion_data()
    {
        QTest::addColumn<QString>("fusion");
        QTest::addColumn<int>("dim");
        for (const char* f : {"temporal", "spectral", "sum", "bilinear", "iterative"})
            QTest::newRow(f) << QString(f) << 8 * 3;
        QTest::newRow("concat") << QString("concat") << 2 * 8 * 3;
    }
    void representationShapePerFusion()
    {
        QFETCH(QString, fusion);
        QFETCH(int, dim);
        auto c = small_config();
        c.fusion = fusion.toStdString();
        BtsfNet net(c, 2);
        const auto r = net->forward(torch::randn({3, 2, 30})).representation;
        QCOMPARE(r.sizes(), (at::IntArrayRef{3, dim}));
        QCOMPARE(c.representation_dim(), dim);
    }

    // Position pooling with a temporal output wider than d: fusion = temporal keeps that width,
    // every other mode projects it to d first.
    void positionPoolingWithAWideTemporalOutput_data()
    {
        QTest::addColumn<QString>("fusion");
        QTest::addColumn<int>("dim");
        QTest::newRow("temporal") << QString("temporal") << 12 * 3;
        for (const char* f : {"spectral", "sum", "bilinear", "iterative"}) QTest::newRow(f) << QString(f) << 8 * 3;
        QTest::newRow("concat") << QString("concat") << 2 * 8 * 3;
    }
    void positionPoolingWithAWideTemporalOutput()
    {
        QFETCH(QString, fusion);
        QFETCH(int, dim);
        auto c = small_config();
        c.temporal_out = 12;
        c.fusion = fusion.toStdString();
        BtsfNet net(c, 2);
        const auto r = net->forward(torch::randn({3, 2, 30})).representation;
        QCOMPARE(r.sizes(), (at::IntArrayRef{3, dim}));
        QCOMPARE(c.representation_dim(), dim);
    }

    // Series pooling keeps the full-series temporal feature and appends the
    // joint feature; fusion = spectral is the joint feature alone.
    void seriesPoolingAppendsTheJointFeature_data()
    {
        QTest::addColumn<QString>("fusion");
        QTest::addColumn<int>("dim");
        QTest::newRow("temporal") << QString("temporal") << 12;
        QTest::newRow("spectral") << QString("spectral") << 8 * 3;
        for (const char* f : {"sum", "bilinear", "iterative"}) QTest::newRow(f) << QString(f) << 12 + 8 * 3;
        QTest::newRow("concat") << QString("concat") << 12 + 2 * 8 * 3;
    }
    void seriesPoolingAppendsTheJointFeature()
    {
        QFETCH(QString, fusion);
        QFETCH(int, dim);
        auto c = small_config();
        c.pooling = "series";
        c.temporal_out = 12;  // wider than d: the position maps are projected to d
        c.output_activation = "identity";
        c.fusion = fusion.toStdString();
        BtsfNet net(c, 2);
        net->eval();
        const auto x = torch::randn({3, 2, 30});
        const auto out = net->forward(x);
        QCOMPARE(out.representation.sizes(), (at::IntArrayRef{3, dim}));
        QCOMPARE(c.representation_dim(), dim);
        if (c.fusion != "spectral")  // the first 12 values are the max over steps
            QVERIFY(torch::allclose(out.representation.narrow(1, 0, 12), std::get<0>(out.temporal_steps.max(2))));
    }

    // series_readout = last reads the final observed step, not the max.
    void lastStepReadout()
    {
        auto c = small_config();
        c.pooling = "series";
        c.fusion = "temporal";
        c.series_readout = "last";
        BtsfNet net(c, 1);
        net->eval();
        torch::NoGradGuard no_grad;
        const auto x = torch::randn({2, 1, 20});
        auto out = net->forward(x);
        QVERIFY(torch::equal(out.representation, out.temporal_steps.select(2, 19)));
        // Row 1 observed up to step 11 only: its readout is step 11.
        auto mask = torch::ones({2, 20}, torch::kBool);
        mask.index_put_({1, torch::indexing::Slice(12, 20)}, false);
        out = net->forward(x, mask);
        QVERIFY(torch::equal(out.representation[0], out.temporal_steps[0].select(1, 19)));
        QVERIFY(torch::equal(out.representation[1], out.temporal_steps[1].select(1, 11)));
    }

    // bilinear_norm = layer standardises the product term: scaling the
    // spectral branch's output then leaves the joint feature unchanged.
    void layerNormedBilinearTermIgnoresScale()
    {
        auto c = small_config();
        c.fusion = "bilinear";
        c.loops = 0;
        c.output_activation = "identity";
        c.bilinear_norm = "layer";
        BtsfNet net(c, 1);
        net->eval();
        torch::NoGradGuard no_grad;
        const auto x = torch::randn({2, 1, 30});
        // Zero the linear maps: the representation is the normalised product alone.
        // A product well above the variance floor (1e-5) makes the floor negligible.
        net->named_parameters()["w_t.weight"].zero_();
        net->named_parameters()["w_s.weight"].zero_();
        net->named_parameters()["u.weight"].mul_(10.0);
        net->named_parameters()["v.weight"].mul_(10.0);
        const auto before = net->forward(x).representation;
        QVERIFY(std::abs(before[0].mean().item<double>()) < 1e-4);
        QVERIFY(std::abs(before[0].pow(2).mean().item<double>() - 1.0) < 1e-2);
        net->named_parameters()["v.weight"].mul_(7.0);
        QVERIFY(torch::allclose(net->forward(x).representation, before, 1e-3, 1e-3));
    }

    void sigmoidOutputIsBounded()
    {
        BtsfNet net(small_config(), 1);
        const auto r = net->forward(torch::randn({5, 1, 25}) * 10).representation;
        QVERIFY(r.min().item<float>() >= 0.f && r.max().item<float>() <= 1.f);
    }

    void causalConvIgnoresTheFuture()
    {
        CausalConv1d conv(2, 3, 3, 2);
        auto x = torch::randn({1, 2, 20});
        const auto before = conv->forward(x);
        x.index_put_({0, torch::indexing::Slice(), torch::indexing::Slice(12, 20)}, 100.0);
        const auto after = conv->forward(x);
        QVERIFY(torch::allclose(before.narrow(2, 0, 12), after.narrow(2, 0, 12)));
        QVERIFY(!torch::allclose(before.narrow(2, 12, 8), after.narrow(2, 12, 8)));
    }

    // The fused centred kernel must equal the definition of spec §4.
    void biCausalConvMatchesItsDefinition()
    {
        for (int dilation : {1, 2}) {
            BiCausalConv1d conv(4, 3, dilation);
            const auto x = torch::randn({2, 4, 17});
            auto& f = *std::dynamic_pointer_cast<CausalConv1dImpl>(conv->named_children()["forward"]);
            auto& b = *std::dynamic_pointer_cast<CausalConv1dImpl>(conv->named_children()["backward"]);
            const auto expected = f.forward(x) + b.forward(x.flip({2})).flip({2});
            QVERIFY(torch::allclose(conv->forward(x), expected, 1e-5, 1e-5));
        }
    }

    void paddingIsIgnoredByTheTemporalPool()
    {
        auto c = small_config();
        c.m = 4;
        TemporalEncoder temporal(1, c);
        temporal->eval();
        auto x = torch::randn({1, 1, 32});
        auto mask = torch::ones({1, 32}, torch::kBool);
        mask.index_put_({0, torch::indexing::Slice(24, 32)}, false);
        auto padded_a = x.clone();
        auto padded_b = x.clone();
        padded_a.index_put_({0, 0, torch::indexing::Slice(24, 32)}, 0.0);
        padded_b.index_put_({0, 0, torch::indexing::Slice(24, 32)}, 50.0);
        // Causal convs: padding after the end cannot reach earlier outputs, and the
        // masked pool never picks a padded position.
        QVERIFY(torch::allclose(temporal->forward(padded_a, mask), temporal->forward(padded_b, mask)));
        QVERIFY(!torch::allclose(temporal->forward(padded_a, {}), temporal->forward(padded_b, {})));
    }

    // The bilinear term couples the encoders: the temporal encoder's gradient
    // depends on the spectral features. With sum fusion and identity output it
    // must not, which shows the check can tell the two apart.
    void bilinearTermCouplesTheGradients_data()
    {
        QTest::addColumn<QString>("fusion");
        QTest::addColumn<bool>("coupled");
        QTest::newRow("iterative") << QString("iterative") << true;
        QTest::newRow("bilinear") << QString("bilinear") << true;
        QTest::newRow("sum") << QString("sum") << false;
    }
    void bilinearTermCouplesTheGradients()
    {
        QFETCH(QString, fusion);
        QFETCH(bool, coupled);
        auto c = small_config();
        c.fusion = fusion.toStdString();
        c.output_activation = "identity";
        torch::manual_seed(3);
        BtsfNet net(c, 1);
        const auto x = torch::randn({4, 1, 24});
        // A loss linear in r: any dependence of the temporal gradient on the
        // spectral side then comes from the bilinear product alone.
        const auto weights = torch::randn({4, c.representation_dim()});
        auto temporal_grad = [&] {
            net->zero_grad();
            (net->forward(x).representation * weights).sum().backward();
            return net->named_parameters()["temporal.input.weight"].grad().clone();
        };
        const auto g1 = temporal_grad();
        QVERIFY(g1.abs().sum().item<double>() > 0);
        {
            torch::NoGradGuard no_grad;
            net->named_parameters()["spectral.input.weight"].mul_(3.0);
        }
        const auto g2 = temporal_grad();
        QCOMPARE(!torch::allclose(g1, g2), coupled);
        // Both encoders receive gradient through the representation.
        QVERIFY(net->named_parameters()["spectral.input.weight"].grad().abs().sum().item<double>() > 0);
    }

    void infoNceMatchesHandComputedValue()
    {
        // Unit rows a = (0.6, 0.8), (1, 0); p = (0, 1), (0.7071, 0.7071); tau = 0.5.
        // For each of the 4 views: log-sum-exp over the other 3 similarities / tau
        // minus the positive's; the mean of the 4 terms is 0.973396 (worked in
        // Python with math.exp/math.log on these 4 vectors).
        const auto anchor = torch::tensor({3.f, 4.f, 1.f, 0.f}).reshape({2, 2});
        const auto positive = torch::tensor({0.f, 2.f, 1.f, 1.f}).reshape({2, 2});
        const double loss = info_nce_loss(anchor, positive, 0.5).item<double>();
        QVERIFY2(std::abs(loss - 0.9733962) < 1e-5, qPrintable(QString::number(loss, 'g', 10)));
    }

    void instanceContrastMatchesHandComputedValue()
    {
        // B = 2, T = 1: a0 = (1,0), a1 = (0,2), p0 = (1,1), p1 = (0,1); raw dot
        // products, no temperature. Per row, log-sum-exp over the other three minus
        // the positive: log(2+e)-1, log(1+2e^2)-2, log(2e+e^2)-1, log(1+e^2+e)-2;
        // their mean is 0.8172798.
        const auto z1 = torch::tensor({1.f, 0.f, 0.f, 2.f}).reshape({2, 1, 2});
        const auto z2 = torch::tensor({1.f, 1.f, 0.f, 1.f}).reshape({2, 1, 2});
        QVERIFY(std::abs(instance_contrastive_loss(z1, z2).item<double>() - 0.8172798) < 1e-5);
        // The same numbers as two time steps of one series give the temporal loss.
        QVERIFY(std::abs(temporal_contrastive_loss(z1.transpose(0, 1), z2.transpose(0, 1)).item<double>() - 0.8172798) <
                1e-5);
        // One step of one series: only the (empty) instance term, so zero.
        QCOMPARE(hierarchical_contrastive_loss(z1.narrow(0, 0, 1), z2.narrow(0, 0, 1)).item<double>(), 0.0);
    }

    void overlappingViewsShareTheirOverlap()
    {
        std::mt19937_64 rng(1);
        const auto x = torch::arange(5 * 40, torch::kFloat).reshape({5, 1, 40});
        for (int i = 0; i < 20; ++i) {
            const auto pair = make_overlapping_views(x, {}, 0.0, 0.3, rng);
            const int64_t k = pair.overlap;
            QVERIFY(k >= 12 && k <= 40);
            const auto& a = pair.views.anchor;
            const auto& p = pair.views.positive;
            QVERIFY(torch::equal(a.narrow(2, a.size(2) - k, k), p.narrow(2, 0, k)));
            // Each segment is contiguous and comes from its own series.
            QVERIFY(torch::equal(a.select(0, 2).floor_divide(40), torch::full({1, a.size(2)}, 2.0)));
        }
    }

    void ts2vecEncoderShapesAndSamePadding()
    {
        // TS2Vec's shape: blocks at d channels, a final projecting block to
        // temporal_out, and the representation is the max over all steps.
        auto c = preset_config("ts2vec");
        c.d = 8;
        c.temporal_blocks = 2;
        c.temporal_out = 12;
        BtsfNet net(c, 3);
        net->eval();
        const auto x = torch::randn({4, 3, 30});
        const auto out = net->forward(x);
        QCOMPARE(out.temporal_steps.sizes(), (at::IntArrayRef{4, 12, 30}));
        QCOMPARE(out.representation.sizes(), (at::IntArrayRef{4, 12}));
        QCOMPARE(c.representation_dim(), 12);
        QVERIFY(torch::allclose(out.representation, std::get<0>(out.temporal_steps.max(2))));
        // Same padding: changing the end changes the start (a causal conv would not).
        auto later = x.clone();
        later.narrow(2, 20, 10).add_(1.0);
        const auto changed = net->forward(later).temporal_steps;
        QVERIFY(!torch::allclose(out.temporal_steps.narrow(2, 0, 10), changed.narrow(2, 0, 10)));
        QCOMPARE(net->named_parameters().contains("temporal.blocks.2.projector.weight"), true);
    }

    void wideDilationShortcutMatchesTheFullConv()
    {
        // Dilation >= T: the shortcut (one tap as a 1x1 conv) must equal the
        // padded dilated conv, outputs and gradients, to float rounding.
        for (bool causal : {false, true}) {
            DilatedConv1d conv(4, 5, 3, 16, causal);
            const auto x = torch::randn({2, 4, 12}, torch::requires_grad());
            const auto y = conv->forward(x);
            const torch::Tensor w = conv->named_parameters()["conv.weight"];
            const torch::Tensor b = conv->named_parameters()["conv.bias"];
            using Ints = at::IntArrayRef;
            const torch::Tensor full =
                causal ? torch::conv1d(torch::constant_pad_nd(x, {32, 0}, 0), w, b, Ints{1}, Ints{0}, Ints{16})
                       : torch::conv1d(x, w, b, Ints{1}, Ints{16}, Ints{16});
            QCOMPARE(y.sizes(), full.sizes());
            QVERIFY(torch::allclose(y, full, 1e-5, 1e-6));
            const auto g = torch::randn_like(y);
            const std::vector<torch::Tensor> inputs{x, w}, grads{g};
            const auto gy = torch::autograd::grad({y}, inputs, grads);
            const auto gf = torch::autograd::grad({full}, inputs, grads);
            QVERIFY(torch::allclose(gy[0], gf[0], 1e-5, 1e-6));
            QVERIFY(torch::allclose(gy[1], gf[1], 1e-5, 1e-6));
            QCOMPARE(gy[1].narrow(2, causal ? 0 : 2, 1).abs().sum().item<double>(), 0.0);  // padded taps
        }
    }

    void latentMaskIsOffInEvalMode()
    {
        auto c = preset_config("ts2vec");
        c.d = 8;
        c.temporal_blocks = 2;
        c.temporal_out = 12;
        c.repr_dropout = 0.0;  // isolate the mask
        BtsfNet net(c, 1);
        const auto x = torch::randn({3, 1, 40});
        net->eval();
        const auto a = net->forward(x).temporal_steps;
        QVERIFY(torch::equal(a, net->forward(x).temporal_steps));
        // The same weights without masking give the same eval output.
        auto unmasked_config = c;
        unmasked_config.latent_mask = 0.0;
        BtsfNet unmasked(unmasked_config, 1);
        {
            torch::NoGradGuard no_grad;
            const auto from = net->parameters();
            auto to = unmasked->parameters();
            for (std::size_t i = 0; i < to.size(); ++i) to[i].copy_(from[i]);
        }
        unmasked->eval();
        QVERIFY(torch::equal(a, unmasked->forward(x).temporal_steps));
        // Training: about half the steps are zeroed after the input projection.
        net->train();
        QVERIFY(!torch::allclose(a, net->forward(x).temporal_steps));
    }

    void hierarchicalLossMatchesHandComputedValue()
    {
        // B = 2, T = 2, D = 1: series a0 = (1, 0), a1 = (0, 2) over time in z1,
        // p0 = (1, 1), p1 = (0, 1) in z2. Each term is the mean over its rows of
        // log(sum over the other three items of exp(product)) - product with
        // the positive (scalars, so dot products are products). By hand:
        //   instance t=0: items (1, 0 | 1, 0)             -> 0.825029
        //   instance t=1: items (0, 2 | 1, 1)             -> 1.168112
        //   temporal a0/p0: items (1, 0 | 1, 1)           -> 1.171149
        //   temporal a1/p1: items (0, 2 | 0, 1)           -> 0.669079
        //   max-pooled to T = 1: items (1, 2 | 1, 1), instance only -> 1.188237
        // loss = (0.5 (0.825029 + 1.168112) / 2 + 0.5 (1.171149 + 0.669079) / 2
        //         + 0.5 * 1.188237) / 2 = 0.776230
        const auto z1 = torch::tensor({1.f, 0.f, 0.f, 2.f}).reshape({2, 2, 1});
        const auto z2 = torch::tensor({1.f, 1.f, 0.f, 1.f}).reshape({2, 2, 1});
        const double loss = hierarchical_contrastive_loss(z1, z2).item<double>();
        QVERIFY2(std::abs(loss - 0.776230) < 1e-5, qPrintable(QString::number(loss, 'g', 10)));
    }

    void infoNceRewardsMatchingViews()
    {
        const auto a = torch::randn({8, 16});
        const double matched = info_nce_loss(a, a + 0.01 * torch::randn({8, 16}), 0.1).item<double>();
        const double shuffled = info_nce_loss(a, a.roll(1, 0), 0.1).item<double>();
        QVERIFY(matched < 0.1);
        QVERIFY(shuffled > 1.0);
    }
};

QTEST_APPLESS_MAIN(TestModel)
#include "test_model.moc"
