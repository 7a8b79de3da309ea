// btsf-cli end to end: a short run on the CBF demo writes every promised file,
// encode reuses the checkpoint, and malformed input ends in one clear line.
#include "cli_process.h"
#include "io/classification_record.h"
#include "io/hdf5_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
using Result = CliResult;

// "" when `folder` holds one whole run: run.json lists every other file with its
// size (btsf.log may grow after the move), and nothing else is there.
QString whole_run_problem(const QString& folder)
{
    const auto manifest = read_json(folder + "/run.json");
    if (manifest.isEmpty()) return folder + ": no readable run.json";
    QStringList listed;
    for (const auto& f : manifest["files"].toArray()) {
        const auto name = f.toObject()["name"].toString();
        listed << name;
        if (name != "btsf.log" && QFileInfo(folder + "/" + name).size() != f.toObject()["bytes"].toInteger())
            return name + ": size differs from run.json";
    }
    QStringList present = QDir(folder).entryList(QDir::Files);
    present.removeAll("run.json");
    listed.sort();
    present.sort();
    return listed == present ? QString() : "files " + present.join(',') + " vs listed " + listed.join(',');
}
}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classifyDemoWritesTheRunFolder()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("cbf");
        const auto r = run_cli(
            {"classify", "demo:CBF", "--iters", "5", "--out", out, "--probe", "both", "--threads", "2", "--seed", "3"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto m = read_json(out + "/metrics.json");
        QCOMPARE(m["dataset"].toString(), QString("CBF"));
        QCOMPARE(m["iters"].toInt(), 5);
        QCOMPARE(m["seed"].toInt(), 3);
        QCOMPARE(m["probe"].toString(), QString("both"));
        QCOMPARE(m["device"].toString(), QString("cpu"));
        QCOMPARE(m["representation_dim"].toInt(), 320);
        for (const char* probe : {"linear", "svm"}) {
            const double acc = m[probe].toObject()["accuracy"].toDouble(-1);
            QVERIFY2(acc > 0.34 && acc <= 1.0, probe);  // better than chance on 3 classes
            QVERIFY(m[probe].toObject()["auprc"].toDouble(-1) > 0);
        }
        QVERIFY(m["train_seconds"].toDouble(-1) >= 0);
        for (const char* baseline : {"raw", "untrained", "minirocket"}) {
            const auto b = m["baselines"].toObject()[baseline].toObject();
            QVERIFY2(b["accuracy"].toDouble(-1) > 0.34, baseline);
            QVERIFY(b["auprc"].toDouble(-1) > 0);
        }
        // MiniRocket: about 10,000 features, its own ridge classifier beside the probes.
        const auto minirocket = m["baselines"].toObject()["minirocket"].toObject();
        QCOMPARE(minirocket["features"].toInt(), 9996);
        QVERIFY(minirocket["ridge"].toObject()["accuracy"].toDouble(-1) > 0.9);  // CBF: 0.999 measured
        QVERIFY(minirocket["probes"].toObject().contains("ridge"));
        QVERIFY(minirocket["seconds"].toDouble(-1) >= 0);
        QVERIFY(!m["trained_label"].toString().isEmpty());
        // The spec §8 verdict is recorded and agrees with the numbers.
        const auto verdict = m["beats_baselines"].toObject();
        const double svm = m["svm"].toObject()["accuracy"].toDouble();
        const auto base = m["baselines"].toObject();
        QCOMPARE(verdict["raw"].toBool(), svm > base["raw"].toObject()["accuracy"].toDouble());
        QCOMPARE(verdict["untrained"].toBool(), svm > base["untrained"].toObject()["accuracy"].toDouble());
        QVERIFY(QFile::exists(out + "/checkpoint.pt"));
        QVERIFY(QFile::exists(out + "/config.json"));
        QVERIFY(QFile::exists(out + "/btsf.log"));
        // What the workbench's run list reopens: the loss curve, the geometry
        // analysis, and a confusion matrix per probe over the 900 test series.
        const auto record = btsf::read_classification_record(out.toStdString());
        QCOMPARE(int(record.loss_curve.size()), m["iters"].toInt());
        QCOMPARE(record.geometry.alignment.size(), size_t(900));
        QCOMPARE(record.class_names.size(), size_t(3));
        int confused = 0;
        for (const auto& row : record.scores.front().probes.front().confusion)
            for (int v : row) confused += v;
        QCOMPARE(confused, 900);
        QCOMPARE(QString::fromStdString(record.source), QString("demo:CBF"));
        const auto test_r = btsf::read_hdf5_matrix((out + "/representations.h5").toStdString(), "test/representations");
        QCOMPARE(test_r.rows, size_t(900));
        QCOMPARE(test_r.cols, size_t(320));
        QCOMPARE(btsf::read_hdf5_ints((out + "/representations.h5").toStdString(), "train/labels").size(), size_t(30));

        // Every file says which program wrote it, with the commit --version prints.
        const auto version = run_cli({"--version"});
        QCOMPARE(version.code, 0);
        const QString commit = m["written_by"].toObject()["commit"].toString();
        QVERIFY(!commit.isEmpty());
        QVERIFY2(version.out.startsWith("btsf-cli ") && version.out.contains("(commit " + commit + ","),
                 qPrintable(version.out + " / " + commit));
        QCOMPARE(read_json(out + "/config.json")["written_by"].toObject()["commit"].toString(), commit);
        QCOMPARE(QString::fromStdString(
                     btsf::read_hdf5_string_attribute((out + "/representations.h5").toStdString(), "program_commit")),
                 commit);
        // Every dataset says what it is (docs/file-formats.md shows them with h5py).
        const auto rep_h5 = (out + "/representations.h5").toStdString();
        QVERIFY(
            btsf::read_hdf5_string_attribute(rep_h5, "description", "test/representations").find("one row per test") !=
            std::string::npos);
        QVERIFY(btsf::read_hdf5_string_attribute(rep_h5, "description", "train/labels").find("class_names") !=
                std::string::npos);
        QVERIFY(btsf::read_hdf5_string_attribute(rep_h5, "normalisation").find("training split") != std::string::npos);

        // encode with the checkpoint gives the same test representations.
        const QString enc = dir.filePath("enc");
        const auto e = run_cli({"encode", "--checkpoint", out + "/checkpoint.pt", "demo:CBF", "--out", enc});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const auto again = btsf::read_hdf5_matrix((enc + "/representations.h5").toStdString(), "test/representations");
        QCOMPARE(again.data.size(), test_r.data.size());
        for (size_t i = 0; i < again.data.size(); ++i) QVERIFY(std::abs(again.data[i] - test_r.data[i]) < 1e-4f);
    }

    void forecastDemoWritesMetricsAndPredictions()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("fc");
        const auto r = run_cli({"forecast", "demo:SeasonalDemo", "--multivariate", "--iters", "3", "--lookback", "24",
                                "--horizons", "4,8", "--threads", "2", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto m = read_json(out + "/metrics.json");
        QCOMPARE(m["task"].toString(), QString("forecasting"));
        QVERIFY(!m["written_by"].toObject()["commit"].toString().isEmpty());
        QCOMPARE(m["setting"].toString(), QString("multivariate"));
        for (const char* h : {"4", "8"}) {
            const auto res = m["results"].toObject()[h].toObject();
            for (const char* key : {"mse", "mae", "raw_mse", "raw_mae", "alpha"})
                QVERIFY2(res[key].toDouble(-1) > 0, key);
            for (const char* baseline : {"raw", "untrained", "nlinear"})
                QVERIFY2(m["baselines"].toObject()[baseline].toObject()[h].toObject()["mse"].toDouble(-1) > 0,
                         baseline);
        }
        QVERIFY(m["train_seconds"].toDouble(-1) >= 0);
        QVERIFY(QFile::exists(out + "/checkpoint.pt"));
        // Test predictions and truth per horizon: rows x (H * 4 targets).
        const auto truth = btsf::read_hdf5_matrix((out + "/predictions.h5").toStdString(), "h8/truth");
        QCOMPARE(truth.cols, size_t(32));
        QCOMPARE(btsf::read_hdf5_matrix((out + "/predictions.h5").toStdString(), "h8/btsf").rows, truth.rows);
        QCOMPARE(btsf::read_hdf5_matrix((out + "/predictions.h5").toStdString(), "h8/nlinear").cols, truth.cols);
        const auto pred_h5 = (out + "/predictions.h5").toStdString();
        QVERIFY(btsf::read_hdf5_string_attribute(pred_h5, "description", "h8/origins").find("rows t+1 .. t+8") !=
                std::string::npos);
        QVERIFY(btsf::read_hdf5_string_attribute(pred_h5, "units").find("own units") != std::string::npos);
    }

    void detectDemoWritesBothMetricViews()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("ad");
        const auto r = run_cli({"detect", "demo:InjectedDemo", "--iters", "3", "--window", "50", "--threads", "2",
                                "--threshold", "quantile:0.95", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto m = read_json(out + "/metrics.json");
        QCOMPARE(m["task"].toString(), QString("anomaly"));
        QVERIFY(!m["written_by"].toObject()["commit"].toString().isEmpty());
        QCOMPARE(m["threshold_rule"].toString(), QString("quantile:0.95"));
        for (const char* view : {"point_wise", "point_adjusted"}) QVERIFY(m[view].toObject().contains("f1"));
        QVERIFY(m["point_adjusted"].toObject()["recall"].toDouble() >= m["point_wise"].toObject()["recall"].toDouble());
        QVERIFY(m["oracle_best_f1"].toObject().contains("note"));
        QVERIFY(m["baselines"].toObject()["raw"].toObject().contains("point_wise"));
        const auto scores = btsf::read_hdf5_matrix((out + "/scores.h5").toStdString(), "btsf/test_scores");
        QCOMPARE(scores.rows, size_t(3000));
        // Labels and flags are booleans (h5py reads numpy bool arrays), and each
        // detector's group carries its threshold and the rule that set it.
        const auto scores_h5 = (out + "/scores.h5").toStdString();
        QVERIFY(btsf::hdf5_is_bool_dataset(scores_h5, "test/labels"));
        QVERIFY(btsf::hdf5_is_bool_dataset(scores_h5, "btsf/flags"));
        QVERIFY(!btsf::hdf5_is_bool_dataset(scores_h5, "btsf/test_scores"));
        const auto labels = btsf::read_hdf5_ints(scores_h5, "test/labels");
        QCOMPARE(labels.size(), size_t(3000));
        QVERIFY(std::count(labels.begin(), labels.end(), 1) > 0);
        QCOMPARE(btsf::read_hdf5_string_attribute(scores_h5, "threshold_rule", "btsf"), std::string("quantile:0.95"));
        // A bad threshold fails before any training, in one line.
        const auto bad = run_cli({"detect", "demo:InjectedDemo", "--threshold", "median", "--out", out});
        QVERIFY(bad.code != 0);
        QVERIFY(bad.err.contains("sigma:K") && bad.err.count('\n') == 1);
    }

    void malformedInputIsOneLineWithFileAndLine()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("Bad"));
        QFile train(dir.filePath("Bad/Bad_TRAIN.tsv"));
        QVERIFY(train.open(QIODevice::WriteOnly));
        train.write("1\t0.5\t0.25\t1.0\n2\t0.1\tbanana\t0.3\n");
        train.close();
        QFile test(dir.filePath("Bad/Bad_TEST.tsv"));
        QVERIFY(test.open(QIODevice::WriteOnly));
        test.write("1\t0.5\t0.25\t1.0\n");
        test.close();
        const auto r = run_cli({"classify", dir.filePath("Bad"), "--out", dir.filePath("out"), "--iters", "1"});
        QVERIFY(r.code != 0);
        const QStringList lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains("Bad_TRAIN.tsv:2"), qPrintable(lines[0]));
        QVERIFY(!QFile::exists(dir.filePath("out/metrics.json")));
    }

    // A kill at each step of the save leaves the previous whole run or the new
    // whole run in --out, never a mix; the next run in that folder cleans (or
    // undoes) what the kill left.
    void killDuringSaveLeavesAWholeRun_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<bool>("exchange");
        QTest::addColumn<int>("seedLeft");  // the run in --out after the kill
        QTest::newRow("files written") << "before-manifest" << true << 1;
        QTest::newRow("manifest written") << "after-manifest" << true << 1;
        QTest::newRow("swapped in") << "after-swap" << true << 2;
        QTest::newRow("two renames") << "between-renames" << false << 1;  // restored by the next run
    }

    // btsf-cli runs: the Runs list and the comparison table, headless.
    void runsListAndCompare()
    {
        QTemporaryDir dir;
        for (const char* seed : {"1", "2"}) {
            const auto r = run_cli({"classify", "demo:CBF", "--iters", "2", "--no-baselines", "--probe", "linear",
                                    "--seed", seed, "--out", dir.filePath(QStringLiteral("seed") + seed)});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        auto r = run_cli({"runs", "list", dir.path(), "--csv"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QStringList lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);  // the header and two runs
        QCOMPARE(lines[0], QStringLiteral("run,task,dataset,preset,metric,value"));
        QVERIFY(lines[1].startsWith(QLatin1String("seed2,classification,CBF,")));  // newest first
        r = run_cli({"runs", "compare", dir.filePath("seed1"), dir.filePath("seed2"), "--csv"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QStringList header = lines[0].split(',');
        QCOMPARE(header.mid(0, 2), (QStringList{"run", "seed"}));  // the one config key that differs
        QVERIFY(header.contains(QLatin1String("probes.linear.accuracy")));
        QCOMPARE(lines[1].split(',').size(), header.size());
        QCOMPARE(lines[1].split(',').mid(0, 2), (QStringList{"seed1", "1"}));
        r = run_cli({"runs", "compare", dir.filePath("nope")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("nope/metrics.json")), qPrintable(r.err));
    }

    void killDuringSaveLeavesAWholeRun()
    {
        QFETCH(QString, step);
        QFETCH(bool, exchange);
        QFETCH(int, seedLeft);
        QTemporaryDir dir;
        const QString out = dir.filePath("run");
        const QStringList args{"classify",  "demo:CBF", "--iters", "2", "--no-baselines",
                               "--threads", "2",        "--out",   out};
        auto r = run_cli(args + QStringList{"--seed", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(whole_run_problem(out), QString());

        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("BTSF_FAULT_KILL_AT", step);
        env.insert("BTSF_FAULT_NO_EXCHANGE", exchange ? "0" : "1");
        r = run_cli(args + QStringList{"--seed", "2", "--force"}, env);
        QCOMPARE(r.code, -1);  // killed
        if (step != "between-renames") {
            QCOMPARE(whole_run_problem(out), QString());
            QCOMPARE(read_json(out + "/metrics.json")["seed"].toInt(), seedLeft);
        }
        QVERIFY(!QDir(dir.path()).entryList({"run.*"}, QDir::Dirs).isEmpty());  // what the kill left

        // The next run cleans up before it starts, even one that then fails
        // (a wrong path), and the run in --out stays whole.
        r = run_cli({"classify", dir.filePath("nope"), "--out", out, "--force"});
        QVERIFY(r.code != 0);
        QCOMPARE(whole_run_problem(out), QString());
        QCOMPARE(read_json(out + "/metrics.json")["seed"].toInt(), seedLeft);
        QCOMPARE(QDir(dir.path()).entryList({"run.staging-*", "run.replaced-*"}, QDir::Dirs), QStringList());
        // The failed run's log says why, beside the untouched run.
        QFile log(out + ".failed/btsf.log");
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QString text = log.readAll();
        QVERIFY2(text.contains("error: ") && text.contains("nope"), qPrintable(text));
        QVERIFY2(text.contains(step == "between-renames" ? "restored" : "removed"), qPrintable(text));
    }

    // A folder that holds a run is replaced only with --force; a folder of other
    // files never, and compare does not write into a run folder.
    void existingFoldersAreProtected()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("run");
        const QStringList args{"classify",  "demo:CBF", "--iters", "1", "--no-baselines",
                               "--threads", "2",        "--out",   out};
        auto r = run_cli(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto before = read_json(out + "/run.json");
        r = run_cli(args);
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains("--force") && r.err.trimmed().split('\n').size() == 1, qPrintable(r.err));
        QCOMPARE(read_json(out + "/run.json"), before);
        r = run_cli({"compare", "demo:CBF", "--iters", "1", "--out", out});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains("task classification"), qPrintable(r.err));

        const QString mine = dir.filePath("mine");
        QDir().mkpath(mine);
        QFile keep(mine + "/notes.txt");
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("mine");
        keep.close();
        r = run_cli({"classify", "demo:CBF", "--iters", "1", "--out", mine, "--force"});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains("not a run"), qPrintable(r.err));
        QVERIFY(QFile::exists(mine + "/notes.txt"));
    }

    void wrongPathAndBadOptionsFail()
    {
        QTemporaryDir dir;
        auto r = run_cli({"classify", dir.filePath("nope"), "--out", dir.filePath("o")});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains("nope"));
        r = run_cli({"classify", "demo:CBF", "--probe", "knn"});
        QVERIFY(r.code != 0);
        // Asking for CUDA where LibTorch has none is a clear error, not a crash
        // (skipped on a CUDA build, where it would train).
        r = run_cli({"classify", "demo:CBF", "--device", "cuda", "--iters", "1", "--out", dir.filePath("gpu")});
        if (r.code != 0) QVERIFY2(r.err.contains("cuda") && r.err.trimmed().split('\n').size() == 1, qPrintable(r.err));
        // Options are checked before anything runs or any folder is touched.
        for (const QStringList& bad : {QStringList{"detect", "demo:InjectedDemo", "--stride", "-5"},
                                       QStringList{"detect", "demo:InjectedDemo", "--threshold", "sigma:nan"},
                                       QStringList{"detect", "demo:InjectedDemo", "--threshold", "sigma:3abc"},
                                       QStringList{"forecast", "demo:SeasonalDemo", "--horizons", "24,-1"}}) {
            r = run_cli(bad + QStringList{"--iters", "1", "--out", dir.filePath("bad-option")});
            QVERIFY2(r.code != 0 && !r.err.isEmpty(), qPrintable(bad.join(' ')));
            QVERIFY2(!QFileInfo::exists(dir.filePath("bad-option")), qPrintable(bad.join(' ')));
        }
        r = run_cli({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("classify") && r.out.contains("encode"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
