// The augmentation/ablation grid (spec §10): every augmentation trains,
// cells are configured as the spec says, an interrupted grid resumes without
// retraining, the reports carry the rank statistics, and the
// temporal/spectral agreement counts are consistent.
#include <QtTest>

#include <QTemporaryDir>

#include "demo_datasets.h"
#include "model/augmentations.h"
#include "tasks/branch_agreement.h"
#include "tasks/comparison_grid.h"
#include "train/device.h"
#include "train/trainer.h"
#include "util/atomic_file.h"

#include <nlohmann/json.hpp>

using namespace btsf;

namespace {
BtsfConfig tiny()
{
    BtsfConfig c = preset_config("sum-fusion");
    c.d = 8;
    c.iters = 2;
    c.batch_size = 8;
    return c;
}
}  // namespace

class TestComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { set_thread_count(2); }

    void cellsFollowTheSpec()
    {
        const BtsfConfig base = tiny();
        QCOMPARE(cell_config(base, "jitter", "bilinear", 2).loops, 0);  // bilinear = L 0
        QCOMPARE(cell_config(base, "dropout", "iterative", 0).loops, base.loops);
        BtsfConfig one_shot = base;
        one_shot.loops = 0;
        QCOMPARE(cell_config(one_shot, "dropout", "iterative", 0).loops, BtsfConfig{}.loops);
        QCOMPARE(cell_config(base, "dropout", "spectral", 0).timestamp_loss, 0.0);  // no temporal encoder
        QCOMPARE(cell_config(base, "rgw", "sum", 5).seed, 5ULL);
        const BtsfConfig layerwise = cell_config(base, "layerwise-dropout", "iterative", 0);
        QCOMPARE(layerwise.augmentation, std::string("dropout"));
        QCOMPARE(layerwise.layerwise_dropout, 0.1);
        QCOMPARE(cell_config(base, "dropout", "iterative", 0).layerwise_dropout, 0.0);
        QCOMPARE(grid_augmentation_names().size(), std::size_t{14});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cell_config(base, "mixup", "sum", 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cell_config(base, "dropout", "attention", 0));
    }

    void everyAugmentationTrains()
    {
        ClassificationData cbf = demo::make_demo("CBF");
        std::vector<std::string> names = augmentation_names();
        names.push_back("dropout");
        for (const auto& name : names) {
            BtsfConfig c = tiny();
            c.augmentation = name;
            Trainer trainer(c, 1, "cpu");
            const auto fit = trainer.fit(cbf.train);
            QVERIFY2(std::isfinite(fit.final_loss), name.c_str());
            QCOMPARE(trainer.iteration(), 2);
        }
        // The label-using ones say so when there are no labels.
        ClassificationData unlabelled = cbf;
        unlabelled.train.labels.clear();
        BtsfConfig c = tiny();
        c.augmentation = "wdba";
        Trainer trainer(c, 1, "cpu");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainer.fit(unlabelled.train));
    }

    void gridResumesAndReportsRanks()
    {
        QTemporaryDir dir;
        CompareOptions o;
        o.base = tiny();
        o.datasets = {"demo:CBF", "demo:SyntheticControl"};
        o.augmentations = {"dropout", "jitter"};
        o.fusions = {"sum"};
        o.seeds = 1;
        o.device = "cpu";
        o.out = dir.path().toStdString();
        int trained = 0;
        const auto cells = run_comparison_grid(o, [&](const GridCell&, int, int) { ++trained; });
        QCOMPARE(cells.size(), std::size_t(4));
        QCOMPARE(trained, 4);
        // A second run finds every cell kept and trains nothing.
        trained = 0;
        const auto again = run_comparison_grid(o, [&](const GridCell&, int, int) { ++trained; });
        QCOMPARE(trained, 0);
        QCOMPARE(again.size(), std::size_t(4));
        QCOMPARE(again[1].accuracy, cells[1].accuracy);
        // Interrupted: remove one cell; only that one is trained again.
        QVERIFY(QFile::remove(dir.filePath("cells/CBF/jitter__sum__s0.json")));
        run_comparison_grid(o, [&](const GridCell&, int, int) { ++trained; });
        QCOMPARE(trained, 1);
        // Other options make the kept cells stale: more iterations or another probe train again.
        trained = 0;
        CompareOptions longer = o;
        longer.base.iters += 1;
        longer.datasets = {"demo:CBF"};
        run_comparison_grid(longer, [&](const GridCell&, int, int) { ++trained; });
        QCOMPARE(trained, 2);
        longer.probe = "linear";
        run_comparison_grid(longer, [&](const GridCell&, int, int) { ++trained; });
        QCOMPARE(trained, 4);

        write_comparison_reports(o.out, again, "btsf-cli compare ...");
        const std::string md = read_text_file(o.out + "/compare.md");
        QVERIFY(md.find("Friedman") != std::string::npos);
        QVERIFY(md.find("dropout / sum") != std::string::npos);
        QVERIFY(QFile::exists(dir.filePath("cd-diagram.svg")));
        QVERIFY(QFile::exists(dir.filePath("compare.json")));
    }

    // Two methods with the same accuracies over seeds, in another seed order,
    // must tie exactly: a mean accumulated in seed order differs in the last
    // bit for these values and split the tie.
    void equalCellsTieInTheRanks()
    {
        QTemporaryDir dir;
        const std::vector<double> a = {1.0 / 30, 2.0 / 30, 5.0 / 30};
        std::vector<GridCell> cells;
        for (const char* dataset : {"One", "Two", "Three"})
            for (unsigned long long seed = 0; seed < 3; ++seed) {
                cells.push_back({dataset, "dropout", "sum", seed, a[seed], 0, 0});
                cells.push_back({dataset, "jitter", "sum", seed, a[2 - seed], 0, 0});
                cells.push_back({dataset, "scaling", "sum", seed, 0.5, 0, 0});
            }
        write_comparison_reports(dir.path().toStdString(), cells, "test");
        const auto j = nlohmann::json::parse(read_text_file(dir.filePath("compare.json").toStdString()));
        QCOMPARE(j["summary"]["One"]["dropout / sum"]["mean"].get<double>(),
                 j["summary"]["One"]["jitter / sum"]["mean"].get<double>());
        QCOMPARE(j["ranks"]["dropout / sum"].get<double>(), 2.5);
        QCOMPARE(j["ranks"]["jitter / sum"].get<double>(), 2.5);
        QCOMPARE(j["ranks"]["scaling / sum"].get<double>(), 1.0);
    }

    void branchAgreementCountsAreConsistent()
    {
        ClassificationData cbf = demo::make_demo("CBF");
        BtsfConfig c = tiny();
        c.fusion = "iterative";
        Trainer trainer(c, 1, "cpu");
        trainer.fit(cbf.train);
        const auto a = branch_agreement(trainer, cbf, "linear", 0);
        QCOMPARE(a.n_test, std::size_t(900));
        QVERIFY(a.both_wrong <= std::min(a.temporal_wrong, a.spectral_wrong));
        QVERIFY(std::abs(a.temporal_accuracy - (1.0 - double(a.temporal_wrong) / 900.0)) < 1e-9);
        QVERIFY(std::abs(a.spectral_accuracy - (1.0 - double(a.spectral_wrong) / 900.0)) < 1e-9);
        QVERIFY(a.temporal_accuracy > 0.4);  // better than chance (1/3) even after two steps
        // A temporal-only model has no spectral branch to ask.
        c.fusion = "temporal";
        Trainer temporal_only(c, 1, "cpu");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, temporal_only.encode_branch(cbf.test, "spectral"));
    }
};

QTEST_APPLESS_MAIN(TestComparison)
#include "test_comparison.moc"
