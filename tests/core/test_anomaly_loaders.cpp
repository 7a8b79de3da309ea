// Anomaly-detection data, part 1: label segments, the SWaT/WADI CSV loader with
// its quirks and errors, the .npy reader, and NASA SMAP/MSL channels.
#include <cmath>
#include <limits>
#include "anomaly_fixtures.h"

class TestAnomalyLoaders : public QObject, private AnomalyFixtures {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void labelSegments()
    {
        QCOMPARE(btsf::label_segments({}), Events{});
        QCOMPARE(btsf::label_segments({0, 1, 1, 0, 1, 0, 0, 1, 1}), (Events{{1, 2}, {4, 4}, {7, 8}}));
        QCOMPARE(btsf::label_segments({1, 1, 1}), (Events{{0, 2}}));
    }

    // ---- SWaT / WADI -----------------------------------------------------------
    void swatBasic()
    {
        LOAD_OK(AnomalySeries, a,
                swat("swat1",
                     "Timestamp,FIT101,LIT101,Normal/Attack\n"
                     "28/12/2015 10:00:00 AM,1.5,-2,Normal\n"
                     "28/12/2015 10:00:01 AM,2.5,,Attack\n"
                     "28/12/2015 10:00:02 AM,3.5,NaN,attack\n"
                     "28/12/2015 10:00:03 AM,4.5,7,NORMAL\n"
                     "28/12/2015 10:00:04 AM,5.5,8,1\n"));
        QCOMPARE(a.name, std::string("test"));
        QCOMPARE(a.channels, (std::vector<std::string>{"FIT101", "LIT101"}));
        QCOMPARE(a.train_length, std::size_t(2));
        QCOMPARE(a.test_length, std::size_t(5));
        QCOMPARE(a.train, (std::vector<float>{0.5f, 124.3f, 0.6f, 124.4f}));
        QCOMPARE(a.test[0], 1.5f);
        QCOMPARE(a.test[1], -2.0f);
        QVERIFY(std::isnan(a.test[3]) && std::isnan(a.test[5]));
        QCOMPARE(a.labels, (Labels{0, 1, 1, 0, 1}));
        QCOMPARE(a.events, (Events{{1, 2}, {4, 4}}));
    }

    void swatQuirks()
    {
        // Junk line of commas before the header, blanks around names, "A ttack", CRLF.
        LOAD_OK(AnomalySeries, a,
                swat("swat2",
                     ",,,,\r\n"
                     " Timestamp , FIT101 ,LIT101, MV101, Normal/Attack \r\n"
                     " 28/12/2015 10:00:00 AM,1,2,1, Normal\r\n"
                     " 28/12/2015 10:00:01 AM,1,2,2,A ttack\r\n"
                     " 28/12/2015 10:00:02 AM,1,2,2,Attack\r\n"
                     " 28/12/2015 10:00:03 AM,1,2,1,Normal\r\n",
                     ",,,,\r\n"
                     " Timestamp , FIT101 ,LIT101, MV101, Normal/Attack \r\n"
                     " 22/12/2015 4:00:00 PM,1,2,1,Normal\r\n"));
        QCOMPARE(a.channels, (std::vector<std::string>{"FIT101", "LIT101", "MV101"}));
        QCOMPARE(a.labels, (Labels{0, 1, 1, 0}));
        QCOMPARE(a.events, (Events{{1, 2}}));
        QCOMPARE(a.test.size(), std::size_t(12));

        // A title line instead, a column named "label" holding 0/1, an unnamed time stamp.
        const QString train = write("swat3/SWaT_Normal.csv",
                                    "SWaT Dataset - Normal v1\nwhen,P1,P2,label\n"
                                    "28/12/2015 10:00:00 AM,1,2,0\n");
        const QString test = write("swat3/SWaT_Attack.csv",
                                   "SWaT Dataset - Attack v0\nwhen,P1,P2,label\n"
                                   "28/12/2015 10:00:00 AM,1,2,0\n"
                                   "28/12/2015 10:00:01 AM,1,2,1.0\n");
        LOAD_OK(AnomalySeries, b, btsf::load_swat_csv(s(train), s(test)));
        QCOMPARE(b.channels, (std::vector<std::string>{"P1", "P2"}));
        QCOMPARE(b.labels, (Labels{0, 1}));

        // WADI: Row/Date/Time columns and "Attack LABLE (1:No Attack, -1:Attack)" holding 1 / -1.
        const QByteArray wadi_header = "Row ,Date ,Time,1_AIT_001_PV,\"Attack LABLE (1:No Attack, -1:Attack)\"\n";
        const QString wtrain = write("wadi/WADI_train.csv", wadi_header + "1,9/10/2017,6:00:00.000 PM,171.1,1\n");
        const QString wtest = write("wadi/WADI_test.csv", wadi_header +
                                                              "1,9/10/2017,6:00:00.000 PM,171.1,1\n"
                                                              "2,9/10/2017,6:00:01.000 PM,171.2,-1\n");
        LOAD_OK(AnomalySeries, w, btsf::load_swat_csv(s(wtrain), s(wtest)));
        QCOMPARE(w.channels, std::vector<std::string>{"1_AIT_001_PV"});
        QCOMPARE(w.labels, (Labels{0, 1}));
        QCOMPARE(w.test, (std::vector<float>{171.1f, 171.2f}));
    }

