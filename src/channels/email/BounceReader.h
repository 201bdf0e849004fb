#pragma once

#include "ParsedMail.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <optional>

namespace tl::email {

/// What a bounce says about the message it returns.
struct Bounce final {
    /// The RFC 3463 status ("5.1.1"); empty when the bounce gives none.
    QString status;
    /// The Diagnostic-Code (its "smtp;" type dropped, lines unfolded), or the remote server's reply a
    /// non-standard bounce quotes; empty when none.
    QString diagnostic;
    /// The recipient that failed (Final-Recipient, else Original-Recipient); empty when unknown.
    QString recipient;
    /// The returned message's Message-ID, then the bounce's In-Reply-To and References (newest first): the
    /// candidates for the original, with angle brackets, without duplicates.
    QStringList originalMessageIds;

    /// What the timeline shows: the diagnostic, else the status, else a fixed text.
    [[nodiscard]] QString detail() const;
};

/// Recognizes a bounce that came back as mail (docs/email.md, "Bounces"): a delivery status notification (RFC 3464:
/// multipart/report; report-type=delivery-status, with Action: failed or a 5.x.x Status) or a non-standard one
/// from a mailer daemon whose body quotes the returned message's headers. Delayed, delivered and relayed reports
/// are not bounces. Thread: any.
class BounceReader final {
public:
    /// The bounce \a mail (parsed from \a raw) is; nullopt when it is not one.
    [[nodiscard]] static std::optional<Bounce> read(const ParsedMail& mail, QByteArrayView raw);
};

} // namespace tl::email
