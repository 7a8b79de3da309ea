// libFuzzer target: the JSON config reader (--config FILE, a run's config.json).
// A bad config is refused with std::invalid_argument naming the file.
#include "model/btsf_config.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        btsf::config_from_json(text, "fuzz.json");
    } catch (const std::invalid_argument& e) {
        if (std::string(e.what()).rfind("fuzz.json", 0) != 0) {
            std::fprintf(stderr, "config error does not name the file: %s\n", e.what());
            std::abort();
        }
    }
    return 0;
}
