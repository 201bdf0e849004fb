#pragma once

#include "MailSource.h"

#include <QIODevice>

#include <optional>

namespace tl::email {

/// Reads an mbox file one message at a time (docs/email.md, "mbox"): a message starts at a "From " line at the
/// start of the file or after an empty line; ">From " lines (any number of '>') lose one '>' (mboxrd, which
/// also reads mboxo files right except for a body line that really began with ">From "). Content-Length headers
/// (mboxcl) are not trusted. Only the current message is in memory.
class MboxReader final : public MailSource {
public:
    /// Reads from \a device, which must stay open while the reader is used.
    explicit MboxReader(QIODevice& device);

    [[nodiscard]] bool next(RawMail& mail) override;
    [[nodiscard]] qint64 position() const override { return m_position; }
    [[nodiscard]] qint64 size() const override { return m_size; }

    /// The date of a "From sender Thu Nov  2 09:15:00 2026" line (asctime, UTC); nothing when it has none.
    [[nodiscard]] static std::optional<qint64> separatorDate(QByteArrayView line);

private:
    QIODevice& m_device;
    qint64 m_size = 0;
    qint64 m_position = 0;
    qint64 m_count = 0;
    /// The "From " line that starts the next message, already read.
    QByteArray m_separator;
    qint64 m_separatorOffset = 0;
    bool m_started = false;
};

} // namespace tl::email
