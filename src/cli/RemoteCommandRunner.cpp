#include "RemoteCommandRunner.h"

#include "CommandCatalog.h"
#include "Console.h"
#include "Formatting.h"
#include "IdentityArgument.h"
#include "PasswordPrompt.h"
#include "ProgressMeter.h"
#include "TextTable.h"

#include "core/Customer.h"
#include "core/IdentityNormalizer.h"
#include "core/ImportRecord.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSslSocket>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace tl::cli {

namespace {

/// Imports go to the server in requests of about this many bytes (whole lines), well below its body limit.
constexpr qsizetype ingestChunkBytes = 2 * 1024 * 1024;

/// The exit status of a failed request: unreachable and overloaded servers may be tried again (3), refused
/// credentials and roles are 4, a missing or existing thing is 1 like a missing identity on a local database,
/// anything else the request's own fault (2).
ExitStatus statusFor(const ServerReply& reply) {
    if (reply.unreachable)
        return ExitStatus::Unavailable;
    switch (reply.status) {
    case 401:
    case 403:
        return ExitStatus::Denied;
    case 404:
    case 409:
        return ExitStatus::Rejected;
    case 429:
        return ExitStatus::Unavailable;
    default:
        return reply.status >= 500 ? ExitStatus::Unavailable : ExitStatus::Error;
    }
}

QStringList stringList(const QJsonValue& value) {
    QStringList strings;
    for (const QJsonValue& item : value.toArray())
        strings.append(item.toString());
    return strings;
}

/// A timestamp of the server's JSON as the tables show it (whole seconds); as it is when it cannot be read.
QString timeText(const QJsonValue& value) {
    const std::optional<qint64> parsed = core::eventjson::parseTimestamp(value.toString());
    return parsed ? formatting::timestampText(*parsed) : value.toString();
}

QString accountState(const QJsonObject& account) {
    return account.value(QStringLiteral("disabled")).toBool()
               ? QCoreApplication::translate("threadline-ctl", "disabled")
               : QCoreApplication::translate("threadline-ctl", "active");
}

} // namespace

RemoteCommandRunner::RemoteCommandRunner(Console& console, CtlOptions options)
    : m_console(console)
    , m_options(std::move(options))
    , m_client(m_options.serverUrl, m_options.timeoutMs) {}

ExitStatus RemoteCommandRunner::run() {
    const CommandSpec* spec = CommandCatalog::find(m_options.command);
    if (!spec || !spec->server) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "\"%1\" does not work through a server; see --help")
                        .arg(m_options.command));
    }
    if (m_options.arguments.size() != spec->arguments) {
        return fail(ExitStatus::Error, QCoreApplication::translate("threadline-ctl", "usage: threadline-ctl --server "
                                                                                     "URL %1")
                                           .arg(spec->synopsis));
    }
    if (m_options.serverUrl.scheme() == QLatin1String("https") && !QSslSocket::supportsSsl()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl",
                                                "https is not available: Qt found no TLS library (OpenSSL 3)"));
    }
    if (!m_options.caFile.isEmpty()) {
        if (const core::Status trusted = m_client.trustCertificates(m_options.caFile); !trusted)
            return fail(ExitStatus::Error, trusted.error());
    }

    if (m_options.command == QLatin1String("login"))
        return login();
    if (m_options.command == QLatin1String("logout"))
        return logout();
    if (!m_options.login.isEmpty()) {
        if (const ExitStatus signedIn = signIn(); signedIn != ExitStatus::Success)
            return signedIn;
    } else {
        m_client.setToken(m_options.token);
    }
    const ExitStatus status = command();
    signOut();
    return status;
}

ExitStatus RemoteCommandRunner::command() {
    const QString& name = m_options.command;
    const QStringList& arguments = m_options.arguments;
    if (name == QLatin1String("whoami"))
        return whoami();
    if (name == QLatin1String("agents"))
        return agents();
    if (name == QLatin1String("agent-add"))
        return addAgent(arguments.at(0));
    if (name == QLatin1String("agent-disable"))
        return setAgentDisabled(arguments.at(0), true);
    if (name == QLatin1String("agent-enable"))
        return setAgentDisabled(arguments.at(0), false);
    if (name == QLatin1String("agent-password"))
        return setAgentPassword(arguments.at(0));
    if (name == QLatin1String("agent-queues"))
        return setAgentQueues(arguments.at(0), arguments.at(1));
    if (name == QLatin1String("queues"))
        return queues();
    if (name == QLatin1String("queue-add"))
        return addQueue(arguments.at(0));
    if (name == QLatin1String("customers"))
        return customers();
    if (name == QLatin1String("timeline"))
        return timeline(arguments.at(0));
    return ingest(arguments.at(0));
}

