#pragma once
// The "written_by" object of every JSON file a run writes: program, version,
// commit and file-format version, so a file found later says which code made it.
#include <nlohmann/json_fwd.hpp>

#include <string>

namespace btsf {

// "2026-11-29T05:24:35Z": now, for the times a run records.
std::string utc_now();

// The key under which JSON files carry it; readers of a config skip it.
inline constexpr const char* kWrittenByKey = "written_by";

// {"program": "btsf-workbench", "version": "0.1.0", "commit": "aeb5d55", "format_version": 1}
nlohmann::json written_by_json();

}  // namespace btsf