    void swatErrors()
    {
        const QString train = write("swat_err/train.csv", "Timestamp,A,Normal/Attack\nt0,1,Normal\n");
        // Writes a test file and checks the error of loading it with the good train file.
        const auto check = [&](const QString& name, const QByteArray& text, int line, const QString& what) {
            const QString path = write("swat_err/" + name, text);
            EXPECT_ERROR(btsf::load_swat_csv(s(train), s(path)), path, line, what);
        };
        const QString missing = m_dir.filePath("swat_err/nope.csv");
        EXPECT_ERROR(btsf::load_swat_csv(s(train), s(missing)), missing, 0, "cannot open file");
        check("empty.csv", "\n \n", 0, "empty file");
        check("cells.csv", "Timestamp,A,Normal/Attack\nt0,1,Normal\nt1,1\n", 3, "row has 2 cells, the header has 3");
        check("text.csv", "Timestamp,A,Normal/Attack\nt0,1,Normal\n\nt1,x1,Normal\n", 4,
              "non-numeric value 'x1' in column 'A'");
        check("label.csv", "Timestamp,A,Normal/Attack\nt0,1,Normal\nt1,1,Atack\n", 3,
              "unknown label value 'Atack' in column 'Normal/Attack'");
        check("two.csv", "Timestamp,A,Normal/Attack\nt0,1,2\n", 2, "unknown label value '2'");
        check("nolabel.csv", ",,\nTimestamp,A\nt0,1\n", 2, "no label column");
        check("other.csv", "Timestamp,B,Normal/Attack\nt0,1,Normal\n", 1, "sensor 1 is 'B' here, 'A' in");
        check("header_only.csv", "Timestamp,A,Normal/Attack\n", 1, "header but no data rows");
        check("noheader.csv", "1,2,3\n4,5,6\n", 0, "no header line");
        // The train file's labels are ignored but must parse.
        const QString bad_train = write("swat_err/bad_train.csv", "Timestamp,A,Normal/Attack\nt0,1,Maybe\n");
        EXPECT_ERROR(btsf::load_swat_csv(s(bad_train), s(train)), bad_train, 2, "unknown label value 'Maybe'");
    }

