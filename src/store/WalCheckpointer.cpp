#include "WalCheckpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace tl::store {

Q_LOGGING_CATEGORY(lcWal, "threadline.store.wal")

namespace {

/// A log this many times the threshold is checkpointed by the committing writer itself.
constexpr int backstopFactor = 16;
/// How long the writer waits at most for a background checkpoint to let go of the checkpoint lock.
constexpr int backstopWaitMs = 5000;

} // namespace

std::unique_ptr<WalCheckpointer> WalCheckpointer::start(sqlite3* writer, int thresholdPages) {
    if (!writer)
        return nullptr;
    const char* file = sqlite3_db_filename(writer, "main");
    if (!file || !*file)
        return nullptr;
    sqlite3* own = nullptr;
    if (sqlite3_open_v2(file, &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qCWarning(lcWal) << "cannot open a second connection for checkpoints:" << (own ? sqlite3_errmsg(own) : "")
                         << "; the commits checkpoint themselves";
        sqlite3_close_v2(own);
        return nullptr;
    }
    // A connection learns that the database is in WAL mode when it first reads it; until then a checkpoint on it
    // does nothing at all.
    if (sqlite3_exec(own, "PRAGMA journal_mode", nullptr, nullptr, nullptr) != SQLITE_OK) {
        qCWarning(lcWal) << "cannot read the database for checkpoints:" << sqlite3_errmsg(own)
                         << "; the commits checkpoint themselves";
        sqlite3_close_v2(own);
        return nullptr;
    }
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(writer, own, thresholdPages));
}

WalCheckpointer::WalCheckpointer(sqlite3* writer, sqlite3* own, int thresholdPages)
    : m_writer(writer)
    , m_own(own)
    , m_thresholdPages(thresholdPages) {
    m_thread = std::thread([this] { run(); });
    // Replaces SQLite's own hook, the automatic checkpoint.
    sqlite3_wal_hook(m_writer, &WalCheckpointer::onCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
    sqlite3_wal_autocheckpoint(m_writer, m_thresholdPages);
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close_v2(m_own);
}

int WalCheckpointer::checkpoints() const {
    const std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* database, int pages) {
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    if (pages >= checkpointer->m_thresholdPages * backstopFactor) {
        // The log restarts only once a checkpoint has copied all of it; under a sustained stream of commits the
        // background checkpoints may never get there. Then this commit checkpoints itself, as SQLite's own hook
        // does, so that the log cannot grow without bound — waiting for a background checkpoint that holds the
        // checkpoint lock (PASSIVE gives up at once), as long as SQLite's own busy timeout would.
        for (int waited = 0; waited < backstopWaitMs; ++waited) {
            if (sqlite3_wal_checkpoint_v2(db, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) != SQLITE_BUSY)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return SQLITE_OK;
    }
    if (pages >= checkpointer->m_thresholdPages) {
        {
            const std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_wanted = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_wanted || m_stopping; });
        if (m_stopping)
            return;
        m_wanted = false;
        lock.unlock();
        int logPages = 0;
        int copiedPages = 0;
        const int result = sqlite3_wal_checkpoint_v2(m_own, "main", SQLITE_CHECKPOINT_PASSIVE, &logPages, &copiedPages);
        if (result != SQLITE_OK && result != SQLITE_BUSY)
            qCWarning(lcWal) << "checkpoint failed:" << sqlite3_errmsg(m_own);
        lock.lock();
        if (result == SQLITE_OK && copiedPages > 0)
            ++m_checkpoints;
    }
}

} // namespace tl::store
