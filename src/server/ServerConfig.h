#pragma once

#include "core/Result.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tl::server {

/// One shared mailbox the server pulls over IMAP ([mailbox.NAME] in the INI file; docs/email.md).
struct MailboxConfig final {
    enum class Security { Tls, StartTls, None };
    /// NAME of the [mailbox.NAME] group: letters, digits, '-', '_'.
    QString name;
    QString host;
    /// 0 until validate(): 993 for tls, 143 otherwise.
    quint16 port = 0;
    Security security = Security::Tls;
    /// tls_verify: check the server's certificate against the system's CAs (off only for self-signed test servers).
    bool verifyCertificate = true;
    /// tls_ca_file: PEM CA certificate(s) trusted besides the system's, for IMAP and SMTP (a private CA).
    QString tlsCaFile;
    QString login;
    /// password, or the first line of password_file (read by validate()).
    QString password;
    QString passwordFile;
    QString folder = QStringLiteral("INBOX");
    /// The queue new customers from this mailbox are routed to.
    QString queue = QStringLiteral("general");
    /// The mailbox's own address (mail from it is message.out) and the name replies go out with.
    QString address;
    QString displayName;
    QString signature;
    /// poll_interval_s: how often to look for mail when the server has no IDLE; also how long one IDLE lasts.
    int pollIntervalS = 300;
    /// retry_max_s: the longest wait between reconnection attempts (the wait doubles from 1 s up to it).
    int retryMaxS = 60;
    /// timeout_s: the longest wait for the server on an open connection.
    int timeoutS = 60;

    /// port, or the default of the security: 993 for tls, 143 for starttls and none.
    [[nodiscard]] quint16 effectivePort() const { return port != 0 ? port : security == Security::Tls ? 993 : 143; }

    // Sending replies over SMTP (docs/email.md, "Sending"). No smtp_host: the mailbox sends nothing.
    /// smtp_host: the submission server.
    QString smtpHost;
    /// smtp_port: 0 until set: 465 for tls, 587 for starttls and none.
    quint16 smtpPort = 0;
    /// smtp_security: tls, starttls or none (none only for a loopback server).
    Security smtpSecurity = Security::StartTls;
    /// smtp_login / smtp_password (or smtp_password_file): empty means the IMAP login and password.
    QString smtpLogin;
    QString smtpPassword;
    /// smtp_retry_max_s: the longest wait between attempts for a reply the server could not take yet.
    int smtpRetryMaxS = 300;
    /// smtp_give_up_s: how long a reply is retried after temporary failures before it is reported failed.
    int smtpGiveUpS = 2 * 24 * 3600;

    /// smtp_port, or the default of smtp_security.
    [[nodiscard]] quint16 effectiveSmtpPort() const {
        return smtpPort != 0 ? smtpPort : smtpSecurity == Security::Tls ? 465 : 587;
    }
    /// The SMTP login: smtp_login, else login.
    [[nodiscard]] QString effectiveSmtpLogin() const { return smtpLogin.isEmpty() ? login : smtpLogin; }
    /// The SMTP password: smtp_password, else password.
    [[nodiscard]] QString effectiveSmtpPassword() const { return smtpPassword.isEmpty() ? password : smtpPassword; }
    /// True when replies go out through this mailbox.
    [[nodiscard]] bool sends() const { return !smtpHost.isEmpty(); }
};

/// Everything threadline-server can be told, from its INI file (docs/server.conf.example) and its command line.
/// Every field has the default the example file documents.
struct ServerConfig final {
    /// [server] listen: the address and port of HTTP(S) and the /sync WebSocket. Port 0 picks a free one.
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    /// [identity] default_region: the region for phone numbers written without a country code (timeline lookups,
    /// imports); empty means the system locale's.
    QString defaultRegion;

    /// [database] url: empty means the embedded SQLite file (defaultDatabaseUrl()).
    QString databaseUrl;

    /// [tls] certificate and key: PEM files; both set turns on TLS for every connection.
    QString tlsCertificate;
    QString tlsKey;

    /// [sync] heartbeat_ms: what welcome announces; connections silent for 3 intervals are dropped.
    qint64 heartbeatMs = 15000;
    /// [sync] hello_timeout_ms: how long a new connection may take to send hello.
    qint64 helloTimeoutMs = 10000;
    /// [sync] session_recheck_ms: how often open /sync connections' sessions are checked against the database.
    qint64 sessionRecheckMs = 60000;
    /// [sync] page_size: events per backlog read (and so at most per events frame).
    int pageSize = 500;

