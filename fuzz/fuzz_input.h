#pragma once
// Shared by the libFuzzer targets: each loader reads files, so every input is
// written to a file of the right name first. A loader may refuse any input with
// btsf::DataError (one line naming the file); anything else that escapes (another
// exception, a crash, a sanitizer report) is a bug that libFuzzer records.
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "data/load_error.h"

namespace btsf::fuzz {

// A folder of this process under /dev/shm (or the temp folder), made once.
inline const std::filesystem::path& scratch()
{
    static const std::filesystem::path dir = [] {
        std::error_code ec;
        std::filesystem::path base =
            std::filesystem::exists("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
        auto d = base / ("btsf-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

// Writes the input to scratch()/relative and returns the path.
inline std::string write_input(const std::string& relative, const std::uint8_t* data, std::size_t size)
{
    const auto path = scratch() / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path.string();
}

// Runs a loader: DataError is the accepted answer to bad input; its message must
// be one printable line.
template <typename F>
void expect_clean(F&& load)
{
    try {
        load();
    } catch (const DataError& e) {
        for (const char* c = e.what(); *c; ++c)
            if (static_cast<unsigned char>(*c) < 0x20 || *c == 0x7f) {
                std::fprintf(stderr, "DataError message is not printable: %s\n", e.what());
                std::abort();
            }
    }
}

}  // namespace btsf::fuzz
