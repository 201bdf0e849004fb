#include "ServerMetrics.h"

#include "protocol/ErrorCode.h"

#include <QMutexLocker>

namespace tl::server {

using namespace Qt::StringLiterals;

namespace {

QByteArray number(double value) {
    return QByteArray::number(value, 'g', 10);
}

QByteArray escapedLabel(const QString& value) {
    QByteArray text = value.toUtf8();
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return text;
}

void header(QByteArray& out, const char* name, const char* type, const char* help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void labelledCounters(QByteArray& out, const char* name, const char* label, const QMap<QString, qint64>& values) {
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        out += name;
        out += '{';
        out += label;
        out += "=\"" + escapedLabel(it.key()) + "\"} " + QByteArray::number(it.value()) + '\n';
    }
}

/// One series with a line per mailbox (label mailbox="NAME", the row's key): \a value reads the figure from the row.
template <typename Row, typename Value>
void perMailbox(QByteArray& out, const char* name, const char* type, const char* help, const QMap<QString, Row>& rows,
                Value value) {
    if (rows.isEmpty())
        return; // no mailbox configured (or none that sends): no series
    header(out, name, type, help);
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        out += name;
        out += "{mailbox=\"" + escapedLabel(it.key()) + "\"} " + QByteArray::number(qint64{value(*it)}) + '\n';
    }
}

} // namespace

ServerMetrics::ServerMetrics(QString version)
    : m_version(std::move(version)) {
    // Every reason and source appears from the start, so a dashboard's rate() has a zero to start from.
    for (const protocol::ErrorCode code : protocol::allErrorCodes)
        m_rejected.insert(protocol::errorCodeName(code), 0);
    for (const QString& source : {u"sync"_s, u"import"_s}) {
        m_accepted.insert(source, 0);
        m_refused.insert(source, 0);
    }
}

void ServerMetrics::workstationConnected() {
    const QMutexLocker lock(&m_mutex);
    ++m_connected;
}

void ServerMetrics::workstationDisconnected() {
    const QMutexLocker lock(&m_mutex);
    --m_connected;
}

void ServerMetrics::eventsAccepted(const QString& source, qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_accepted[source] += count;
}

void ServerMetrics::eventsRefused(const QString& source, qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_refused[source] += count;
}

void ServerMetrics::eventsPushed(qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_pushed += count;
}

void ServerMetrics::frameRejected(const QString& reason) {
    const QMutexLocker lock(&m_mutex);
    ++m_rejected[reason];
}

void ServerMetrics::loginFailed() {
    const QMutexLocker lock(&m_mutex);
    ++m_loginFailures;
}

void ServerMetrics::observeDbSeconds(double seconds) {
    const QMutexLocker lock(&m_mutex);
    ++m_dbCount;
    m_dbSum += seconds;
    for (std::size_t i = 0; i < bucketBounds.size(); ++i) {
        if (seconds <= bucketBounds[i])
            ++m_dbBuckets[i];
    }
}

void ServerMetrics::httpResponse(int status) {
    const QMutexLocker lock(&m_mutex);
    ++m_httpResponses[status];
}

void ServerMetrics::chatVisitorConnected() {
    const QMutexLocker lock(&m_mutex);
    ++m_chatVisitors;
}

void ServerMetrics::chatVisitorDisconnected() {
    const QMutexLocker lock(&m_mutex);
    --m_chatVisitors;
}

void ServerMetrics::chatsStarted(qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_chatsStarted += count;
}

void ServerMetrics::chatMessagesStored(qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_chatMessages += count;
}

void ServerMetrics::chatFrameRefused(const QString& reason) {
    const QMutexLocker lock(&m_mutex);
    ++m_chatRefused[reason];
}

void ServerMetrics::declareChatRefusalReasons(const QStringList& reasons) {
    const QMutexLocker lock(&m_mutex);
    for (const QString& reason : reasons)
        m_chatRefused.insert(reason, m_chatRefused.value(reason));
}

void ServerMetrics::declareMailbox(const QString& name, const QString& address, const QString& queue,
                                   const QString& folder) {
    const QMutexLocker lock(&m_mutex);
    MailboxHealth& health = m_mailboxes[name];
    health.name = name;
    health.address = address;
    health.queue = queue;
    health.folder = folder;
}

