#pragma once

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>

#include <array>

namespace tl::server {

/// The server's counters, rendered in the Prometheus text exposition format for GET /metrics. Thread-safe: the
/// DB thread records query times, the main thread everything else.
class ServerMetrics final {
public:
    explicit ServerMetrics(QString version);

    /// A workstation completed hello (+1) or went away after it (-1).
    void workstationConnected();
    void workstationDisconnected();
    /// Events stored (or already stored, acked with their seq) from "sync" (submit) or "import" (REST).
    void eventsAccepted(const QString& source, qint64 count);
    /// Events refused with an error result.
    void eventsRefused(const QString& source, qint64 count);
    /// Events sent to workstations in events frames (backlog and live).
    void eventsPushed(qint64 count);
    /// A connection closed for \a reason, an error code name ("bad_frame", "too_large", "rate_limited", ...).
    void frameRejected(const QString& reason);
    void loginFailed();
    /// One store call on the DB thread took \a seconds.
    void observeDbSeconds(double seconds);
    /// HTTP responses by status code.
    void httpResponse(int status);

    [[nodiscard]] qint64 connectedWorkstations() const;
    /// The whole exposition, "text/plain; version=0.0.4".
    [[nodiscard]] QByteArray prometheusText() const;

private:
    static constexpr std::array<double, 10> bucketBounds{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                         0.025,  0.05,  0.1,    0.5,   2.5};

    mutable QMutex m_mutex;
    QString m_version;
    qint64 m_connected = 0;
    QMap<QString, qint64> m_accepted;
    QMap<QString, qint64> m_refused;
    qint64 m_pushed = 0;
    QMap<QString, qint64> m_rejected;
    qint64 m_loginFailures = 0;
    std::array<qint64, bucketBounds.size()> m_dbBuckets{};
    qint64 m_dbCount = 0;
    double m_dbSum = 0;
    QMap<int, qint64> m_httpResponses;
};

} // namespace tl::server