ExitStatus RemoteCommandRunner::signIn() {
    const QString& login = m_options.login;
    QString password = m_options.signInPassword;
    if (password.isEmpty()) {
        if (!PasswordPrompt::available()) {
            return fail(ExitStatus::Error,
                        QCoreApplication::translate("threadline-ctl",
                                                    "no password to sign in as %1: set THREADLINE_PASSWORD, or run "
                                                    "threadline-ctl on a terminal to be asked for it")
                            .arg(login));
        }
        //: The prompt for the sign-in password: the login, then the server's address.
        const std::optional<QString> typed = PasswordPrompt::ask(
            QCoreApplication::translate("threadline-ctl", "Password for %1 at %2: ").arg(login, m_client.serverName()));
        if (!typed || typed->isEmpty())
            return fail(ExitStatus::Error, QCoreApplication::translate("threadline-ctl", "no password given"));
        password = *typed;
    }

    const ServerReply reply = m_client.post(
        QStringLiteral("login"), QJsonObject{{QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
    if (!reply.ok()) {
        if (reply.unreachable)
            return failed(reply);
        if (reply.status == 404 || reply.status == 405) {
            return fail(ExitStatus::Error,
                        QCoreApplication::translate("threadline-ctl",
                                                    "cannot sign in at %1: %2 (is --server the address of a "
                                                    "Threadline server?)")
                            .arg(m_client.serverName(), reply.error));
        }
        return fail(statusFor(reply),
                    QCoreApplication::translate("threadline-ctl", "cannot sign in as %1: %2").arg(login, reply.error));
    }
    const QByteArray token = reply.json.value(QStringLiteral("token")).toString().toUtf8();
    if (token.isEmpty()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "the answer of %1 to the sign-in holds no token")
                        .arg(m_client.serverName()));
    }
    m_client.setToken(token);
    m_ownSession = token;
    m_signInAnswer = reply.json;
    return ExitStatus::Success;
}

void RemoteCommandRunner::signOut() {
    if (m_ownSession.isEmpty())
        return;
    m_client.setToken(m_ownSession);
    const ServerReply reply = m_client.post(QStringLiteral("logout"), QJsonObject{});
    // 401: the session is already over (agent-password on one's own account ends it).
    if (!reply.ok() && reply.status != 401) {
        m_console.errorLine(
            QCoreApplication::translate("threadline-ctl", "threadline-ctl: could not sign out: %1").arg(reply.error));
    }
    m_ownSession.clear();
}

ExitStatus RemoteCommandRunner::login() {
    if (m_options.login.isEmpty()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl",
                                                "login needs --login NAME: it signs in and prints the session token"));
    }
    if (const ExitStatus signedIn = signIn(); signedIn != ExitStatus::Success)
        return signedIn;
    // The session stays open: it is what the caller asked for.
    m_ownSession.clear();
    if (m_options.json)
        printJson(m_signInAnswer);
    else
        m_console.outLine(QString::fromUtf8(m_client.token()));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::logout() {
    if (!m_options.login.isEmpty() || m_options.token.isEmpty()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate(
                        "threadline-ctl", "logout ends the session of THREADLINE_TOKEN; set it and leave out --login"));
    }
    m_client.setToken(m_options.token);
    const ServerReply reply = m_client.post(QStringLiteral("logout"), QJsonObject{});
    if (!reply.ok())
        return failed(reply);
    if (m_options.json)
        printJson(reply.json);
    else
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "signed out"));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::whoami() {
    const ServerReply reply = m_client.get(QStringLiteral("me"));
    if (!reply.ok())
        return failed(reply);
    if (m_options.json)
        printJson(reply.json);
    else
        printAccount(reply.json.value(QStringLiteral("account")).toObject());
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::agents() {
    const ServerReply reply = m_client.get(QStringLiteral("agents"));
    if (!reply.ok())
        return failed(reply);
    const QJsonArray accounts = reply.json.value(QStringLiteral("agents")).toArray();
    if (m_options.json) {
        printJson(accounts);
        return ExitStatus::Success;
    }
    TextTable table(
        {QCoreApplication::translate("threadline-ctl", "LOGIN"), QCoreApplication::translate("threadline-ctl", "NAME"),
         QCoreApplication::translate("threadline-ctl", "ROLE"), QCoreApplication::translate("threadline-ctl", "STATE"),
         QCoreApplication::translate("threadline-ctl", "CREATED"),
         QCoreApplication::translate("threadline-ctl", "QUEUES")});
    for (const QJsonValue& value : accounts) {
        const QJsonObject account = value.toObject();
        table.addRow({account.value(QStringLiteral("login")).toString(),
                      account.value(QStringLiteral("name")).toString(),
                      account.value(QStringLiteral("role")).toString(), accountState(account),
                      timeText(account.value(QStringLiteral("created_at"))),
                      stringList(account.value(QStringLiteral("queues"))).join(QStringLiteral(", "))});
    }
    m_console.out(table.render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::addAgent(const QString& login) {
    QJsonObject body{{QStringLiteral("login"), login}};
    if (!m_options.name.isEmpty())
        body.insert(QStringLiteral("name"), m_options.name);
    if (!m_options.role.isEmpty())
        body.insert(QStringLiteral("role"), m_options.role);
    if (!m_options.queues.isEmpty())
        body.insert(QStringLiteral("queues"), QJsonArray::fromStringList(m_options.queues));
    if (!m_options.password.isEmpty())
        body.insert(QStringLiteral("password"), m_options.password);
    const ServerReply reply = m_client.post(QStringLiteral("agents"), body);
    if (!reply.ok())
        return failed(reply);
    if (m_options.json) {
        printJson(reply.json);
        return ExitStatus::Success;
    }
    const QJsonObject account = reply.json.value(QStringLiteral("account")).toObject();
    const QString role = account.value(QStringLiteral("role")).toString();
    const QStringList queues = stringList(account.value(QStringLiteral("queues")));
    if (queues.isEmpty()) {
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "created the account %1: role %2, no queues")
                              .arg(login, role));
    } else {
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "created the account %1: role %2, queues %3")
                              .arg(login, role, queues.join(QStringLiteral(", "))));
    }
    if (reply.json.contains(QStringLiteral("password"))) {
        //: A generated password, shown once.
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "password: %1")
                              .arg(reply.json.value(QStringLiteral("password")).toString()));
    }
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::setAgentDisabled(const QString& login, bool disabled) {
    const ServerReply reply = m_client.post(
        QStringLiteral("agents/%1/%2").arg(login, disabled ? QStringLiteral("disable") : QStringLiteral("enable")),
        QJsonObject{});
    if (!reply.ok())
        return failed(reply);
    if (m_options.json)
        printJson(reply.json);
    else if (disabled)
        m_console.outLine(
            QCoreApplication::translate("threadline-ctl", "disabled the account %1; its sessions have ended")
                .arg(login));
    else
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "enabled the account %1").arg(login));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::setAgentPassword(const QString& login) {
    QJsonObject body;
    if (!m_options.password.isEmpty())
        body.insert(QStringLiteral("password"), m_options.password);
    const ServerReply reply = m_client.post(QStringLiteral("agents/%1/password").arg(login), body);
    if (!reply.ok())
        return failed(reply);
    if (m_options.json) {
        printJson(reply.json);
        return ExitStatus::Success;
    }
    m_console.outLine(
        QCoreApplication::translate("threadline-ctl", "set a new password for %1; its sessions have ended").arg(login));
    if (reply.json.contains(QStringLiteral("password"))) {
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "password: %1")
                              .arg(reply.json.value(QStringLiteral("password")).toString()));
    }
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::setAgentQueues(const QString& login, const QString& queues) {
    QStringList names;
    for (const QString& name : queues.split(QLatin1Char(','))) {
        if (!name.trimmed().isEmpty())
            names.append(name.trimmed());
    }
    const ServerReply reply = m_client.post(QStringLiteral("agents/%1/queues").arg(login),
                                            QJsonObject{{QStringLiteral("queues"), QJsonArray::fromStringList(names)}});
    if (!reply.ok())
        return failed(reply);
    if (m_options.json) {
        printJson(reply.json);
        return ExitStatus::Success;
    }
    const QStringList now =
        stringList(reply.json.value(QStringLiteral("account")).toObject().value(QStringLiteral("queues")));
    if (now.isEmpty())
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "%1 now works no queue").arg(login));
    else
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "%1 now works the queues %2")
                              .arg(login, now.join(QStringLiteral(", "))));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::queues() {
    const ServerReply reply = m_client.get(QStringLiteral("queues"));
    if (!reply.ok())
        return failed(reply);
    const QJsonArray queues = reply.json.value(QStringLiteral("queues")).toArray();
    if (m_options.json) {
        printJson(queues);
        return ExitStatus::Success;
    }
    TextTable table({QCoreApplication::translate("threadline-ctl", "NAME"),
                     QCoreApplication::translate("threadline-ctl", "DESCRIPTION")});
    for (const QJsonValue& value : queues) {
        const QJsonObject queue = value.toObject();
        table.addRow({queue.value(QStringLiteral("name")).toString(),
                      formatting::oneLine(queue.value(QStringLiteral("description")).toString())});
    }
    m_console.out(table.render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::addQueue(const QString& name) {
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!m_options.description.isEmpty())
        body.insert(QStringLiteral("description"), m_options.description);
    const ServerReply reply = m_client.post(QStringLiteral("queues"), body);
    if (!reply.ok())
        return failed(reply);
    if (m_options.json)
        printJson(reply.json);
    else
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "created the queue %1").arg(name));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::customers() {
    QList<std::pair<QString, QString>> query{{QStringLiteral("limit"), QString::number(m_options.limit)}};
    if (!m_options.queues.isEmpty())
        query.append({QStringLiteral("queue"), m_options.queues.first()});
    const ServerReply reply = m_client.get(QStringLiteral("customers"), query);
    if (!reply.ok())
        return failed(reply);
    const QJsonArray customers = reply.json.value(QStringLiteral("customers")).toArray();
    if (m_options.json) {
        printJson(customers);
        return ExitStatus::Success;
    }
    TextTable table({QCoreApplication::translate("threadline-ctl", "ID"),
                     QCoreApplication::translate("threadline-ctl", "NAME"),
                     QCoreApplication::translate("threadline-ctl", "QUEUE"),
                     QCoreApplication::translate("threadline-ctl", "CREATED"),
                     QCoreApplication::translate("threadline-ctl", "IDENTITIES")});
    for (const QJsonValue& value : customers) {
        const QJsonObject object = value.toObject();
        core::Customer customer;
        customer.id = object.value(QStringLiteral("id")).toString();
        customer.name = object.value(QStringLiteral("name")).toString();
        customer.identities = stringList(object.value(QStringLiteral("identities")));
        table.addRow({customer.id, customer.displayName(), object.value(QStringLiteral("queue")).toString(),
                      timeText(object.value(QStringLiteral("created_at"))),
                      customer.identities.join(QStringLiteral(", "))});
    }
    m_console.out(table.render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::timeline(const QString& identity) {
    if (!QUuid::fromString(identity.trimmed()).isNull()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl",
                                                "through a server, name the customer by one of their identities: the "
                                                "server's timeline does not take a customer id"));
    }
    const ServerReply reply =
        m_client.get(QStringLiteral("timeline"), {{QStringLiteral("identity"), identityWithKind(identity)}});
    if (!reply.ok())
        return failed(reply);
    const QJsonArray events = reply.json.value(QStringLiteral("events")).toArray();
    if (m_options.json) {
        printJson(events);
        return ExitStatus::Success;
    }

    // The server's events are already normalized; the region only matters for numbers without a country code.
    core::IdentityNormalizer normalizer;
    QVector<core::Event> parsed;
    for (const QJsonValue& value : events) {
        const core::Result<core::Event> event = core::eventjson::parseEvent(value.toObject(), normalizer);
        if (event) {
            parsed.append(event.value());
        } else {
            m_console.errorLine(
                QCoreApplication::translate("threadline-ctl", "threadline-ctl: cannot show event %1: %2")
                    .arg(value.toObject().value(QStringLiteral("id")).toString(), event.error()));
        }
    }
    //: The heading of a timeline read through a server: the customer's id and queue.
    m_console.outLine(QCoreApplication::translate("threadline-ctl", "customer %1, queue %2")
                          .arg(reply.json.value(QStringLiteral("customer")).toString(),
                               reply.json.value(QStringLiteral("queue")).toString()));
    m_console.outLine(QString());
    m_console.out(formatting::eventTable(parsed).render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus RemoteCommandRunner::ingest(const QString& source) {
    const bool fromStdin = source == QLatin1String("-");
    QFile input;
    bool opened = false;
    if (fromStdin) {
        opened = input.open(stdin, QIODevice::ReadOnly);
    } else if (QFileInfo(source).isDir()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "cannot read %1: it is a directory").arg(source));
    } else {
        input.setFileName(source);
        opened = input.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "cannot read %1: %2")
                        .arg(fromStdin ? QCoreApplication::translate("threadline-ctl", "standard input") : source,
                             input.errorString()));
    }

    QList<std::pair<QString, QString>> query;
    if (!m_options.queues.isEmpty())
        query.append({QStringLiteral("queue"), m_options.queues.first()});
    const qint64 size = input.isSequential() ? 0 : input.size();
    ProgressMeter meter(m_console, ProgressMeter::styleFor(m_console, size));
    qint64 linesRead = 0;
    qint64 accepted = 0;
    QJsonArray refused;
    // Whole lines, a few MiB at a time: any input size fits under the server's body limit, and the line
    // numbers of refused lines are counted over the whole input.
    while (!input.atEnd()) {
        const qint64 linesBefore = linesRead;
        QByteArray chunk;
        while (chunk.size() < ingestChunkBytes && !input.atEnd()) {
            chunk += input.readLine();
            ++linesRead;
        }
        if (chunk.trimmed().isEmpty())
            continue;
        const ServerReply reply =
            m_client.postData(QStringLiteral("events"), chunk, QByteArrayLiteral("application/x-ndjson"), query);
        // 400 with "refused": no line of this chunk could be read, which is no reason to stop.
        const bool allRefused = reply.status == 400 && reply.json.value(QStringLiteral("refused")).isArray();
        if (!reply.ok() && !allRefused) {
            meter.finish();
            const ExitStatus status = failed(reply);
            if (accepted > 0) {
                m_console.errorLine(QCoreApplication::translate("threadline-ctl",
                                                                "threadline-ctl: the import stopped at line %1; the "
                                                                "%2 events accepted before it are stored")
                                        .arg(QString::number(linesBefore + 1), QString::number(accepted)));
            }
            return status;
        }
        accepted += reply.json.value(QStringLiteral("accepted")).toInteger();
        for (const QJsonValue& value : reply.json.value(QStringLiteral("refused")).toArray()) {
            const QJsonObject line = value.toObject();
            const qint64 number = linesBefore + line.value(QStringLiteral("line")).toInteger();
            const QString reason = line.value(QStringLiteral("error")).toString();
            //: A rejected input line: its number, then why it was rejected.
            m_console.errorLine(
                QCoreApplication::translate("threadline-ctl", "line %1: %2").arg(QString::number(number), reason));
            refused.append(QJsonObject{{QStringLiteral("line"), number}, {QStringLiteral("error"), reason}});
        }
        meter.update(input.pos(), size, linesRead);
    }
    meter.finish();

    if (m_options.json) {
        printJson(QJsonObject{{QStringLiteral("accepted"), accepted}, {QStringLiteral("refused"), refused}});
    } else {
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "accepted %1, refused %2")
                              .arg(QString::number(accepted), QString::number(refused.size())));
    }
    return refused.isEmpty() ? ExitStatus::Success : ExitStatus::Rejected;
}

