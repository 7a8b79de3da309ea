// A run folder read back as the workbench's run list reads it: round trips of
// every small file, the order of the scores, and errors that name the file
// (and line) when a part is missing or malformed.
#include <QtTest>

#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "io/classification_record.h"
#include "io/grid_record.h"
#include "io/hdf5_writer.h"
#include "io/run_files.h"
#include "io/run_summary.h"
#include "io/run_table.h"
#include "util/atomic_file.h"
#include "util/build_info.h"

using namespace btsf;

namespace {
void write_file(const std::string& path, const std::string& text)
{
    std::ofstream(path) << text;
}

template <typename F>
QString error_of(F&& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A minimal finished run: metrics.json as run_output writes it, and 3 test rows.
void make_run(const std::string& dir)
{
    std::filesystem::create_directories(dir);
    write_file(dir + "/metrics.json", R"({
  "dataset": "Toy", "source": "demo:Toy", "preset": "default", "device": "cpu", "iters": 7,
  "train_seconds": 1.5, "final_loss": 0.25, "class_names": ["a", "b"],
  "accuracy": 0.9, "auprc": 0.8, "probe": "svm",
  "probes": {"svm": {"accuracy": 0.9, "auprc": 0.8, "confusion": [[1, 0], [1, 1]]}},
  "baselines": {"raw": {"probes": {"svm": {"accuracy": 0.5, "auprc": 0.4}}},
                "untrained": {"probes": {"svm": {"accuracy": 0.6, "auprc": 0.5}}}}
})");
    Hdf5Writer h5(dir + "/representations.h5");
    h5.write_matrix("test/representations", Matrix{3, 2, {1, 2, 3, 4, 5, 6}});
    h5.write_ints("test/labels", {0, 1, 1});
    h5.commit();
}
}  // namespace

