#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tl::email {

/// Turns text bytes in a mail charset into a QString (through iconv), and guesses the charset of undeclared or
/// mislabelled 8-bit text. See docs/email.md, "Charsets". Thread-safe (no shared state).
class CharsetDecoder final {
public:
    /// The outcome of decode().
    struct Decoded final {
        QString text;
        /// The charset the text was read in (iconv name, upper case: "WINDOWS-1250", "GB18030", "UTF-8").
        QByteArray charset;
        /// True when the charset was guessed rather than taken from the label.
        bool guessed = false;
        /// Why the label was not used, or that bytes were replaced; empty when the label was fine.
        QString warning;
    };

    /// The iconv charset to read a label with: aliases resolved and labels mapped to the superset mailers really
    /// mean (gb2312 and gbk → GB18030, iso-8859-1 → WINDOWS-1252, ks_c_5601-1987 → CP949, big5 → BIG5).
    /// Empty for an empty label and for us-ascii (which then means "undeclared").
    [[nodiscard]] static QByteArray effectiveCharset(QByteArrayView label);
    /// \a bytes read in \a charset (an iconv name or a label); nothing when the charset is unknown or the bytes are
    /// not valid in it.
    [[nodiscard]] static std::optional<QString> decodeStrict(QByteArrayView bytes, QByteArrayView charset);
    /// \a bytes read in \a charset with every invalid byte replaced by U+FFFD; nothing when the charset is unknown.
    [[nodiscard]] static std::optional<QString> decodeLenient(QByteArrayView bytes, QByteArrayView charset);
    /// The charset \a bytes are most likely in (docs/email.md, "Undeclared 8-bit text"): UTF-8 when they are valid
    /// UTF-8, else the best scoring of GB18030, BIG5, WINDOWS-1251, KOI8-R, WINDOWS-1250, ISO-8859-2,
    /// WINDOWS-1256 and WINDOWS-1252.
    [[nodiscard]] static Decoded guess(QByteArrayView bytes);
    /// \a bytes labelled \a declared (may be empty): the label when the bytes are valid in it and read plausibly,
    /// else a guess, else the label with invalid bytes replaced. Never fails.
    [[nodiscard]] static Decoded decode(QByteArrayView bytes, QByteArrayView declared);
    /// How plausible \a text is as human writing in one script (higher is better); used by guess().
    [[nodiscard]] static double plausibility(QStringView text);
};

} // namespace tl::email
