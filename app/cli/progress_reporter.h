#pragma once
// Turns Trainer callbacks into terminal output: a redrawn progress bar with
// loss and ETA on a terminal, one log line every N iterations otherwise.
#include "train/train_types.h"

namespace btsf::cli {

class ProgressReporter {
public:
    explicit ProgressReporter(int log_every = 20);
    ~ProgressReporter() { finish(); }  // an error message must not land on the bar's line
    TrainCallbacks callbacks();
    void finish();  // ends the bar's line

private:
    void on_iteration(const TrainProgress& p);

    bool m_terminal;
    int m_log_every;
    bool m_drawn = false;
    int m_iterations = 0;  // seen by this reporter
    bool m_traffic_logged = false;
};

}  // namespace btsf::cli
