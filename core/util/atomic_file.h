#pragma once
// Results and checkpoints are never half-written: everything goes to a temp
// file beside the target and is renamed over it only once complete.
#include <functional>
#include <string>

namespace btsf {

// Calls write(temp_path), then renames temp_path to path. If write throws, the
// temp file is removed and the existing file at path is left untouched.
void write_atomically(const std::string& path, const std::function<void(const std::string&)>& write);
void write_text_atomically(const std::string& path, const std::string& text);
std::string read_text_file(const std::string& path);

}  // namespace btsf
