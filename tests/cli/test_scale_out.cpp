// Scaling out (train/data_parallel, btsf-cli launch, compare --shard): two
// ranks over loopback Gloo train what one process with the global batch
// trains; a rank that dies makes the other fail fast without touching the
// run; two grid shards on one folder assemble the grid one process writes.
#include "cli_process.h"
#include "io/hdf5_writer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace {
std::vector<double> loss_curve(const QString& folder)
{
    QFile f(folder + "/loss_curve.csv");
    std::vector<double> losses;
    if (!f.open(QIODevice::ReadOnly)) return losses;
    f.readLine();  // header
    while (!f.atEnd()) {
        const auto cells = QString(f.readLine()).trimmed().split(',');
        if (cells.size() == 2) losses.push_back(cells[1].toDouble());
    }
    return losses;
}

// The largest |a - b| / max(1, |a|) over two matrices of one shape (-1: shapes differ).
double max_relative_difference(const btsf::Matrix& a, const btsf::Matrix& b)
{
    if (a.rows != b.rows || a.cols != b.cols || a.data.empty()) return -1;
    double worst = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i)
        worst = std::max(worst, std::abs(double(a.data[i]) - b.data[i]) / std::max(1.0, std::abs(double(a.data[i]))));
    return worst;
}

int free_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

QJsonArray cells_without_timings(const QJsonObject& compare)
{
    QJsonArray cells;
    for (const auto& c : compare["cells"].toArray()) {
        auto cell = c.toObject();
        cell.remove("seconds");
        cells.append(cell);
    }
    return cells;
}
}  // namespace

