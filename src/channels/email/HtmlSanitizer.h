#pragma once

#include <QString>
#include <QStringView>

namespace tl::email {

/// Makes a mail's HTML safe to show (docs/email.md, "Sanitizing"): an allow-list of elements and attributes,
/// rebuilt from HtmlTokenizer's tokens into balanced markup. No scripts, no event handlers, no forms, frames,
/// objects or SVG, and nothing that loads remote content: images only from cid: (or inline data: images), CSS
/// url() only to cid:, links only to http(s) and mailto. Thread-safe.
class HtmlSanitizer final {
public:
    /// The sanitized HTML (a fragment: no html, head or body elements).
    [[nodiscard]] static QString sanitize(QStringView html);
    /// CSS with every url() other than cid: replaced by none, @import, expression(), behavior and -moz-binding
    /// removed, and escapes resolved first so that they cannot hide them.
    [[nodiscard]] static QString sanitizeCss(QStringView css);
    /// True for an image source that loads nothing from the network: cid:..., or a data: URL of a PNG, JPEG, GIF
    /// or WebP image.
    [[nodiscard]] static bool isLocalImageSource(QStringView url);
};

} // namespace tl::email
