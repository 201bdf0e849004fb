#include "MailboxConnector.h"

#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include "core/EventKind.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>

#include <chrono>
#include <future>

namespace tl::email {

Q_LOGGING_CATEGORY(lcMailboxConnector, "threadline.email.connector")

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

namespace {

/// What one store job reports back.
struct Stored final {
    qint64 stored = 0;
    qint64 refused = 0;
    /// Of stored: "bounced" delivery.updated events appended for sent replies that a bounce matched.
    qint64 bounced = 0;
};

/// Store thread: writes the delivery.updated "bounced" event of \a returned on the sent reply its original's
/// Message-ID names, and marks the reply bounced. Returns the event's seq (0 when stored already), or -1 when no
/// sent reply has any of the candidate ids.
Result<qint64> storeBounce(store::ServerStore& store, const MailboxSync::Batch::Returned& returned,
                           const QString& mailbox) {
    for (const QString& messageId : returned.bounce.originalMessageIds) {
        const auto reply = store.sentReplyByMessageId(messageId);
        if (!reply)
            return Result<qint64>::failure(reply.error());
        if (!reply.value())
            continue;
        const core::Event& sent = *reply.value();
        core::Event delivery;
        delivery.id = u"delivery:%1:bounced"_s.arg(sent.id);
        delivery.customer = sent.customer;
        delivery.channel = core::Channel::Email;
        delivery.kind = core::kinds::DeliveryUpdated;
        delivery.occurredAt = returned.occurredAt > 0 ? returned.occurredAt : QDateTime::currentMSecsSinceEpoch();
        delivery.identity = sent.identity;
        QJsonObject payload{{u"status"_s, u"bounced"_s},
                            {u"detail"_s, returned.bounce.detail()},
                            {u"event"_s, sent.id},
                            {u"mailbox"_s, mailbox},
                            {u"message_id"_s, messageId}};
        if (!returned.bounce.status.isEmpty())
            payload.insert(u"code"_s, returned.bounce.status);
        if (!returned.bounce.recipient.isEmpty())
            payload.insert(u"recipient"_s, returned.bounce.recipient);
        delivery.payload = payload;
        auto seq = store.finishOutgoingMail(sent.id, u"bounced"_s, returned.bounce.detail(), delivery);
        if (seq && seq.value() > 0)
            qCInfo(lcMailboxConnector) << "mailbox" << mailbox << ": reply" << sent.id
                                       << "bounced:" << returned.bounce.detail();
        return seq;
    }
    return qint64(-1);
}

} // namespace

MailboxConnector::MailboxConnector(server::MailboxConfig config, server::StoreThread& store,
                                   server::ServerMetrics& metrics, QString attachmentsDirectory, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(store)
    , m_metrics(metrics)
    , m_attachmentsDirectory(std::move(attachmentsDirectory)) {
    m_metrics.declareMailbox(m_config.name, m_config.address, m_config.queue, m_config.folder);
}

MailboxConnector::~MailboxConnector() {
    stop();
}

void MailboxConnector::start() {
    if (m_thread)
        return;
    m_store.call(
        this, [name = m_config.name](store::ServerStore& store) { return store.mailboxState(name); },
        [this](const Result<store::MailboxState>& cursor) {
            if (!cursor) {
                // Without its cursor the mailbox would re-read the folder; ids keep that harmless, so go on.
                qCWarning(lcMailboxConnector)
                    << "mailbox" << m_config.name << ": could not read where it was read up to:" << cursor.error();
                m_metrics.mailboxError(m_config.name, cursor.error(), QDateTime::currentMSecsSinceEpoch());
            }
            startWorker(cursor ? cursor.value() : store::MailboxState{});
        });
}

void MailboxConnector::startWorker(const store::MailboxState& cursor) {
    if (m_thread)
        return;
    m_sync = std::make_unique<MailboxSync>(m_config, m_metrics, m_attachmentsDirectory, cursor,
                                           [this](const MailboxSync::Batch& batch) { return storeBatch(batch); });
    m_thread.reset(QThread::create([sync = m_sync.get()] { sync->run(); }));
    m_thread->setObjectName(u"mailbox-"_s + m_config.name);
    m_thread->start();
}

void MailboxConnector::stop() {
    if (!m_thread)
        return;
    m_sync->stop();
    m_thread->wait();
    m_thread.reset();
    m_sync.reset();
}

MailboxSync::Pending MailboxConnector::storeBatch(const MailboxSync::Batch& batch) {
    auto promise = std::make_shared<std::promise<Status>>();
    auto future = std::make_shared<std::future<Status>>(promise->get_future());
    QMetaObject::invokeMethod(
        this,
        [this, batch, promise] {
            m_store.call(
                this,
                [batch, name = m_config.name, queue = m_config.queue](store::ServerStore& store) -> Result<Stored> {
                    Stored stored;
                    QVector<core::ImportRecord> records = batch.records;
                    for (const MailboxSync::Batch::Returned& returned : batch.bounces) {
                        auto settled = storeBounce(store, returned, name);
                        if (!settled)
                            return Result<Stored>::failure(settled.error());
                        if (settled.value() > 0) {
                            ++stored.stored;
                            ++stored.bounced;
                        }
                        if (settled.value() < 0 && returned.record) // not one of ours: ordinary mail
                            records.append(*returned.record);
                    }
                    if (!records.isEmpty()) {
                        const auto applied = store.ingest(records, queue);
                        if (!applied)
                            return Result<Stored>::failure(applied.error());
                        for (const store::Applied& one : applied.value()) {
                            if (one.seq > 0)
                                ++stored.stored;
                            else
                                ++stored.refused;
                        }
                    }
                    if (Status status = store.setMailboxState(name, batch.cursor); !status)
                        return Result<Stored>::failure(status.error());
                    return stored;
                },
                [this, promise](const Result<Stored>& stored) {
                    if (stored && stored.value().bounced > 0)
                        m_metrics.mailboxRepliesBounced(m_config.name, stored.value().bounced);
                    if (stored && stored.value().stored > 0)
                        Q_EMIT eventsStored();
                    if (stored && stored.value().refused > 0)
                        qCWarning(lcMailboxConnector) << "mailbox" << m_config.name << ": the store refused"
                                                      << stored.value().refused << "messages";
                    promise->set_value(stored ? Status() : Status::failure(stored.error()));
                });
        },
        Qt::QueuedConnection);
    // The main thread answers unless it is shutting the mailbox down, which stop() announces first.
    return [this, future]() -> Status {
        while (future->wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
            if (m_sync->stopping())
                return Status::failure(u"stopping"_s);
        }
        return future->get();
    };
}

} // namespace tl::email
