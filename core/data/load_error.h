#pragma once
// The one exception every loader throws on bad input. The message always starts
// with "FILE:LINE: " (or "FILE: " when no line applies) so that the CLI and the GUI
// can show it as is and the user can jump straight to the offending line.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace btsf {

// Text safe for a one-line message: control characters (NUL, ESC, newlines, the
// C1 range) and bytes that are not valid UTF-8 become \xNN; valid UTF-8 stays.
// Inline: the demo datasets throw DataError without linking the loaders.
inline std::string printable(std::string_view text)
{
    static const char* hex = "0123456789abcdef";
    const auto at = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned b = at(i);
        // Length of a valid UTF-8 sequence starting here (not C1 controls, U+0080..U+009F).
        std::size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (b == 0xC2 && at(i + 1) < 0xA0) n = 0;
        for (std::size_t k = 1; k < n; ++k)
            if (i + k >= text.size() || (at(i + k) & 0xC0) != 0x80) n = 0;
        if (b >= 0x20 && b < 0x7F) {
            out += char(b);
            ++i;
        } else if (n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 15];
            ++i;
        }
    }
    return out;
}

class DataError : public std::runtime_error {
public:
    // line is 1-based; 0 means "no particular line" (missing file, empty file).
    DataError(const std::string& file, std::size_t line, const std::string& what)
        : std::runtime_error(format(file, line, what)), m_file(file), m_line(line)
    {
    }

    // For errors that concern no file at all (an unknown demo name, say).
    explicit DataError(const std::string& what) : std::runtime_error(printable(what)) {}

    const std::string& file() const noexcept { return m_file; }
    std::size_t line() const noexcept { return m_line; }

private:
    static std::string format(const std::string& file, std::size_t line, const std::string& what)
    {
        std::string out = file;
        if (line > 0) out += ":" + std::to_string(line);
        out += ": ";
        out += what;
        return printable(out);  // one printable line, whatever the file held
    }

    std::string m_file;
    std::size_t m_line = 0;
};

}  // namespace btsf
