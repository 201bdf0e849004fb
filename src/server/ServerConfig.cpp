#include "ServerConfig.h"

#include "core/IdentityNormalizer.h"
#include "protocol/Protocol.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace tl::server {

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

namespace {

Status badValue(const QString& key, const QString& value, const QString& expected) {
    return Status::failure(u"%1 = \"%2\": %3"_s.arg(key, value, expected));
}

Result<qint64> parseInteger(const QString& key, const QString& value, qint64 minimum, qint64 maximum) {
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok || number < minimum || number > maximum)
        return Result<qint64>::failure(
            badValue(key, value, u"expected a whole number from %1 to %2"_s.arg(minimum).arg(maximum)).error());
    return number;
}

Result<double> parseRate(const QString& key, const QString& value, double minimum, double maximum) {
    bool ok = false;
    const double number = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(number) || number < minimum || number > maximum)
        return Result<double>::failure(
            badValue(key, value, u"expected a number from %1 to %2"_s.arg(minimum).arg(maximum)).error());
    return number;
}

} // namespace

QString ServerConfig::defaultDatabaseUrl() {
    QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (directory.isEmpty())
        directory = QDir::homePath() + u"/.local/share/threadline-server"_s;
    return u"sqlite:"_s + directory + u"/server.sqlite"_s;
}

QStringList ServerConfig::keys() {
    return {u"server/listen"_s,
            u"identity/default_region"_s,
            u"database/url"_s,
            u"tls/certificate"_s,
            u"tls/key"_s,
            u"sync/heartbeat_ms"_s,
            u"sync/hello_timeout_ms"_s,
            u"sync/session_recheck_ms"_s,
            u"sync/page_size"_s,
            u"limits/max_frame_bytes"_s,
            u"limits/frames_per_second"_s,
            u"limits/frame_burst"_s,
            u"limits/events_per_second"_s,
            u"limits/event_burst"_s,
            u"limits/max_request_bytes"_s,
            u"limits/logins_per_minute"_s,
            u"chat/queue"_s,
            u"chat/allowed_origins"_s,
            u"chat/max_frame_bytes"_s,
            u"chat/frames_per_second"_s,
            u"chat/frame_burst"_s,
            u"chat/messages_per_minute"_s,
            u"chat/message_burst"_s,
            u"chat/max_connections_per_address"_s,
            u"chat/max_connections"_s,
            u"chat/heartbeat_ms"_s,
            u"chat/idle_timeout_s"_s,
            u"chat/history_limit"_s,
            u"log/file"_s,
            u"log/max_bytes"_s,
            u"log/keep"_s,
            u"log/rules"_s,
            u"email/attachments_dir"_s};
}

