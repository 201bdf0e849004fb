#include "MailSender.h"

#include "MailComposer.h"

#include "core/EventKind.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>

#include <algorithm>

namespace tl::email {

Q_LOGGING_CATEGORY(lcMailSender, "threadline.email.sender")

using namespace Qt::StringLiterals;
using core::Result;
using server::MailboxConfig;

namespace {

/// Replies claimed per store job.
constexpr int claimBatch = 20;

SmtpSession::Security smtpSecurity(MailboxConfig::Security security) {
    switch (security) {
    case MailboxConfig::Security::Tls:
        return SmtpSession::Security::Tls;
    case MailboxConfig::Security::StartTls:
        return SmtpSession::Security::StartTls;
    case MailboxConfig::Security::None:
        break;
    }
    return SmtpSession::Security::None;
}

QString lowerAddress(const QString& address) {
    return address.trimmed().toLower();
}

/// The addresses a message.in was sent to (its To and Cc).
QStringList recipientsOf(const core::Event& event) {
    QStringList addresses;
    for (const auto& field : {u"to"_s, u"cc"_s}) {
        for (const QJsonValue& entry : event.payload.value(field).toArray()) {
            const QString address =
                entry.isObject() ? entry.toObject().value(u"address"_s).toString() : entry.toString();
            if (!address.isEmpty())
                addresses.append(lowerAddress(address));
        }
    }
    return addresses;
}

QString fromName(const QString& agent, const QString& mailbox) {
    if (!agent.isEmpty() && !mailbox.isEmpty())
        return u"%1 via %2"_s.arg(agent, mailbox);
    return agent.isEmpty() ? mailbox : agent;
}

} // namespace

MailSender::MailSender(QVector<MailboxConfig> mailboxes, server::StoreThread& store, server::ServerMetrics& metrics,
                       QObject* parent)
    : QObject(parent)
    , m_mailboxes(std::move(mailboxes))
    , m_store(store)
    , m_metrics(metrics) {
    for (const MailboxConfig& mailbox : std::as_const(m_mailboxes)) {
        if (mailbox.sends())
            m_metrics.declareSendingMailbox(mailbox.name);
    }
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &MailSender::scan);
}

MailSender::~MailSender() {
    stop();
}

void MailSender::start() {
    if (m_started)
        return;
    m_started = true;
    m_stopping = false;
    m_held.clear();
    publishPending();
    m_worker = std::thread([this] { workerLoop(); });
    m_store.call(
        this, [](store::ServerStore& store) { return store.recoverOutgoingMail(); },
        [this](const Result<int>& recovered) {
            if (!recovered)
                qCWarning(lcMailSender) << "could not recover the outgoing queue:" << recovered.error();
            else if (recovered.value() > 0)
                qCInfo(lcMailSender) << recovered.value() << "replies interrupted by a stop are sent again";
            scan();
        });
}

