// libFuzzer target: the UCR/UEA readers (.ts, .tsv, .arff, chosen by the first
// input byte) and the train/test assembly and normalisation behind them.
#include "data/arff_reader.h"
#include "data/classification_assembly.h"
#include "data/normalize.h"
#include "data/ts_reader.h"
#include "data/tsv_reader.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    static const char* const ext[] = {"ts", "tsv", "arff"};
    const int format = data[0] % 3;
    const std::string path = btsf::fuzz::write_input(std::string("F/F_TRAIN.") + ext[format], data + 1, size - 1);
    btsf::fuzz::expect_clean([&] {
        const btsf::RawSeriesFile f = format == 0   ? btsf::read_ts(path)
                                      : format == 1 ? btsf::read_tsv(path)
                                                    : btsf::read_arff(path);
        btsf::ClassificationData d = btsf::assemble_classification(f, f, "F");
        btsf::normalize_classification(d);
    });
    return 0;
}