Status ServerConfig::setMailbox(const QString& key, const QString& value) {
    // "mailbox.NAME/setting", as QSettings names the keys of an INI group [mailbox.NAME].
    const qsizetype slash = key.indexOf(u'/');
    const QString name = key.mid(8, slash < 0 ? -1 : slash - 8);
    const QString setting = slash < 0 ? QString() : key.mid(slash + 1);
    static const QRegularExpression namePattern(u"^[A-Za-z0-9_-]{1,64}$"_s);
    if (!namePattern.match(name).hasMatch())
        return badValue(key, value,
                        u"a mailbox's name (the group [mailbox.NAME]) is 1 to 64 letters, digits, '-' or '_'"_s);
    auto it = std::find_if(mailboxes.begin(), mailboxes.end(),
                           [&](const MailboxConfig& mailbox) { return mailbox.name == name; });
    if (it == mailboxes.end()) {
        MailboxConfig added;
        added.name = name;
        it = mailboxes.insert(std::upper_bound(mailboxes.begin(), mailboxes.end(), name,
                                               [](const QString& n, const MailboxConfig& m) { return n < m.name; }),
                              added);
    }
    MailboxConfig& mailbox = *it;
    const QString text = value.trimmed();
    auto integer = [&](qint64 minimum, qint64 maximum, int& target) -> Status {
        const auto number = parseInteger(key, value, minimum, maximum);
        if (!number)
            return Status::failure(number.error());
        target = static_cast<int>(number.value());
        return {};
    };
    if (setting == u"host") {
        mailbox.host = text;
        return {};
    }
    if (setting == u"port") {
        int port = 0;
        if (Status status = integer(1, 65535, port); !status)
            return status;
        mailbox.port = static_cast<quint16>(port);
        return {};
    }
    if (setting == u"security") {
        if (text == u"tls")
            mailbox.security = MailboxConfig::Security::Tls;
        else if (text == u"starttls")
            mailbox.security = MailboxConfig::Security::StartTls;
        else if (text == u"none")
            mailbox.security = MailboxConfig::Security::None;
        else
            return badValue(key, value, u"expected tls, starttls or none"_s);
        return {};
    }
    if (setting == u"tls_verify") {
        if (text != u"true" && text != u"false")
            return badValue(key, value, u"expected true or false"_s);
        mailbox.verifyCertificate = text == u"true";
        return {};
    }
    if (setting == u"tls_ca_file") {
        mailbox.tlsCaFile = text;
        return {};
    }
    if (setting == u"login") {
        mailbox.login = text;
        return {};
    }
    if (setting == u"password") {
        mailbox.password = value;
        return {};
    }
    if (setting == u"password_file") {
        QFile file(text);
        if (!file.open(QIODevice::ReadOnly))
            return badValue(key, value, u"the file does not exist or cannot be read"_s);
        mailbox.passwordFile = text;
        mailbox.password = QString::fromUtf8(file.readLine()).remove(u'\r').remove(u'\n');
        return {};
    }
    if (setting == u"folder") {
        if (text.isEmpty())
            return badValue(key, value, u"expected a folder name (INBOX)"_s);
        mailbox.folder = text;
        return {};
    }
    if (setting == u"queue") {
        if (text.isEmpty())
            return badValue(key, value, u"expected a queue name"_s);
        mailbox.queue = text;
        return {};
    }
    if (setting == u"address") {
        const auto normalized = core::IdentityNormalizer::normalizeEmail(text);
        if (!normalized)
            return badValue(key, value, u"expected an e-mail address: %1"_s.arg(normalized.error()));
        mailbox.address = text;
        return {};
    }
    if (setting == u"name") {
        mailbox.displayName = text;
        return {};
    }
    if (setting == u"signature") {
        // INI values are one line: "\\n" in the value starts a new line.
        mailbox.signature = QString(value).replace(u"\\n"_s, u"\n"_s);
        return {};
    }
    if (setting == u"smtp_host") {
        mailbox.smtpHost = text;
        return {};
    }
    if (setting == u"smtp_port") {
        int port = 0;
        if (Status status = integer(1, 65535, port); !status)
            return status;
        mailbox.smtpPort = static_cast<quint16>(port);
        return {};
    }
    if (setting == u"smtp_security") {
        if (text == u"tls")
            mailbox.smtpSecurity = MailboxConfig::Security::Tls;
        else if (text == u"starttls")
            mailbox.smtpSecurity = MailboxConfig::Security::StartTls;
        else if (text == u"none")
            mailbox.smtpSecurity = MailboxConfig::Security::None;
        else
            return badValue(key, value, u"expected tls, starttls or none"_s);
        return {};
    }
    if (setting == u"smtp_login") {
        mailbox.smtpLogin = text;
        return {};
    }
    if (setting == u"smtp_password") {
        mailbox.smtpPassword = value;
        return {};
    }
    if (setting == u"smtp_password_file") {
        QFile file(text);
        if (!file.open(QIODevice::ReadOnly))
            return badValue(key, value, u"the file does not exist or cannot be read"_s);
        mailbox.smtpPassword = QString::fromUtf8(file.readLine()).remove(u'\r').remove(u'\n');
        return {};
    }
    if (setting == u"smtp_retry_max_s")
        return integer(1, 86400, mailbox.smtpRetryMaxS);
    if (setting == u"smtp_give_up_s")
        return integer(1, 30 * 86400, mailbox.smtpGiveUpS);
    if (setting == u"poll_interval_s")
        return integer(5, 1740, mailbox.pollIntervalS);
    if (setting == u"retry_max_s")
        return integer(1, 3600, mailbox.retryMaxS);
    if (setting == u"timeout_s")
        return integer(5, 600, mailbox.timeoutS);
    return Status::failure(
        u"unknown setting \"%1\" (a [mailbox.NAME] group knows: host, port, security, tls_verify, tls_ca_file, "
        u"login, password, "
        u"password_file, folder, queue, address, name, signature, poll_interval_s, retry_max_s, timeout_s, smtp_host, "
        u"smtp_port, smtp_security, smtp_login, smtp_password, smtp_password_file, smtp_retry_max_s, "
        u"smtp_give_up_s)"_s.arg(key));
}

