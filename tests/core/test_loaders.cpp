// Archive readers (.ts, .tsv, .arff), dataset resolution, train/test assembly and
// normalisation. Every fixture is written into a temporary folder by the test.
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

#include "data/dataset_folder.h"
#include "data/load_error.h"
#include "data/normalize.h"
#include "error_checks.h"

using btsf::ClassificationData;
using btsf::DataError;

namespace {

const char* const k_cbf_like_header =
    "@problemName Toy\n@timeStamps false\n@missing false\n@univariate true\n"
    "@equalLength true\n@seriesLength 3\n@classLabel true 1 2\n@data\n";

}  // namespace

class TestLoaders : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Writes `text` to dir/rel (folders created) and returns the full path.
    QString write(const QString& rel, const QByteArray& text)
    {
        const QString path = m_dir.filePath(rel);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture %s", qPrintable(path));
        f.write(text);
        return path;
    }

    ClassificationData load(const QString& path) { return btsf::load_classification(path.toStdString(), ""); }

    // Writes the archive folder `name`: NAME_TRAIN.ext holds `train` and NAME_TEST.ext
    // holds `test` (a copy of train when test is empty). Returns the folder's path, so
    // that one name cannot drift between the two files and the load.
    QString write_split(const QString& name, const QByteArray& train, const QByteArray& test = {},
                        const QString& ext = "ts")
    {
        write(name + "/" + name + "_TRAIN." + ext, train);
        write(name + "/" + name + "_TEST." + ext, test.isEmpty() ? train : test);
        return m_dir.filePath(name);
    }

    // Loads a folder written by write_split(name, train, test, ext); returns the error text.
    QString load_error(const QString& name, const QByteArray& train, const QByteArray& test = {},
                       const QString& ext = "ts")
    {
        const QString folder = write_split(name, train, test, ext);
        return error_of([&] { load(folder); });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // ---- .ts ---------------------------------------------------------------
    void tsUnivariate()
    {
        const QByteArray head(k_cbf_like_header);
        LOAD_OK(ClassificationData, d,
                load(write_split("Uni", head + "1,2,3:1\n4,5,6:2\n7,8,9:1\n", head + "0.5,-1e2,+3:2\n")));
        QCOMPARE(d.name, std::string("Uni"));
        QCOMPARE(d.train.n, std::size_t(3));
        QCOMPARE(d.train.channels, std::size_t(1));
        QCOMPARE(d.train.length, std::size_t(3));
        QCOMPARE(d.test.n, std::size_t(1));
        QCOMPARE(d.class_names, (std::vector<std::string>{"1", "2"}));
        QCOMPARE(d.train.labels, (std::vector<int>{0, 1, 0}));
        QCOMPARE(d.test.labels, (std::vector<int>{1}));
        QCOMPARE(d.train.at(1, 0, 2), 6.0f);
        QCOMPARE(d.test.at(0, 0, 1), -100.0f);
        QCOMPARE(d.test.at(0, 0, 2), 3.0f);
        QVERIFY(!d.has_missing);
        QVERIFY(!d.unequal_length);
    }

    void tsMultivariateStringLabels()
    {
        const QByteArray text =
            "@problemName Mv\n@univariate false\n@dimensions 2\n@equalLength true\n"
            "@seriesLength 2\n@classLabel true walk run\n@data\n"
            "1,2:10,20:run\n3,4:30,40:walk\n";
        LOAD_OK(ClassificationData, d, load(write_split("Mv", text)));
        QCOMPARE(d.train.channels, std::size_t(2));
        // Declared order is kept, not sorted.
        QCOMPARE(d.class_names, (std::vector<std::string>{"walk", "run"}));
        QCOMPARE(d.train.labels, (std::vector<int>{1, 0}));
        QCOMPARE(d.train.at(0, 1, 1), 20.0f);
        QCOMPARE(d.train.at(1, 0, 0), 3.0f);
        QCOMPARE(d.train.at(1, 1, 0), 30.0f);
    }

    void tsUnequalLength()
    {
        // Ragged across series and across the channels of one series; the test split
        // holds the longest series, so the padding length comes from it.
        const QByteArray head =
            "@problemName Uq\n@univariate false\n@dimensions 2\n@equalLength false\n"
            "@classLabel true a b\n@data\n";
        LOAD_OK(ClassificationData, d,
                load(write_split("Uq", head + "1,2,3:4,5:a\n6:7,8:b\n", head + "1,2,3,4,5:1:a\n")));
        QCOMPARE(d.train.length, std::size_t(5));
        QVERIFY(d.unequal_length);
        QVERIFY(!d.has_missing);  // padding is not missing data
        QCOMPARE(d.train.at(0, 0, 2), 3.0f);
        QVERIFY(std::isnan(d.train.at(0, 0, 3)));
        QCOMPARE(d.train.at(0, 1, 1), 5.0f);
        QVERIFY(std::isnan(d.train.at(0, 1, 2)));
        QCOMPARE(d.train.at(1, 0, 0), 6.0f);
        QVERIFY(std::isnan(d.train.at(1, 0, 1)));
        QCOMPARE(d.test.at(0, 0, 4), 5.0f);
        QVERIFY(std::isnan(d.test.at(0, 1, 1)));
    }

    void tsMissingValues()
    {
        const QByteArray text =
            "@problemName M\n@missing true\n@univariate true\n@equalLength true\n@seriesLength 4\n"
            "@classLabel true x y\n@data\n1,?,NaN,4:x\n?,nan,3,4:y\n";
        LOAD_OK(ClassificationData, d, load(write_split("M", text)));
        QVERIFY(d.has_missing);
        QVERIFY(!d.unequal_length);
        QCOMPARE(d.train.at(0, 0, 0), 1.0f);
        QVERIFY(std::isnan(d.train.at(0, 0, 1)));
        QVERIFY(std::isnan(d.train.at(0, 0, 2)));
        QVERIFY(std::isnan(d.train.at(1, 0, 0)));
        QVERIFY(std::isnan(d.train.at(1, 0, 1)));
        QCOMPARE(d.train.at(1, 0, 3), 4.0f);
    }

    void tsUndeclaredNumericLabelsSortNumerically()
    {
        const QByteArray head = "@problemName N\n@univariate true\n@classLabel true\n@data\n";
        LOAD_OK(ClassificationData, d, load(write_split("N", head + "1:10\n2:2\n3:-1\n4:2\n", head + "5:10\n6:2.0\n")));
        QCOMPARE(d.class_names, (std::vector<std::string>{"-1", "2", "10"}));
        QCOMPARE(d.train.labels, (std::vector<int>{2, 1, 0, 1}));
        QCOMPARE(d.test.labels, (std::vector<int>{2, 1}));  // "2.0" matches "2" by value
    }

    void tsCommentsBomCrlf()
    {
        const QByteArray text =
            "\xEF\xBB\xBF# a comment\r\n#@data in a comment is no header\r\n@problemName B\r\n"
            "@univariate true\r\n\r\n@classLabel true p q\r\n# between\r\n@data\r\n"
            "1,2:q\r\n# inside the data\r\n3,4:p\r\n";
        LOAD_OK(ClassificationData, d, load(write_split("B", text)));
        QCOMPARE(d.train.n, std::size_t(2));
        QCOMPARE(d.train.labels, (std::vector<int>{1, 0}));
        QCOMPARE(d.train.at(1, 0, 1), 4.0f);
    }

    // ---- .tsv --------------------------------------------------------------
    void tsvUcr2018()
    {
        // Trailing NaN are the archive's length padding; a NaN inside is missing.
        LOAD_OK(ClassificationData, d,
                load(write_split("T", "2\t1.5\t2.5\t3.5\n1\t4\tNaN\t6\n1\t7\t8\tNaN\n", "1.0000000e+00\t1\t2\t3\n",
                                 "tsv")));
        QCOMPARE(d.class_names, (std::vector<std::string>{"1", "2"}));
        QCOMPARE(d.train.labels, (std::vector<int>{1, 0, 0}));
        QCOMPARE(d.test.labels, (std::vector<int>{0}));
        QCOMPARE(d.train.length, std::size_t(3));
        QCOMPARE(d.train.at(0, 0, 0), 1.5f);
        QVERIFY(std::isnan(d.train.at(1, 0, 1)));
        QVERIFY(std::isnan(d.train.at(2, 0, 2)));
        QVERIFY(d.has_missing);
        QVERIFY(d.unequal_length);
    }

    void tsvCommaSeparated()
    {
        LOAD_OK(ClassificationData, d, load(write_split("C", "a,1,2\nb,3,4\n", "b,5,6\n", "tsv")));
        QCOMPARE(d.class_names, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(d.test.at(0, 0, 1), 6.0f);
        QVERIFY(!d.has_missing);
        QVERIFY(!d.unequal_length);
    }

    // ---- .arff -------------------------------------------------------------
    void arffUnivariate()
    {
        const QByteArray text =
            "% UCR style\n@RELATION Au\n\n@attribute att0 numeric\n@attribute att1 real\n"
            "@attribute att2 NUMERIC\n@attribute target {'1',2}\n\n@data\n1,2,3,2\n4,?,6,'1'\n7,8,?,1\n";
        LOAD_OK(ClassificationData, d, load(write_split("Au", text, {}, "arff")));
        QCOMPARE(d.class_names, (std::vector<std::string>{"1", "2"}));
        QCOMPARE(d.train.labels, (std::vector<int>{1, 0, 0}));
        QCOMPARE(d.train.length, std::size_t(3));
        QCOMPARE(d.train.at(0, 0, 2), 3.0f);
        QVERIFY(std::isnan(d.train.at(1, 0, 1)));
        QVERIFY(d.has_missing);     // the inner '?'
        QVERIFY(d.unequal_length);  // the trailing '?' is padding
        QVERIFY(std::isnan(d.train.at(2, 0, 2)));
    }

    void arffMultivariate()
    {
        const QByteArray text =
            "@relation Am\n@attribute relationalAtt relational\n@attribute t0 numeric\n"
            "@attribute t1 numeric\n@attribute t2 numeric\n@end relationalAtt\n"
            "@attribute activity {Standing,Running}\n@data\n"
            "'1,2,3\\n4,5,6',Running\n'7,8,9\\n10,11,12',Standing\n";
        LOAD_OK(ClassificationData, d, load(write_split("Am", text, {}, "arff")));
        QCOMPARE(d.train.channels, std::size_t(2));
        QCOMPARE(d.train.length, std::size_t(3));
        QCOMPARE(d.class_names, (std::vector<std::string>{"Standing", "Running"}));
        QCOMPARE(d.train.labels, (std::vector<int>{1, 0}));
        QCOMPARE(d.train.at(0, 1, 0), 4.0f);
        QCOMPARE(d.train.at(1, 1, 2), 12.0f);
        QCOMPARE(d.train.at(1, 0, 0), 7.0f);
    }

    // ---- resolution --------------------------------------------------------
    void folderPrefersTsOverTsvOverArff()
    {
        write("P/P_TRAIN.ts", QByteArray(k_cbf_like_header) + "1,1,1:1\n2,2,2:2\n3,3,3:1\n");
        write("P/P_TEST.ts", QByteArray(k_cbf_like_header) + "1,1,1:2\n");
        write("P/P_TRAIN.tsv", "1\t9\t9\n1\t9\t9\n");
        write("P/P_TEST.tsv", "1\t9\t9\n");
        LOAD_OK(ClassificationData, p, load(m_dir.filePath("P")));
        QCOMPARE(p.train.n, std::size_t(3));
        write("Q/Q_TRAIN.arff", "@relation Q\n@attribute a numeric\n@attribute c {x}\n@data\n5,x\n");
        write("Q/Q_TEST.arff", "@relation Q\n@attribute a numeric\n@attribute c {x}\n@data\n6,x\n");
        write("Q/Q_TRAIN.tsv", "x\t1\ny\t2\n");
        write("Q/Q_TEST.tsv", "x\t3\n");
        LOAD_OK(ClassificationData, q, load(m_dir.filePath("Q")));
        QCOMPARE(q.train.n, std::size_t(2));
        LOAD_OK(ClassificationData, q_slash, load(m_dir.filePath("Q") + "/"));
        QCOMPARE(q_slash.name, std::string("Q"));
    }

    void trainFilePathAndBareName()
    {
        write("root/ucr/Bare/Bare_TRAIN.tsv", "1\t1\t2\n2\t3\t4\n");
        write("root/ucr/Bare/Bare_TEST.tsv", "2\t5\t6\n");
        LOAD_OK(ClassificationData, byFile, load(m_dir.filePath("root/ucr/Bare/Bare_TRAIN.tsv")));
        QCOMPARE(byFile.name, std::string("Bare"));
        QCOMPARE(byFile.test.at(0, 0, 0), 5.0f);
        const std::string root = m_dir.filePath("root").toStdString();
        LOAD_OK(ClassificationData, byName, btsf::load_classification("Bare", root));
        QCOMPARE(byName.train.n, std::size_t(2));
        const QString err = error_of([&] { btsf::load_classification("Nowhere", root); });
        QVERIFY2(err.contains("Nowhere") && err.contains("not found") && err.contains("uea"), qPrintable(err));
    }

    void demoPrefix()
    {
        LOAD_OK(ClassificationData, d, btsf::load_classification("demo:CBF", ""));
        QCOMPARE(d.name, std::string("CBF"));
        QCOMPARE(d.test.n, std::size_t(900));
        const QString err = error_of([] { btsf::load_classification("demo:Nope", ""); });
        QVERIFY2(err.contains("unknown demo") && err.contains("TwoPatterns"), qPrintable(err));
    }

    // ---- bad input: every message names the file and the line ---------------
    void wrongHeader()
    {
        const QString err = load_error("H1", "@problemName H1\n@univariate true\n@colour blue\n@data\n1:a\n");
        QVERIFY2(err.startsWith(m_dir.filePath("H1/H1_TRAIN.ts") + ":3: ") && err.contains("@colour"), qPrintable(err));
    }

    void dataBeforeHeader()
    {
        const QString err = load_error("H2", "# only a comment\n1,2,3:1\n");
        QVERIFY2(err.startsWith(m_dir.filePath("H2/H2_TRAIN.ts") + ":2: ") && err.contains("header"), qPrintable(err));
    }

    void missingClassLabelHeader()
    {
        const QString err = load_error("H3", "@problemName H3\n@univariate true\n@data\n1,2:1\n");
        QVERIFY2(err.startsWith(m_dir.filePath("H3/H3_TRAIN.ts") + ":3: ") && err.contains("@classLabel"),
                 qPrintable(err));
    }

    void raggedRowWhereEqualLengthDeclared()
    {
        const QString err = load_error("R", QByteArray(k_cbf_like_header) + "1,2,3:1\n1,2:2\n");
        QVERIFY2(err.startsWith(m_dir.filePath("R/R_TRAIN.ts") + ":10: ") && err.contains("@seriesLength"),
                 qPrintable(err));
        const QString err2 =
            load_error("R2", "@univariate true\n@equalLength true\n@classLabel true a\n@data\n1,2:a\n1,2:a\n3:a\n");
        QVERIFY2(err2.startsWith(m_dir.filePath("R2/R2_TRAIN.ts") + ":7: "), qPrintable(err2));
    }

    void channelCountMismatch()
    {
        const QString err = load_error("Ch", "@dimensions 2\n@classLabel true a\n@data\n1:2:a\n1:2:3:a\n");
        QVERIFY2(err.startsWith(m_dir.filePath("Ch/Ch_TRAIN.ts") + ":5: ") && err.contains("expected 2 channel"),
                 qPrintable(err));
    }

    void trainTestChannelMismatch()
    {
        const QString err =
            load_error("Ct", "@classLabel true a\n@data\n1,2:3,4:a\n", "@classLabel true a\n@data\n\n1,2:a\n");
        QVERIFY2(err.startsWith(m_dir.filePath("Ct/Ct_TEST.ts") + ":4: ") && err.contains("channel"), qPrintable(err));
    }

    void nonNumericValue()
    {
        const QString ts = load_error("V1", QByteArray(k_cbf_like_header) + "1,2,3:1\n1,two,3:2\n");
        QVERIFY2(ts.startsWith(m_dir.filePath("V1/V1_TRAIN.ts") + ":10: ") && ts.contains("'two'"), qPrintable(ts));
        const QString tsv = load_error("V2", "1\t2\t3\n\n1\t2\t3x\n", {}, "tsv");
        QVERIFY2(tsv.startsWith(m_dir.filePath("V2/V2_TRAIN.tsv") + ":3: ") && tsv.contains("'3x'"), qPrintable(tsv));
        const QString arff =
            load_error("V3", "@relation V\n@attribute a numeric\n@attribute c {x}\n@data\n1,x\nabc,x\n", {}, "arff");
        QVERIFY2(arff.startsWith(m_dir.filePath("V3/V3_TRAIN.arff") + ":6: ") && arff.contains("'abc'"),
                 qPrintable(arff));
    }

    void arffRaggedRow()
    {
        const QString err = load_error("Ar",
                                       "@relation A\n@attribute a numeric\n@attribute b numeric\n@attribute c {x}\n"
                                       "@data\n1,2,x\n1,x\n",
                                       {}, "arff");
        QVERIFY2(err.startsWith(m_dir.filePath("Ar/Ar_TRAIN.arff") + ":7: "), qPrintable(err));
    }

    void emptyFile()
    {
        for (const QString ext : {"ts", "tsv", "arff"}) {
            const QString name = "E" + ext;
            const QString err = load_error(name, "", {}, ext);
            QVERIFY2(
                err.startsWith(m_dir.filePath(name + "/" + name + "_TRAIN." + ext) + ": ") && err.contains("empty"),
                qPrintable(err));
        }
        // Header but no series: points at the @data line.
        const QString err = load_error("E2", "@classLabel true a\n@data\n\n");
        QVERIFY2(err.startsWith(m_dir.filePath("E2/E2_TRAIN.ts") + ":2: ") && err.contains("no series"),
                 qPrintable(err));
    }

    void missingTestFileAndFolder()
    {
        write("Mt/Mt_TRAIN.ts", QByteArray(k_cbf_like_header) + "1,2,3:1\n");
        QString err = error_of([&] { load(m_dir.filePath("Mt")); });
        QVERIFY2(err.startsWith(m_dir.filePath("Mt/Mt_TEST.ts") + ": ") && err.contains("missing TEST"),
                 qPrintable(err));
        err = error_of([&] { load(m_dir.filePath("Absent")); });
        QVERIFY2(err.startsWith(m_dir.filePath("Absent") + ": ") && err.contains("no such"), qPrintable(err));
        QDir().mkpath(m_dir.filePath("Hollow"));
        err = error_of([&] { load(m_dir.filePath("Hollow")); });
        QVERIFY2(err.contains("Hollow_TRAIN"), qPrintable(err));
    }

    void unknownTestLabel()
    {
        const QByteArray head = "@univariate true\n@classLabel true\n@data\n";
        QString err = load_error("Ul", head + "1,2:a\n3,4:b\n", head + "1,2:a\n1,2:c\n");
        QVERIFY2(err.startsWith(m_dir.filePath("Ul/Ul_TEST.ts") + ":5: ") && err.contains("'c'") &&
                     err.contains("training set"),
                 qPrintable(err));
        // A declared class table also rejects an undeclared train label.
        err = load_error("Ud", "@classLabel true a b\n@data\n1:a\n2:z\n");
        QVERIFY2(err.startsWith(m_dir.filePath("Ud/Ud_TRAIN.ts") + ":4: ") && err.contains("'z'"), qPrintable(err));
    }

    // ---- normalisation (spec §1) -------------------------------------------
    void normaliseUnivariateGlobal()
    {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        ClassificationData d;
        d.train.n = 2, d.train.channels = 1, d.train.length = 2;
        d.train.values = {1, 3, 2, nan};
        d.test.n = 1, d.test.channels = 1, d.test.length = 2;
        d.test.values = {4, nan};
        const btsf::ZScore z = btsf::normalize_classification(d);
        // mean 2, population std sqrt((1 + 1 + 0) / 3)
        const double sd = std::sqrt(2.0 / 3.0);
        QCOMPARE(z.mean.size(), std::size_t(1));
        QCOMPARE(z.mean[0], 2.0);
        QVERIFY(std::fabs(z.stddev[0] - sd) < 1e-12);
        QVERIFY(std::fabs(d.train.values[0] - (-1.0 / sd)) < 1e-6);
        QVERIFY(std::fabs(d.train.values[1] - (1.0 / sd)) < 1e-6);
        QCOMPARE(d.train.values[2], 0.0f);
        QCOMPARE(d.train.values[3], 0.0f);                         // NaN -> 0
        QVERIFY(std::fabs(d.test.values[0] - (2.0 / sd)) < 1e-6);  // train statistics
        QCOMPARE(d.test.values[1], 0.0f);
        QCOMPARE(d.train.observed, (std::vector<std::uint8_t>{1, 1, 1, 0}));
        QCOMPARE(d.test.observed, (std::vector<std::uint8_t>{1, 0}));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, btsf::apply_zscore(d.train, z));
    }

    void normaliseMultivariatePerChannelAndConstant()
    {
        ClassificationData d;
        d.train.n = 2, d.train.channels = 2, d.train.length = 2;
        // series 0: ch0 {0, 2}, ch1 {7, 7}; series 1: ch0 {2, 0}, ch1 {7, 7}
        d.train.values = {0, 2, 7, 7, 2, 0, 7, 7};
        d.test.n = 1, d.test.channels = 2, d.test.length = 2;
        d.test.values = {3, 1, 8, 6};
        const btsf::ZScore z = btsf::normalize_classification(d);
        QCOMPARE(z.mean, (std::vector<double>{1.0, 7.0}));
        QCOMPARE(z.stddev, (std::vector<double>{1.0, 1.0}));  // ch1 is constant: guarded to 1
        QCOMPARE(d.train.values, (std::vector<float>{-1, 1, 0, 0, 1, -1, 0, 0}));
        QCOMPARE(d.test.values, (std::vector<float>{2, 0, 1, -1}));
        QCOMPARE(d.test.observed, (std::vector<std::uint8_t>{1, 1, 1, 1}));

        // Global fit on the same data would mix the channels: mean 4.
        btsf::SeriesSet s;
        s.n = 1, s.channels = 2, s.length = 2, s.values = {0, 2, 7, 7};
        QCOMPARE(btsf::fit_zscore(s, false).mean, (std::vector<double>{4.0}));
    }

    // ---- the real archives, when present ------------------------------------
    void realArchiveFiles()
    {
        QString root = qEnvironmentVariable("BTSF_DATA_ROOT");
        const QStringList candidates = {
            root, QFileInfo(QStringLiteral(__FILE__)).absolutePath() + "/../../../shared/datasets",
            "../shared/datasets"};
        root.clear();
        for (const QString& c : candidates)
            if (!c.isEmpty() && QDir(c + "/ucr/CBF").exists()) root = c;
        if (root.isEmpty()) QSKIP("no data root with ucr/CBF (set BTSF_DATA_ROOT)");

        LOAD_OK(ClassificationData, cbf, btsf::load_classification("CBF", root.toStdString()));
        QCOMPARE(cbf.train.n, std::size_t(30));
        QCOMPARE(cbf.test.n, std::size_t(900));
        QCOMPARE(cbf.train.length, std::size_t(128));
        QCOMPARE(cbf.class_names.size(), std::size_t(3));
        QVERIFY(!cbf.unequal_length && !cbf.has_missing);

        if (!QDir(root + "/uea/JapaneseVowels").exists()) QSKIP("no uea/JapaneseVowels under the data root");
        LOAD_OK(ClassificationData, jv, btsf::load_classification("JapaneseVowels", root.toStdString()));
        QCOMPARE(jv.train.channels, std::size_t(12));
        QCOMPARE(jv.train.n, std::size_t(270));
        QCOMPARE(jv.test.n, std::size_t(370));
        QCOMPARE(jv.class_names.size(), std::size_t(9));
        QCOMPARE(jv.train.length, std::size_t(29));
        QVERIFY(jv.unequal_length);
        QVERIFY(std::isnan(jv.train.at(0, 0, 28)));  // the first series has 20 steps
        QVERIFY(!std::isnan(jv.train.at(0, 11, 19)));
        btsf::normalize_classification(jv);
        QCOMPARE(jv.train.observed[19], std::uint8_t(1));
        QCOMPARE(jv.train.observed[20], std::uint8_t(0));
    }

    // ---- bad input, by class (issue 14) -------------------------------------

    // Numbers parse as the formats' own readers (numpy, the archives' Java/Python
    // tools) parse them: below float's range is 0, "-nan" is missing; infinity
    // and values above float's range are refused the same way in every format.
    void numbersParseAsTheirFormatsDo()
    {
        LOAD_OK(ClassificationData, tsv, load(write_split("N1", "1\t1e-50\t-nan\t2\n2\t+NaN\t1e-39\t3\n", {}, "tsv")));
        QCOMPARE(tsv.train.at(0, 0, 0), 0.0f);
        QVERIFY(std::isnan(tsv.train.at(0, 0, 1)));
        QVERIFY(std::isnan(tsv.train.at(1, 0, 0)));
        QCOMPARE(tsv.train.at(1, 0, 1), 1e-39f);  // a float denormal, kept
        QVERIFY(tsv.has_missing);
        LOAD_OK(ClassificationData, ts,
                load(write_split("N2", "@classLabel true a b\n@data\n1e-50,-nan,2:a\n1,2,3:b\n")));
        QCOMPARE(ts.train.at(0, 0, 0), 0.0f);
        const QByteArray arff_head =
            "@relation N\n@attribute a numeric\n@attribute b numeric\n@attribute c {x,y}\n@data\n";
        LOAD_OK(ClassificationData, arff, load(write_split("N3", arff_head + "1e-50,-nan,x\n1,2,y\n", {}, "arff")));
        QCOMPARE(arff.train.at(0, 0, 0), 0.0f);
        QVERIFY(std::isnan(arff.train.at(0, 0, 1)));
        for (const char* bad : {"inf", "-Infinity", "1e50"}) {
            const QByteArray b(bad);
            const QString e1 = load_error(QString("I1") + bad, "1\t0.5\t" + b + "\n2\t1\t2\n", {}, "tsv");
            QVERIFY2(e1.contains("_TRAIN.tsv:1: ") && e1.contains(bad), qPrintable(e1));
            const QString e2 = load_error(QString("I2") + bad, "@classLabel true a b\n@data\n1," + b + ":a\n1,2:b\n");
            QVERIFY2(e2.contains("_TRAIN.ts:3: ") && e2.contains(bad), qPrintable(e2));
            const QString e3 = load_error(QString("I3") + bad, arff_head + "1," + b + ",x\n1,2,y\n", {}, "arff");
            QVERIFY2(e3.contains("_TRAIN.arff:6: ") && e3.contains(bad), qPrintable(e3));
        }
    }

    // Messages are one printable line: control characters and NUL bytes of the
    // file are escaped, not echoed to the terminal or cut off.
    void messagesArePrintable()
    {
        const QString err = load_error("C1", QByteArray("1\t0.5\t\x1b[31mred\n2\t1\t2\n", 19), {}, "tsv");
        QVERIFY2(err.startsWith(m_dir.filePath("C1/C1_TRAIN.tsv") + ":1: "), qPrintable(err));
        QVERIFY2(err.contains("\\x1b[31mred"), qPrintable(err));
        const QString nul =
            load_error("C2", QByteArray("1\t0.5\tab\0cd\t1\n2\t1\t2\t3\n", 22).replace("\n2", "\n2"), {}, "tsv");
        QVERIFY2(nul.contains("ab\\x00cd") || nul.contains("NUL"), qPrintable(nul));
        for (const QString& e : {err, nul})
            for (const QChar c : e) QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(e));
        QCOMPARE(QString::fromStdString(btsf::printable("caf\xc3\xa9 \x07")), QString::fromUtf8("café \\x07"));
        QCOMPARE(QString::fromStdString(btsf::printable("\xff\xc2\x85")), QString("\\xff\\xc2\\x85"));
    }

    // A UTF-16 (or UTF-32) file is named as such on its first line.
    void utf16FileIsNamed()
    {
        QByteArray utf16("\xff\xfe", 2);
        for (const char c : QByteArray("1\t0.5\t1\n2\t1\t2\n")) utf16.append(c).append('\0');
        for (const QString ext : {"tsv", "ts", "arff"}) {
            const QString err = load_error("U" + ext, utf16, {}, ext);
            QVERIFY2(err.startsWith(m_dir.filePath("U" + ext + "/U" + ext + "_TRAIN." + ext) + ":1: ") &&
                         err.contains("UTF-16"),
                     qPrintable(err));
        }
        QByteArray no_bom;  // UTF-16 without a BOM: NUL bytes give it away
        for (const char c : QByteArray("1\t0.5\t1\n")) no_bom.append(c).append('\0');
        const QString err = load_error("U2", no_bom, {}, "tsv");
        QVERIFY2(err.contains(":1: ") && err.contains("UTF-16"), qPrintable(err));
    }

    // What cannot be trained on is refused when loading, naming the file (and
    // line): one training series, one class, a series whose values are all missing.
    void untrainableDataIsRefused()
    {
        const QString one = load_error("S1", "1\t0.5\t1\n", "1\t0.5\t1\n2\t1\t2\n", "tsv");
        QVERIFY2(one.startsWith(m_dir.filePath("S1/S1_TRAIN.tsv") + ":1: ") && one.contains("one training series"),
                 qPrintable(one));
        const QString cls = load_error("S2", "1\t0.5\t1\n1\t1\t2\n", "1\t0.5\t1\n", "tsv");
        QVERIFY2(cls.startsWith(m_dir.filePath("S2/S2_TRAIN.tsv") + ": ") && cls.contains("two classes"),
                 qPrintable(cls));
        const QString missing = load_error("S3", "@missing true\n@classLabel true a b\n@data\n1,2:a\n?,?:b\n2,3:a\n");
        QVERIFY2(missing.startsWith(m_dir.filePath("S3/S3_TRAIN.ts") + ":5: ") && missing.contains("missing"),
                 qPrintable(missing));
        const QString test_missing = load_error("S4", "@missing true\n@classLabel true a b\n@data\n1,2:a\n3,4:b\n",
                                                "@missing true\n@classLabel true a b\n@data\nNaN,?:a\n");
        QVERIFY2(test_missing.startsWith(m_dir.filePath("S4/S4_TEST.ts") + ":4: "), qPrintable(test_missing));
    }

    // Found by fuzzing: a header count beyond size_t reached a cast (undefined
    // behaviour); it is refused like any other bad count.
    void hugeHeaderCountIsRefused()
    {
        const QString err = load_error("H1", "@seriesLength 3.7e110\n@classLabel true a b\n@data\n1,2,3:a\n1,2,3:b\n");
        QVERIFY2(err.startsWith(m_dir.filePath("H1/H1_TRAIN.ts") + ":1: ") && err.contains("whole number"),
                 qPrintable(err));
    }

    // Unequal lengths are padded to the longest series, within 8 times the
    // data: one very long series among short ones is refused, naming its line,
    // instead of a padded copy of gigabytes.
    void paddingStaysProportionalToTheData()
    {
        QByteArray train;
        for (int i = 0; i < 120; ++i) train += QByteArray::number(i % 2) + "\t1\t2\t3\n";
        QByteArray test = train;
        QByteArray longest = "1";
        longest.reserve(400000);
        for (int k = 0; k < 150000; ++k) longest += "\t1";
        train += longest + "\n";  // line 121
        const QString err = load_error("L1", train, test, "tsv");
        QVERIFY2(err.startsWith(m_dir.filePath("L1/L1_TRAIN.tsv") + ":121: ") && err.contains("padding"),
                 qPrintable(err));
        // Moderately unequal lengths (as in the UEA archive) load as before.
        LOAD_OK(ClassificationData, ok, load(write_split("L2", "1\t1\t2\t3\t4\n2\t1\t2\n1\t5\n", {}, "tsv")));
        QVERIFY(ok.unequal_length);
    }
};

QTEST_APPLESS_MAIN(TestLoaders)
#include "test_loaders.moc"
