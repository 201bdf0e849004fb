#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;

namespace tl::store {

/// Checkpoints a SQLite database's write-ahead log on a thread and connection of its own, so that the writer's
/// commits never wait for a checkpoint: SQLite's automatic checkpoint runs inside the commit that crosses 1,000
/// pages of WAL, copying them into the database and waiting for two fsyncs — tens of milliseconds on a busy disk,
/// several times a second when the server takes thousands of events a second. A PASSIVE checkpoint runs beside the
/// writer (WAL mode allows one writer and one checkpointer at once) and the writer restarts the log once it has
/// been copied whole. Commits that keep arriving faster than a checkpoint's fsyncs leave the log never quite
/// copied, so at 16 times the threshold the committing writer checkpoints what is left itself (mostly just the
/// fsyncs): the writer then waits once per 16 thresholds instead of once per threshold. Used by the server store;
/// the workstation's cache keeps SQLite's automatic checkpoints.
class WalCheckpointer final {
public:
    /// Takes over checkpointing of \a writer's main database (a file in WAL mode): turns off the automatic
    /// checkpoint there and watches its commits. Returns null, leaving the automatic checkpoint on, when the
    /// database is not a file or the second connection cannot be opened.
    [[nodiscard]] static std::unique_ptr<WalCheckpointer> start(sqlite3* writer, int thresholdPages = 1000);
    /// Stops the thread and closes its connection; the writer's automatic checkpoint is back on.
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Checkpoints since start that copied pages into the database (for tests).
    [[nodiscard]] int checkpoints() const;

private:
    WalCheckpointer(sqlite3* writer, sqlite3* own, int thresholdPages);
    static int onCommit(void* self, sqlite3* db, const char* database, int pages);
    void run();

    sqlite3* m_writer;
    sqlite3* m_own;
    int m_thresholdPages;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_wanted = false;
    bool m_stopping = false;
    int m_checkpoints = 0;
    std::thread m_thread;
};

} // namespace tl::store