Status ServerConfig::set(const QString& key, const QString& value) {
    if (key.startsWith(u"mailbox."))
        return setMailbox(key, value);
    if (key == u"email/attachments_dir") {
        emailAttachmentsDir = value.trimmed();
        return {};
    }
    auto integer = [&](qint64 minimum, qint64 maximum, auto assign) -> Status {
        const auto number = parseInteger(key, value, minimum, maximum);
        if (!number)
            return Status::failure(number.error());
        assign(number.value());
        return {};
    };
    auto rate = [&](double minimum, double maximum, double& target) -> Status {
        const auto number = parseRate(key, value, minimum, maximum);
        if (!number)
            return Status::failure(number.error());
        target = number.value();
        return {};
    };

    if (key == u"server/listen") {
        // ADDRESS:PORT, [IPv6]:PORT, or *:PORT for every interface.
        const QString text = value.trimmed();
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0)
            return badValue(key, value, u"expected ADDRESS:PORT, such as 127.0.0.1:8080 or [::]:8080"_s);
        QString host = text.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        QHostAddress address;
        if (host == u"*")
            address = QHostAddress::Any;
        else if (host == u"localhost")
            address = QHostAddress::LocalHost;
        else if (!address.setAddress(host))
            return badValue(key, value,
                            u"\"%1\" is not an IP address (use 0.0.0.0 or * for every interface)"_s.arg(host));
        const auto port = parseInteger(key, text.mid(colon + 1), 0, 65535);
        if (!port)
            return badValue(key, value, u"the port must be a number from 0 to 65535"_s);
        listenAddress = address;
        listenPort = static_cast<quint16>(port.value());
        return {};
    }
    if (key == u"identity/default_region") {
        const QString region = value.trimmed().toUpper();
        if (!region.isEmpty() && !core::IdentityNormalizer::isKnownRegion(region))
            return badValue(key, value, u"expected a two-letter region code such as PL or DE"_s);
        defaultRegion = region;
        return {};
    }
    if (key == u"database/url") {
        databaseUrl = value.trimmed();
        return {};
    }
    if (key == u"tls/certificate") {
        tlsCertificate = value.trimmed();
        return {};
    }
    if (key == u"tls/key") {
        tlsKey = value.trimmed();
        return {};
    }
    if (key == u"sync/heartbeat_ms")
        return integer(protocol::minHeartbeatMs, protocol::maxHeartbeatMs, [&](qint64 v) { heartbeatMs = v; });
    if (key == u"sync/hello_timeout_ms")
        return integer(100, 600000, [&](qint64 v) { helloTimeoutMs = v; });
    if (key == u"sync/session_recheck_ms")
        return integer(100, 86400000, [&](qint64 v) { sessionRecheckMs = v; });
    if (key == u"sync/page_size")
        return integer(1, protocol::maxEventsPerFrame, [&](qint64 v) { pageSize = static_cast<int>(v); });
    if (key == u"limits/max_frame_bytes")
        return integer(4096, protocol::maxFrameBytes, [&](qint64 v) { maxFrameBytes = v; });
    if (key == u"limits/frames_per_second")
        return rate(0.1, 1e6, framesPerSecond);
    if (key == u"limits/frame_burst")
        return rate(1, 1e6, frameBurst);
    if (key == u"limits/events_per_second")
        return rate(0.1, 1e7, eventsPerSecond);
    if (key == u"limits/event_burst")
        return rate(1, 1e7, eventBurst);
    if (key == u"limits/max_request_bytes")
        return integer(1024, qint64(4) * 1024 * 1024 * 1024, [&](qint64 v) { maxRequestBytes = v; });
    if (key == u"limits/logins_per_minute")
        return rate(0.1, 1e6, loginsPerMinute);
    if (key == u"chat/queue") {
        const QString queue = value.trimmed();
        if (queue.isEmpty())
            return badValue(key, value, u"expected the name of a queue, such as general"_s);
        chatQueue = queue;
        return {};
    }
    if (key == u"chat/allowed_origins") {
        // "*" (any), or origins separated by commas or spaces: https://shop.example, http://localhost:3000.
        QStringList origins;
        static const QRegularExpression separators(u"[,\\s]+"_s);
        for (const QString& origin : value.split(separators, Qt::SkipEmptyParts)) {
            if (origin == u"*") {
                origins = QStringList{u"*"_s};
                break;
            }
            const QUrl url(origin, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty() ||
                (!url.path().isEmpty() && url.path() != u"/") || url.hasQuery() || url.hasFragment())
                return badValue(
                    key, value,
                    u"\"%1\" is not an origin; expected * or origins such as https://shop.example"_s.arg(origin));
            origins.append(origin);
        }
        chatAllowedOrigins = origins == QStringList{u"*"_s} ? QStringList() : origins;
        return {};
    }
    if (key == u"chat/max_frame_bytes")
        return integer(1024, protocol::maxFrameBytes, [&](qint64 v) { chatMaxFrameBytes = v; });
    if (key == u"chat/frames_per_second")
        return rate(0.1, 1e4, chatFramesPerSecond);
    if (key == u"chat/frame_burst")
        return rate(1, 1e5, chatFrameBurst);
    if (key == u"chat/messages_per_minute")
        return rate(1, 1e6, chatMessagesPerMinute);
    if (key == u"chat/message_burst")
        return rate(1, 1e5, chatMessageBurst);
    if (key == u"chat/max_connections_per_address")
        return integer(1, 1000000, [&](qint64 v) { chatMaxConnectionsPerAddress = static_cast<int>(v); });
    if (key == u"chat/max_connections")
        return integer(1, 1000000, [&](qint64 v) { chatMaxConnections = static_cast<int>(v); });
    if (key == u"chat/heartbeat_ms")
        return integer(1000, 300000, [&](qint64 v) { chatHeartbeatMs = v; });
    if (key == u"chat/idle_timeout_s")
        return integer(1, 7 * 24 * 3600, [&](qint64 v) { chatIdleTimeoutS = v; });
    if (key == u"chat/history_limit")
        return integer(1, 5000, [&](qint64 v) { chatHistoryLimit = static_cast<int>(v); });
    if (key == u"log/file") {
        logFile = value.trimmed();
        return {};
    }
    if (key == u"log/max_bytes")
        return integer(4096, qint64(1) << 40, [&](qint64 v) { logMaxBytes = v; });
    if (key == u"log/keep")
        return integer(0, 1000, [&](qint64 v) { logKeep = static_cast<int>(v); });
    if (key == u"log/rules") {
        logRules = value.trimmed();
        return {};
    }
    return Status::failure(u"unknown setting \"%1\" (known settings: %2)"_s.arg(key, keys().join(u", "_s)));
}

