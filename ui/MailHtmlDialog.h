#pragma once

#include "core/Event.h"

#include <QDialog>

#include <functional>

namespace tl::ui {

class MailHtmlBrowser;

/// "Show Original (HTML)": an e-mail's sanitized HTML, with its stored inline images and nothing remote. A link
/// opens in the desktop's browser only when the agent clicks it. Thread: GUI.
class MailHtmlDialog final : public QDialog {
    Q_OBJECT
public:
    /// \a attachmentsDirectory is the cache's attachment store (for `cid:` images); \a openUrl opens a clicked
    /// link (QDesktopServices::openUrl in the workstation).
    MailHtmlDialog(const core::Event& event, const QString& attachmentsDirectory,
                   std::function<bool(const QUrl&)> openUrl, QWidget* parent = nullptr);

    [[nodiscard]] MailHtmlBrowser* browser() const { return m_browser; }

private:
    MailHtmlBrowser* m_browser = nullptr;
    std::function<bool(const QUrl&)> m_openUrl;
};

} // namespace tl::ui
