#pragma once

#include <QString>
#include <QStringView>

namespace tl::email {

/// Finds where the quoted history of a reply begins (docs/email.md, "Quoted history"): an attribution line
/// ("On … wrote:", "W dniu … pisze:", "… написал(а):", "… 写道：", "… نوشت:" and others), an Outlook
/// "-----Original Message-----" separator or From:/Sent: header block, or a trailing block of "> " lines.
/// Thread-safe.
class QuoteFolder final {
public:
    struct Folded final {
        /// The text before the quoted history, trailing blank lines removed; the whole text when nothing was folded.
        QString visible;
        /// True when something was folded away.
        bool folded = false;
    };

    [[nodiscard]] static Folded fold(QStringView text);
    /// True when \a line (trimmed) introduces quoted history: an attribution or an original-message separator.
    [[nodiscard]] static bool isAttribution(QStringView line);
};

} // namespace tl::email
