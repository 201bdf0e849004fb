#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace tl::email {

/// One message as a mailbox source hands it over, before parsing.
struct RawMail final {
    /// The raw RFC 5322 bytes (mbox escaping undone).
    QByteArray bytes;
    /// Which message this is, for a person: "message 12 (byte 40960)", or a Maildir file's path.
    QString label;
    /// A date to fall back on when the message has no valid Date (mbox "From " line, Maildir delivery time).
    std::optional<qint64> fallbackDate;
    /// Why the message could not be read; empty when bytes holds it.
    QString error;
};

/// Where messages come from, one at a time, in a stable order: an mbox file, a Maildir, (later) an IMAP folder.
class MailSource {
public:
    virtual ~MailSource() = default;
    /// Reads the next message into \a mail; false at the end.
    [[nodiscard]] virtual bool next(RawMail& mail) = 0;
    /// How far the source has got (bytes read), for progress.
    [[nodiscard]] virtual qint64 position() const = 0;
    /// The total the position runs up to; 0 when unknown.
    [[nodiscard]] virtual qint64 size() const = 0;
};

} // namespace tl::email
