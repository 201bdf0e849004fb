#include "MailHtmlBrowser.h"

#include <QFile>
#include <QImage>
#include <QLoggingCategory>
#include <QTextDocument>

Q_LOGGING_CATEGORY(lcMailHtml, "threadline.ui.mailhtml")

namespace tl::ui {

namespace {

/// Inline images bigger than this are not shown.
constexpr qint64 maximumImageBytes = 16 * 1024 * 1024;

QImage imageFromData(const QUrl& url) {
    // data:image/png;base64,....
    const QByteArray text = url.toString(QUrl::FullyEncoded).toLatin1();
    const qsizetype comma = text.indexOf(',');
    if (comma < 0)
        return {};
    const QByteArray header = text.mid(5, comma - 5).toLower();
    if (!header.startsWith("image/") || !header.endsWith(";base64"))
        return {};
    return QImage::fromData(QByteArray::fromBase64(QByteArray::fromPercentEncoding(text.mid(comma + 1))));
}

} // namespace

MailHtmlBrowser::MailHtmlBrowser(QWidget* parent)
    : QTextBrowser(parent) {
    setObjectName(QStringLiteral("mailHtmlBrowser"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, &MailHtmlBrowser::linkActivated);
}

QVariant MailHtmlBrowser::loadResource(int type, const QUrl& name) {
    const QString scheme = name.scheme().toLower();
    if (type == QTextDocument::ImageResource && scheme == QLatin1String("cid")) {
        QString contentId = name.toString(QUrl::RemoveScheme);
        if (contentId.startsWith(QLatin1Char('<')) && contentId.endsWith(QLatin1Char('>')))
            contentId = contentId.mid(1, contentId.size() - 2);
        const QString path = m_inlineImages.value(contentId);
        QFile file(path);
        if (!path.isEmpty() && file.size() <= maximumImageBytes && file.open(QIODevice::ReadOnly)) {
            const QImage image = QImage::fromData(file.readAll());
            if (!image.isNull())
                return image;
        }
    } else if (type == QTextDocument::ImageResource && scheme == QLatin1String("data")) {
        const QImage image = imageFromData(name);
        if (!image.isNull())
            return image;
    } else if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("ftp")) {
        ++m_remoteRequests;
        qCDebug(lcMailHtml) << "refused a remote resource:" << name.toString();
    }
    // Never QTextBrowser::loadResource: it reads local files and resolves relative names. And not an empty
    // QVariant either: QTextDocument::loadResource then reads local files (file:, relative names) by itself. An
    // empty, non-null answer is cached by the document as "nothing there".
    ++m_refused;
    return QVariant(QByteArray());
}

} // namespace tl::ui
