#pragma once

#include "MailAttachment.h"

#include "sync/AttachmentClient.h"

#include <QObject>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>

namespace tl::ui {

/// Opens e-mail attachments with the desktop's default application: from the cache's attachment store when the
/// file is there (import-mail writes it), else fetched from the server into that store first. What is handed to
/// the application is a copy under the attachment's own name in a temporary directory, so the store is never
/// changed. Thread: GUI.
class AttachmentOpener final : public QObject {
    Q_OBJECT
public:
    /// \a attachmentsDirectory is the cache's store (MailAttachment::directoryFor).
    explicit AttachmentOpener(QString attachmentsDirectory, QObject* parent = nullptr);

    /// The server to fetch missing attachments from, and the session token; an empty URL fetches nothing.
    void setServer(const QUrl& server, const QString& token);
    /// Replaces QDesktopServices::openUrl (tests).
    void setUrlOpener(std::function<bool(const QUrl&)> opener) { m_openUrl = std::move(opener); }
    [[nodiscard]] const QString& attachmentsDirectory() const { return m_directory; }

    /// Opens \a attachment; progress and the outcome come as signals.
    void open(const MailAttachment& attachment);

signals:
    /// A sentence for the status bar ("Downloading offer.pdf… 40%").
    void progress(const QString& message);
    /// The attachment was handed to the desktop as \a url.
    void opened(const QUrl& url);
    /// A sentence for the agent.
    void failed(const QString& message);

private:
    void openStored(const MailAttachment& attachment, const QString& storedPath);

    QString m_directory;
    QUrl m_server;
    QString m_token;
    QTemporaryDir m_temporary;
    sync::AttachmentClient m_client;
    std::function<bool(const QUrl&)> m_openUrl;
};

} // namespace tl::ui
