// Anomaly-detection data: every loader on small files written here in the real formats
// (SWaT/WADI CSV with its quirks, NASA .npy + labeled_anomalies.csv, NAB CSV + windows
// JSON, UCR anomaly archive, SMD), their errors with file and line, the dataset names of
// load_anomaly_dataset, the injected-anomaly demo, and the real files when present.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "data/anomaly_data.h"
#include "data/load_error.h"
#include "data/npy_reader.h"
#include "demo_anomaly.h"

using btsf::AnomalySeries;
using btsf::DataError;
using Events = std::vector<std::pair<std::size_t, std::size_t>>;
using Labels = std::vector<std::uint8_t>;

namespace {

// The text of the DataError that f throws, or "" if it throws none.
QString error_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

#define LOAD_OK(var, call)                                         \
    AnomalySeries var;                                             \
    do {                                                           \
        const QString load_err_ = error_of([&] { var = (call); }); \
        QVERIFY2(load_err_.isEmpty(), qPrintable(load_err_));      \
    } while (false)

// Checks that f throws a DataError "WHERE:LINE: ...what..." ("WHERE: " for line 0).
#define EXPECT_ERROR(call, where, line, what)                                                             \
    do {                                                                                                  \
        const QString err_ = error_of([&] { (void)(call); });                                             \
        const QString at_ = (line) > 0 ? QString("%1:%2: ").arg(where).arg(line) : QString(where) + ": "; \
        QVERIFY2(err_.startsWith(at_), qPrintable("expected '" + at_ + "...', got '" + err_ + "'"));      \
        QVERIFY2(err_.contains(what), qPrintable("expected '" + QString(what) + "' in '" + err_ + "'"));  \
    } while (false)

std::string s(const QString& q)
{
    return q.toStdString();
}

// Little-endian bytes of a value, whatever the host.
template <typename T>
QByteArray le_bytes(T v)
{
    unsigned char raw[sizeof(T)];
    std::memcpy(raw, &v, sizeof(T));
    std::uint64_t bits = 0;
    for (std::size_t i = sizeof(T); i-- > 0;) bits = (bits << 8) | raw[i];  // native order -> number (x86: no-op)
    QByteArray out;
    for (std::size_t i = 0; i < sizeof(T); ++i) out.append(static_cast<char>((bits >> (8 * i)) & 0xFF));
    return out;
}

// A .npy file byte by byte: magic, version, header length (2 bytes in 1.0, 4 in 2.0),
// the dict padded with spaces to a multiple of 64 and ended by '\n', then the data.
QByteArray npy(const QByteArray& dict, const QByteArray& data, int major = 1)
{
    const int prefix = major == 1 ? 10 : 12;
    QByteArray header = dict;
    while ((prefix + header.size() + 1) % 64 != 0) header.append(' ');
    header.append('\n');
    QByteArray out("\x93NUMPY", 6);
    out.append(static_cast<char>(major)).append('\0');
    const auto len = static_cast<std::uint32_t>(header.size());
    out.append(major == 1 ? le_bytes(static_cast<std::uint16_t>(len)) : le_bytes(len));
    return out + header + data;
}

template <typename T>
QByteArray values_bytes(const std::vector<T>& v)
{
    QByteArray out;
    for (T x : v) out.append(le_bytes(x));
    return out;
}

QByteArray f8_npy(const std::vector<double>& v, std::size_t rows, std::size_t cols)
{
    return npy(QString("{'descr': '<f8', 'fortran_order': False, 'shape': (%1, %2), }").arg(rows).arg(cols).toUtf8(),
               values_bytes(v));
}

}  // namespace

