// Config: presets, JSON round trip, and clear errors for bad keys and values.
#include "model/btsf_config.h"
#include "util/atomic_file.h"
#include "util/build_info.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace btsf;

class TestConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paperPresetIsTheSpec()
    {
        const auto c = preset_config("paper");
        QCOMPARE(c.d, 64);
        QCOMPARE(c.m, 32);
        QCOMPARE(c.l, 5);
        QCOMPARE(c.loops, 3);
        QCOMPARE(c.tau, 0.05);
        QCOMPARE(c.dropout, 0.1);
        QCOMPARE(c.fusion, std::string("iterative"));
        QCOMPARE(c.output_activation, std::string("sigmoid"));
        QCOMPARE(c.representation_dim(), 320);
        QCOMPARE(auto_iterations(100000), 200);
        QCOMPARE(auto_iterations(100001), 600);
    }

    void defaultIsAMeasuredPresetUnderItsOwnName()
    {
        const auto d = preset_config("default");
        QCOMPARE(d.preset, default_preset_name());
        QCOMPARE(config_to_json(d), config_to_json(preset_config(default_preset_name())));
        QVERIFY(default_preset_name() != "default");
        // A file naming preset "default" starts from the same values.
        QCOMPARE(config_to_json(config_from_json(R"({"preset": "default"})", "x.json")), config_to_json(d));
    }

    void ts2vecPresetIsTheirRecipe()
    {
        const auto c = preset_config("ts2vec");
        QCOMPARE(c.representation_dim(), 320);
        QCOMPARE(c.temporal_blocks, 10);
        QCOMPARE(c.latent_mask, 0.5);
        QCOMPARE(c.instance_loss, 0.0);
        QCOMPARE(c.batch_size, 8);
        QVERIFY(c.weight_averaging);
        QVERIFY(!has_bilinear_feature(c));
        QVERIFY(has_bilinear_feature(preset_config("paper")));
        QVERIFY(!has_bilinear_feature(preset_config("sum-fusion")));
    }

    void btsfPresetHasTheBilinearFeatureOnTheTs2vecBase()
    {
        const auto c = preset_config("btsf");
        QVERIFY(has_bilinear_feature(c));
        QCOMPARE(c.pooling, std::string("series"));
        QCOMPARE(c.temporal_out, 320);
        QVERIFY(c.instance_loss > 0 && c.timestamp_loss > 0);
        QCOMPARE(c.representation_dim(), 320 + c.d * c.l);
        QCOMPARE(preset_config("btsf").preset, std::string("btsf"));
    }

    void jsonRoundTrip()
    {
        QTemporaryDir dir;
        auto c = preset_config("sum-fusion");
        c.loops = 1;
        c.fusion = "sum";
        c.tau = 0.2;
        c.seed = 42;
        const auto path = dir.filePath("config.json").toStdString();
        save_config_file(c, path);
        const auto back = load_config_file(path);
        QCOMPARE(config_to_json(back), config_to_json(c));
        QCOMPARE(back.seed, 42ULL);
    }

    // config.json says which program wrote it, and reading it back skips that
    // record; config_to_json (what checkpoints and grid cells compare) does not
    // carry it, so a new commit does not invalidate them.
    void configFileSaysWhoWroteIt()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("config.json").toStdString();
        save_config_file(preset_config("ts2vec"), path);
        const auto text = QByteArray::fromStdString(read_text_file(path));
        const auto written_by = QJsonDocument::fromJson(text).object().value("written_by").toObject();
        QCOMPARE(written_by.value("program").toString(), QString("btsf-workbench"));
        QCOMPARE(written_by.value("version").toString(), QString(program_version()));
        QCOMPARE(written_by.value("commit").toString(), QString(program_commit()));
        QCOMPARE(written_by.value("format_version").toInt(), kFileFormatVersion);
        QVERIFY(!QString(program_commit()).isEmpty());
        QCOMPARE(config_to_json(load_config_file(path)), config_to_json(preset_config("ts2vec")));
        QVERIFY(config_to_json(preset_config("ts2vec")).find("written_by") == std::string::npos);
    }

    void partialFileStartsFromItsPreset()
    {
        const auto c = config_from_json(R"({"preset": "paper", "loops": 0})", "x.json");
        QCOMPARE(c.loops, 0);
        QCOMPARE(c.output_activation, std::string("sigmoid"));
        // Every augmentation parameter is a key, the list-valued one included.
        const auto a =
            config_from_json(R"({"window_warp_scales": [0.25, 4], "wdba_batch": 3, "spawner_sigma": 0})", "a.json");
        QCOMPARE(a.window_warp_scales, (std::vector<double>{0.25, 4.0}));
        QCOMPARE(a.wdba_batch, 3);
        QCOMPARE(a.spawner_sigma, 0.0);
    }

    void badInputNamesTheProblem_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unknown key") << R"({"lops": 2})"
                                     << "lops";
        QTest::newRow("wrong type") << R"({"loops": "three"})"
                                    << "loops";
        QTest::newRow("bad fusion") << R"({"fusion": "magic"})"
                                    << "fusion";
        QTest::newRow("negative tau") << R"({"tau": -1})"
                                      << "tau";
        QTest::newRow("not json") << "{loops"
                                  << "invalid JSON";
        // Found by fuzz_config: a float for a whole-number key was cast unchecked
        // (undefined behaviour for 3e24) or truncated (10.5).
        QTest::newRow("huge seed") << R"({"seed": 3106375759888888800035555})"
                                   << "'seed' must be a whole number";
        QTest::newRow("fractional iters") << R"({"iters": 10.5})"
                                          << "'iters' must be a whole number";
        QTest::newRow("negative seed") << R"({"seed": -1})"
                                       << "'seed' must be a whole number";
        // Found by fuzz_config: nlohmann throws out_of_range, not parse_error, here.
        QTest::newRow("number overflow") << R"({"tau": 46e343})"
                                         << "invalid JSON";
        QTest::newRow("m differs from n") << R"({"m": 16, "n": 32})"
                                          << "must equal m";
        QTest::newRow("bad preset") << R"({"preset": "best"})"
                                    << "preset";
        QTest::newRow("no warp scale") << R"({"window_warp_scales": []})"
                                       << "window_warp_scales";
        QTest::newRow("zero wdba batch") << R"({"wdba_batch": 0})"
                                         << "wdba_batch";
        QTest::newRow("bad readout") << R"({"series_readout": "mean"})"
                                     << "series_readout";
        QTest::newRow("bad bilinear norm") << R"({"bilinear_norm": "batch"})"
                                           << "bilinear_norm";
        QTest::newRow("freq mask of one") << R"({"freq_mask": 1.0})"
                                          << "freq_mask";
        QTest::newRow("negative freq mask") << R"({"freq_mask": -0.1})"
                                            << "freq_mask";
    }
    void badInputNamesTheProblem()
    {
        QFETCH(QString, json);
        QFETCH(QString, needle);
        try {
            config_from_json(json.toStdString(), "cfg.json");
            QFAIL("expected an error");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(needle), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "test_config.moc"
