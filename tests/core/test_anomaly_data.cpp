// Anomaly-detection data, part 2: NAB series and windows, the UCR anomaly
// archive, SMD, the dataset names of load_anomaly_dataset, the injected-anomaly
// demo, and the real files when present.
#include "anomaly_fixtures.h"

class TestAnomalyData : public QObject, private AnomalyFixtures {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void nab()
    {
        // 20 rows, train_fraction 0.25 -> floor(5.0) = 5 train rows (0..4), test rows 5..19.
        // Window 1 covers minutes 5..15 = rows 1..3: wholly in train, dropped.
        // Window 2 covers minutes 17..35: rows 4..7 (row 4 at minute 20) -> clipped to 5..7 -> test 0..2.
        // Window 3 covers minutes 60..70 with a fraction: rows 12..14 -> test 7..9.
        const QString root = nab_root(R"({"grp/s.csv": [
            ["2014-01-01 00:05:00.000000", "2014-01-01 00:15:00.000000"],
            ["2014-01-01 00:17:00.000000", "2014-01-01 00:35:00.000000"],
            ["2014-01-01 01:00:00.000000", "2014-01-01 01:10:00.500000"]], "other.csv": []})");
        LOAD_OK(AnomalySeries, a, btsf::load_nab_series(s(root), "grp/s.csv", 0.25));
        QCOMPARE(a.name, std::string("s"));
        QCOMPARE(a.channels, std::vector<std::string>{"value"});
        QCOMPARE(a.train_length, std::size_t(5));
        QCOMPARE(a.test_length, std::size_t(15));
        QCOMPARE(a.train, (std::vector<float>{0, 1, 2, 3, 4}));
        QCOMPARE(a.test.front(), 5.0f);
        QCOMPARE(a.events, (Events{{0, 2}, {7, 9}}));
        Labels want(15, 0);
        for (std::size_t t : {0, 1, 2, 7, 8, 9}) want[t] = 1;
        QCOMPARE(a.labels, want);
        // Default fraction 0.15: floor(3.0) = 3 train rows; "data/" prefix accepted.
        LOAD_OK(AnomalySeries, b, btsf::load_nab_series(s(root), "data/grp/s.csv"));
        QCOMPARE(b.train_length, std::size_t(3));
        QCOMPARE(b.events, (Events{{0, 0}, {1, 4}, {9, 11}}));

        bool threw = false;
        try {
            btsf::load_nab_series(s(root), "grp/s.csv", 1.0);
        } catch (const std::invalid_argument&) {
            threw = true;
        }
        QVERIFY(threw);
        const QString json = root + "/labels/combined_windows.json";
        nab_root(R"({"grp/other.csv": []})");
        EXPECT_ERROR(btsf::load_nab_series(s(root), "grp/s.csv"), json, 0, "no windows for 'grp/s.csv'");
        nab_root(R"({"grp/s.csv": [["2015-01-01 00:00:00", "2015-01-02 00:00:00"]]})");
        EXPECT_ERROR(btsf::load_nab_series(s(root), "grp/s.csv"), json, 0, "window 1 of 'grp/s.csv': covers no row");
        nab_root(R"({"grp/s.csv": [["2014-01-01 00:00:00", "yesterday"]]})");
        EXPECT_ERROR(btsf::load_nab_series(s(root), "grp/s.csv"), json, 0, "unparseable timestamp");
        nab_root(R"({"grp/s.csv": [["2014-01-01 00:00:00"]]})");
        EXPECT_ERROR(btsf::load_nab_series(s(root), "grp/s.csv"), json, 0, "expected [\"start\", \"end\"]");
        nab_root(R"({"grp/s.csv": [)");
        EXPECT_ERROR(btsf::load_nab_series(s(root), "grp/s.csv"), json, 0, "invalid JSON");
        const QString csv = write("anomaly/nab/data/grp/bad.csv",
                                  "timestamp,value\n2014-01-01 00:00:00,1\n"
                                  "2014-01-01 00:05:00,x\n");
        EXPECT_ERROR(btsf::load_nab_series(s(root), "grp/bad.csv"), csv, 3, "non-numeric value 'x'");
        nab_root(R"({"grp/s.csv": []})");
    }

    // ---- UCR anomaly archive -----------------------------------------------------
    void ucrAnomaly()
    {
        // 12 values, name ..._5_8_9: train = values 1..5 (0-based 0..4); the anomaly is values 8..9
        // 1-based = 0-based 7..8 = test rows 7 - 5 = 2 .. 8 - 5 = 3. Mixed layout: %e with
        // leading blanks, several values on one line, a blank line.
        const QString path = write("ucr/001_UCR_Anomaly_Toy_Set_5_8_9.txt",
                                   "   1.0000000e+00\n   2.0000000e+00\n3 4 5\n\n6\n7\n8\n9\n10\n11\n12\n");
        LOAD_OK(AnomalySeries, a, btsf::load_ucr_anomaly(s(path)));
        QCOMPARE(a.name, std::string("001_Toy_Set"));
        QCOMPARE(a.channels, std::vector<std::string>{"value"});
        QCOMPARE(a.train, (std::vector<float>{1, 2, 3, 4, 5}));
        QCOMPARE(a.test, (std::vector<float>{6, 7, 8, 9, 10, 11, 12}));
        QCOMPARE(a.labels, (Labels{0, 0, 1, 1, 0, 0, 0}));
        QCOMPARE(a.events, (Events{{2, 3}}));
        // The anomaly may end on the last value: 12 -> test row 6.
        LOAD_OK(AnomalySeries, b,
                btsf::load_ucr_anomaly(s(write("ucr/002_UCR_Anomaly_Edge_5_12_12.txt",
                                               "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
                                               "10\n11\n12\n"))));
        QCOMPARE(b.events, (Events{{6, 6}}));

        const auto bad = [&](const QString& name, const QByteArray& text, int line, const QString& what) {
            const QString p = write("ucr/" + name, text);
            EXPECT_ERROR(btsf::load_ucr_anomaly(s(p)), p, line, what);
        };
        const QByteArray twelve = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        bad("noname.txt", twelve, 0, "file name does not follow");
        bad("003_UCR_Anomaly_X_5_8_x9.txt", twelve, 0, "file name does not follow");
        bad("004_UCR_Anomaly_X_5_5_9.txt", twelve, 0, "anomaly 5..9 does not lie in the test part 6..12");
        bad("005_UCR_Anomaly_X_5_8_13.txt", twelve, 0, "does not lie in the test part");
        bad("006_UCR_Anomaly_X_12_13_13.txt", twelve, 0, "train end 12 does not split the 12 values");
        bad("007_UCR_Anomaly_X_5_8_9.txt", "1\n2\n3\n4\nfive\n", 5, "non-numeric value 'five'");
        bad("008_UCR_Anomaly_X_5_8_9.txt", "\n", 0, "empty file");
    }

    // ---- SMD -----------------------------------------------------------------------
    void smd()
    {
        const QString root = smd_root();
        LOAD_OK(AnomalySeries, a, btsf::load_smd_machine(s(root), "machine-1-1.txt"));
        QCOMPARE(a.name, std::string("machine-1-1"));
        QCOMPARE(a.channels, (std::vector<std::string>{"dim_1", "dim_2", "dim_3"}));
        QCOMPARE(a.train_length, std::size_t(4));
        QCOMPARE(a.test_length, std::size_t(5));
        QCOMPARE(a.train[2], 0.3f);
        QCOMPARE(a.test[4 * 3 + 2], 6.0f);
        QCOMPARE(a.labels, (Labels{0, 1, 1, 0, 1}));
        QCOMPARE(a.events, (Events{{1, 2}, {4, 4}}));

        const QString label = root + "/test_label/machine-1-1.txt";
        write("anomaly/smd/test_label/machine-1-1.txt", "0\n1\n2\n0\n1\n");
        EXPECT_ERROR(btsf::load_smd_machine(s(root), "machine-1-1"), label, 3, "label '2' is not 0 or 1");
        write("anomaly/smd/test_label/machine-1-1.txt", "0\n1\n");
        EXPECT_ERROR(btsf::load_smd_machine(s(root), "machine-1-1"), label, 0, "2 labels, but");
        const QString test = write("anomaly/smd/test/machine-1-1.txt", "1,2,3\n4,5\n");
        EXPECT_ERROR(btsf::load_smd_machine(s(root), "machine-1-1"), test, 2, "row has 2 values, the first row has 3");
        write("anomaly/smd/test/machine-1-1.txt", "1,2,3\n4,5,x\n");
        EXPECT_ERROR(btsf::load_smd_machine(s(root), "machine-1-1"), test, 2, "non-numeric value 'x'");
        write("anomaly/smd/test/machine-1-1.txt", "1,2\n");
        EXPECT_ERROR(btsf::load_smd_machine(s(root), "machine-1-1"), test, 1, "2 columns, but");
        EXPECT_ERROR(btsf::load_smd_machine(s(root), "machine-9-9"), root + "/train/machine-9-9.txt", 0,
                     "cannot open file");
        smd_root();
    }

    // ---- load_anomaly_dataset -------------------------------------------------------
    void datasetSpecs()
    {
        const QString nasa = nasa_root(), smd = smd_root();
        const QString nab = nab_root(R"({"grp/s.csv": [["2014-01-01 01:00:00", "2014-01-01 01:10:00"]]})");
        const QString ucr =
            write("anomaly/ucr_anomaly/042_UCR_Anomaly_Toy_5_8_9.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
        swat("anomaly/swat", "Timestamp,FIT101,LIT101,Normal/Attack\nt,1,2,Attack\n");
        const std::string root = s(m_dir.path());
        const auto name_of = [&](const QString& spec) {
            QString err;
            std::string name;
            err = error_of([&] { name = btsf::load_anomaly_dataset(s(spec), root).name; });
            return err.isEmpty() ? QString::fromStdString(name) : "ERROR " + err;
        };
        QCOMPARE(name_of("DEMO:injecteddemo"), QString("InjectedDemo"));
        QCOMPARE(name_of("nasa:X-1"), QString("X-1"));                   // DATA/anomaly/smap_msl
        QCOMPARE(name_of("nasa:" + nasa + ":X-2"), QString("X-2"));      // explicit root
        QCOMPARE(name_of("nasa:anomaly/smap_msl:X-1"), QString("X-1"));  // root relative to DATA
        QCOMPARE(name_of("nab:grp/s.csv"), QString("s"));
        QCOMPARE(name_of("nab:" + nab + ":grp/s.csv"), QString("s"));
        QCOMPARE(name_of("ucr:42"), QString("042_Toy"));
        QCOMPARE(name_of("ucr:042_UCR_Anomaly_Toy_5_8_9"), QString("042_Toy"));
        QCOMPARE(name_of("ucr:" + ucr), QString("042_Toy"));
        QCOMPARE(name_of("smd:machine-1-1"), QString("machine-1-1"));
        QCOMPARE(name_of("smd:" + smd + ":machine-1-1"), QString("machine-1-1"));
        QCOMPARE(name_of("swat:anomaly/swat"), QString("test"));
        // Plain paths, absolute or under DATA.
        QCOMPARE(name_of(m_dir.filePath("anomaly/swat")), QString("test"));
        QCOMPARE(name_of(nasa + "/test/X-1.npy"), QString("X-1"));
        QCOMPARE(name_of("anomaly/smap_msl/train/X-2.npy"), QString("X-2"));
        QCOMPARE(name_of(smd + "/test/machine-1-1.txt"), QString("machine-1-1"));
        QCOMPARE(name_of(nab + "/data/grp/s.csv"), QString("s"));
        QCOMPARE(name_of("anomaly/ucr_anomaly/042_UCR_Anomaly_Toy_5_8_9.txt"), QString("042_Toy"));
        // The NAB form maps its window the same way as load_nab_series.
        QCOMPARE(btsf::load_anomaly_dataset("nab:grp/s.csv", root).events, (Events{{9, 11}}));

        // Unknown forms name the spec.
        QVERIFY(name_of("demo:Nope").contains("InjectedDemo"));
        EXPECT_ERROR(btsf::load_anomaly_dataset("nowhere/at/all", root), "nowhere/at/all", 0, "no such file or folder");
        const QString stray = write("stray.bin", "x");
        EXPECT_ERROR(btsf::load_anomaly_dataset(s(stray), root), stray, 0, "not a recognised anomaly dataset");
        EXPECT_ERROR(btsf::load_anomaly_dataset("nasa:", root), "nasa:", 0, "nothing named after the last ':'");
        EXPECT_ERROR(btsf::load_anomaly_dataset("ucr:77", root), "ucr:77", 0, "no such UCR anomaly file");
        EXPECT_ERROR(btsf::load_anomaly_dataset("swat:no/such", root), "swat:no/such", 0, "not a folder");
        EXPECT_ERROR(btsf::load_anomaly_dataset("swat:anomaly", root), m_dir.filePath("anomaly"), 0,
                     "expected one train CSV");
    }

    // ---- demo ----------------------------------------------------------------------
    // Before any training: splits shorter than the window, or a channel never
    // observed in training, are refused naming the dataset as given.
    void untrainableSeriesAreRefused()
    {
        AnomalySeries s = btsf::demo::injected_anomalies(1);
        QVERIFY(error_of([&] { btsf::check_anomaly_series(s, "demo:InjectedDemo", 100); }).isEmpty());
        QString err = error_of([&] { btsf::check_anomaly_series(s, "demo:InjectedDemo", 5000); });
        QVERIFY2(err.startsWith("demo:InjectedDemo: the training split has 3000 points"), qPrintable(err));
        for (std::size_t t = 0; t < s.train_length; ++t) s.train[t * 2 + 1] = std::nanf("");
        err = error_of([&] { btsf::check_anomaly_series(s, "demo:InjectedDemo", 100); });
        QVERIFY2(err.startsWith("demo:InjectedDemo: channel 'b' has no values"), qPrintable(err));
    }

    void demo()
    {
        using Kind = btsf::demo::InjectedAnomaly::Kind;
        QCOMPARE(btsf::demo::anomaly_demo_names(), std::vector<std::string>{"InjectedDemo"});
        const AnomalySeries a = btsf::demo::injected_anomalies(3);
        const AnomalySeries b = btsf::demo::make_anomaly_demo("injecteddemo", 3);
        QCOMPARE(a.test, b.test);
        QCOMPARE(a.train, b.train);
        QCOMPARE(a.labels, b.labels);
        QVERIFY(a.test != btsf::demo::injected_anomalies(4).test);
        QCOMPARE(btsf::demo::injected_anomalies().test, btsf::demo::injected_anomalies(0).test);
        QCOMPARE(a.name, std::string("InjectedDemo"));
        QCOMPARE(a.channels, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(a.train_length, std::size_t(3000));
        QCOMPARE(a.test_length, std::size_t(3000));

        for (std::uint32_t seed = 0; seed < 5; ++seed) {
            const AnomalySeries d = btsf::demo::injected_anomalies(seed);
            QCOMPARE(d.train.size(), std::size_t(6000));
            QCOMPARE(d.test.size(), std::size_t(6000));
            for (float v : d.train)  // normal: |sine| <= 1 plus noise of sd 0.1
                QVERIFY(std::isfinite(v) && std::fabs(v) < 1.6f);

            const auto layout = btsf::demo::injected_anomaly_layout(seed);
            int count[3] = {0, 0, 0};
            Labels want(3000, 0);
            Events events;
            for (std::size_t i = 0; i < layout.size(); ++i) {
                const auto& an = layout[i];
                ++count[static_cast<int>(an.kind)];
                QVERIFY(an.channel < 2 && an.begin <= an.end && an.end < 2896);
                if (i > 0) QVERIFY(an.begin > layout[i - 1].end + 1);  // apart, so each is its own segment
                for (std::size_t t = an.begin; t <= an.end; ++t) want[t] = 1;
                events.emplace_back(an.begin, an.end);
                const auto x = [&](std::size_t t) { return double(d.test[t * 2 + an.channel]); };
                const std::size_t len = an.end - an.begin + 1;
                if (an.kind == Kind::Spike) {
                    QCOMPARE(len, std::size_t(1));
                    // +-4..6 on a signal that moves < 0.13 per row, plus noise of sd 0.1.
                    QVERIFY2(std::fabs(x(an.begin) - 0.5 * (x(an.begin - 1) + x(an.begin + 1))) > 3.0,
                             "spike too small");
                } else if (an.kind == Kind::LevelShift) {
                    QVERIFY(len >= 60 && len <= 120);
                    // A sine's mean over >= half its period is at most 2/pi ~ 0.64 of its amplitude
                    // (<= 1); the shift is >= 1.5, so |mean| > 0.86.
                    double mean = 0;
                    for (std::size_t t = an.begin; t <= an.end; ++t) mean += x(t) / double(len);
                    QVERIFY2(std::fabs(mean) > 0.8, qPrintable(QString("level shift mean %1").arg(mean)));
                } else {
                    QVERIFY(len >= 100 && len <= 200);
                    // Sign changes (hysteresis 0.3): normal 2 len / period, here 2.5..3.5 times that
                    // less the partial cycles at the ends; require 1.5 times.
                    const double period = an.channel == 0 ? 50.0 : 120.0;
                    int crossings = 0, sign = 0;
                    for (std::size_t t = an.begin; t <= an.end; ++t) {
                        const int now = x(t) > 0.3 ? 1 : x(t) < -0.3 ? -1 : sign;
                        crossings += sign != 0 && now != sign;
                        sign = now;
                    }
                    QVERIFY2(crossings >= 1.5 * 2.0 * double(len) / period,
                             qPrintable(QString("%1 crossings in %2 rows").arg(crossings).arg(len)));
                }
            }
            QCOMPARE(count[0], 4);  // spikes
            QCOMPARE(count[1], 2);  // level shifts
            QCOMPARE(count[2], 2);  // frequency changes
            QCOMPARE(d.labels, want);
            QCOMPARE(d.events, events);
            QCOMPARE(btsf::label_segments(d.labels), d.events);
        }

        const QString err = error_of([] { btsf::demo::make_anomaly_demo("SMAP"); });
        QVERIFY2(err.contains("'SMAP'") && err.contains("InjectedDemo"), qPrintable(err));
    }

    // ---- the real files, when present ------------------------------------------------
    void realData_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::newRow("nasa") << "smap_msl/labeled_anomalies.csv";
        QTest::newRow("nab") << "nab/data/realKnownCause/nyc_taxi.csv";
        QTest::newRow("ucr") << "ucr_anomaly/135_UCR_Anomaly_InternalBleeding16_1200_4187_4199.txt";
        QTest::newRow("smd") << "smd/test/machine-1-1.txt";
        QTest::newRow("swat") << "swat";
    }

    void realData()
    {
        QFETCH(QString, relative);
        const QStringList candidates = {
            qEnvironmentVariable("BTSF_DATA_ROOT"),
            QFileInfo(QStringLiteral(__FILE__)).absolutePath() + "/../../../shared/datasets", "../shared/datasets"};
        QString root;
        for (const QString& c : candidates)
            if (!c.isEmpty() && QFileInfo::exists(c + "/anomaly/" + relative)) root = c;
        if (root.isEmpty()) QSKIP(qPrintable("no anomaly/" + relative + " under the data root (set BTSF_DATA_ROOT)"));
        const std::string r = s(root);

        if (relative.startsWith("smap_msl")) {
            // A-1 (SMAP): train 2880 x 25, test 8640 x 25, one range [[4690, 4774]] = 85 rows.
            LOAD_OK(AnomalySeries, a, btsf::load_anomaly_dataset("nasa:A-1", r));
            QCOMPARE(a.channels_count(), std::size_t(25));
            QCOMPARE(a.train_length, std::size_t(2880));
            QCOMPARE(a.test_length, std::size_t(8640));
            QCOMPARE(a.events, (Events{{4690, 4774}}));
            QCOMPARE(std::count(a.labels.begin(), a.labels.end(), 1), 85L);
            // D-1's range ends on the last test row (8508 of 8509), so the ranges are 0-based inclusive.
            LOAD_OK(AnomalySeries, d, btsf::load_anomaly_dataset("nasa:D-1", r));
            QCOMPARE(d.events, (Events{{5250, 8508}}));
            QCOMPARE(d.test_length, std::size_t(8509));
        } else if (relative.startsWith("nab")) {
            // nyc_taxi: 10320 rows; train floor(0.15 * 10320) = 1548. The first window starts at
            // 2014-10-30 15:30:00 = file line 5841 = row 5839 -> test 5839 - 1548 = 4291, and ends
            // at 2014-11-03 22:30:00 = row 6045 -> 4497. Five windows in all.
            LOAD_OK(AnomalySeries, a, btsf::load_anomaly_dataset("nab:realKnownCause/nyc_taxi.csv", r));
            QCOMPARE(a.train_length, std::size_t(1548));
            QCOMPARE(a.test_length, std::size_t(8772));
            QCOMPARE(a.events.size(), std::size_t(5));
            QCOMPARE(a.events.front(), (std::pair<std::size_t, std::size_t>(4291, 4497)));
            QCOMPARE(a.train.front(), 10844.0f);
        } else if (relative.startsWith("ucr")) {
            // 7501 values; train 1200; anomaly 4187..4199 (1-based) -> test 2986..2998.
            LOAD_OK(AnomalySeries, a, btsf::load_anomaly_dataset("ucr:135", r));
            QCOMPARE(a.name, std::string("135_InternalBleeding16"));
            QCOMPARE(a.train_length, std::size_t(1200));
            QCOMPARE(a.test_length, std::size_t(6301));
            QCOMPARE(a.events, (Events{{2986, 2998}}));
            QVERIFY(std::fabs(a.train.front() - 63.73215f) < 1e-4f);
        } else if (relative.startsWith("smd")) {
            LOAD_OK(AnomalySeries, a, btsf::load_anomaly_dataset("smd:machine-1-1", r));
            QCOMPARE(a.channels_count(), std::size_t(38));
            QCOMPARE(a.labels.size(), a.test_length);
            QVERIFY(!a.events.empty());
        } else {
            LOAD_OK(AnomalySeries, a, btsf::load_anomaly_dataset("swat:anomaly/swat", r));
            QVERIFY(a.channels_count() > 10);
            QVERIFY(!a.events.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestAnomalyData)
#include "test_anomaly_data.moc"
