#pragma once

namespace tl::cli {

/// The exit status of threadline-ctl (documented in docs/cli.md and `--help`).
enum class ExitStatus : int {
    /// Everything asked for was done.
    Success = 0,
    /// Done, but some input was rejected (ingest), or a named identity has no customer, or a merge is refused.
    Rejected = 1,
    /// A usage error, an unreadable input file or a database error; nothing (more) was done.
    Error = 2,
};

/// The status as a process exit code.
[[nodiscard]] constexpr int exitCode(ExitStatus status) {
    return static_cast<int>(status);
}

} // namespace tl::cli
