#include "launch_command.h"

#include <CLI/CLI.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace btsf::cli {

void add_launch_command(CLI::App& app, LaunchOptions& o)
{
    auto* cmd = app.add_subcommand(
        "launch", "Train data-parallel on this machine: btsf-cli launch --nproc N -- classify|forecast|detect ...");
    cmd->add_option("--nproc", o.nproc, "Ranks to start")->check(CLI::Range(1, 256))->capture_default_str();
    cmd->add_option("--master-port", o.master_port, "Rendezvous port on 127.0.0.1 (0: a free one)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--threads-per-rank", o.threads_per_rank, "LibTorch threads of each rank (0: cores / nproc)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("command", o.command, "After --: the training command and its options")->required();
}

namespace {
std::vector<pid_t> g_children;  // read by the signal handler

void forward_signal(int signal)
{
    for (const pid_t pid : g_children)
        if (pid > 0) ::kill(pid, signal);
}

int free_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("launch: cannot find a free port on 127.0.0.1; pass --master-port");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool names_option(const std::vector<std::string>& args, const std::string& option)
{
    return std::any_of(args.begin(), args.end(),
                       [&](const std::string& a) { return a == option || a.rfind(option + "=", 0) == 0; });
}

int status_code(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
}  // namespace

int run_launch(const LaunchOptions& o)
{
    static const std::vector<std::string> trainers{"classify", "forecast", "detect"};
    if (std::find(trainers.begin(), trainers.end(), o.command.front()) == trainers.end())
        throw std::invalid_argument("launch: '" + o.command.front() +
                                    "' does not train; launch runs classify, forecast or detect");
    if (const char* world = std::getenv("WORLD_SIZE"); world && std::string(world) != "1")
        throw std::invalid_argument("launch: already inside a data-parallel group (WORLD_SIZE=" + std::string(world) +
                                    ")");
    const int port = o.master_port > 0 ? o.master_port : free_port();
    std::vector<std::string> args{"btsf-cli"};
    args.insert(args.end(), o.command.begin(), o.command.end());
    if (o.threads_per_rank > 0 && !names_option(o.command, "--threads")) {
        args.push_back("--threads");
        args.push_back(std::to_string(o.threads_per_rank));
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::fprintf(stderr, "btsf-cli launch: %d ranks, rendezvous at 127.0.0.1:%d\n", o.nproc, port);
    std::fflush(stderr);
    g_children.assign(std::size_t(o.nproc), 0);
    for (int rank = 0; rank < o.nproc; ++rank) {
        const pid_t pid = ::fork();
        if (pid < 0) throw std::runtime_error("launch: cannot start rank " + std::to_string(rank));
        if (pid == 0) {
            ::setenv("RANK", std::to_string(rank).c_str(), 1);
            ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
            ::setenv("WORLD_SIZE", std::to_string(o.nproc).c_str(), 1);
            ::setenv("LOCAL_WORLD_SIZE", std::to_string(o.nproc).c_str(), 1);
            ::setenv("MASTER_ADDR", "127.0.0.1", 1);
            ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
            ::execv("/proc/self/exe", argv.data());
            std::fprintf(stderr, "btsf-cli launch: cannot run /proc/self/exe for rank %d\n", rank);
            ::_exit(127);
        }
        g_children[std::size_t(rank)] = pid;
    }
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, forward_signal);

    // Wait for all; the first rank to fail stops the others (they would only
    // wait for it until the collective timeout).
    int result = 0, running = o.nproc;
    while (running > 0) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            break;
        }
        const auto it = std::find(g_children.begin(), g_children.end(), pid);
        if (it == g_children.end()) continue;
        const int rank = int(it - g_children.begin());
        *it = 0;
        --running;
        const int code = status_code(status);
        if (code != 0 && result == 0) {
            result = code;
            std::fprintf(stderr, "btsf-cli launch: rank %d %s %d; stopping the other ranks\n", rank,
                         WIFEXITED(status) ? "exited with status" : "was killed by signal",
                         WIFEXITED(status) ? code : WTERMSIG(status));
            std::fflush(stderr);
            forward_signal(SIGTERM);
        }
    }
    return result;
}

}  // namespace btsf::cli
