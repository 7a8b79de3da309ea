#pragma once
// Shared by the anomaly-data tests: files written byte by byte in each real
// format (SWaT CSV, NASA .npy + labeled_anomalies.csv, NAB, SMD), and checks
// that a loader throws a DataError naming file and line.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "data/anomaly_data.h"
#include "data/load_error.h"
#include "data/npy_reader.h"
#include "demo_anomaly.h"
#include "error_checks.h"

using btsf::AnomalySeries;
using btsf::DataError;
using Events = std::vector<std::pair<std::size_t, std::size_t>>;
using Labels = std::vector<std::uint8_t>;

namespace {

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

// The fixture files live in one temporary folder per test object.
class AnomalyFixtures {
protected:
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
};