void ServerMetrics::mailboxConnected(const QString& name, bool connected) {
    const QMutexLocker lock(&m_mutex);
    m_mailboxes[name].connected = connected;
}

void ServerMetrics::mailboxSynced(const QString& name, qint64 at) {
    const QMutexLocker lock(&m_mutex);
    m_mailboxes[name].lastSyncAt = at;
}

void ServerMetrics::mailboxMessages(const QString& name, qint64 stored, qint64 rejected) {
    const QMutexLocker lock(&m_mutex);
    MailboxHealth& health = m_mailboxes[name];
    health.stored += stored;
    health.rejected += rejected;
}

void ServerMetrics::mailboxError(const QString& name, const QString& error, qint64 at) {
    const QMutexLocker lock(&m_mutex);
    MailboxHealth& health = m_mailboxes[name];
    health.lastError = error;
    health.lastErrorAt = at;
    ++health.errors;
}

QVector<MailboxHealth> ServerMetrics::mailboxes() const {
    const QMutexLocker lock(&m_mutex);
    return QVector<MailboxHealth>(m_mailboxes.cbegin(), m_mailboxes.cend());
}

void ServerMetrics::declareSendingMailbox(const QString& name) {
    const QMutexLocker lock(&m_mutex);
    m_sending[name];
}

void ServerMetrics::mailboxReplySent(const QString& name) {
    const QMutexLocker lock(&m_mutex);
    ++m_sending[name].sent;
}

void ServerMetrics::mailboxReplyRefused(const QString& name) {
    const QMutexLocker lock(&m_mutex);
    ++m_sending[name].refused;
}

void ServerMetrics::mailboxReplyGivenUp(const QString& name) {
    const QMutexLocker lock(&m_mutex);
    ++m_sending[name].givenUp;
}

void ServerMetrics::mailboxReplyAttemptFailed(const QString& name) {
    const QMutexLocker lock(&m_mutex);
    ++m_sending[name].attemptsFailed;
}

void ServerMetrics::mailboxRepliesBounced(const QString& name, qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_sending[name].bounced += count;
}

void ServerMetrics::mailboxRepliesPending(const QString& name, qint64 count) {
    const QMutexLocker lock(&m_mutex);
    m_sending[name].pending = count;
}

qint64 ServerMetrics::connectedWorkstations() const {
    const QMutexLocker lock(&m_mutex);
    return m_connected;
}

