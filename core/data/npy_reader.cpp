#include "data/npy_reader.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <string_view>

#include "data/load_error.h"
#include "data/parse_util.h"

namespace btsf {

namespace {

// Little-endian bytes to an unsigned integer, whatever the host's byte order.
std::uint64_t read_le(const unsigned char* p, std::size_t n)
{
    std::uint64_t v = 0;
    for (std::size_t i = n; i-- > 0;) v = (v << 8) | p[i];
    return v;
}

// The value of key in the header's Python dict literal, e.g. "'<f8'", "False", "(2880, 25)".
// Returns an empty view when the key is absent.
std::string_view dict_value(std::string_view header, std::string_view key)
{
    for (const char quote : {'\'', '"'}) {
        const std::string quoted = std::string(1, quote) + std::string(key) + quote;
        std::size_t pos = header.find(quoted);
        if (pos == std::string_view::npos) continue;
        pos = header.find(':', pos + quoted.size());
        if (pos == std::string_view::npos) return {};
        std::string_view rest = parse::trim(header.substr(pos + 1));
        std::size_t end = 0;
        if (!rest.empty() && rest.front() == '(') {
            end = rest.find(')');
            end = end == std::string_view::npos ? rest.size() : end + 1;
        } else if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
            end = rest.find(rest.front(), 1);
            end = end == std::string_view::npos ? rest.size() : end + 1;
        } else {
            end = rest.find_first_of(",}");
            end = end == std::string_view::npos ? rest.size() : end;
        }
        return parse::trim(rest.substr(0, end));
    }
    return {};
}

}  // namespace

NpyArray read_npy(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, 0, "cannot open file");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto fail = [&](const std::string& what) { throw DataError(path, 0, what); };
    const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());

    // Magic "\x93NUMPY", version major.minor, header length (2 bytes in 1.0, 4 after).
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) fail("not a .npy file (no \\x93NUMPY magic)");
    const int major = u[6], minor = u[7];
    if (major < 1 || major > 3) fail("unsupported .npy version " + std::to_string(major) + "." + std::to_string(minor));
    const std::size_t len_bytes = major == 1 ? 2 : 4;
    if (bytes.size() < 8 + len_bytes) fail("truncated .npy header");
    const std::size_t header_len = read_le(u + 8, len_bytes);
    const std::size_t data_at = 8 + len_bytes + header_len;
    if (bytes.size() < data_at) fail("truncated .npy header");
    const std::string_view header(bytes.data() + 8 + len_bytes, header_len);

    NpyArray out;
    const std::string_view descr = dict_value(header, "descr");
    if (descr.size() < 2) fail("no 'descr' in the .npy header");
    out.dtype = std::string(descr.substr(1, descr.size() - 2));
    std::size_t item = 0;
    if (out.dtype == "<f4" || out.dtype == "<i4")
        item = 4;
    else if (out.dtype == "<f8" || out.dtype == "<i8")
        item = 8;
    else
        fail("unsupported dtype '" + out.dtype + "' (supported: <f4, <f8, <i4, <i8)");

    const std::string_view fortran = dict_value(header, "fortran_order");
    if (fortran == "True") fail("fortran_order True is not supported (save with C order)");
    if (fortran != "False") fail("no 'fortran_order' in the .npy header");

    const std::string_view shape = dict_value(header, "shape");
    if (shape.size() < 2 || shape.front() != '(') fail("no 'shape' in the .npy header");
    std::size_t count = 1;
    for (std::string_view f : parse::split(shape.substr(1, shape.size() - 2), ',')) {
        f = parse::trim(f);
        if (f.empty()) continue;  // the trailing comma of "(8640,)"
        std::size_t d = 0;
        if (!parse::parse_whole(f, d)) fail("bad shape " + std::string(shape));
        out.shape.push_back(d);
        if (out.shape.back() > 0 && count > std::numeric_limits<std::size_t>::max() / out.shape.back())
            fail("shape " + std::string(shape) + " is too large");
        count *= out.shape.back();
    }
    if (out.shape.empty() || out.shape.size() > 2) fail("shape " + std::string(shape) + " is not 1-D or 2-D");

    if ((bytes.size() - data_at) / item < count)
        fail("truncated data: shape " + std::string(shape) + " needs " + std::to_string(count) + " x " +
             std::to_string(item) + " bytes, the file has " + std::to_string(bytes.size() - data_at));
    out.values.resize(count);
    const unsigned char* p = u + data_at;
    for (std::size_t i = 0; i < count; ++i, p += item) {
        const std::uint64_t raw = read_le(p, item);
        if (out.dtype == "<f8") {
            double v = 0;
            std::memcpy(&v, &raw, sizeof v);
            out.values[i] = v;
        } else if (out.dtype == "<f4") {
            const auto r32 = static_cast<std::uint32_t>(raw);
            float v = 0;
            std::memcpy(&v, &r32, sizeof v);
            out.values[i] = v;
        } else if (out.dtype == "<i8") {
            std::int64_t v = 0;
            std::memcpy(&v, &raw, sizeof v);
            out.values[i] = static_cast<double>(v);
        } else {
            const auto r32 = static_cast<std::uint32_t>(raw);
            std::int32_t v = 0;
            std::memcpy(&v, &r32, sizeof v);
            out.values[i] = v;
        }
    }
    return out;
}

}  // namespace btsf
