#include "numerics/parallel_tasks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace btsf {

void run_parallel_tasks(std::size_t n_tasks, unsigned threads, const std::function<void(std::size_t)>& task)
{
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min<std::size_t>(threads, n_tasks);
    if (workers <= 1) {
        for (std::size_t i = 0; i < n_tasks; ++i) task(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    auto worker = [&]() {
        for (std::size_t i = next++; i < n_tasks && !failed; i = next++) {
            try {
                task(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(worker);
    worker();  // the calling thread works too
    for (std::thread& t : pool) t.join();
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace btsf
