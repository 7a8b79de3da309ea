#pragma once
// The one entry point for "give me this classification problem": a folder, a
// _TRAIN file, a bare archive name, or a built-in demo.
#include <string>

#include "data/dataset.h"

namespace btsf {

// $BTSF_DATA_ROOT, or "" when it is unset.
std::string default_data_root();

// path_or_name may be
//  - "demo:NAME": a built-in generator (btsf::demo::make_demo, seed 0);
//  - a folder <Name>/ holding <Name>_TRAIN.ext and <Name>_TEST.ext, ext chosen by
//    preference ts > tsv > arff among the TRAIN files present;
//  - a path to one <Name>_TRAIN.{ts,tsv,arff} file (the _TEST file lies beside it);
//  - a bare name, looked up as data_root/<Name>, data_root/ucr/<Name>,
//    data_root/uea/<Name>, in that order.
// Values are not normalised (see normalize.h). Throws DataError "FILE:LINE: what".
ClassificationData load_classification(const std::string& path_or_name,
                                       const std::string& data_root = default_data_root());

}  // namespace btsf
