#pragma once

#include <QString>
#include <QStringView>

namespace tl::email {

/// Plain text from an HTML body, for a message without a text/plain part: block elements become line breaks,
/// list items "- ", images their alt text, blockquotes "> " lines (so that QuoteFolder folds quoted history),
/// scripts, styles and the head vanish, white space collapses as a browser would. Thread-safe.
class HtmlToText final {
public:
    [[nodiscard]] static QString convert(QStringView html);
};

} // namespace tl::email
