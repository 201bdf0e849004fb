#pragma once

#include <QHash>
#include <QTextBrowser>

namespace tl::ui {

/// Shows an e-mail's sanitized HTML and loads nothing from anywhere: every resource request (http, https, ftp,
/// file, relative, style sheets) is refused, except `cid:` images found among the message's stored inline parts
/// and `data:` images. A refusal is an empty byte array, not an empty QVariant, which would let QTextDocument read
/// local files itself. Links are shown; a click only emits linkActivated(), it never navigates. Thread: GUI.
class MailHtmlBrowser final : public QTextBrowser {
    Q_OBJECT
public:
    explicit MailHtmlBrowser(QWidget* parent = nullptr);

    /// Content-ID (without angle brackets) → the stored file of that inline part.
    void setInlineImages(QHash<QString, QString> contentIdToPath) { m_inlineImages = std::move(contentIdToPath); }

    [[nodiscard]] QVariant loadResource(int type, const QUrl& name) override;

    /// Resource requests refused so far (remote, local file, unknown scheme, a Content-ID not stored).
    [[nodiscard]] int refusedCount() const { return m_refused; }
    /// Of those, requests for http, https or ftp URLs (which were never fetched).
    [[nodiscard]] int remoteRequestCount() const { return m_remoteRequests; }

signals:
    /// The agent clicked a link.
    void linkActivated(const QUrl& url);

private:
    QHash<QString, QString> m_inlineImages;
    int m_refused = 0;
    int m_remoteRequests = 0;
};

} // namespace tl::ui
