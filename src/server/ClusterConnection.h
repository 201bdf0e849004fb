#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSqlDriver>
#include <QString>
#include <QTimer>

namespace tl::server {

/// ClusterBus's PostgreSQL connection: LISTENs on one channel and sends NOTIFY on it. Opens in the background and,
/// when the connection cannot be opened or is lost, logs it and tries again with a growing delay (0.5 s doubling to
/// 30 s); notices published meanwhile wait (typing excepted, which would be stale) up to a bound. Never throws,
/// never blocks another thread. Thread: the bus thread (everything but the constructor).
class ClusterConnection final : public QObject {
    Q_OBJECT
public:
    /// \a url: postgresql://user[:password]@host[:port]/db[?options], as the store took it.
    ClusterConnection(QString url, QString channel);
    ~ClusterConnection() override;

    /// Starts connecting.
    void open();
    /// Sends \a payload to every listener of the channel (this connection included; ClusterBus ignores its own).
    /// \a droppable: not worth sending late (typing).
    void publish(const QByteArray& payload, bool droppable);
    /// Closes the connection (on this thread, where it lives).
    void close();

signals:
    /// A notice on the channel from another connection.
    void received(const QString& payload);
    /// The connection is (again) open and listening: notices sent meanwhile were missed.
    void connected();

private:
    void connectNow();
    void lost(const QString& why);
    void checkHealth();
    [[nodiscard]] bool send(const QByteArray& payload);
    /// True when the connection answers a trivial query.
    [[nodiscard]] bool alive() const;
    void onNotification(const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload);

    QString m_url;
    QString m_channel;
    QString m_connectionName;
    bool m_open = false;
    bool m_closing = false;
    bool m_everConnected = false;
    int m_retryMs = 0;
    int m_failures = 0;
    bool m_busySinceCheck = false;
    QList<QByteArray> m_waiting;
    QTimer* m_retryTimer = nullptr;
    QTimer* m_healthTimer = nullptr;
};

} // namespace tl::server
