#pragma once
// Reads a file-backed thing off the GUI thread, one read at a time, for a view
// that shows one thing at once (a run, a forecast horizon). A request made
// while a read runs waits; a newer request replaces it. A user clicking
// through ten runs therefore pays for the first and the last read only, and
// the last one asked for is what ends up on screen.

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

template <typename Key, typename Value>
class LatestRead {
public:
    // A finished read: the key it was asked for, and the value or, when the
    // reader threw, its message.
    struct Outcome {
        Key key;
        std::shared_ptr<Value> value;
        QString error;
    };
    using Reader = std::function<Value(const Key&)>;  // runs on a pool thread; may throw
    using Handler = std::function<void(Outcome)>;     // runs on context's thread

    LatestRead(QObject* context, Reader reader, Handler handler)
        : m_reader(std::move(reader)), m_handler(std::move(handler))
    {
        QObject::connect(&m_watcher, &QFutureWatcher<Outcome>::finished, context, [this] { onFinished(); });
    }
    ~LatestRead() { m_watcher.waitForFinished(); }
    LatestRead(const LatestRead&) = delete;
    LatestRead& operator=(const LatestRead&) = delete;

    void request(Key key)
    {
        if (m_reading)
            m_next = std::move(key);
        else
            start(std::move(key));
    }

    // True from a request until its handler has run (or it was replaced).
    bool reading() const { return m_reading; }

private:
    void start(Key key)
    {
        // Our own flag, not QFuture::isRunning(): between the worker's end and
        // finished() the future no longer runs but its result is not handled.
        m_reading = true;
        m_watcher.setFuture(QtConcurrent::run([reader = m_reader, key = std::move(key)] {
            Outcome outcome{key, nullptr, QString()};
            try {
                outcome.value = std::make_shared<Value>(reader(key));
            } catch (const std::exception& e) {
                outcome.error = QString::fromStdString(e.what());
            } catch (...) {  // never let it reach result() on the GUI thread, which would rethrow
                outcome.error = QStringLiteral("unknown error while reading");
            }
            return outcome;
        }));
    }

    void onFinished()
    {
        if (m_next) {  // the result is already out of date: read what was asked for last
            Key next = std::move(*m_next);
            m_next.reset();
            start(std::move(next));
            return;
        }
        m_reading = false;
        m_handler(m_watcher.result());
    }

    Reader m_reader;
    Handler m_handler;
    QFutureWatcher<Outcome> m_watcher;
    std::optional<Key> m_next;
    bool m_reading = false;
};
