#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace tl::email {

/// Checks a TLS peer's certificate chain the way a mail client must (docs/email.md, "TLS"): libetpan does not verify
/// the peer, so ImapSession and SmtpSession hand the chain it received (DER, leaf first) here. The chain must lead
/// to a CA the system trusts — or one from \a caFile (PEM), for a server with a private CA — and the leaf must name
/// \a host (a DNS name or an IP address). OpenSSL's X509 verification with the system's default CA paths.
class TlsVerifier final {
public:
    /// Succeeds when trusted; otherwise a sentence saying why (untrusted issuer, expired, wrong host name, …).
    [[nodiscard]] static core::Status verify(const QList<QByteArray>& derChain, const QString& host,
                                             const QString& caFile = {});
};

} // namespace tl::email
