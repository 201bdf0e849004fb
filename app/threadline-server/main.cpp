// threadline-server: the central hub. Composition only; the parts live in tl_server (src/server) and the channel
// libraries (src/channels), see docs/server.md and docs/chat.md.

#include "channels/chat/ChatAssets.h"
#include "channels/chat/ChatGateway.h"
#include "channels/email/AttachmentStore.h"
#include "channels/email/MailSender.h"
#include "channels/email/MailboxConnector.h"
#include "server/AdminBootstrap.h"
#include "server/ClusterBus.h"
#include "server/HttpFrontend.h"
#include "server/PasswordService.h"
#include "server/RestApi.h"
#include "server/ServerConfig.h"
#include "server/ServerLog.h"
#include "server/ServerMetrics.h"
#include "server/SignalWatcher.h"
#include "server/StoreThread.h"
#include "server/SyncHub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace tl::server;
using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMain, "threadline.server")

namespace {

int fail(const QString& message) {
    std::fprintf(stderr, "threadline-server: %s\n", qUtf8Printable(message));
    return 2;
}

void say(const QString& text) {
    std::fputs(qUtf8Printable(text + u'\n'), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[]) {
    // Qt's own event dispatcher instead of GLib's: GLib's wakes its loop with two more writes to an eventfd for every
    // socket write, two thirds of the server's write calls when it fans events out (strace). QT_NO_GLIB= (set but
    // empty) keeps GLib's.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"threadline-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(THREADLINE_VERSION));

    // Early, so that a SIGTERM during start-up waits for the event loop and shuts down cleanly.
    SignalWatcher signals_;

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Threadline's central hub: the event log, the HTTP API and workstation sync."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(u"config"_s, u"Read the settings from this INI file."_s, u"file"_s);
    const QCommandLineOption databaseOption(
        u"db"_s, u"The database: a SQLite file, sqlite:PATH or postgresql://user@host/db (database/url)."_s, u"url"_s);
    const QCommandLineOption listenOption(u"listen"_s, u"Listen on ADDRESS:PORT (server/listen)."_s, u"address"_s);
    parser.addOptions({configOption, databaseOption, listenOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument \"%1\" (see --help)"_s.arg(parser.positionalArguments().first()));

    // Settings: the defaults, then the file, then the command line.
    ServerConfig config;
    if (parser.isSet(configOption)) {
        auto loaded = ServerConfig::fromFile(parser.value(configOption));
        if (!loaded)
            return fail(loaded.error());
        config = std::move(loaded).value();
    }
    if (parser.isSet(databaseOption)) {
        if (const auto status = config.set(u"database/url"_s, parser.value(databaseOption)); !status)
            return fail(u"--db: "_s + status.error());
    }
    if (parser.isSet(listenOption)) {
        if (const auto status = config.set(u"server/listen"_s, parser.value(listenOption)); !status)
            return fail(u"--listen: "_s + status.error());
    }
    if (const auto status = config.validate(); !status)
        return fail(status.error());
    if (const auto status = ServerLog::install(config.logFile, config.logMaxBytes, config.logKeep, config.logRules);
        !status)
        return fail(status.error());

    QString databaseUrl = config.databaseUrl;
    if (databaseUrl.isEmpty()) {
        databaseUrl = ServerConfig::defaultDatabaseUrl();
        QDir().mkpath(QFileInfo(databaseUrl.mid(7)).absolutePath());
    }

    ServerMetrics metrics(QCoreApplication::applicationVersion());
    StoreThread store(metrics);
    if (const auto opened = store.open(databaseUrl); !opened)
        return fail(u"database/url: cannot open the database: %1"_s.arg(opened.error()));
    qCInfo(lcMain).noquote() << "database:" << (store.isPostgres() ? u"PostgreSQL"_s : u"SQLite"_s);

    const auto adminPassword = AdminBootstrap::ensureAdmin(store);
    if (!adminPassword)
        return fail(u"cannot create the first account: %1"_s.arg(adminPassword.error()));
    if (!adminPassword.value().isEmpty()) {
        say(u"================================================================"_s);
        say(u"First start: created the account \"%1\" (role admin)."_s.arg(
            QString::fromUtf16(AdminBootstrap::adminLogin)));
        say(u"One-time password: %1"_s.arg(adminPassword.value()));
        say(u"It is shown only this once: sign in and set a password of your own."_s);
        say(u"================================================================"_s);
    }

    // Several instances on one PostgreSQL (docs/server.md, "What crosses instances"): revocations, account changes,
    // typing and who is signed in where travel between them on a NOTIFY channel of their own. SQLite: one instance.
    std::unique_ptr<ClusterBus> cluster;
    if (store.isPostgres()) {
        ClusterBus::Settings clusterSettings;
        clusterSettings.databaseUrl = databaseUrl;
        cluster = std::make_unique<ClusterBus>(clusterSettings);
    }

    SyncSettings syncSettings;
    syncSettings.heartbeatMs = config.heartbeatMs;
    syncSettings.helloTimeoutMs = config.helloTimeoutMs;
    syncSettings.sessionRecheckMs = config.sessionRecheckMs;
    syncSettings.pageSize = config.pageSize;
    syncSettings.maxFrameBytes = config.maxFrameBytes;
    syncSettings.framesPerSecond = config.framesPerSecond;
    syncSettings.frameBurst = config.frameBurst;
    syncSettings.eventsPerSecond = config.eventsPerSecond;
    syncSettings.eventBurst = config.eventBurst;
    SyncHub hub(store, metrics, syncSettings);
    QObject::connect(&store, &StoreThread::appended, &hub, &SyncHub::eventsAppended);

    // The web chat (docs/chat.md): visitors' sockets at /chat/ws, the widget's files under /chat.
    tl::chat::ChatSettings chatSettings;
    chatSettings.queue = config.chatQueue;
    chatSettings.defaultRegion = config.defaultRegion;
    chatSettings.allowedOrigins = config.chatAllowedOrigins;
    chatSettings.maxFrameBytes = config.chatMaxFrameBytes;
    chatSettings.framesPerSecond = config.chatFramesPerSecond;
    chatSettings.frameBurst = config.chatFrameBurst;
    chatSettings.messagesPerMinute = config.chatMessagesPerMinute;
    chatSettings.messageBurst = config.chatMessageBurst;
    chatSettings.maxConnectionsPerAddress = config.chatMaxConnectionsPerAddress;
    chatSettings.maxConnections = config.chatMaxConnections;
    chatSettings.heartbeatMs = config.chatHeartbeatMs;
    chatSettings.idleTimeoutMs = config.chatIdleTimeoutS * 1000;
    chatSettings.historyLimit = config.chatHistoryLimit;
    tl::chat::ChatGateway chat(store, metrics, chatSettings);
    // Someone can answer when a workstation that sees the chat queue is signed in here or on another instance;
    // otherwise visitors get the offline message form.
    chat.setAvailability([&hub, bus = cluster.get()](const QString& queue) {
        return hub.isQueueStaffed(queue) || (bus && bus->isStaffedElsewhere(queue));
    });
    QObject::connect(&hub, &SyncHub::staffingChanged, &chat, &tl::chat::ChatGateway::refreshAvailability);
    // Typing, both ways: the visitor's to the workstations that see the customer, the agent's to the browser.
    QObject::connect(&chat, &tl::chat::ChatGateway::visitorTyping, &hub, &SyncHub::customerTyping);
    QObject::connect(&hub, &SyncHub::agentTyping, &chat, &tl::chat::ChatGateway::agentTyping);
    if (cluster) {
        // The same across instances: this instance's staffing and typing go out, the others' come in.
        cluster->setLocalStaffing([&hub] { return hub.staffing(); });
        QObject::connect(&hub, &SyncHub::staffingChanged, cluster.get(), &ClusterBus::staffingChanged);
        QObject::connect(cluster.get(), &ClusterBus::remoteStaffingChanged, &chat,
                         &tl::chat::ChatGateway::refreshAvailability);
        QObject::connect(&chat, &tl::chat::ChatGateway::visitorTyping, cluster.get(),
                         &ClusterBus::publishCustomerTyping);
        QObject::connect(cluster.get(), &ClusterBus::customerTyping, &hub, &SyncHub::customerTyping);
        QObject::connect(&hub, &SyncHub::agentTyping, cluster.get(), &ClusterBus::publishAgentTyping);
        QObject::connect(cluster.get(), &ClusterBus::agentTyping, &chat, &tl::chat::ChatGateway::agentTyping);
        // Sessions ended and accounts changed on another instance end or renew this instance's connections.
        QObject::connect(cluster.get(), &ClusterBus::sessionClosed, &hub, &SyncHub::closeSessionByTokenHash);
        QObject::connect(cluster.get(), &ClusterBus::sessionsOfClosed, &hub, &SyncHub::closeSessionsOf);
        QObject::connect(cluster.get(), &ClusterBus::accountChanged, &hub, &SyncHub::reconnectSessionsOf);
    }
    // Events the gateway stores go to the workstations; whatever is committed anywhere may be a reply to a visitor.
    QObject::connect(&chat, &tl::chat::ChatGateway::eventsStored, &hub, &SyncHub::eventsAppended);
    QObject::connect(&hub, &SyncHub::eventsCommitted, &chat, &tl::chat::ChatGateway::eventsAppended);

    // Shared mailboxes (docs/email.md): each [mailbox.NAME] pulled over IMAP on a thread of its own.
    QString attachmentsDir = config.emailAttachmentsDir;
    if (attachmentsDir.isEmpty())
        attachmentsDir = store.isPostgres()
                             ? QFileInfo(ServerConfig::defaultDatabaseUrl().mid(7)).absolutePath() + u"/attachments"_s
                             : tl::email::AttachmentStore::directoryFor(
                                   databaseUrl.startsWith(u"sqlite:"_s) ? databaseUrl.mid(7) : databaseUrl);
    std::vector<std::unique_ptr<tl::email::MailboxConnector>> mailboxes;
    for (const MailboxConfig& mailbox : config.mailboxes) {
        auto& connector = mailboxes.emplace_back(
            std::make_unique<tl::email::MailboxConnector>(mailbox, store, metrics, attachmentsDir));
        QObject::connect(connector.get(), &tl::email::MailboxConnector::eventsStored, &hub, &SyncHub::eventsAppended);
        connector->start();
        qCInfo(lcMain).noquote() << "mailbox" << mailbox.name << ":" << mailbox.login << "at" << mailbox.host
                                 << "folder" << mailbox.folder << "into queue" << mailbox.queue;
    }

    // Agents' e-mail replies go out over SMTP through the mailboxes that have smtp_host (docs/email.md, "Sending").
    std::unique_ptr<tl::email::MailSender> mailSender;
    if (!config.mailboxes.isEmpty()) {
        mailSender = std::make_unique<tl::email::MailSender>(config.mailboxes, store, metrics);
        QObject::connect(mailSender.get(), &tl::email::MailSender::eventsStored, &hub, &SyncHub::eventsAppended);
        QObject::connect(&hub, &SyncHub::eventsCommitted, mailSender.get(), &tl::email::MailSender::eventsAppended);
        mailSender->start();
    }

    PasswordService passwords;
    RestApi api(store, passwords, hub, metrics,
                RestApi::Settings{config.defaultRegion, config.loginsPerMinute, attachmentsDir});
    if (cluster) {
        QObject::connect(&api, &RestApi::sessionClosed, cluster.get(), &ClusterBus::publishSessionClosed);
        QObject::connect(&api, &RestApi::sessionsOfClosed, cluster.get(), &ClusterBus::publishSessionsOfClosed);
        QObject::connect(&api, &RestApi::accountChanged, cluster.get(), &ClusterBus::publishAccountChanged);
        cluster->start();
    }
    HttpFrontend frontend(config.maxRequestBytes, metrics);
    frontend.setRequestHandler([&api](const HttpRequest& request, HttpFrontend::Responder respond) {
        // The chat's files are public: no bearer token.
        if (tl::chat::ChatAssets::handles(request.path))
            respond(tl::chat::ChatAssets::respond(request));
        else
            api.handle(request, respond);
    });
    frontend.setWebSocketPaths({u"/sync"_s, tl::chat::ChatAssets::webSocketPath.toString()});
    frontend.setWebSocketHandler([&hub, &chat](std::unique_ptr<QWebSocket> socket, QTcpSocket* transport) {
        if (socket->requestUrl().path() == tl::chat::ChatAssets::webSocketPath)
            chat.addConnection(std::move(socket));
        else
            hub.addConnection(std::move(socket), transport);
    });
    if (config.tlsEnabled()) {
        if (const auto status = frontend.enableTls(config.tlsCertificate, config.tlsKey); !status)
            return fail(status.error());
    }
    const auto port = frontend.start(config.listenAddress, config.listenPort);
    if (!port)
        return fail(port.error());

    const QString host = config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? u"[%1]"_s.arg(config.listenAddress.toString())
                             : config.listenAddress.toString();
    const bool tls = config.tlsEnabled();
    qCInfo(lcMain).noquote() << "listening on" << host << port.value() << (tls ? "with TLS" : "without TLS");
    say(u"threadline-server %1 listening on %2://%3:%4 (sync: %5://%3:%4/sync, chat: %2://%3:%4/chat)"_s.arg(
        QCoreApplication::applicationVersion(), tls ? u"https"_s : u"http"_s, host, QString::number(port.value()),
        tls ? u"wss"_s : u"ws"_s));

    QObject::connect(&signals_, &SignalWatcher::terminationRequested, &app, [&](int signalNumber) {
        qCInfo(lcMain) << "signal" << signalNumber << "- shutting down";
        if (cluster)
            cluster->leave();
        hub.shutdown();
        chat.shutdown();
        for (const auto& mailbox : mailboxes)
            mailbox->stop();
        if (mailSender)
            mailSender->stop();
        // Give the close frames a moment to leave.
        QTimer::singleShot(300, &app, &QCoreApplication::quit);
    });

    const int status = QCoreApplication::exec();
    qCInfo(lcMain) << "stopped";
    ServerLog::uninstall();
    return status;
}
