#pragma once
// Reader for the UCR archive's plain-text files: one series per line, the label
// first, then the values.
#include <string>

#include "data/raw_series_file.h"

namespace btsf {

// Reads a UCR .tsv file (the 2018 archive: tab separated, NaN allowed). Commas and
// runs of blanks (the older .txt archive) are accepted as separators too. The 2018
// archive pads shorter series with trailing NaN, so trailing NaN are taken as
// padding (the series is shorter), and only NaN inside a series count as missing.
// Numeric labels are written canonically ("1.0000000e+00" -> "1"), so that old and
// new archive files agree. Throws DataError "FILE:LINE: what".
RawSeriesFile read_tsv(const std::string& path);

}  // namespace btsf