class TestRunRecord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lossCurveRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("loss_curve.csv").toStdString();
        write_loss_curve(path, {3.5f, 2.25f, 1.0f});
        QCOMPARE(read_text_file(path), std::string("iteration,loss\n1,3.5\n2,2.25\n3,1\n"));
        QCOMPARE(read_loss_curve(path), (std::vector<float>{3.5f, 2.25f, 1.0f}));
        write_file(path, "iteration,loss\n1,3.5\n2,oops\n");
        QCOMPARE(error_of([&] { read_loss_curve(path); }), QString::fromStdString(path + ":3: not a number: 2,oops"));
    }

    void geometryRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("geometry.json").toStdString();
        GeometryReport g;
        g.dropout = 0.1;
        g.alignment = {0.5f, 0.25f};
        g.alignment_mean = 0.375;
        g.uniformity = -1.5;
        g.angles = {0.0f, 3.0f};
        g.labels = {1, 0};
        write_geometry(path, g);
        const GeometryReport back = read_geometry(path);
        QCOMPARE(back.alignment, g.alignment);
        QCOMPARE(back.alignment_mean, 0.375);
        QCOMPARE(back.uniformity, -1.5);
        QCOMPARE(back.angles, g.angles);
        QCOMPARE(back.labels, g.labels);
        write_file(path, "{\"alignment\": [1]}");
        QVERIFY(error_of([&] { read_geometry(path); }).startsWith(QString::fromStdString(path)));
    }

    void tsneRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("tsne.csv").toStdString();
        write_tsne(path, {1.5f, -2.0f, 0.0f, 4.0f}, {0, 1});
        QCOMPARE(read_tsne(path), (std::vector<float>{1.5f, -2.0f, 0.0f, 4.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, write_tsne(path, {1.0f}, {0}));
        write_file(path, "index,x,y,label\n0,1,2,0\n1,x,2,0\n");
        QVERIFY(error_of([&] { read_tsne(path); }).contains(QString::fromStdString(path + ":3:")));
    }

    void readsAWholeRun()
    {
        QTemporaryDir dir;
        const std::string run = dir.filePath("run").toStdString();
        make_run(run);
        write_loss_curve(run + "/loss_curve.csv", {2.0f, 1.0f});
        write_tsne(run + "/tsne.csv", {0, 0, 1, 1, 2, 2}, {0, 1, 1});
        const ClassificationRecord r = read_classification_record(run);
        QCOMPARE(r.dataset, std::string("Toy"));
        QCOMPARE(r.source, std::string("demo:Toy"));
        QCOMPARE(r.iters, 7);
        QCOMPARE(r.class_names, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(r.scores.size(), std::size_t(3));
        QCOMPARE(r.scores[0].name, std::string("btsf"));
        QCOMPARE(r.scores[1].name, std::string("untrained"));
        QCOMPARE(r.scores[2].name, std::string("raw"));
        QCOMPARE(r.scores[2].probes.at(0).accuracy, 0.5);
        QCOMPARE(r.scores[0].probes.at(0).confusion, (std::vector<std::vector<int>>{{1, 0}, {1, 1}}));
        QCOMPARE(r.test_representations.rows, std::size_t(3));
        QCOMPARE(r.test_labels, (std::vector<int>{0, 1, 1}));
        QCOMPARE(r.loss_curve.size(), std::size_t(2));
        QCOMPARE(r.tsne.size(), std::size_t(6));
        QVERIFY(r.geometry.empty());  // optional, absent

        // A t-SNE of another representation (wrong size) is dropped, not mislabelled.
        write_tsne(run + "/tsne.csv", {0, 0}, {0});
        QVERIFY(read_classification_record(run).tsne.empty());
    }

    // Every HDF5 file names the program, version and commit that wrote it on its
    // root group, read here with the HDF5 C API as h5py would.
    void hdf5FilesSayWhoWroteThem()
    {
        QTemporaryDir dir;
        const std::string run = dir.filePath("run").toStdString();
        make_run(run);
        const auto h5 = run + "/representations.h5";
        QCOMPARE(read_hdf5_string_attribute(h5, "program"), std::string("btsf-workbench"));
        QCOMPARE(read_hdf5_string_attribute(h5, "program_version"), std::string(program_version()));
        QCOMPARE(read_hdf5_string_attribute(h5, "program_commit"), std::string(program_commit()));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, read_hdf5_string_attribute(h5, "no_such_attribute"));
        // An integer attribute is not read as a string.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, read_hdf5_string_attribute(h5, "format_version"));
    }

    // The Runs list's one reader of metrics.json, for every task, and a clear
    // error naming the file for a malformed one.
    void runSummaryOfEveryTask()
    {
        QTemporaryDir dir;
        const std::string run = dir.filePath("c").toStdString();
        make_run(run);
        const RunSummary c = read_run_summary(run);
        QCOMPARE(c.task, std::string("classification"));
        QCOMPARE(c.accuracy, 0.9);
        QCOMPARE(c.preset, std::string("default"));
        const std::string f = dir.filePath("f").toStdString();
        std::filesystem::create_directories(f);
        write_file(f + "/metrics.json", R"({"task": "forecasting", "dataset": "ETTh1", "setting": "univariate",
            "horizons": [24, 48], "results": {"24": {"mse": 0.5}, "48": {"mse": 0.7}},
            "written_by": {"commit": "abc1234"}})");
        const RunSummary fs = read_run_summary(f);
        QCOMPARE(fs.first_horizon, 24);
        QCOMPARE(fs.first_mse, 0.5);
        QCOMPARE(fs.commit, std::string("abc1234"));
        const std::string a = dir.filePath("a").toStdString();
        std::filesystem::create_directories(a);
        write_file(a + "/metrics.json", R"({"task": "anomaly", "dataset": "A-1", "point_wise": {"f1": 0.25},
            "point_adjusted": {"f1": 0.75}})");
        const RunSummary as = read_run_summary(a);
        QCOMPARE(as.f1_point_wise, 0.25);
        QCOMPARE(as.f1_point_adjusted, 0.75);
        write_file(a + "/metrics.json", R"({"task": "anomaly", "point_wise": {}})");
        const QString err = error_of([&] { read_run_summary(a); });
        QVERIFY2(err.startsWith(QString::fromStdString(a + "/metrics.json: ")), qPrintable(err));
    }

    // Grid cells: the one writer and reader; a cell counts only for the config
    // and probe that made it, and compare.json lists the cells back.
    void gridCellsRoundTrip()
    {
        QTemporaryDir dir;
        const std::string out = dir.path().toStdString();
        GridCell cell{"CBF", "jitter", "sum", 2};
        cell.accuracy = 0.75;
        cell.auprc = 0.5;
        const std::string path = grid_cell_path(out, cell);
        QCOMPARE(path, out + "/cells/CBF/jitter__sum__s2.json");
        write_grid_cell(path, cell, "svm", R"({"iters": 5})");
        GridCell back{"CBF", "jitter", "sum", 2};
        QVERIFY(read_grid_cell(path, R"({"iters": 5})", "svm", back));
        QCOMPARE(back.accuracy, 0.75);
        QVERIFY(!read_grid_cell(path, R"({"iters": 6})", "svm", back));
        QVERIFY(!read_grid_cell(path, R"({"iters": 5})", "linear", back));
        QVERIFY(!read_grid_cell(out + "/cells/none.json", "{}", "svm", back));
        write_file(path, "{\"accuracy\": ");
        const QString err = error_of([&] { read_grid_cell(path, "{}", "svm", back); });
        QVERIFY2(err.startsWith(QString::fromStdString(path + ": ")), qPrintable(err));

        write_file(out + "/compare.json", R"({"cells": [{"dataset": "CBF", "augmentation": "jitter",
            "fusion": "sum", "seed": 1, "accuracy": 0.5, "auprc": 0.25}]})");
        const auto cells = read_comparison_cells(out + "/compare.json");
        QCOMPARE(cells.size(), std::size_t(1));
        QCOMPARE(cells[0].method(), std::string("jitter / sum"));
        QCOMPARE(cells[0].seed, 1ULL);
        write_file(out + "/compare.json", R"({"summary": {}})");
        QVERIFY(!error_of([&] { read_comparison_cells(out + "/compare.json"); }).isEmpty());
    }

    void missingOrBrokenPartsNameTheFile()
    {
        QTemporaryDir dir;
        const std::string run = dir.filePath("run").toStdString();
        QVERIFY(error_of([&] { read_classification_record(run); }).contains("metrics.json"));
        make_run(run);
        std::filesystem::remove(run + "/representations.h5");
        QVERIFY(error_of([&] { read_classification_record(run); }).contains("representations.h5"));
        make_run(run);
        write_file(run + "/metrics.json", "{\"dataset\": ");
        QVERIFY(
            error_of([&] { read_classification_record(run); }).contains(QString::fromStdString(run + "/metrics.json")));
    }

    void listsFinishedRunsNewestFirst()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        make_run(root + "/older");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        make_run(root + "/newer");
        std::filesystem::create_directories(root + "/unfinished");  // no metrics.json
        const auto runs = list_run_folders(root);
        QCOMPARE(runs.size(), std::size_t(2));
        QVERIFY(QString::fromStdString(runs[0]).endsWith("newer"));
        QVERIFY(QString::fromStdString(runs[1]).endsWith("older"));
        QVERIFY(list_run_folders(root + "/nowhere").empty());
    }

    // Runs side by side: only the config keys that differ, every score once, oracle
    // figures left out, the best value per column the right way round.
    void comparesRunsSideBySide()
    {
        QTemporaryDir dir;
        const std::string a = dir.filePath("a").toStdString(), b = dir.filePath("b").toStdString();
        std::filesystem::create_directories(a);
        std::filesystem::create_directories(b);
        const auto metrics = [](double svm, double raw, double seconds) {
            return std::string("{\"accuracy\": ") + std::to_string(svm) +
                   ", \"svm\": {\"accuracy\": " + std::to_string(svm) +
                   "}, \"probes\": {\"svm\": {\"accuracy\": " + std::to_string(svm) +
                   ", \"c\": 10}}, \"baselines\": {\"raw\": {\"probes\": {\"svm\": {\"accuracy\": " +
                   std::to_string(raw) +
                   "}}}}, \"oracle_best_f1\": {\"f1\": 0.9}, \"train_seconds\": " + std::to_string(seconds) + "}";
        };
        write_file(a + "/metrics.json", metrics(0.8, 0.7, 3));
        write_file(b + "/metrics.json", metrics(0.9, 0.7, 4));
        write_file(a + "/config.json", "{\"preset\": \"ts2vec\", \"seed\": 0, \"lr\": 0.001}");
        write_file(b + "/config.json", "{\"preset\": \"ts2vec\", \"seed\": 1, \"lr\": 0.001}");
        const btsf::RunTable t = btsf::compare_runs({a, b});
        QCOMPARE(t.config_columns, std::size_t(1));
        QCOMPARE(t.columns[1], std::string("seed"));
        const std::vector<std::string> metric_columns(t.columns.begin() + long(t.first_metric()), t.columns.end());
        // Each classification score once (under "probes"), no oracle, no penalty C.
        QCOMPARE(metric_columns, (std::vector<std::string>{"baselines.raw.probes.svm.accuracy", "probes.svm.accuracy",
                                                           "train_seconds"}));
        QCOMPARE(t.text[0][0], std::string("a"));
        QCOMPARE(t.text[1][1], std::string("1"));
        QCOMPARE(t.best_row(1), 1);  // accuracy: higher is better
        QCOMPARE(t.best_row(2), 0);  // seconds: lower is better
        const std::string csv = btsf::run_table_csv(t);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 3L);
        QVERIFY(csv.rfind("run,seed,baselines.raw.probes.svm.accuracy,", 0) == 0);
        QVERIFY(btsf::run_table_text(t).find("0.9000 *") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, btsf::compare_runs({dir.filePath("none").toStdString()}));
    }

    void representationsCsv()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.csv").toStdString();
        write_representations_csv(path, Matrix{1, 2, {1, 2}}, {0}, Matrix{2, 2, {3, 4, 5, 6}}, {1, 0});
        QCOMPARE(read_text_file(path),
                 std::string("index,split,label,r0,r1\n0,train,0,1,2\n0,test,1,3,4\n1,test,0,5,6\n"));
    }
};

QTEST_APPLESS_MAIN(TestRunRecord)
#include "test_run_record.moc"