QByteArray ServerMetrics::prometheusText() const {
    const QMutexLocker lock(&m_mutex);
    QByteArray out;
    header(out, "threadline_build_info", "gauge", "The running build; the value is always 1.");
    out +=
        "threadline_build_info{version=\"" + escapedLabel(m_version) + "\",qt=\"" + QByteArray(qVersion()) + "\"} 1\n";

    header(out, "threadline_connected_workstations", "gauge", "WebSocket connections past hello.");
    out += "threadline_connected_workstations " + QByteArray::number(m_connected) + '\n';

    header(out, "threadline_events_accepted_total", "counter",
           "Events stored or acknowledged with their seq, by source (sync: submitted by workstations; import: REST).");
    labelledCounters(out, "threadline_events_accepted_total", "source", m_accepted);

    header(out, "threadline_events_refused_total", "counter", "Events refused with an error result, by source.");
    labelledCounters(out, "threadline_events_refused_total", "source", m_refused);

    header(out, "threadline_events_pushed_total", "counter", "Events sent to workstations (backlog and live).");
    out += "threadline_events_pushed_total " + QByteArray::number(m_pushed) + '\n';

    header(out, "threadline_frames_rejected_total", "counter",
           "Sync connections closed by the server with an error frame, by error code.");
    labelledCounters(out, "threadline_frames_rejected_total", "reason", m_rejected);

    header(out, "threadline_login_failures_total", "counter", "Refused sign-ins (wrong login or password).");
    out += "threadline_login_failures_total " + QByteArray::number(m_loginFailures) + '\n';

    header(out, "threadline_db_query_duration_seconds", "histogram", "Time of one store call on the database thread.");
    for (std::size_t i = 0; i < bucketBounds.size(); ++i)
        out += "threadline_db_query_duration_seconds_bucket{le=\"" + number(bucketBounds[i]) + "\"} " +
               QByteArray::number(m_dbBuckets[i]) + '\n';
    out += "threadline_db_query_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(m_dbCount) + '\n';
    out += "threadline_db_query_duration_seconds_sum " + number(m_dbSum) + '\n';
    out += "threadline_db_query_duration_seconds_count " + QByteArray::number(m_dbCount) + '\n';

    header(out, "threadline_http_responses_total", "counter", "HTTP responses by status code.");
    for (auto it = m_httpResponses.cbegin(); it != m_httpResponses.cend(); ++it)
        out += "threadline_http_responses_total{code=\"" + QByteArray::number(it.key()) + "\"} " +
               QByteArray::number(it.value()) + '\n';

    header(out, "threadline_chat_visitors_connected", "gauge", "Web chat visitor connections past hello (welcomed).");
    out += "threadline_chat_visitors_connected " + QByteArray::number(m_chatVisitors) + '\n';

    header(out, "threadline_chat_started_total", "counter", "Web chats started (chat.started stored).");
    out += "threadline_chat_started_total " + QByteArray::number(m_chatsStarted) + '\n';

    header(out, "threadline_chat_messages_stored_total", "counter",
           "Web chat visitors' messages stored (message.in, offline messages included).");
    out += "threadline_chat_messages_stored_total " + QByteArray::number(m_chatMessages) + '\n';

    header(out, "threadline_chat_frames_refused_total", "counter",
           "Web chat visitor connections closed by the server with an error frame, by error code.");
    labelledCounters(out, "threadline_chat_frames_refused_total", "reason", m_chatRefused);

    using Health = MailboxHealth;
    perMailbox(out, "threadline_mailbox_connected", "gauge",
               "Shared mailboxes: 1 while the IMAP connection is up and the folder selected.", m_mailboxes,
               [](const Health& health) { return health.connected ? 1 : 0; });
    perMailbox(out, "threadline_mailbox_last_sync_timestamp_seconds", "gauge",
               "Shared mailboxes: when the folder was last read to its end (Unix time; 0: never).", m_mailboxes,
               [](const Health& health) { return health.lastSyncAt / 1000; });
    perMailbox(out, "threadline_mailbox_messages_stored_total", "counter",
               "Shared mailboxes: messages stored as events (re-read duplicates included).", m_mailboxes,
               [](const Health& health) { return health.stored; });
    perMailbox(out, "threadline_mailbox_messages_rejected_total", "counter",
               "Shared mailboxes: messages that could not be made an event (no usable sender).", m_mailboxes,
               [](const Health& health) { return health.rejected; });
    perMailbox(out, "threadline_mailbox_errors_total", "counter",
               "Shared mailboxes: connections refused or lost, and failed reads.", m_mailboxes,
               [](const Health& health) { return health.errors; });

    using Sending = MailboxSending;
    perMailbox(out, "threadline_mailbox_replies_sent_total", "counter",
               "Shared mailboxes: agents' replies accepted by the SMTP server.", m_sending,
               [](const Sending& sending) { return sending.sent; });
    perMailbox(out, "threadline_mailbox_replies_refused_total", "counter",
               "Shared mailboxes: replies refused for good (a 5xx answer, or no address to send to).", m_sending,
               [](const Sending& sending) { return sending.refused; });
    perMailbox(out, "threadline_mailbox_replies_given_up_total", "counter",
               "Shared mailboxes: replies given up after temporary failures for smtp_give_up_s.", m_sending,
               [](const Sending& sending) { return sending.givenUp; });
    perMailbox(out, "threadline_mailbox_reply_attempts_failed_total", "counter",
               "Shared mailboxes: sending attempts that failed temporarily; the reply is tried again.", m_sending,
               [](const Sending& sending) { return sending.attemptsFailed; });
    perMailbox(out, "threadline_mailbox_replies_bounced_total", "counter",
               "Shared mailboxes: bounces that came back as mail and were matched to a sent reply.", m_sending,
               [](const Sending& sending) { return sending.bounced; });
    perMailbox(out, "threadline_mailbox_replies_pending", "gauge",
               "Shared mailboxes: replies in the outgoing queue, being sent or waiting for their next attempt.",
               m_sending, [](const Sending& sending) { return sending.pending; });
    return out;
}

} // namespace tl::server
