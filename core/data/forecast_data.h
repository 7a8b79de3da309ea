#pragma once
// Forecasting data (TS2Vec's protocol, which BTSF follows): one long multivariate
// series read from a CSV such as ETTh1.csv, its time covariates, the fixed
// train/valid/test splits, and the z-scored input matrix the encoder sees.
// Plain data only: the model turns ForecastProblem::inputs into a tensor itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace btsf {

struct ForecastSeries {
    std::string name;                      // file stem, e.g. "ETTh1"
    std::string path;                      // the file it was read from; empty for a demo
    std::vector<std::string> variables;    // numeric column names, in file order
    std::size_t length = 0;                // T rows
    std::vector<float> values;             // T x V row-major, NaN for missing
    std::vector<std::int64_t> timestamps;  // seconds since epoch (UTC, no time zones), empty if no date column

    // Inline so that btsf_datasets (which builds demo series) needs nothing from btsf_base.
    float at(std::size_t t, std::size_t v) const { return values[t * variables.size() + v]; }
};

// Reads a CSV with a header line. A column named "date" (case-insensitive), or else the
// first column when its first cell parses as a date ("YYYY-MM-DD", "YYYY-MM-DD HH:MM",
// "YYYY-MM-DD HH:MM:SS[.fff]", also with a 'T' separator, and "YYYY/MM/DD ..."), is the
// date column; every other column must be numeric. Empty cells, "NaN", "NA", "?" (any
// case) are missing (NaN). A BOM, CRLF line ends, blank lines and "quoted" cells are
// tolerated. Throws DataError("FILE:LINE: what") for: missing file, empty file, header
// only, a row with the wrong number of cells, a non-numeric cell, an unparseable date,
// an empty or duplicate column name, no numeric column.
ForecastSeries load_forecast_csv(const std::string& path);

// "demo:NAME" (prefix and name case-insensitive) builds a built-in demo series
// (see datasets/demo_forecast.h); anything else is read with load_forecast_csv.
ForecastSeries load_forecast_series(const std::string& path_or_demo);

// Seven calendar covariates per timestamp, each scaled to [-0.5, 0.5] as value / max - 0.5:
// minute/59, hour/23, day of week (Monday = 0)/6, (day of month - 1)/30,
// (day of year - 1)/365, (month - 1)/11, (ISO week - 1)/52.
// Returns T x 7 row-major, columns named by covariate_names(); empty for no timestamps.
std::vector<float> time_covariates(const std::vector<std::int64_t>& timestamps);
// {"minute", "hour", "day_of_week", "day", "day_of_year", "month", "week_of_year"}
std::vector<std::string> covariate_names();

// [0, train_end) train, [train_end, valid_end) valid, [valid_end, test_end) test.
struct ForecastSplits {
    std::size_t train_end = 0, valid_end = 0, test_end = 0;
};

// TS2Vec's splits: names starting with "ETTh" (any case) -> 8640/2880/2880 rows (12/4/4
// months of hours, rows past 14400 unused); "ETTm" -> four times that; anything else ->
// 60/20/20 % of length (floored, as int(0.6 * len) is). Throws std::invalid_argument
// naming the dataset when the series is shorter than its named split needs.
ForecastSplits forecast_splits(const std::string& name, std::size_t length);

// Multivariate: every variable is an input and a target. Univariate: one target
// variable (default "OT"; without an "OT" column, the last column) is the only input
// variable and the only target.
struct ForecastProblem {
    std::string name;
    std::vector<std::string> targets;  // target variable names
    std::size_t length = 0;
    std::vector<float> inputs;         // T x C row-major: targets (z-scored) first, then the 7 covariates if any
    std::size_t channels = 0;          // C
    std::size_t n_targets = 0;         // targets are inputs' first n_targets channels
    std::vector<double> mean, stddev;  // per target, fitted on the train split (population std; 1 when constant)
    ForecastSplits splits;
    std::vector<std::int64_t> timestamps;
};

// Selects the variables, z-scores each with statistics fitted on [0, train_end)
// ignoring NaN, then sets the remaining NaN to 0 (so a missing value reads as the train
// mean; there is no observed mask), and appends the covariates when with_covariates and
// the series has timestamps. Throws std::invalid_argument naming the target when it is
// not a column, and forecast_splits' error when the series is too short.
ForecastProblem make_forecast_problem(const ForecastSeries& series, bool multivariate, const std::string& target = "OT",
                                      bool with_covariates = true);

// Before any training, refused with a DataError naming `source`: a training
// split too short for two lookback windows, or a validation or test split with
// no forecast origin for the longest horizon.
void check_forecast_problem(const ForecastProblem& p, const std::string& source, int lookback, int longest_horizon);

}  // namespace btsf