    /// [limits] max_frame_bytes: the largest WebSocket message accepted (at most the protocol's 1 MiB).
    qint64 maxFrameBytes = 1024 * 1024;
    /// [limits] frames_per_second / frame_burst: the token bucket of frames per connection.
    double framesPerSecond = 50;
    double frameBurst = 200;
    /// [limits] events_per_second / event_burst: the token bucket of submitted events per connection.
    double eventsPerSecond = 500;
    double eventBurst = 5000;
    /// [limits] max_request_bytes: the largest HTTP request body (imports); bigger ones get 413.
    qint64 maxRequestBytes = 64 * 1024 * 1024;
    /// [limits] logins_per_minute: sign-in attempts per client address; more get 429.
    double loginsPerMinute = 20;

    /// [chat] queue: the queue new web-chat customers are routed to (docs/chat.md).
    QString chatQueue = QStringLiteral("general");
    /// [chat] allowed_origins: the origins of pages whose widgets may connect; empty ("*") means any.
    QStringList chatAllowedOrigins;
    /// [chat] max_frame_bytes: the largest frame a visitor may send.
    qint64 chatMaxFrameBytes = 32 * 1024;
    /// [chat] frames_per_second / frame_burst: the token bucket of frames per visitor connection.
    double chatFramesPerSecond = 5;
    double chatFrameBurst = 30;
    /// [chat] messages_per_minute / message_burst: the bucket of stored frames (messages, start, end, offline).
    double chatMessagesPerMinute = 30;
    double chatMessageBurst = 10;
    /// [chat] max_connections_per_address / max_connections: visitor sockets per client address and in all.
    int chatMaxConnectionsPerAddress = 20;
    int chatMaxConnections = 10000;
    /// [chat] heartbeat_ms: how often the widget pings; silence for 3 intervals drops a visitor connection.
    qint64 chatHeartbeatMs = 25000;
    /// [chat] idle_timeout_s: an open chat whose visitor has gone and stayed quiet this long ends (by idle).
    qint64 chatIdleTimeoutS = 900;
    /// [chat] history_limit: the most conversation items a (re)connecting visitor gets.
    int chatHistoryLimit = 200;

    /// [mailbox.NAME] groups: the shared mailboxes (docs/email.md), in the order of their names.
    QVector<MailboxConfig> mailboxes;
    /// [email] attachments_dir: where attachments of pulled mail are stored; empty: next to an SQLite database
    /// (<file>.attachments), else AppDataLocation/attachments.
    QString emailAttachmentsDir;

    /// [log] file: a log file besides stderr (rotated by size); empty for none.
    QString logFile;
    /// [log] max_bytes / keep: rotate at this size, keep this many old files.
    qint64 logMaxBytes = 10 * 1024 * 1024;
    int logKeep = 5;
    /// [log] rules: QLoggingCategory filter rules, ';'-separated, e.g. "threadline.server.sync.debug=true".
    QString logRules;

    /// The embedded default: AppDataLocation/server.sqlite (the application is named "threadline-server").
    [[nodiscard]] static QString defaultDatabaseUrl();
    /// True when both TLS files are configured.
    [[nodiscard]] bool tlsEnabled() const { return !tlsCertificate.isEmpty() && !tlsKey.isEmpty(); }

    /// Reads an INI file over the defaults. Refuses unknown keys and bad values with a sentence naming the
    /// setting and the value ("sync/heartbeat_ms = \"fast\": expected a whole number from 1000 to 300000").
    [[nodiscard]] static core::Result<ServerConfig> fromFile(const QString& path);
    /// Sets one setting by its "group/key" name, as the file and the command line do.
    [[nodiscard]] core::Status set(const QString& key, const QString& value);
    /// Checks what only holds for the settings together (a certificate without a key).
    [[nodiscard]] core::Status validate() const;
    /// Every known "group/key" ([mailbox.NAME] groups besides).
    [[nodiscard]] static QStringList keys();

private:
    [[nodiscard]] core::Status setMailbox(const QString& key, const QString& value);
};

} // namespace tl::server
