// libFuzzer target: the forecasting CSV reader (ETT and any CSV with a header)
// and the problem built from it (splits, covariates, z-scores).
#include "data/forecast_data.h"
#include "fuzz_input.h"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = btsf::fuzz::write_input("series.csv", data, size);
    btsf::fuzz::expect_clean([&] {
        const btsf::ForecastSeries s = btsf::load_forecast_csv(path);
        try {
            btsf::make_forecast_problem(s, size % 2 == 0, "OT");
        } catch (const std::invalid_argument&) {
            // too short for the splits, or no such target: named by the caller
        }
    });
    return 0;
}
