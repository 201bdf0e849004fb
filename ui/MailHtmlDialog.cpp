#include "MailHtmlDialog.h"

#include "EventPresenter.h"
#include "MailAttachment.h"
#include "MailHtmlBrowser.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QJsonValue>
#include <QPushButton>
#include <QVBoxLayout>

namespace tl::ui {

MailHtmlDialog::MailHtmlDialog(const core::Event& event, const QString& attachmentsDirectory,
                               std::function<bool(const QUrl&)> openUrl, QWidget* parent)
    : QDialog(parent)
    , m_openUrl(std::move(openUrl)) {
    setObjectName(QStringLiteral("mailHtmlDialog"));
    const QString subject = EventPresenter::subject(event);
    //: Title of the dialog showing an e-mail's HTML; %1 is the subject
    setWindowTitle(subject.isEmpty() ? tr("Original Message") : tr("Original Message: %1").arg(subject));

    m_browser = new MailHtmlBrowser(this);
    QHash<QString, QString> images;
    for (const MailAttachment& attachment : MailAttachment::fromEvent(event)) {
        if (!attachment.contentId.isEmpty())
            images.insert(attachment.contentId, attachment.storedPath(attachmentsDirectory));
    }
    m_browser->setInlineImages(std::move(images));
    m_browser->setHtml(event.payload.value(QLatin1String("html")).toString());
    connect(m_browser, &MailHtmlBrowser::linkActivated, this, [this](const QUrl& url) {
        const QString scheme = url.scheme().toLower();
        if (m_openUrl &&
            (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto")))
            m_openUrl(url);
    });
    // Where a link leads, before the agent clicks it.
    connect(m_browser, qOverload<const QUrl&>(&QTextBrowser::highlighted), this,
            [this](const QUrl& url) { m_browser->setToolTip(url.toDisplayString()); });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(760, 640);
}

} // namespace tl::ui
