#pragma once

#include "ParsedMail.h"

#include <QByteArrayView>

#include <optional>

namespace tl::email {

/// Reads one raw RFC 5322 message (docs/email.md, "What is parsed") with GMime 3: headers, the text and HTML
/// bodies of multipart/mixed, alternative and related trees, attachments and inline parts, every charset iconv
/// knows plus a guess for undeclared 8-bit text. Malformed input never fails: it yields what could be read and
/// says what was wrong in ParsedMail::warnings. Thread-safe: each call has its own GMime objects.
class MailParser final {
public:
    struct Options final {
        /// occurred_at when neither the Date header nor a Received header gives a valid date (the mbox "From "
        /// line's date, a Maildir file's modification time); the current time when this is empty too.
        std::optional<qint64> fallbackDate;
    };

    /// Messages larger than this are read only up to it (with a warning).
    static constexpr qsizetype maxMessageBytes = 64 * 1024 * 1024;

    [[nodiscard]] static ParsedMail parse(QByteArrayView raw, const Options& options);
    [[nodiscard]] static ParsedMail parse(QByteArrayView raw) { return parse(raw, Options()); }

    /// Decodes RFC 2047 encoded words in a header value (UTF-8, or 8-bit bytes read by CharsetDecoder::guess):
    /// adjacent words are joined, their bytes decoded together, each charset through CharsetDecoder.
    [[nodiscard]] static QString decodeHeaderText(QByteArrayView value, QStringList* warnings = nullptr);
};

} // namespace tl::email