    // ---- .npy ------------------------------------------------------------------
    void npyReader()
    {
        // f4, 2 x 3, version 1.0.
        const QString f4 = write("npy/f4.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                                                   values_bytes<float>({1.5f, -2, 3, 4, 5, 6.25f})));
        const btsf::NpyArray a = btsf::read_npy(s(f4));
        QCOMPARE(a.dtype, std::string("<f4"));
        QCOMPARE(a.shape, (std::vector<std::size_t>{2, 3}));
        QCOMPARE(a.values, (std::vector<double>{1.5, -2, 3, 4, 5, 6.25}));
        QCOMPARE(a.rows(), std::size_t(2));
        QCOMPARE(a.cols(), std::size_t(3));
        // f8, 3 x 2, version 2.0 (4-byte header length), double quotes in the dict.
        const QString f8 = write("npy/f8.npy", npy("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (3, 2)}",
                                                   values_bytes<double>({0.1, 1e300, -3, 4, 5, 6}), 2));
        const btsf::NpyArray b = btsf::read_npy(s(f8));
        QCOMPARE(b.shape, (std::vector<std::size_t>{3, 2}));
        QCOMPARE(b.values, (std::vector<double>{0.1, 1e300, -3, 4, 5, 6}));
        // 1-D f8 reads as one column; i8 converts to double.
        const QString one = write("npy/one.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
                                                     values_bytes<double>({1, 2, 3, 4})));
        const btsf::NpyArray c = btsf::read_npy(s(one));
        QCOMPARE(c.rows(), std::size_t(4));
        QCOMPARE(c.cols(), std::size_t(1));
        const QString i8 = write("npy/i8.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                                                   values_bytes<std::int64_t>({-7, 1099511627776})));
        QCOMPARE(btsf::read_npy(s(i8)).values, (std::vector<double>{-7, 1099511627776.0}));

        const auto bad = [&](const QString& name, const QByteArray& bytes, const QString& what) {
            const QString path = write("npy/" + name, bytes);
            EXPECT_ERROR(btsf::read_npy(s(path)), path, 0, what);
        };
        const QByteArray four = values_bytes<double>({1, 2, 3, 4});
        bad("magic.npy", "NUMPY not really", "not a .npy file");
        bad("big.npy", npy("{'descr': '>f8', 'fortran_order': False, 'shape': (4,), }", four),
            "unsupported dtype '>f8'");
        bad("u1.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }", "abcd"), "unsupported dtype");
        bad("fortran.npy", npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", four),
            "fortran_order True");
        bad("3d.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 2), }", four), "is not 1-D or 2-D");
        // Found by fuzzing: a shape beyond size_t reached a cast (undefined behaviour).
        bad("huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (5555555555555555555555, 2), }", four),
            "bad shape");
        bad("short.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", four), "truncated data");
        QByteArray v9 = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", four);
        v9[6] = 9;
        bad("v9.npy", v9, "unsupported .npy version 9.0");
        const QString missing = m_dir.filePath("npy/none.npy");
        EXPECT_ERROR(btsf::read_npy(s(missing)), missing, 0, "cannot open file");
    }

    // ---- NASA SMAP / MSL ---------------------------------------------------------
    void nasa()
    {
        const QString root = nasa_root();
        LOAD_OK(AnomalySeries, a, btsf::load_nasa_channel(s(root), "X-1"));
        QCOMPARE(a.name, std::string("X-1"));
        QCOMPARE(a.channels, (std::vector<std::string>{"telemetry", "cmd_1"}));
        QCOMPARE(a.train_length, std::size_t(6));
        QCOMPARE(a.test_length, std::size_t(10));
        QCOMPARE(a.train[5 * 2 + 1], 51.0f);  // row 5, column 1: 5 * 10 + 1
        QCOMPARE(a.test[9 * 2], 90.5f);
        // [[7, 9], [2, 3]]: inclusive and 0-based, listed out of order -> rows 2, 3, 7, 8, 9.
        QCOMPARE(a.labels, (Labels{0, 0, 1, 1, 0, 0, 0, 1, 1, 1}));
        QCOMPARE(a.events, (Events{{2, 3}, {7, 9}}));
        LOAD_OK(AnomalySeries, b, btsf::load_nasa_channel(s(root), "X-2"));  // "[]": no anomaly
        QCOMPARE(b.labels, Labels(10, 0));
        QVERIFY(b.events.empty());

        const QString csv = root + "/labeled_anomalies.csv";
        EXPECT_ERROR(btsf::load_nasa_channel(s(root), "Z-9"), csv, 0, "no row for channel 'Z-9'");
        EXPECT_ERROR(btsf::load_nasa_channel(s(root), "Y-1"), root + "/train/Y-1.npy", 0, "cannot open file");
        const auto with_row = [&](const QByteArray& row) {
            write("anomaly/smap_msl/labeled_anomalies.csv",
                  "chan_id,spacecraft,anomaly_sequences,class,num_values\nY-1,SMAP,[],[],1\n" + row);
            return [root] { btsf::load_nasa_channel(s(root), "X-1"); };
        };
        EXPECT_ERROR(with_row("X-1,SMAP,\"[[7, 9]]\",[point],11\n")(), csv, 3, "num_values 11");
        EXPECT_ERROR(with_row("X-1,SMAP,\"[[7, 10]]\",[point],10\n")(), csv, 3, "anomaly range [7, 10] is not inside");
        EXPECT_ERROR(with_row("X-1,SMAP,\"[[9, 7]]\",[point],10\n")(), csv, 3, "anomaly range [9, 7]");
        EXPECT_ERROR(with_row("X-1,SMAP,\"[[7; 9]]\",[point],10\n")(), csv, 3, "malformed anomaly_sequences");
        EXPECT_ERROR(with_row("X-1,SMAP,\"[[7, 9]]\"\n")(), csv, 3, "row has 3 cells");
        nasa_root();  // restore

        // Non-finite values are treated as the text loaders treat them: NaN is a
        // missing value, infinity (or a double beyond float's range) is refused,
        // naming the file, row and column.
        std::vector<double> test;
        for (int r = 0; r < 10; ++r) test.insert(test.end(), {r * 10.0 + 0.5, 1.0});
        test[3 * 2] = std::nan("");
        write("anomaly/smap_msl/test/X-1.npy", f8_npy(test, 10, 2));
        LOAD_OK(AnomalySeries, nan_ok, btsf::load_nasa_channel(s(root), "X-1"));
        QVERIFY(std::isnan(nan_ok.test[3 * 2]));
        for (const double bad : {std::numeric_limits<double>::infinity(), 1e300}) {
            test[4 * 2 + 1] = bad;
            write("anomaly/smap_msl/test/X-1.npy", f8_npy(test, 10, 2));
            EXPECT_ERROR(btsf::load_nasa_channel(s(root), "X-1"), root + "/test/X-1.npy", 0, "row 5, column 2");
        }
        nasa_root();
    }

    // ---- NAB -----------------------------------------------------------------------
};

QTEST_APPLESS_MAIN(TestAnomalyLoaders)
#include "test_anomaly_loaders.moc"
