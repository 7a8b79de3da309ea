// LatestRead: one background read at a time, and the last request wins.
#include "latest_read.h"

#include <QCoreApplication>
#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

// A reader that waits at a gate, so a test decides when each read ends, and
// that records which keys it was asked for.
struct GatedReader {
    QSemaphore gate;
    QMutex mutex;
    std::vector<int> asked;
    std::atomic<int> finished{0};

    int read(int key)
    {
        {
            QMutexLocker lock(&mutex);
            asked.push_back(key);
        }
        gate.acquire();
        ++finished;
        if (key < 0) throw std::runtime_error("bad.ts:7: not a number");
        return key * 10;
    }
    std::vector<int> keys()
    {
        QMutexLocker lock(&mutex);
        return asked;
    }
};

using Reader = LatestRead<int, int>;

}  // namespace

class TestLatestRead : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lastRequestWins()
    {
        GatedReader gated;
        QObject context;
        std::vector<Reader::Outcome> handled;
        Reader reader(
            &context, [&](const int& key) { return gated.read(key); },
            [&](Reader::Outcome outcome) { handled.push_back(std::move(outcome)); });
        // A failed check returns early; open the gate so ~LatestRead's wait ends.
        const auto unblock = qScopeGuard([&] { gated.gate.release(100); });
        reader.request(1);
        QTRY_COMPARE(gated.keys().size(), std::size_t(1));  // 1 is being read
        reader.request(2);
        reader.request(3);  // replaces 2, which is never read
        QVERIFY(reader.reading());
        QTest::qWait(50);
        QCOMPARE(gated.keys().size(), std::size_t(1));  // one read at a time: 3 waits for 1
        gated.gate.release(2);                          // let 1, then 3, finish
        QTRY_COMPARE(handled.size(), std::size_t(1));
        QCOMPARE(gated.keys(), (std::vector<int>{1, 3}));
        QCOMPARE(handled.front().key, 3);  // 1 was out of date when it ended: not handled
        QVERIFY(handled.front().value);
        QCOMPARE(*handled.front().value, 30);
        QVERIFY(handled.front().error.isEmpty());
        QVERIFY(!reader.reading());

        // Idle again: the next request is read at once and handled.
        gated.gate.release();
        reader.request(4);
        QTRY_COMPARE(handled.size(), std::size_t(2));
        QCOMPARE(handled.back().key, 4);
        QCOMPARE(*handled.back().value, 40);
    }

    void aThrowBecomesTheError()
    {
        GatedReader gated;
        gated.gate.release();
        QObject context;
        std::vector<Reader::Outcome> handled;
        Reader reader(
            &context, [&](const int& key) { return gated.read(key); },
            [&](Reader::Outcome outcome) { handled.push_back(std::move(outcome)); });
        reader.request(-1);
        QTRY_COMPARE(handled.size(), std::size_t(1));
        QCOMPARE(handled.front().key, -1);
        QVERIFY(!handled.front().value);
        QCOMPARE(handled.front().error, QStringLiteral("bad.ts:7: not a number"));
    }

    void destructionWaitsForTheRead()
    {
        GatedReader gated;
        bool handled = false;
        std::thread opener;
        const auto join = qScopeGuard([&] {
            gated.gate.release(100);
            if (opener.joinable()) opener.join();
        });
        {
            QObject context;
            Reader reader(
                &context, [&](const int& key) { return gated.read(key); }, [&](Reader::Outcome) { handled = true; });
            reader.request(5);
            // Opened from another thread, later: a check failing here cannot hang the test.
            opener = std::thread([&gated] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                gated.gate.release();
            });
            QTRY_COMPARE(gated.keys().size(), std::size_t(1));
        }                                    // ~LatestRead blocks until the read ends...
        QCOMPARE(gated.finished.load(), 1);  // ...so it has ended here, 300 ms after the request
        QTest::qWait(50);
        QVERIFY(!handled);  // and nobody was left to show it
    }
};

QTEST_GUILESS_MAIN(TestLatestRead)
#include "test_latest_read.moc"
