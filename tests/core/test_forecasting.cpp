// The forecasting protocol (spec §8): origins and targets, no look-ahead in
// the representation, the ridge against a closed-form reference, and the
// alpha search against separate fits.
#include <QtTest>

#include <cmath>
#include <random>

#include "data/forecast_data.h"
#include "numerics/ridge.h"
#include "tasks/forecasting.h"
#include "tasks/nlinear_forecast.h"
#include "train/device.h"
#include "train/trainer.h"

using namespace btsf;

namespace {
// T steps, `channels` channels of noisy sines; the first `targets` are targets.
ForecastProblem toy_problem(std::size_t length, std::size_t channels, std::size_t targets)
{
    ForecastProblem p;
    p.name = "Toy";
    p.length = length;
    p.channels = channels;
    p.n_targets = targets;
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.0f, 0.1f);
    for (std::size_t t = 0; t < length; ++t)
        for (std::size_t c = 0; c < channels; ++c)
            p.inputs.push_back(std::sin(0.3f * float(t) + float(c)) + noise(rng));
    for (std::size_t v = 0; v < targets; ++v) {
        p.targets.push_back("v" + std::to_string(v));
        p.mean.push_back(10.0);
        p.stddev.push_back(2.0);
    }
    p.splits = {length * 6 / 10, length * 8 / 10, length};
    return p;
}

BtsfConfig small_config()
{
    BtsfConfig c = preset_config("sum-fusion");
    c.d = 8;
    c.iters = 3;
    c.batch_size = 4;
    return c;
}

// Solves A x = b for a small dense system (Gaussian elimination with pivoting).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b)
{
    const std::size_t n = b.size();
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t pivot = k;
        for (std::size_t i = k + 1; i < n; ++i)
            if (std::abs(a[i][k]) > std::abs(a[pivot][k])) pivot = i;
        std::swap(a[k], a[pivot]);
        std::swap(b[k], b[pivot]);
        for (std::size_t i = k + 1; i < n; ++i) {
            const double f = a[i][k] / a[k][k];
            for (std::size_t j = k; j < n; ++j) a[i][j] -= f * a[k][j];
            b[i] -= f * b[k];
        }
    }
    std::vector<double> x(n);
    for (std::size_t k = n; k-- > 0;) {
        double s = b[k];
        for (std::size_t j = k + 1; j < n; ++j) s -= a[k][j] * x[j];
        x[k] = s / a[k][k];
    }
    return x;
}

Matrix random_matrix(std::size_t rows, std::size_t cols, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    Matrix m{rows, cols, {}};
    for (std::size_t i = 0; i < rows * cols; ++i) m.data.push_back(n(rng));
    return m;
}
}  // namespace

