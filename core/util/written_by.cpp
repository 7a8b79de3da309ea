#include "util/written_by.h"

#include "util/build_info.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

namespace btsf {

std::string utc_now()
{
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char buffer[32];
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

nlohmann::json written_by_json()
{
    return {{"program", "btsf-workbench"},
            {"version", program_version()},
            {"commit", program_commit()},
            {"format_version", kFileFormatVersion}};
}

}  // namespace btsf
