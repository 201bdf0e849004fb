#pragma once

#include "PreparedEvent.h"

#include "core/ImportRecord.h"

#include <QSemaphore>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace tl::store {

/// Makes the PreparedEvent of each record of a batch on a helper thread, ahead of the thread that writes the batch
/// to the database and takes them in order: JSON and full-text normalization then overlap with SQLite's work. A
/// small batch is prepared on the calling thread. The records must not change while the preparer exists.
class BatchPreparer final {
public:
    explicit BatchPreparer(const std::vector<core::ImportRecord>& records);
    /// Stops the helper thread (also when not everything was taken) and waits for it.
    ~BatchPreparer();
    BatchPreparer(const BatchPreparer&) = delete;
    BatchPreparer& operator=(const BatchPreparer&) = delete;

    /// The prepared event of records[index]; each index once, in increasing order.
    [[nodiscard]] PreparedEvent take(size_t index);

private:
    void run();

    const std::vector<core::ImportRecord>& m_records;
    std::vector<PreparedEvent> m_prepared;
    /// One resource per prepared record not yet taken.
    QSemaphore m_ready;
    std::atomic<bool> m_stop{false};
    std::unique_ptr<QThread> m_thread;
};

} // namespace tl::store
