#pragma once

#include "MailEvent.h"
#include "MailSource.h"

#include "core/IdentityNormalizer.h"
#include "core/Result.h"

#include <QStringList>

#include <functional>

namespace tl::store {
class EventStore;
}

namespace tl::email {

/// What one import did.
struct MailImportReport final {
    qint64 messages = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    /// Messages imported with warnings (malformed parts, guessed charsets or dates).
    qint64 warned = 0;
    /// "LABEL: reason" for the first maxKeptRejections rejected messages.
    QStringList rejections;
    static constexpr qsizetype maxKeptRejections = 50;
};

/// Reads every message of a MailSource through MailParser and MailEvent into an EventStore, in batches of one
/// transaction each. A message that cannot be read or has no usable sender is reported (which one, why) and
/// skipped; the rest are imported. Re-importing changes nothing: the event ids come from the messages. Used by
/// `threadline-ctl import-mail`; a server-side mailbox connector feeds its own MailSource the same way.
class MailImporter final {
public:
    /// Called with a message's label and why it was rejected.
    using RejectHandler = std::function<void(const QString& label, const QString& reason)>;
    /// Called with a message's label and what was wrong with it (it was imported all the same).
    using WarningHandler = std::function<void(const QString& label, const QStringList& warnings)>;
    /// Called now and then with the source's position and size (0 when unknown).
    using ProgressHandler = std::function<void(qint64 position, qint64 total, const MailImportReport& soFar)>;

    MailImporter(store::EventStore& store, core::IdentityNormalizer& normalizer, MailEvent::Options options);

    void setRejectHandler(RejectHandler handler) { m_onReject = std::move(handler); }
    void setWarningHandler(WarningHandler handler) { m_onWarning = std::move(handler); }
    void setProgressHandler(ProgressHandler handler) { m_onProgress = std::move(handler); }
    /// Messages per transaction (default 500); a batch is also written once its raw messages pass 64 MiB.
    void setBatchSize(int size) { m_batchSize = size; }

    /// Imports everything \a source holds. Fails only on a database error; what was committed before it stays.
    [[nodiscard]] core::Result<MailImportReport> run(MailSource& source);

private:
    store::EventStore& m_store;
    core::IdentityNormalizer& m_normalizer;
    MailEvent::Options m_options;
    RejectHandler m_onReject;
    WarningHandler m_onWarning;
    ProgressHandler m_onProgress;
    int m_batchSize = 500;
};

} // namespace tl::email