class TestAnomalyData : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Writes bytes to dir/name (creating folders) and returns the full path.
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture %s", qPrintable(path));
        f.write(bytes);
        return path;
    }

    // A SWaT pair in folder: the given test text and a train file (by default plain, with
    // the sensors FIT101 and LIT101).
    AnomalySeries swat(const QString& folder, const QByteArray& test,
                       const QByteArray& train_text =
                           "Timestamp,FIT101,LIT101,Normal/Attack\n"
                           "22/12/2015 4:00:00 PM,0.5,124.3,Normal\n"
                           "22/12/2015 4:00:01 PM,0.6,124.4,Normal\n")
    {
        const QString train = write(folder + "/train.csv", train_text);
        return btsf::load_swat_csv(s(train), s(write(folder + "/test.csv", test)));
    }

    // NASA fixture under dir/anomaly/smap_msl: channel X-1 with 6 train and 10 test rows
    // of 2 columns (value r*10 + c), and three rows in labeled_anomalies.csv.
    QString nasa_root()
    {
        std::vector<double> train, test;
        for (int r = 0; r < 6; ++r) train.insert(train.end(), {r * 10.0, r * 10.0 + 1});
        for (int r = 0; r < 10; ++r) test.insert(test.end(), {r * 10.0 + 0.5, 1.0});
        write("anomaly/smap_msl/train/X-1.npy", f8_npy(train, 6, 2));
        write("anomaly/smap_msl/test/X-1.npy", f8_npy(test, 10, 2));
        write("anomaly/smap_msl/train/X-2.npy", f8_npy(train, 6, 2));
        write("anomaly/smap_msl/test/X-2.npy", f8_npy(test, 10, 2));
        write("anomaly/smap_msl/labeled_anomalies.csv",
              "chan_id,spacecraft,anomaly_sequences,class,num_values\n"
              "Y-1,SMAP,\"[[1, 2]]\",[point],99\n"
              "X-1,SMAP,\"[[7, 9], [2, 3]]\",\"[point, contextual]\",10\n"
              "X-2,MSL,\"[]\",[],10\n");
        return m_dir.filePath("anomaly/smap_msl");
    }

    // NAB fixture under dir/anomaly/nab: grp/s.csv has 20 rows every 5 minutes from
    // 2014-01-01 00:00:00 (row r at minute 5r, value r).
    QString nab_root(const QByteArray& windows)
    {
        QByteArray csv = "timestamp,value\n";
        for (int r = 0; r < 20; ++r)
            csv += QString("2014-01-01 %1:%2:00,%3\n")
                       .arg(r * 5 / 60, 2, 10, QChar('0'))
                       .arg(r * 5 % 60, 2, 10, QChar('0'))
                       .arg(r)
                       .toUtf8();
        write("anomaly/nab/data/grp/s.csv", csv);
        write("anomaly/nab/labels/combined_windows.json", windows);
        return m_dir.filePath("anomaly/nab");
    }

    QString smd_root()
    {
        write("anomaly/smd/train/machine-1-1.txt", "0.1,0.2,0.3\n0.4,0.5,0.6\n0.7,0.8,0.9\n1,1,1\n");
        write("anomaly/smd/test/machine-1-1.txt", "1,2,3\n4,5,6\n7,8,9\n1,2,3\n4,5,6\n");
        write("anomaly/smd/test_label/machine-1-1.txt", "0\n1\n1\n0\n1\n");
        return m_dir.filePath("anomaly/smd");
    }

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
        LOAD_OK(a, swat("swat1",
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
        LOAD_OK(a, swat("swat2",
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
        LOAD_OK(b, btsf::load_swat_csv(s(train), s(test)));
        QCOMPARE(b.channels, (std::vector<std::string>{"P1", "P2"}));
        QCOMPARE(b.labels, (Labels{0, 1}));

        // WADI: Row/Date/Time columns and "Attack LABLE (1:No Attack, -1:Attack)" holding 1 / -1.
        const QByteArray wadi_header = "Row ,Date ,Time,1_AIT_001_PV,\"Attack LABLE (1:No Attack, -1:Attack)\"\n";
        const QString wtrain = write("wadi/WADI_train.csv", wadi_header + "1,9/10/2017,6:00:00.000 PM,171.1,1\n");
        const QString wtest = write("wadi/WADI_test.csv", wadi_header +
                                                              "1,9/10/2017,6:00:00.000 PM,171.1,1\n"
                                                              "2,9/10/2017,6:00:01.000 PM,171.2,-1\n");
        LOAD_OK(w, btsf::load_swat_csv(s(wtrain), s(wtest)));
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
        LOAD_OK(a, btsf::load_nasa_channel(s(root), "X-1"));
        QCOMPARE(a.name, std::string("X-1"));
        QCOMPARE(a.channels, (std::vector<std::string>{"telemetry", "cmd_1"}));
        QCOMPARE(a.train_length, std::size_t(6));
        QCOMPARE(a.test_length, std::size_t(10));
        QCOMPARE(a.train[5 * 2 + 1], 51.0f);  // row 5, column 1: 5 * 10 + 1
        QCOMPARE(a.test[9 * 2], 90.5f);
        // [[7, 9], [2, 3]]: inclusive and 0-based, listed out of order -> rows 2, 3, 7, 8, 9.
        QCOMPARE(a.labels, (Labels{0, 0, 1, 1, 0, 0, 0, 1, 1, 1}));
        QCOMPARE(a.events, (Events{{2, 3}, {7, 9}}));
        LOAD_OK(b, btsf::load_nasa_channel(s(root), "X-2"));  // "[]": no anomaly
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
    }

    // ---- NAB -----------------------------------------------------------------------
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
        LOAD_OK(a, btsf::load_nab_series(s(root), "grp/s.csv", 0.25));
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
        LOAD_OK(b, btsf::load_nab_series(s(root), "data/grp/s.csv"));
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
        LOAD_OK(a, btsf::load_ucr_anomaly(s(path)));
        QCOMPARE(a.name, std::string("001_Toy_Set"));
        QCOMPARE(a.channels, std::vector<std::string>{"value"});
        QCOMPARE(a.train, (std::vector<float>{1, 2, 3, 4, 5}));
        QCOMPARE(a.test, (std::vector<float>{6, 7, 8, 9, 10, 11, 12}));
        QCOMPARE(a.labels, (Labels{0, 0, 1, 1, 0, 0, 0}));
        QCOMPARE(a.events, (Events{{2, 3}}));
        // The anomaly may end on the last value: 12 -> test row 6.
        LOAD_OK(b, btsf::load_ucr_anomaly(s(write("ucr/002_UCR_Anomaly_Edge_5_12_12.txt",
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
        LOAD_OK(a, btsf::load_smd_machine(s(root), "machine-1-1.txt"));
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
            LOAD_OK(a, btsf::load_anomaly_dataset("nasa:A-1", r));
            QCOMPARE(a.channels_count(), std::size_t(25));
            QCOMPARE(a.train_length, std::size_t(2880));
            QCOMPARE(a.test_length, std::size_t(8640));
            QCOMPARE(a.events, (Events{{4690, 4774}}));
            QCOMPARE(std::count(a.labels.begin(), a.labels.end(), 1), 85L);
            // D-1's range ends on the last test row (8508 of 8509), so the ranges are 0-based inclusive.
            LOAD_OK(d, btsf::load_anomaly_dataset("nasa:D-1", r));
            QCOMPARE(d.events, (Events{{5250, 8508}}));
            QCOMPARE(d.test_length, std::size_t(8509));
        } else if (relative.startsWith("nab")) {
            // nyc_taxi: 10320 rows; train floor(0.15 * 10320) = 1548. The first window starts at
            // 2014-10-30 15:30:00 = file line 5841 = row 5839 -> test 5839 - 1548 = 4291, and ends
            // at 2014-11-03 22:30:00 = row 6045 -> 4497. Five windows in all.
            LOAD_OK(a, btsf::load_anomaly_dataset("nab:realKnownCause/nyc_taxi.csv", r));
            QCOMPARE(a.train_length, std::size_t(1548));
            QCOMPARE(a.test_length, std::size_t(8772));
            QCOMPARE(a.events.size(), std::size_t(5));
            QCOMPARE(a.events.front(), (std::pair<std::size_t, std::size_t>(4291, 4497)));
            QCOMPARE(a.train.front(), 10844.0f);
        } else if (relative.startsWith("ucr")) {
            // 7501 values; train 1200; anomaly 4187..4199 (1-based) -> test 2986..2998.
            LOAD_OK(a, btsf::load_anomaly_dataset("ucr:135", r));
            QCOMPARE(a.name, std::string("135_InternalBleeding16"));
            QCOMPARE(a.train_length, std::size_t(1200));
            QCOMPARE(a.test_length, std::size_t(6301));
            QCOMPARE(a.events, (Events{{2986, 2998}}));
            QVERIFY(std::fabs(a.train.front() - 63.73215f) < 1e-4f);
        } else if (relative.startsWith("smd")) {
            LOAD_OK(a, btsf::load_anomaly_dataset("smd:machine-1-1", r));
            QCOMPARE(a.channels_count(), std::size_t(38));
            QCOMPARE(a.labels.size(), a.test_length);
            QVERIFY(!a.events.empty());
        } else {
            LOAD_OK(a, btsf::load_anomaly_dataset("swat:anomaly/swat", r));
            QVERIFY(a.channels_count() > 10);
            QVERIFY(!a.events.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestAnomalyData)
#include "test_anomaly_data.moc"
