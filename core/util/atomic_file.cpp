#include "util/atomic_file.h"

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace btsf {

void write_atomically(const std::string& path, const std::function<void(const std::string&)>& write)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    // The pid keeps two processes writing the same run folder from sharing a temp file.
    const std::string temp = path + ".tmp" + std::to_string(::getpid());
    try {
        write(temp);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw std::runtime_error(path + ": cannot replace file: " + ec.message());
    }
}

void write_text_atomically(const std::string& path, const std::string& text)
{
    write_atomically(path, [&](const std::string& temp) {
        std::ofstream out(temp, std::ios::binary);
        out << text;
        out.close();
        if (!out) throw std::runtime_error(temp + ": write failed");
    });
}

std::string read_text_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace btsf
