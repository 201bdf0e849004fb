#include "MailboxSync.h"

#include "AttachmentStore.h"
#include "BounceReader.h"
#include "MailEvent.h"
#include "MailParser.h"

#include "server/ServerMetrics.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace tl::email {

Q_LOGGING_CATEGORY(lcMailbox, "threadline.email.mailbox")

using namespace Qt::StringLiterals;
using core::Status;

namespace {

ImapSession::Security securityOf(server::MailboxConfig::Security security) {
    switch (security) {
    case server::MailboxConfig::Security::Tls:
        return ImapSession::Security::Tls;
    case server::MailboxConfig::Security::StartTls:
        return ImapSession::Security::StartTls;
    case server::MailboxConfig::Security::None:
        break;
    }
    return ImapSession::Security::None;
}

qint64 now() {
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

MailboxSync::MailboxSync(server::MailboxConfig config, server::ServerMetrics& metrics, QString attachmentsDirectory,
                         store::MailboxState start, Store store)
    : m_config(std::move(config))
    , m_metrics(metrics)
    , m_attachmentsDirectory(std::move(attachmentsDirectory))
    , m_cursor(start)
    , m_store(std::move(store)) {
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
}

MailboxSync::~MailboxSync() {
    for (int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

void MailboxSync::stop() {
    m_stopping = true;
    if (m_wake[1] >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_wake[1], &byte, 1);
    }
    m_imap.abort();
}

bool MailboxSync::pause(int ms) {
    if (m_stopping)
        return false;
    pollfd fd{m_wake[0], POLLIN, 0};
    ::poll(&fd, 1, ms);
    return !m_stopping;
}

void MailboxSync::fail(const QString& error) {
    qCWarning(lcMailbox).noquote() << "mailbox" << m_config.name << ":" << error;
    m_metrics.mailboxConnected(m_config.name, false);
    m_metrics.mailboxError(m_config.name, error, now());
}

void MailboxSync::run() {
    int retryMs = 1000;
    while (!m_stopping) {
        bool synced = false;
        const Status ended = session(&synced);
        m_metrics.mailboxConnected(m_config.name, false);
        if (m_stopping)
            break;
        if (!ended)
            fail(ended.error());
        // A connection that got as far as reading the folder starts the waits over.
        if (synced)
            retryMs = 1000;
        if (!pause(retryMs))
            break;
        retryMs = std::min(retryMs * 2, m_config.retryMaxS * 1000);
    }
    m_imap.logout();
}

Status MailboxSync::session(bool* synced) {
    const QString where = u"%1:%2"_s.arg(m_config.host).arg(m_config.effectivePort());
    if (Status status = m_imap.connect(m_config.host, m_config.effectivePort(), securityOf(m_config.security),
                                       m_config.timeoutS, m_config.verifyCertificate, m_config.tlsCaFile);
        !status)
        return Status::failure(u"%1: %2"_s.arg(where, status.error()));
    if (Status status = m_imap.login(m_config.login, m_config.password); !status)
        return Status::failure(u"%1: %2"_s.arg(where, status.error()));
    const auto folder = m_imap.select(m_config.folder);
    if (!folder)
        return Status::failure(u"%1, folder %2: %3"_s.arg(where, m_config.folder, folder.error()));
    if (m_cursor.uidValidity != folder.value().uidValidity) {
        if (m_cursor.uidValidity != 0)
            qCWarning(lcMailbox) << "mailbox" << m_config.name << ": UIDVALIDITY changed from" << m_cursor.uidValidity
                                 << "to" << folder.value().uidValidity
                                 << "; reading the folder again (stored messages are not imported twice)";
        m_cursor = store::MailboxState{folder.value().uidValidity, 0, 0};
    }
    m_metrics.mailboxConnected(m_config.name, true);
    qCInfo(lcMailbox) << "mailbox" << m_config.name << ": connected to" << where << "folder" << m_config.folder
                      << "uidvalidity" << m_cursor.uidValidity << "after uid" << m_cursor.lastUid
                      << (m_imap.hasIdle() ? "(IDLE)" : "(polling)");
    const bool idle = m_imap.hasIdle();
    while (!m_stopping) {
        if (Status status = catchUp(folder.value().uidValidity); !status)
            return m_stopping ? Status() : Status::failure(u"%1: %2"_s.arg(where, status.error()));
        *synced = true;
        m_metrics.mailboxSynced(m_config.name, now());
        if (idle) {
            const auto outcome = m_imap.idle(m_wake[0], m_config.pollIntervalS * 1000);
            if (!outcome)
                return m_stopping ? Status() : Status::failure(u"%1: %2"_s.arg(where, outcome.error()));
        } else if (!pause(m_config.pollIntervalS * 1000)) {
            break;
        }
    }
    return {};
}

Status MailboxSync::catchUp(quint32 uidValidity) {
    const auto uids = m_imap.uidsFrom(m_cursor.lastUid + 1);
    if (!uids)
        return Status::failure(uids.error());
    AttachmentStore attachments(m_attachmentsDirectory);
    core::IdentityNormalizer normalizer;
    MailEvent::Options options;
    options.ownAddresses = {m_config.address};
    options.attachments = &attachments;
    // The batch being stored while the next one is fetched and parsed: the store thread and the worker overlap.
    MailboxSync::Pending pending;
    store::MailboxState pendingCursor;
    qint64 pendingStored = 0;
    qint64 pendingRejected = 0;
    const auto settle = [&]() -> Status {
        if (!pending)
            return {};
        const Status stored = std::exchange(pending, {})();
        if (!stored)
            return Status::failure(
                u"storing messages up to UID %1 failed: %2"_s.arg(pendingCursor.lastUid).arg(stored.error()));
        m_cursor = pendingCursor;
        m_metrics.mailboxMessages(m_config.name, pendingStored, pendingRejected);
        return {};
    };
    for (qsizetype start = 0; start < uids.value().size() && !m_stopping; start += batchSize) {
        const QVector<quint32> chunk = uids.value().mid(start, batchSize);
        const auto messages = m_imap.fetch(chunk);
        if (!messages) {
            [[maybe_unused]] const Status settled = settle();
            return Status::failure(messages.error());
        }
        Batch batch;
        batch.cursor = store::MailboxState{uidValidity, chunk.last(), 0};
        for (const ImapSession::Message& message : messages.value()) {
            const ParsedMail mail = MailParser::parse(message.raw);
            auto record = MailEvent::toRecord(mail, message.raw, normalizer, options);
            if (auto bounce = BounceReader::read(mail, message.raw)) {
                batch.bounces.append(Batch::Returned{
                    std::move(*bounce),
                    record ? std::optional<core::ImportRecord>(std::move(record.value())) : std::nullopt,
                    mail.occurredAt});
                continue;
            }
            if (!record) {
                ++batch.rejected;
                qCWarning(lcMailbox).noquote()
                    << "mailbox" << m_config.name << ": message UID" << message.uid << "skipped:" << record.error();
                continue;
            }
            batch.records.append(std::move(record.value()));
        }
        // The previous batch first: batches are stored in order, each with the cursor that holds after it.
        if (Status status = settle(); !status)
            return status;
        // A UID that vanished between listing and fetching (expunged) is simply passed.
        pendingCursor = batch.cursor;
        pendingStored = batch.records.size() + batch.bounces.size();
        pendingRejected = batch.rejected;
        pending = m_store(batch);
    }
    return settle();
}

} // namespace tl::email
