#pragma once
// Which program wrote a file: every metrics.json, config.json, HDF5 file and
// run manifest records these, so that a result can be traced to its code.

namespace btsf {

// The project version (CMake's PROJECT_VERSION, "0.1.0").
const char* program_version();
// The short git commit of the sources at build time, "-dirty" appended when the
// sources had uncommitted changes, "unknown" outside a git checkout.
const char* program_commit();
// The layout of the files a run writes; bumped when a reader would need to change.
constexpr int kFileFormatVersion = 1;

}  // namespace btsf
