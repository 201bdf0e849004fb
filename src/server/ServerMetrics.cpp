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
    return out;
}

} // namespace tl::server
