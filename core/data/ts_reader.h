#pragma once
// Reader for the sktime/aeon ".ts" format in which the UCR and UEA archives ship
// (header lines starting with '@', then one series per line: "ch0:ch1:...:label").
#include <string>

#include "data/raw_series_file.h"

namespace btsf {

// Reads one .ts file. Understands '#' comments, a UTF-8 BOM, CRLF, '?' and NaN for
// missing values, unequal lengths across series and across the channels of one
// series, and string or numeric labels. Checks what the header declares
// (@dimensions, @equalLength + @seriesLength, @classLabel). Timestamped and
// regression (@targetLabel) files are refused. Throws DataError "FILE:LINE: what".
RawSeriesFile read_ts(const std::string& path);

}  // namespace btsf
