#pragma once

#include "core/Result.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tl::sync {

/// One shared mailbox's health as the server reports it.
struct MailboxHealth final {
    QString name;
    QString address;
    QString queue;
    bool connected = false;
    /// When the folder was last read to its end, UTC ms; 0 when never.
    qint64 lastSyncAt = 0;
    QString lastError;
    qint64 lastErrorAt = 0;
};

/// Reads the shared mailboxes' health (GET /api/v1/mailboxes; supervisors and admins). Asynchronous. Thread: the
/// one it was created on (the GUI's).
class MailboxClient final : public QObject {
    Q_OBJECT
public:
    explicit MailboxClient(QObject* parent = nullptr);

    /// \a done gets the mailboxes, or a sentence for the agent.
    void fetch(const QUrl& server, const QString& token, std::function<void(core::Result<QList<MailboxHealth>>)> done);

    /// True when \a role ("agent", "supervisor", "admin") may read the mailboxes' health.
    [[nodiscard]] static bool mayRead(const QString& role);

private:
    QNetworkAccessManager m_network;
};

} // namespace tl::sync
