#include "progress_reporter.h"

#include "cli_common.h"
#include "train/data_parallel.h"

#include <spdlog/spdlog.h>

#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace btsf::cli {

// Every rank would redraw the same bar: worker ranks log lines instead.
ProgressReporter::ProgressReporter(int log_every)
    : m_terminal(::isatty(STDERR_FILENO) != 0 && !worker_rank()), m_log_every(log_every)
{
}

namespace {
// Fault injection for the data-parallel failure test (tests/cli):
// BTSF_FAULT_KILL_RANK=R:I makes rank R die by SIGKILL after iteration I, as a
// crashed or preempted node would.
void maybe_kill_rank(int iteration)
{
    const char* spec = std::getenv("BTSF_FAULT_KILL_RANK");
    if (!spec) return;
    int rank = -1, at = -1;
    if (std::sscanf(spec, "%d:%d", &rank, &at) == 2 && rank == data_parallel_rank() && iteration == at)
        ::raise(SIGKILL);
}
}  // namespace

TrainCallbacks ProgressReporter::callbacks()
{
    TrainCallbacks cb;
    cb.on_iteration = [this](const TrainProgress& p) { on_iteration(p); };
    return cb;
}

void ProgressReporter::on_iteration(const TrainProgress& p)
{
    maybe_kill_rank(p.iteration);
    ++m_iterations;
    if (!m_terminal) {
        if (p.iteration % m_log_every == 0 || p.iteration == p.total_iterations)
            spdlog::info("iter {}/{} loss {:.4f} elapsed {:.1f}s eta {:.1f}s", p.iteration, p.total_iterations, p.loss,
                         p.elapsed_seconds, p.eta_seconds);
        return;
    }
    constexpr int width = 30;
    const int filled = p.total_iterations > 0 ? width * p.iteration / p.total_iterations : 0;
    const std::string bar = std::string(size_t(filled), '#') + std::string(size_t(width - filled), '.');
    std::fprintf(stderr, "\r[%s] %d/%d loss %.4f  %.0fs elapsed, eta %.0fs   ", bar.c_str(), p.iteration,
                 p.total_iterations, p.loss, p.elapsed_seconds, p.eta_seconds);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressReporter::finish()
{
    if (m_drawn) std::fputc('\n', stderr);
    m_drawn = false;
    if (m_iterations > 0 && data_parallel_active() && !m_traffic_logged) {
        // What one rank sent, per iteration, so that the cost on a cluster can be estimated.
        const auto v = data_parallel_volume();
        const double per = 1.0 / m_iterations, mb = 1e-6;
        spdlog::info(
            "data-parallel traffic: {:.3f} MB all-reduced, {:.3f} MB all-gathered, {:.0f} collectives per iteration",
            double(v.allreduce_bytes) * per * mb, double(v.allgather_bytes) * per * mb, double(v.collectives) * per);
        m_traffic_logged = true;
    }
}

}  // namespace btsf::cli
