// libFuzzer target: the .npy reader (NASA SMAP/MSL channels).
#include "data/npy_reader.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = btsf::fuzz::write_input("channel.npy", data, size);
    btsf::fuzz::expect_clean([&] { btsf::read_npy(path); });
    return 0;
}
