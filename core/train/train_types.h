#pragma once
// Progress reporting and cancellation for long work, as plain data: the CLI
// prints these, the GUI forwards them as queued signals. No torch, no Qt.
#include <atomic>
#include <functional>

namespace btsf {

struct TrainProgress {
    int iteration = 0;  // iterations done so far (1-based after the first step)
    int total_iterations = 0;
    int epoch = 0;
    double loss = 0;
    double elapsed_seconds = 0;
    double eta_seconds = 0;
};

struct TrainCallbacks {
    std::function<void(const TrainProgress&)> on_iteration;
    std::function<void(const TrainProgress&)> on_epoch;
};

// Set from any thread; the trainer checks it before every iteration, so a
// cancel takes effect within one iteration.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true); }
    void reset() { m_cancelled.store(false); }
    bool cancelled() const { return m_cancelled.load(); }

private:
    std::atomic<bool> m_cancelled{false};
};

struct FitResult {
    int iterations_done = 0;  // total, including iterations before a resume
    bool cancelled = false;
    double seconds = 0;  // wall time of this call
    double final_loss = 0;
};

}  // namespace btsf