void MailSender::stop() {
    if (!m_started)
        return;
    m_started = false;
    m_retryTimer.stop();
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

void MailSender::eventsAppended() {
    scan();
}

void MailSender::scan() {
    if (!m_started)
        return;
    if (m_scanning) {
        m_rescan = true;
        return;
    }
    m_scanning = true;
    m_rescan = false;
    struct Scan final {
        QVector<store::OutgoingMail> claimed;
        /// Replies queued or being sent after the claim.
        int pending = 0;
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_store.call(
        this,
        [now](store::ServerStore& store) -> Result<Scan> {
            if (const auto added = store.enqueueOutgoingMail(); !added)
                return Result<Scan>::failure(added.error());
            auto claimed = store.claimOutgoingMail(now, claimBatch);
            if (!claimed)
                return Result<Scan>::failure(claimed.error());
            const auto pending = store.pendingOutgoingMail();
            if (!pending)
                return Result<Scan>::failure(pending.error());
            return Scan{std::move(claimed).value(), pending.value()};
        },
        [this, now](const Result<Scan>& scanned) {
            m_scanning = false;
            if (!scanned) {
                qCWarning(lcMailSender) << "could not read the outgoing queue:" << scanned.error();
                m_retryTimer.start(5000);
                return;
            }
            for (const store::OutgoingMail& mail : scanned.value().claimed)
                dispatch(mail);
            // A reply held for a retry that was due at this claim and not claimed (every due row was, unless the
            // batch was full) is no longer queued: another server instance took it. Nothing pending: none is.
            const bool claimedAllDue = scanned.value().claimed.size() < claimBatch;
            for (auto it = m_held.begin(); it != m_held.end();) {
                const qint64 due = it->nextAttemptAt;
                if (due > 0 && ((claimedAllDue && due <= now) || scanned.value().pending == 0))
                    it = m_held.erase(it);
                else
                    ++it;
            }
            publishPending();
            if (m_rescan || scanned.value().claimed.size() == claimBatch)
                scan();
            else if (scanned.value().pending > 0 && !m_retryTimer.isActive())
                // Queued replies wait for their next attempt: look again in a second (one indexed query). With
                // nothing queued only a commit to the log wakes the sender.
                m_retryTimer.start(1000);
        });
}

const MailboxConfig* MailSender::mailboxFor(const store::OutgoingMail& mail, const QVector<MailboxConfig>& mailboxes) {
    // Which mailbox the agent picked, when the workstation says so.
    const QString named = mail.reply.payload.value(u"mailbox"_s).toString();
    for (const MailboxConfig& mailbox : mailboxes) {
        if (mailbox.sends() && !named.isEmpty() && mailbox.name == named)
            return &mailbox;
    }
    // The address the customer wrote to.
    const QStringList recipients = recipientsOf(mail.lastInbound);
    for (const MailboxConfig& mailbox : mailboxes) {
        if (mailbox.sends() && recipients.contains(lowerAddress(mailbox.address)))
            return &mailbox;
    }
    for (const MailboxConfig& mailbox : mailboxes) {
        if (mailbox.sends() && mailbox.queue == mail.queue)
            return &mailbox;
    }
    for (const MailboxConfig& mailbox : mailboxes) {
        if (mailbox.sends())
            return &mailbox;
    }
    return nullptr;
}

void MailSender::dispatch(const store::OutgoingMail& mail) {
    const core::Event& reply = mail.reply;
    if (m_inFlight.contains(reply.id))
        return;
    const MailboxConfig* chosen = mailboxFor(mail, m_mailboxes);
    if (!chosen) {
        settle(mail, u"failed"_s, u"no mailbox is set up to send mail (smtp_host)"_s, QString(), QString());
        return;
    }
    const MailboxConfig mailbox = *chosen;
    if (!reply.identity.startsWith(u"email:"_s)) {
        settle(mail, u"refused"_s, u"the reply names no e-mail address to send it to"_s, mailbox.name, QString());
        return;
    }
    const QString domain = mailbox.address.mid(mailbox.address.lastIndexOf(u'@') + 1);

    OutgoingMessage message;
    message.fromName = fromName(mail.agentName, mailbox.displayName);
    message.fromAddress = mailbox.address;
    message.toAddress = reply.identity.mid(6);
    if (lowerAddress(mail.lastInbound.payload.value(u"from"_s).toString()) == message.toAddress)
        message.toName = mail.lastInbound.payload.value(u"from_name"_s).toString();
    const QString subject = reply.payload.value(u"subject"_s).toString().trimmed();
    message.subject = !subject.isEmpty()
                          ? subject
                          : (mail.lastInbound.id.isEmpty()
                                 ? QString()
                                 : MailComposer::replySubject(mail.lastInbound.payload.value(u"subject"_s).toString()));
    message.text = reply.payload.value(u"text"_s).toString();
    message.signature = mailbox.signature;
    message.messageId = MailComposer::messageIdFor(reply.id, domain);
    const QString parent = mail.lastInbound.payload.value(u"message_id"_s).toString();
    if (!parent.isEmpty()) {
        message.inReplyTo = parent;
        for (const QJsonValue& reference : mail.lastInbound.payload.value(u"references"_s).toArray()) {
            if (!reference.toString().isEmpty() && !message.references.contains(reference.toString()))
                message.references.append(reference.toString());
        }
        message.references.removeAll(parent);
        message.references.append(parent);
    }
    message.date = reply.occurredAt > 0 ? reply.occurredAt : QDateTime::currentMSecsSinceEpoch();

    SmtpSession::Settings settings;
    settings.host = mailbox.smtpHost;
    settings.port = mailbox.effectiveSmtpPort();
    settings.security = smtpSecurity(mailbox.smtpSecurity);
    settings.login = mailbox.effectiveSmtpLogin();
    settings.password = mailbox.effectiveSmtpPassword();
    settings.timeoutSeconds = mailbox.timeoutS;
    settings.verifyCertificate = mailbox.verifyCertificate;
    settings.caFile = mailbox.tlsCaFile;
    const QByteArray raw = MailComposer::compose(message);

    m_inFlight.insert(reply.id);
    m_held.insert(reply.id, Held{mailbox.name, 0});
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.emplace_back([this, mail, mailbox, settings, from = message.fromAddress, to = message.toAddress, raw,
                             messageId = message.messageId] {
            SmtpSession::Result result = SmtpSession::send(settings, from, to, raw);
            QMetaObject::invokeMethod(
                this,
                [this, mail, mailbox, result, messageId] {
                    m_inFlight.remove(mail.reply.id);
                    if (result.outcome == SmtpSession::Outcome::Sent)
                        settle(mail, u"sent"_s, result.detail, mailbox.name, messageId);
                    else
                        finished(mail, mailbox, result);
                },
                Qt::QueuedConnection);
        });
    }
    m_wake.notify_one();
}

void MailSender::finished(const store::OutgoingMail& mail, const MailboxConfig& mailbox,
                          const SmtpSession::Result& result) {
    const QString messageId =
        MailComposer::messageIdFor(mail.reply.id, mailbox.address.mid(mailbox.address.lastIndexOf(u'@') + 1));
    if (result.outcome == SmtpSession::Outcome::Refused) {
        qCWarning(lcMailSender) << "reply" << mail.reply.id << "refused:" << result.detail;
        settle(mail, u"refused"_s, result.detail, mailbox.name, messageId);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int doublings = std::min(mail.attempts, 30);
    const qint64 wait =
        std::min<qint64>(m_firstRetryMs << std::min(doublings, 20), qint64(mailbox.smtpRetryMaxS) * 1000);
    if (now + wait - mail.queuedAt > qint64(mailbox.smtpGiveUpS) * 1000) {
        qCWarning(lcMailSender) << "reply" << mail.reply.id << "given up after" << mail.attempts + 1
                                << "attempts:" << result.detail;
        settle(mail, u"failed"_s, result.detail, mailbox.name, messageId);
        return;
    }
    qCInfo(lcMailSender) << "reply" << mail.reply.id << "not sent yet (attempt" << mail.attempts + 1 << "), retrying in"
                         << wait << "ms:" << result.detail;
    m_metrics.mailboxReplyAttemptFailed(mailbox.name);
    m_held.insert(mail.reply.id, Held{mailbox.name, now + wait});
    m_store.call(
        this,
        [id = mail.reply.id, next = now + wait, detail = result.detail](store::ServerStore& store) {
            return store.retryOutgoingMail(id, next, detail);
        },
        [this](const core::Status& status) {
            if (!status)
                qCWarning(lcMailSender) << "could not queue a reply again:" << status.error();
            if (!m_retryTimer.isActive())
                m_retryTimer.start(1000);
        });
}

void MailSender::settle(const store::OutgoingMail& mail, const QString& status, const QString& detail,
                        const QString& mailboxName, const QString& messageId) {
    core::Event delivery;
    delivery.id = u"delivery:%1:%2"_s.arg(mail.reply.id, status);
    delivery.customer = mail.reply.customer;
    delivery.channel = core::Channel::Email;
    delivery.kind = core::kinds::DeliveryUpdated;
    delivery.occurredAt = QDateTime::currentMSecsSinceEpoch();
    delivery.identity = mail.reply.identity;
    QJsonObject payload{{u"status"_s, status}, {u"detail"_s, detail}, {u"event"_s, mail.reply.id}};
    if (!mailboxName.isEmpty())
        payload.insert(u"mailbox"_s, mailboxName);
    if (!messageId.isEmpty())
        payload.insert(u"message_id"_s, messageId);
    delivery.payload = payload;
    m_store.call(
        this,
        [id = mail.reply.id, status, detail, delivery](store::ServerStore& store) {
            return store.finishOutgoingMail(id, status, status == u"sent" ? QString() : detail, delivery);
        },
        [this, id = mail.reply.id, status, mailboxName](const Result<qint64>& seq) {
            // Settled, or left "sending" for the next start: this sender is done with it either way.
            if (m_held.remove(id) > 0)
                publishPending();
            if (!seq) {
                // The row stays "sending"; the next start re-queues it (docs/email.md: the window).
                qCWarning(lcMailSender) << "could not record the outcome of reply" << id << ":" << seq.error();
                return;
            }
            qCInfo(lcMailSender) << "reply" << id << status;
            if (seq.value() > 0) {
                // Counted once: an outcome stored already (0) was counted when it was stored. Without a mailbox
                // ("no mailbox is set up to send mail") there is no series to count it in.
                if (!mailboxName.isEmpty()) {
                    if (status == u"sent")
                        m_metrics.mailboxReplySent(mailboxName);
                    else if (status == u"refused")
                        m_metrics.mailboxReplyRefused(mailboxName);
                    else if (status == u"failed")
                        m_metrics.mailboxReplyGivenUp(mailboxName);
                }
                Q_EMIT eventsStored();
            }
        });
}

void MailSender::publishPending() {
    QHash<QString, qint64> pending;
    for (const Held& held : std::as_const(m_held))
        ++pending[held.mailbox];
    for (const MailboxConfig& mailbox : std::as_const(m_mailboxes)) {
        if (mailbox.sends())
            m_metrics.mailboxRepliesPending(mailbox.name, pending.value(mailbox.name));
    }
}

void MailSender::workerLoop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
}

} // namespace tl::email
