#pragma once
// Anomaly-detection data (spec §8, issue 5): the public benchmarks read into one
// plain struct. Each loader family has its own .cpp:
//   anomaly_csv.cpp       SWaT / WADI style CSV (timestamp, sensors, Normal/Attack label)
//   anomaly_nasa.cpp      NASA SMAP / MSL (.npy files through npy_reader.h)
//   anomaly_nab.cpp       NAB (CSV + JSON windows)
//   anomaly_ucr.cpp       the UCR anomaly archive
//   anomaly_smd.cpp       SMD (comma-separated matrices)
//   anomaly_data.cpp      checks, label_segments, split_train_test and the load_anomaly_dataset dispatch
// Every loader throws DataError("FILE:LINE: what") on bad input (line 0 when no line
// applies: missing file, binary file, file name). Indices are 0-based everywhere.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace btsf {

// One anomaly-detection problem: a normal (or mostly normal) training series and a
// labelled test series.
struct AnomalySeries {
    std::string name;
    std::vector<std::string> channels;
    std::size_t train_length = 0, test_length = 0;
    std::vector<float> train;          // train_length x C row-major, NaN for missing
    std::vector<float> test;           // test_length x C
    std::vector<std::uint8_t> labels;  // test_length, 1 = anomalous point
    // Labelled windows as inclusive index ranges into test, sorted by start. NAB gives
    // windows of its own (wider than its labelled points); every other source gets the
    // maximal runs of 1 in labels (label_segments).
    std::vector<std::pair<std::size_t, std::size_t>> events;

    std::size_t channels_count() const { return channels.size(); }
};

// What detection needs before any training, refused with a DataError naming
// `source` (the dataset as the user gave it): both splits at least `window`
// points long, and every channel observed at least once in the training split.
void check_anomaly_series(const AnomalySeries& s, const std::string& source, int window);

// The maximal runs of 1 in labels as inclusive [begin, end] ranges, in order.
std::vector<std::pair<std::size_t, std::size_t>> label_segments(const std::vector<std::uint8_t>& labels);

// Fills s's splits from one whole series (time-major, `channels` values per step):
// the first train_rows steps train, the rest test, with every test label 0.
void split_train_test(AnomalySeries& s, const std::vector<float>& all, std::size_t channels, std::size_t train_rows);

// SWaT / WADI style: two CSV files with the same sensor columns; the train file is
// normal-only (its labels, if any, must parse but are ignored); the test file must
// have a label column. Quirks handled, as in the distributed files:
// - the header may follow junk lines (a line of commas, a title): the header is the
//   first of the first 10 non-blank lines whose cells are all non-empty, that has at
//   least 2 cells, one of them non-numeric, and as many cells as the line after it;
// - names are trimmed (" Timestamp", " MV101"); "quoted" cells are unquoted;
// - the label column is named "Normal/Attack", "label" or "attack" (trimmed, any case)
//   and holds Normal / Attack / "A ttack" (any case) or 0 / 1; WADI's column
//   "Attack LABLE (1:No Attack, -1:Attack)" holds 1 (normal) / -1 (attack);
// - columns named timestamp, time, date, datetime or row (any case), and a first column
//   whose first data cell is not a number (e.g. "28/12/2015 10:00:00 AM"), are not sensors;
// - empty, "NaN", "NA" and "?" sensor cells are missing (NaN).
// Errors: missing or empty file, no header, wrong cell count, non-numeric sensor value,
// unknown label value, no label column in the test file, different sensor columns.
AnomalySeries load_swat_csv(const std::string& train_csv, const std::string& test_csv);

// NASA SMAP / MSL (Hundman et al. 2018, telemanom layout): root/train/<chan>.npy,
// root/test/<chan>.npy (T x D, column 0 the telemetry, the rest one-hot command flags)
// and root/labeled_anomalies.csv (chan_id, spacecraft, anomaly_sequences, class,
// num_values). anomaly_sequences are 0-based inclusive test ranges ("[[5250, 8508]]"
// for D-1, whose test set has 8509 rows); num_values must equal the test rows.
AnomalySeries load_nasa_channel(const std::string& root, const std::string& channel);

// NAB: root/data/<group>/<file>.csv (timestamp,value) and root/labels/combined_windows.json
// ({"<group>/<file>.csv": [["start", "end"], ...]}). A window covers the rows whose
// timestamps lie in [start, end]. NAB has no separate train file: it scores detectors
// online after a probationary period of the first 15 % of each series. So train is the
// first floor(train_fraction * T) rows and test the rest; windows are shifted into test,
// clipped at its start, and dropped when they lie wholly in train. relative_csv may
// start with "data/". Throws std::invalid_argument unless 0 < train_fraction < 1.
AnomalySeries load_nab_series(const std::string& root, const std::string& relative_csv, double train_fraction = 0.15);

// UCR / KDD-Cup-2021 anomaly archive: NNN_UCR_Anomaly_<name>_<trainEnd>_<begin>_<end>.txt,
// one value per line (several whitespace-separated values on a line are accepted too).
// The archive was made in MATLAB and its numbers are 1-based: train is values 1..trainEnd
// and the anomaly values begin..end, inclusive. So train = [0, trainEnd) and the anomaly
// is [begin - 1, end - 1] 0-based (TranAD reads it as [begin, end), one point later at
// the start; the last point agrees). The name is "NNN_<name>", e.g. "135_InternalBleeding16".
AnomalySeries load_ucr_anomaly(const std::string& path);

// SMD (Su et al. 2019, OmniAnomaly layout): root/train/<machine>.txt,
// root/test/<machine>.txt (comma-separated values, no header, 38 columns) and
// root/test_label/<machine>.txt (one 0/1 per test row). machine may end in ".txt".
AnomalySeries load_smd_machine(const std::string& root, const std::string& machine);

// One string names a dataset (CLI argument, workbench field). Forms, tried in order:
//   demo:NAME                 a built-in demo (datasets/demo_anomaly.h), any case
//   nasa:CHAN | nasa:ROOT:CHAN   SMAP/MSL channel; ROOT defaults to DATA/anomaly/smap_msl
//   nab:GROUP/FILE.csv | nab:ROOT:GROUP/FILE.csv   ROOT defaults to DATA/anomaly/nab
//   ucr:FILE | ucr:NNN        a UCR-anomaly .txt (a path, or a file in
//                             DATA/anomaly/ucr_anomaly named or numbered so)
//   smd:MACHINE | smd:ROOT:MACHINE   ROOT defaults to DATA/anomaly/smd
//   swat:FOLDER               a folder holding one train and one test CSV (see below)
//   a plain path, recognised by its shape:
//     FOLDER                  SWaT style: exactly one *.csv whose name contains "train" or
//                             "normal" and one that contains "test" or "attack" (any case)
//     .../{train,test}/CHAN.npy   NASA, with ROOT = the folder above
//     .../{train,test,test_label}/MACHINE.txt   SMD, with ROOT = the folder above
//     *_UCR_Anomaly_*.txt     UCR anomaly archive
//     FILE.csv                NAB, when a folder above holds labels/combined_windows.json
// DATA is data_root (e.g. "../shared/datasets"). A relative path that does not exist as
// given is looked up under data_root. The last ':' separates CHAN / MACHINE from ROOT.
// Anything else throws DataError naming the spec.
AnomalySeries load_anomaly_dataset(const std::string& spec, const std::string& data_root);

}  // namespace btsf
