#pragma once
// Runs independent tasks (cross-validation folds, grid points) on a few std::threads.
// Each task writes only its own result slot, so the outcome does not depend on the
// number of threads or on scheduling.
#include <cstddef>
#include <functional>

namespace btsf {

// Calls task(i) for i in [0, n_tasks) on up to `threads` threads (0: one per hardware
// thread). The first exception thrown by a task is re-thrown here after all threads
// have joined.
void run_parallel_tasks(std::size_t n_tasks, unsigned threads, const std::function<void(std::size_t)>& task);

}  // namespace btsf
