#pragma once

#include "EventStore.h"

#include "core/IdentityNormalizer.h"

#include <QIODevice>
#include <QStringList>

#include <functional>

namespace tl::store {

/// What one import did.
struct ImportReport final {
    qint64 lines = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    /// "line N: reason" for the first maxKeptRejections rejected lines, for a person to read.
    QStringList rejections;
    static constexpr qsizetype maxKeptRejections = 50;
};

/// Reads JSON Lines (docs/import-format.md) from a device into an EventStore, in batches of one transaction
/// each; the next batch is parsed on a helper thread while the store writes the current one. Every good line is
/// kept; each bad line is reported with its number and reason and skipped. Blank lines are skipped silently. Used
/// by `threadline-ctl ingest` and the workstation's sample import. The normalizer is used by the helper thread
/// while run() runs.
class JsonLinesImporter final {
public:
    /// Called with a 1-based line number and the reason the line was rejected.
    using RejectHandler = std::function<void(qint64 line, const QString& reason)>;
    /// Called now and then with the bytes read so far and the device size (0 when unknown).
    using ProgressHandler = std::function<void(qint64 bytesRead, qint64 bytesTotal, const ImportReport& soFar)>;

    JsonLinesImporter(EventStore& store, core::IdentityNormalizer& normalizer);

    void setRejectHandler(RejectHandler handler) { m_onReject = std::move(handler); }
    void setProgressHandler(ProgressHandler handler) { m_onProgress = std::move(handler); }
    /// Lines per transaction (default 50,000).
    void setBatchSize(int size) { m_batchSize = size; }

    /// Imports everything \a device holds. Fails only on a database error; what was committed before it stays.
    [[nodiscard]] core::Result<ImportReport> run(QIODevice& device);

private:
    EventStore& m_store;
    core::IdentityNormalizer& m_normalizer;
    RejectHandler m_onReject;
    ProgressHandler m_onProgress;
    /// Each commit writes out the index pages the batch touched, which at a million events are most of them: big
    /// batches pay that less often. Two batches are in memory at a time (one parsed while the other is written),
    /// about 130 MiB each at this size (measured: threadline-ctl peaks at 0.8 GiB with SQLite's cache and map).
    int m_batchSize = 50'000;
};

} // namespace tl::store