ExitStatus RemoteCommandRunner::failed(const ServerReply& reply) {
    return fail(statusFor(reply), reply.error);
}

ExitStatus RemoteCommandRunner::fail(ExitStatus status, const QString& message) {
    //: Prefix of every error message on stderr.
    m_console.errorLine(QCoreApplication::translate("threadline-ctl", "threadline-ctl: %1").arg(message));
    return status;
}

void RemoteCommandRunner::printJson(const QJsonValue& value) {
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_console.out(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

void RemoteCommandRunner::printAccount(const QJsonObject& account) {
    const QStringList queues = stringList(account.value(QStringLiteral("queues")));
    const QList<std::pair<QString, QString>> lines{
        {QCoreApplication::translate("threadline-ctl", "login"), account.value(QStringLiteral("login")).toString()},
        {QCoreApplication::translate("threadline-ctl", "name"), account.value(QStringLiteral("name")).toString()},
        {QCoreApplication::translate("threadline-ctl", "role"), account.value(QStringLiteral("role")).toString()},
        {QCoreApplication::translate("threadline-ctl", "state"), accountState(account)},
        {QCoreApplication::translate("threadline-ctl", "queues"), queues.join(QStringLiteral(", "))},
        {QCoreApplication::translate("threadline-ctl", "created"),
         timeText(account.value(QStringLiteral("created_at")))},
    };
    int width = 0;
    for (const auto& [label, value] : lines)
        width = std::max(width, TextTable::displayWidth(label));
    for (const auto& [label, value] : lines) {
        m_console.outLine(
            (label + QLatin1Char(':') + QString(width - TextTable::displayWidth(label) + 1, QLatin1Char(' ')) + value)
                .trimmed());
    }
}

} // namespace tl::cli
