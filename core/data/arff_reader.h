#pragma once
// Reader for Weka .arff files as the UCR/UEA archives ship them.
#include <string>

#include "data/raw_series_file.h"

namespace btsf {

// Two layouts are understood:
//  - univariate: one numeric @attribute per time step, then the class attribute;
//    each row is "v0,v1,...,label".
//  - multivariate: one relational @attribute (numeric attributes inside, one per
//    time step, closed by @end) and the class attribute; each row is
//    'ch0v0,ch0v1,...\nch1v0,...',label with a literal backslash-n between channels.
// '%' comments, '?' missing values, quoted names and labels, and any keyword case
// are accepted. The archive pads shorter series with trailing '?', so trailing '?'
// count as padding, not as missing. Sparse rows are refused.
// Throws DataError "FILE:LINE: what".
RawSeriesFile read_arff(const std::string& path);

}  // namespace btsf
