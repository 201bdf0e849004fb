#pragma once

#include "ParsedMail.h"

#include "core/IdentityNormalizer.h"
#include "core/ImportRecord.h"
#include "core/Result.h"

#include <QByteArrayView>
#include <QStringList>

namespace tl::email {

class AttachmentStore;

/// Turns a ParsedMail into the event the log stores (docs/email.md, "The event"): id email:<Message-ID> (else
/// email:sha256:<hash of the raw bytes>), channel email, kind message.in — or message.out when the From is one of
/// the mailbox's own addresses, the identity then being the first recipient who is not —, occurred_at from the
/// Date, the payload with subject, text, html and the attachments (stored through an AttachmentStore when one is
/// given).
class MailEvent final {
public:
    struct Options final {
        /// The mailbox's own addresses, in any form IdentityNormalizer accepts.
        QStringList ownAddresses;
        /// Where attachment contents go; without one the event lists them without a path.
        AttachmentStore* attachments = nullptr;
    };

    /// The event id for \a mail: "email:<Message-ID>", or "email:sha256:<hex>" of \a raw when it has none.
    [[nodiscard]] static QString eventId(const ParsedMail& mail, QByteArrayView raw);
    /// The record to ingest. Fails (with a reason) when the message has no usable sender, or when an outgoing one
    /// has no recipient outside the mailbox, or an attachment cannot be stored.
    [[nodiscard]] static core::Result<core::ImportRecord>
    toRecord(const ParsedMail& mail, QByteArrayView raw, core::IdentityNormalizer& normalizer, const Options& options);
};

} // namespace tl::email
