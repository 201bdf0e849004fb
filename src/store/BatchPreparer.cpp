#include "BatchPreparer.h"

#include <QThread>

namespace tl::store {

namespace {

/// Below this many records a helper thread costs more than it saves.
constexpr size_t minRecordsForThread = 256;
/// The helper publishes its work this many records at a time.
constexpr size_t recordsPerRelease = 64;

} // namespace

BatchPreparer::BatchPreparer(const std::vector<core::ImportRecord>& records)
    : m_records(records) {
    if (records.size() < minRecordsForThread || QThread::idealThreadCount() < 2)
        return;
    m_prepared.resize(records.size());
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->start();
}

BatchPreparer::~BatchPreparer() {
    if (m_thread) {
        m_stop.store(true, std::memory_order_relaxed);
        m_thread->wait();
    }
}

void BatchPreparer::run() {
    size_t done = 0;
    while (done < m_records.size() && !m_stop.load(std::memory_order_relaxed)) {
        const size_t end = std::min(done + recordsPerRelease, m_records.size());
        for (size_t index = done; index < end; ++index)
            m_prepared[index] = PreparedEvent::of(m_records[index].event, m_records[index].name);
        m_ready.release(static_cast<int>(end - done));
        done = end;
    }
}

PreparedEvent BatchPreparer::take(size_t index) {
    if (!m_thread)
        return PreparedEvent::of(m_records[index].event, m_records[index].name);
    m_ready.acquire();
    return std::move(m_prepared[index]);
}

} // namespace tl::store