Status ServerConfig::validate() const {
    if (tlsCertificate.isEmpty() != tlsKey.isEmpty())
        return Status::failure(tlsCertificate.isEmpty()
                                   ? u"tls/key = \"%1\": tls/certificate must be set too"_s.arg(tlsKey)
                                   : u"tls/certificate = \"%1\": tls/key must be set too"_s.arg(tlsCertificate));
    for (const auto& [key, path] : {std::pair{u"tls/certificate"_s, tlsCertificate}, std::pair{u"tls/key"_s, tlsKey}}) {
        if (!path.isEmpty() && !QFileInfo(path).isReadable())
            return Status::failure(u"%1 = \"%2\": the file does not exist or cannot be read"_s.arg(key, path));
    }
    for (const MailboxConfig& mailbox : mailboxes) {
        const QString group = u"mailbox.%1"_s.arg(mailbox.name);
        for (const auto& [setting, value] : {std::pair{u"host"_s, mailbox.host}, std::pair{u"login"_s, mailbox.login},
                                             std::pair{u"address"_s, mailbox.address}}) {
            if (value.isEmpty())
                return Status::failure(u"[%1]: %2 must be set"_s.arg(group, setting));
        }
        if (mailbox.password.isEmpty())
            return Status::failure(u"[%1]: password or password_file must be set"_s.arg(group));
        if (!mailbox.tlsCaFile.isEmpty()) {
            // Checked now rather than at the first connection, where it would only show as a mailbox error.
            QFile caFile(mailbox.tlsCaFile);
            if (!caFile.open(QIODevice::ReadOnly))
                return Status::failure(u"[%1]: tls_ca_file = \"%2\": the file does not exist or cannot be read"_s.arg(
                    group, mailbox.tlsCaFile));
            if (QSslCertificate::fromData(caFile.readAll(), QSsl::Pem).isEmpty())
                return Status::failure(
                    u"[%1]: tls_ca_file = \"%2\": no PEM certificate in the file (-----BEGIN CERTIFICATE-----)"_s.arg(
                        group, mailbox.tlsCaFile));
        }
        if (mailbox.security == MailboxConfig::Security::None) {
            const QHostAddress address(mailbox.host);
            if (mailbox.host != u"localhost" && (address.isNull() || !address.isLoopback()))
                return Status::failure(
                    u"[%1]: security = none sends the password in the clear; it is only allowed "
                    u"for a server on this machine (127.0.0.1, ::1, localhost), not %2"_s.arg(group, mailbox.host));
        }
        if (mailbox.sends() && mailbox.smtpSecurity == MailboxConfig::Security::None) {
            const QHostAddress address(mailbox.smtpHost);
            if (mailbox.smtpHost != u"localhost" && (address.isNull() || !address.isLoopback()))
                return Status::failure(
                    u"[%1]: smtp_security = none sends the password in the clear; it is only allowed "
                    u"for a server on this machine (127.0.0.1, ::1, localhost), not %2"_s.arg(group, mailbox.smtpHost));
        }
    }
    return {};
}

Result<ServerConfig> ServerConfig::fromFile(const QString& path) {
    using R = Result<ServerConfig>;
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile() || !info.isReadable())
        return R::failure(u"%1: the configuration file does not exist or cannot be read"_s.arg(path));
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return R::failure(u"%1: not a valid INI file"_s.arg(path));
    ServerConfig config;
    for (const QString& key : settings.allKeys()) {
        const QVariant raw = settings.value(key);
        // QSettings splits a value with commas into a list; the settings take it as written.
        const QString value =
            raw.userType() == QMetaType::QStringList ? raw.toStringList().join(u", "_s) : raw.toString();
        if (const Status status = config.set(key, value); !status)
            return R::failure(u"%1: %2"_s.arg(path, status.error()));
    }
    return config;
}

} // namespace tl::server
