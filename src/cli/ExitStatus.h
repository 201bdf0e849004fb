#pragma once

namespace tl::cli {

/// The exit status of threadline-ctl (documented in docs/cli.md and `--help`).
enum class ExitStatus : int {
    /// Everything asked for was done.
    Success = 0,
    /// Done, but some input was rejected (ingest), or a named identity or account does not exist, or a merge or
    /// a creation is refused because of what is already there.
    Rejected = 1,
    /// A usage error, an unreadable input file, a database error, or a request the server found malformed;
    /// nothing (more) was done.
    Error = 2,
    /// The server could not be reached or could not serve the request (connection refused, unknown host, TLS
    /// failure, no answer in time, too many requests, a server or database failure): worth retrying later.
    Unavailable = 3,
    /// The server refused the credentials (wrong login or password, a dead session token) or the account's role
    /// may not do what was asked.
    Denied = 4,
};

/// The status as a process exit code.
[[nodiscard]] constexpr int exitCode(ExitStatus status) {
    return static_cast<int>(status);
}

} // namespace tl::cli