class TestForecasting : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { set_thread_count(2); }

    void originsKeepTargetsInsideTheSplit()
    {
        // Split [100, 130), lookback 5, horizon 10: t = 100 .. 119 (t + 10 < 130).
        const auto o = forecast_origins(100, 130, 5, 10);
        QCOMPARE(o.size(), std::size_t(20));
        QCOMPARE(o.front(), std::size_t(100));
        QCOMPARE(o.back(), std::size_t(119));
        // At the start of the series the lookback decides: t >= 4.
        QCOMPARE(forecast_origins(0, 20, 5, 3).front(), std::size_t(4));
        QVERIFY(forecast_origins(0, 10, 5, 10).empty());
        QCOMPARE(forecast_horizons("ETTh1"), (std::vector<int>{24, 48, 168, 336, 720}));
        QCOMPARE(forecast_horizons("ETTm1"), (std::vector<int>{24, 48, 96, 288, 672}));
    }

    void targetsAreTheNextValuesStepMajor()
    {
        const auto p = toy_problem(50, 3, 2);
        const Matrix y = future_targets(p, {10, 20}, 3);
        QCOMPARE(y.cols, std::size_t(6));
        // Row 1, step h = 2 (t + 3 = 23), target v = 1: column 2 * 2 + 1.
        QCOMPARE(y.at(1, 5), p.inputs[23 * 3 + 1]);
        QCOMPARE(y.at(0, 0), p.inputs[11 * 3 + 0]);
        const SeriesSet w = lookback_windows(p, {10}, 4);
        QCOMPARE(w.at(0, 2, 3), p.inputs[10 * 3 + 2]);  // the window ends at t itself
        QCOMPARE(w.at(0, 0, 0), p.inputs[7 * 3 + 0]);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, lookback_windows(p, {2}, 4));
    }

    void representationAtTDoesNotSeeTheFuture()
    {
        auto p = toy_problem(120, 2, 1);
        const Trainer trainer(small_config(), 2, "cpu");
        const std::vector<std::size_t> at{60};
        const Matrix before = encode_origins(trainer, p, at, 30, 8);
        for (std::size_t t = 61; t < p.length; ++t)  // change everything after t
            for (std::size_t c = 0; c < p.channels; ++c) p.inputs[t * p.channels + c] += 5.0f;
        const Matrix after = encode_origins(trainer, p, at, 30, 8);
        QCOMPARE(after.data, before.data);
        // ...while a change at t itself does change it (the test can fail).
        p.inputs[60 * p.channels] += 5.0f;
        QVERIFY(encode_origins(trainer, p, at, 30, 8).data != before.data);
    }

    void ridgeMatchesTheNormalEquations()
    {
        // Reference: minimise ||Y - X W - 1 b||^2 + alpha ||W||^2 with b free:
        // centre X and Y, then (Xc^T Xc + alpha I) W = Xc^T Yc and b = ymean - xmean W.
        const Matrix x = random_matrix(30, 3, 1);
        Matrix y = random_matrix(30, 2, 2);
        for (std::size_t i = 0; i < 30; ++i) y.at(i, 0) += 2.0f * x.at(i, 0) - x.at(i, 2) + 3.0f;
        const double alpha = 2.0;
        const auto model = fit_ridge(x, y, x, y, {alpha});
        std::vector<double> xm(3, 0), ym(2, 0);
        for (std::size_t i = 0; i < 30; ++i) {
            for (int j = 0; j < 3; ++j) xm[j] += x.at(i, j) / 30.0;
            for (int j = 0; j < 2; ++j) ym[j] += y.at(i, j) / 30.0;
        }
        for (int out = 0; out < 2; ++out) {
            std::vector<std::vector<double>> a(3, std::vector<double>(3, 0));
            std::vector<double> b(3, 0);
            for (std::size_t i = 0; i < 30; ++i)
                for (int r = 0; r < 3; ++r) {
                    b[r] += (x.at(i, r) - xm[r]) * (y.at(i, out) - ym[out]);
                    for (int c = 0; c < 3; ++c) a[r][c] += (x.at(i, r) - xm[r]) * (x.at(i, c) - xm[c]);
                }
            for (int r = 0; r < 3; ++r) a[r][r] += alpha;
            const auto w = solve(a, b);
            double intercept = ym[out];
            for (int r = 0; r < 3; ++r) {
                QVERIFY2(std::abs(model.weights.at(r, out) - w[r]) < 1e-4, qPrintable(QString::number(w[r])));
                intercept -= xm[r] * w[r];
            }
            QVERIFY(std::abs(model.intercept[out] - intercept) < 1e-4);
        }
        const Matrix pred = ridge_predict(model, x);
        QCOMPARE(pred.rows, std::size_t(30));
        QCOMPARE(pred.cols, std::size_t(2));
    }

    void alphaSearchPicksTheBestValidationAlpha()
    {
        const Matrix x = random_matrix(40, 10, 3);
        const Matrix y = random_matrix(40, 2, 4);  // noise: strong penalties should win
        const Matrix vx = random_matrix(20, 10, 5);
        const Matrix vy = random_matrix(20, 2, 6);
        const auto& grid = ridge_alpha_grid();
        const auto model = fit_ridge(x, y, vx, vy, grid);
        QCOMPARE(model.valid_mse.size(), grid.size());
        std::size_t best = 0;
        for (std::size_t k = 0; k < grid.size(); ++k) {
            // Each grid point against a separate single-alpha fit.
            const auto single = fit_ridge(x, y, vx, vy, {grid[k]});
            QVERIFY(std::abs(single.valid_mse[0] - model.valid_mse[k]) < 1e-9);
            // The expanded error equals the error of the model's own predictions.
            const Matrix pred = ridge_predict(single, vx);
            double squares = 0;
            for (std::size_t i = 0; i < pred.data.size(); ++i)
                squares += std::pow(double(pred.data[i]) - double(vy.data[i]), 2);
            QVERIFY2(std::abs(squares / double(pred.data.size()) - model.valid_mse[k]) < 1e-5,
                     qPrintable(QString("alpha %1").arg(grid[k])));
            if (model.valid_mse[k] < model.valid_mse[best]) best = k;
        }
        QCOMPARE(model.alpha, grid[best]);
        QVERIFY(model.alpha > grid.front());  // pure noise: the smallest penalty is not the best
    }

    void runScoresEveryHorizonAndBaseline()
    {
        const auto p = toy_problem(400, 2, 2);
        ForecastOptions o;
        o.config = small_config();
        o.device = "cpu";
        o.lookback = 20;
        o.horizons = {4, 8};
        const auto run = run_forecasting(p, o);
        QCOMPARE(run.btsf.horizons.size(), std::size_t(2));
        QCOMPARE(run.raw.horizons.size(), std::size_t(2));
        QCOMPARE(run.untrained.horizons.size(), std::size_t(2));
        QCOMPARE(run.nlinear.horizons.size(), std::size_t(2));
        QCOMPARE(run.nlinear.horizons[1].predictions.cols, std::size_t(16));
        const auto& h8 = run.btsf.horizons[1];
        QCOMPARE(h8.predictions.rows, forecast_origins(320, 400, 20, 8).size());
        QCOMPARE(h8.predictions.cols, std::size_t(16));
        QVERIFY(std::isfinite(h8.mse) && h8.mse > 0);
        // Units: the raw MSE is the z-scored one times stddev^2 (2^2 here).
        QVERIFY(std::abs(h8.raw_mse - 4.0 * h8.mse) < 1e-6 * h8.raw_mse);
        // A noisy sine is easy for a ridge on the raw window.
        QVERIFY(run.raw.horizons[0].mse < 0.2);
    }

    // Series-pooling presets read the window's last step (TS2Vec's protocol)
    // unless the options keep the config's own readout.
    void seriesPresetsReadTheLastStep()
    {
        const auto p = toy_problem(240, 1, 1);
        ForecastOptions o;
        o.config = preset_config("ts2vec");
        o.config.d = 8;
        o.config.temporal_blocks = 2;
        o.config.temporal_out = 8;
        o.config.iters = 2;
        o.device = "cpu";
        o.lookback = 16;
        o.horizons = {4};
        o.baselines = false;
        QCOMPARE(run_forecasting(p, o).trainer->config().series_readout, std::string("last"));
        o.series_readout = "";
        QCOMPARE(run_forecasting(p, o).trainer->config().series_readout, std::string("max"));
    }

    // NLinear's rows: per origin, per variable, the window minus its last value.
    void nlinearInputsSubtractTheLastValue()
    {
        ForecastProblem p;
        p.length = 4;
        p.channels = 3;  // two targets and a covariate it must not read
        p.n_targets = 2;
        p.inputs = {1, 10, 100, 2, 20, 200, 4, 40, 400, 8, 80, 800};
        const Matrix x = nlinear_inputs(p, {2, 3}, 3);
        QCOMPARE(x.rows, std::size_t(4));
        QCOMPARE(x.cols, std::size_t(3));
        const std::vector<float> expected = {-3, -2, 0, -30, -20, 0, -6, -4, 0, -60, -40, 0};
        QCOMPARE(x.data, expected);
    }

    // On a straight line the change over the next h steps is the slope times h
    // whatever the level, so NLinear forecasts it exactly: x_t + 0.5 (h + 1).
    void nlinearForecastsALineByHand()
    {
        ForecastProblem p;
        p.name = "Line";
        p.length = 60;
        p.channels = 1;
        p.n_targets = 1;
        p.targets = {"v"};
        p.mean = {0.0};
        p.stddev = {1.0};
        for (std::size_t t = 0; t < p.length; ++t) p.inputs.push_back(0.5f * float(t) + 1.0f);
        p.splits = {30, 45, 60};
        const auto scores = nlinear_forecast(p, 4, {2});
        QCOMPARE(scores.name, std::string("nlinear"));
        const auto& h = scores.horizons.at(0);
        const auto test = forecast_origins(45, 60, 4, 2);
        QCOMPARE(h.predictions.rows, test.size());
        for (std::size_t i = 0; i < test.size(); ++i)
            for (int k = 0; k < 2; ++k) {
                const double expected = 0.5 * double(test[i]) + 1.0 + 0.5 * (k + 1);
                QVERIFY2(std::abs(h.predictions.at(i, std::size_t(k)) - expected) < 1e-4,
                         qPrintable(QString("origin %1 step %2: %3 vs %4")
                                        .arg(test[i])
                                        .arg(k)
                                        .arg(h.predictions.at(i, std::size_t(k)))
                                        .arg(expected)));
            }
        QVERIFY(h.mse < 1e-8);
    }
};

QTEST_APPLESS_MAIN(TestForecasting)
#include "test_forecasting.moc"
