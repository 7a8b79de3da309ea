#pragma once
// Shared by the loader tests: the message of the exception a call throws, and
// a macro that loads into a new variable and turns any exception into a test
// failure that shows its message (instead of an exception that QtTest rethrows
// and that ends the whole run).
#include <QString>

#include <exception>
#include <functional>

#include "data/load_error.h"

namespace {

// The text of the E that f throws, or "" if it throws none.
template <typename E = btsf::DataError>
QString error_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const E& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

}  // namespace

#define LOAD_OK(Type, var, call)                                                   \
    Type var;                                                                      \
    do {                                                                           \
        const QString load_err_ = error_of<std::exception>([&] { var = (call); }); \
        QVERIFY2(load_err_.isEmpty(), qPrintable(load_err_));                      \
    } while (false)
