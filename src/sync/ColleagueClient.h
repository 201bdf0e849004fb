#pragma once

#include "core/Result.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tl::sync {

/// An account that can take a chat over, as the server lists it (GET /api/v1/colleagues).
struct Colleague final {
    QString login;
    /// The display name; may be empty.
    QString name;
    /// "agent", "supervisor" or "admin".
    QString role;
    /// True when the account has a ready /sync connection on the server instance that answered.
    bool online = false;

    /// The name, else the login.
    [[nodiscard]] QString displayName() const { return name.isEmpty() ? login : name; }
};

/// Reads who can take over a chat (GET /api/v1/colleagues?queue=NAME; any signed-in account, agents about their
/// own queues). Asynchronous, never blocks. Thread: the one it was created on (the GUI's).
class ColleagueClient final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(core::Result<QList<Colleague>>)>;

    explicit ColleagueClient(QObject* parent = nullptr);

    /// The signed-in session; an empty \a server (signed out, offline) makes every fetch fail at once.
    void setSession(const QUrl& server, const QString& token);
    [[nodiscard]] bool hasSession() const { return !m_server.isEmpty(); }

    /// \a done gets the colleagues who can take a chat of \a queue, or a sentence for the agent. With an empty
    /// \a queue: those of every queue the account sees (GET /api/v1/queues, then one request per queue), merged —
    /// online when online in any answer. Either way sorted: online first, then by name.
    void fetch(const QString& queue, Done done);

    /// Merges lists of colleagues by login (online wins) and sorts them: online first, then by name and login.
    [[nodiscard]] static QList<Colleague> merged(const QList<QList<Colleague>>& lists);

private:
    void get(const QUrl& url, std::function<void(core::Result<QJsonObject>)> done);
    void fetchQueues(const QStringList& queues, Done done);

    QNetworkAccessManager m_network;
    QUrl m_server;
    QString m_token;
};

} // namespace tl::sync
