// libFuzzer target: the text anomaly formats, chosen by the first input byte:
// a SWaT/WADI-style CSV pair (the input split at its first 0xFF byte into train
// and test) and the UCR anomaly archive's one-value-per-line file.
#include "data/anomaly_data.h"
#include "fuzz_input.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    const std::uint8_t* body = data + 1;
    const std::size_t n = size - 1;
    if (data[0] % 2 == 0) {
        const std::uint8_t* cut = std::find(body, body + n, std::uint8_t(0xFF));
        const std::string train = btsf::fuzz::write_input("swat/train.csv", body, std::size_t(cut - body));
        const std::uint8_t* rest = cut == body + n ? cut : cut + 1;
        const std::string test = btsf::fuzz::write_input("swat/test.csv", rest, std::size_t(body + n - rest));
        btsf::fuzz::expect_clean([&] { btsf::load_swat_csv(train, test); });
    } else {
        const std::string path = btsf::fuzz::write_input("001_UCR_Anomaly_Fuzz_40_50_55.txt", body, n);
        btsf::fuzz::expect_clean([&] { btsf::load_ucr_anomaly(path); });
    }
    return 0;
}
