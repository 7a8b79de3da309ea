#pragma once
// The one exception every loader throws on bad input. The message always starts
// with "FILE:LINE: " (or "FILE: " when no line applies) so that the CLI and the GUI
// can show it as is and the user can jump straight to the offending line.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace btsf {

class DataError : public std::runtime_error {
public:
    // line is 1-based; 0 means "no particular line" (missing file, empty file).
    DataError(const std::string& file, std::size_t line, const std::string& what)
        : std::runtime_error(format(file, line, what)), m_file(file), m_line(line)
    {
    }

    // For errors that concern no file at all (an unknown demo name, say).
    explicit DataError(const std::string& what) : std::runtime_error(what) {}

    const std::string& file() const noexcept { return m_file; }
    std::size_t line() const noexcept { return m_line; }

private:
    static std::string format(const std::string& file, std::size_t line, const std::string& what)
    {
        std::string out = file;
        if (line > 0)
            out += ":" + std::to_string(line);
        out += ": ";
        out += what;
        return out;
    }

    std::string m_file;
    std::size_t m_line = 0;
};

}  // namespace btsf
