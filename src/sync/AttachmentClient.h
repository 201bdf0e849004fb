#pragma once

#include "core/Result.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tl::sync {

/// Fetches an e-mail attachment the server stored (GET /api/v1/attachments/<sha256>) into a local file, checking
/// that the bytes hash to what was asked for. Asynchronous: the caller's thread never waits. Thread: the one it
/// was created on (the GUI's).
class AttachmentClient final : public QObject {
    Q_OBJECT
public:
    explicit AttachmentClient(QObject* parent = nullptr);

    /// Downloads \a sha256 from \a server (its base URL) with the session \a token into \a targetPath (written
    /// atomically, directories made). \a progress gets bytes received and the total (-1 when unknown); \a done
    /// gets the path, or a sentence for the agent.
    void fetch(const QUrl& server, const QString& token, const QString& sha256, const QString& targetPath,
               std::function<void(qint64 received, qint64 total)> progress,
               std::function<void(core::Result<QString>)> done);

private:
    QNetworkAccessManager m_network;
};

} // namespace tl::sync
