#include "util/written_by.h"

#include "util/build_info.h"

#include <nlohmann/json.hpp>

namespace btsf {

nlohmann::json written_by_json()
{
    return {{"program", "btsf-workbench"},
            {"version", program_version()},
            {"commit", program_commit()},
            {"format_version", kFileFormatVersion}};
}

}  // namespace btsf
