#pragma once

#include "core/Result.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tl::sync {

/// What signing in returns.
struct Session final {
    QUrl server;
    QString token;
    QString login;
    QString name;
    QString role;
};

/// Signs an agent in to threadline-server over HTTP(S) (POST /api/v1/login) and out again. Asynchronous: the
/// caller's thread never waits. Thread: the one it was created on (the GUI's).
class LoginClient final : public QObject {
    Q_OBJECT
public:
    explicit LoginClient(QObject* parent = nullptr);

    /// \a server is the server's base URL ("http://127.0.0.1:8080"). \a done gets the session or a sentence
    /// for the agent ("Wrong login or password.", "Cannot reach the server: ...").
    void login(const QUrl& server, const QString& login, const QString& password,
               std::function<void(core::Result<Session>)> done);
    /// Revokes the session's token on the server; best effort.
    void logout(const Session& session);

    /// The server URL an agent typed, made whole: "host:8080" → "http://host:8080". Invalid → empty.
    [[nodiscard]] static QUrl normalizedServerUrl(const QString& text);

private:
    QNetworkAccessManager m_network;
};

} // namespace tl::sync