class TestScaleOut : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // ts2vec draws latent masks and output dropout inside the network and
    // uses overlapping crops; paper forwards both dropout views in one batch.
    void twoRanksTrainWhatOneProcessTrains_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("ts2vec") << "ts2vec";
        QTest::newRow("paper") << "paper";
    }
    void twoRanksTrainWhatOneProcessTrains()
    {
        QFETCH(QString, preset);
        QTemporaryDir tmp;
        const QString one = tmp.path() + "/one", two = tmp.path() + "/two";
        const QStringList train{"classify", "demo:CBF", "--preset", preset, "--iters", "10", "--no-baselines"};
        const auto single = run_cli(train + QStringList{"--threads", "1", "--out", one});
        QVERIFY2(single.code == 0, qPrintable(single.err));
        const auto ranks = run_cli(QStringList{"launch", "--nproc", "2", "--threads-per-rank", "1", "--"} + train +
                                   QStringList{"--out", two});
        QVERIFY2(ranks.code == 0, qPrintable(ranks.err + ranks.out));
        QVERIFY(ranks.out.contains("[rank 1] iter 10/10"));

        const auto a = loss_curve(one), b = loss_curve(two);
        QCOMPARE(a.size(), std::size_t(10));
        QCOMPARE(b.size(), a.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(std::abs(a[i] - b[i]) <= 1e-4 * std::abs(a[i]),
                     qPrintable(QString("iteration %1: %2 vs %3").arg(i + 1).arg(a[i]).arg(b[i])));
        for (const char* split : {"train/representations", "test/representations"}) {
            const auto ra = btsf::read_hdf5_matrix((one + "/representations.h5").toStdString(), split);
            const auto rb = btsf::read_hdf5_matrix((two + "/representations.h5").toStdString(), split);
            const double d = max_relative_difference(ra, rb);
            QVERIFY2(d >= 0 && d <= 1e-4, qPrintable(QString("%1: difference %2").arg(split).arg(d)));
        }
        // Rank 0 alone wrote: no second run, staging or log folder beside it.
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList({"one", "two"}));
    }

    void aRankThatDiesFailsTheOthersFast()
    {
        QTemporaryDir tmp;
        const QString out = tmp.path() + "/run";
        const QStringList train{"classify",  "demo:CBF", "--iters", "400", "--no-baselines",
                                "--threads", "1",        "--out",   out,   "--force"};
        QVERIFY(run_cli({"classify", "demo:CBF", "--iters", "1", "--no-baselines", "--out", out}).code == 0);
        const auto before = read_json(out + "/run.json");
        QVERIFY(!before.isEmpty());

        // Two ranks as torchrun or srun would start them; rank 1 is killed
        // (SIGKILL) after its 5th iteration, and no launcher stops rank 0.
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("WORLD_SIZE", "2");
        env.insert("MASTER_ADDR", "127.0.0.1");
        env.insert("MASTER_PORT", QString::number(free_port()));
        env.insert("BTSF_DIST_TIMEOUT", "60");
        env.insert("BTSF_FAULT_KILL_RANK", "1:5");
        QProcess ranks[2];
        QElapsedTimer clock;
        clock.start();
        for (int r = 0; r < 2; ++r) {
            auto e = env;
            e.insert("RANK", QString::number(r));
            ranks[r].setProcessEnvironment(e);
            ranks[r].start(BTSF_CLI_PATH, train);
        }
        QVERIFY(ranks[1].waitForFinished(120000));
        QCOMPARE(ranks[1].exitStatus(), QProcess::CrashExit);
        QVERIFY(ranks[0].waitForFinished(120000));
        const auto err = QString(ranks[0].readAllStandardError());
        QVERIFY2(ranks[0].exitStatus() == QProcess::NormalExit && ranks[0].exitCode() != 0, qPrintable(err));
        QVERIFY2(err.contains("a collective failed"), qPrintable(err));
        // Well before the collective timeout: the lost peer is seen at once.
        QVERIFY2(clock.elapsed() < 50000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(read_json(out + "/run.json"), before);
        QVERIFY(QFile::exists(out + ".failed/btsf.log"));
    }

    void twoShardsAssembleTheGridOneProcessWrites()
    {
        QTemporaryDir tmp;
        const QString one = tmp.path() + "/one", sharded = tmp.path() + "/sharded";
        const QStringList grid{"compare", "demo:CBF", "demo:TwoPatterns", "--fusion", "temporal,sum", "--seeds", "2",
                               "--iters", "2",        "--threads",        "1"};
        QVERIFY(run_cli(grid + QStringList{"--out", one}).code == 0);
        QProcess shards[2];
        for (int k = 0; k < 2; ++k)
            shards[k].start(BTSF_CLI_PATH, grid + QStringList{"--out", sharded, "--shard", QString("%1/2").arg(k)});
        for (auto& s : shards) {
            QVERIFY(s.waitForFinished(600000));
            QCOMPARE(s.exitCode(), 0);
        }
        QVERIFY2(!QFile::exists(sharded + "/compare.json"), "a shard writes cells only");
        for (int k = 0; k < 2; ++k) {  // each trained its own half: no cell twice, none left out
            QFile log(sharded + QString("/btsf-shard-%1-of-2.log").arg(k));
            QVERIFY(log.open(QIODevice::ReadOnly));
            QCOMPARE(QString(log.readAll()).count(QLatin1String(": accuracy ")), 4);
        }
        const auto cells = QDir(sharded + "/cells").entryList(QDir::Files | QDir::NoDotAndDotDot);
        const auto assemble = run_cli(grid + QStringList{"--out", sharded});
        QVERIFY2(assemble.code == 0, qPrintable(assemble.err));
        QVERIFY2(!assemble.out.contains("seed 0: accuracy"), "assembling trains no cell again");
        const auto a = read_json(one + "/compare.json"), b = read_json(sharded + "/compare.json");
        QCOMPARE(a["cells"].toArray().size(), 8);
        QCOMPARE(cells_without_timings(b), cells_without_timings(a));
        QCOMPARE(b["summary"].toObject(), a["summary"].toObject());
    }

    void badShardsAndLaunchesAreRefused()
    {
        QTemporaryDir tmp;
        for (const auto& shard : {"2/2", "1", "-1/3", "a/b", "0/0", "1/2x"}) {
            const auto r = run_cli({"compare", "demo:CBF", "--out", tmp.path() + "/g", "--shard", shard});
            QVERIFY2(r.code != 0 && r.err.contains("--shard"), qPrintable(QString(shard) + ": " + r.err));
        }
        const auto encode = run_cli({"launch", "--nproc", "2", "--", "encode", "x"});
        QVERIFY2(encode.code != 0 && encode.err.contains("does not train"), qPrintable(encode.err));
        const auto uneven = run_cli({"launch", "--nproc", "3", "--", "classify", "demo:CBF", "--iters", "2",
                                     "--no-baselines", "--out", tmp.path() + "/r"});
        QVERIFY2(uneven.code != 0 && uneven.err.contains("does not divide among 3 ranks"), qPrintable(uneven.err));
        QVERIFY(!QFile::exists(tmp.path() + "/r"));
    }
};

QTEST_MAIN(TestScaleOut)
#include "test_scale_out.moc"
