// threadline-ctl: Threadline's automation CLI. Parses the command line and hands over to tl::cli::CommandRunner
// (a local database, --db) or tl::cli::RemoteCommandRunner (a server's REST API, --server).
// QtCore and QtNetwork only: it must never link Gui or Widgets, so that it runs on servers without a display.
#include "cli/CommandCatalog.h"
#include "cli/CommandRunner.h"
#include "cli/Console.h"
#include "cli/CtlOptions.h"
#include "cli/ExitStatus.h"
#include "cli/RemoteCommandRunner.h"

#include "core/IdentityNormalizer.h"
#include "core/Role.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <pwd.h>
#include <unistd.h>

using tl::cli::ExitStatus;

namespace {

/// The login of the user running the program, for --agent's default.
QString systemUser() {
    for (const char* name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString user = qEnvironmentVariable(name);
        if (!user.isEmpty())
            return user;
    }
    if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return QStringLiteral("threadline-ctl");
}

int usageError(tl::cli::Console& console, const QString& message) {
    console.errorLine(QCoreApplication::translate("threadline-ctl", "threadline-ctl: %1").arg(message));
    console.errorLine(
        QCoreApplication::translate("threadline-ctl", "Try 'threadline-ctl --help' for more information."));
    return tl::cli::exitCode(ExitStatus::Error);
}

/// The whole number \a text holds when it lies from \a minimum to \a maximum.
std::optional<int> numberIn(const QString& text, int minimum, int maximum) {
    bool ok = false;
    const int number = text.trimmed().toInt(&ok);
    if (!ok || number < minimum || number > maximum)
        return std::nullopt;
    return number;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("threadline-ctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(THREADLINE_VERSION));
    // The libraries' debug and info messages would mix with the tool's own output on stderr; warnings stay.
    // QT_LOGGING_RULES still turns them back on.
    QLoggingCategory::setFilterRules(QStringLiteral("threadline.*.debug=false\nthreadline.*.info=false"));

    tl::cli::Console console;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "threadline-ctl", "Imports events into a Threadline database and reads customers, timelines and search "
                          "results from it; through a Threadline server, also manages its accounts and queues."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("db"),
        QCoreApplication::translate("threadline-ctl", "The local SQLite database file (this or --server)."),
        QStringLiteral("file"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QCoreApplication::translate("threadline-ctl", "The Threadline server, an http:// or https:// URL such as "
                                                      "https://threadline.example.com:8443 (this or --db)."),
        QStringLiteral("url"));
    const QCommandLineOption loginOption(
        QStringLiteral("login"),
        QCoreApplication::translate("threadline-ctl",
                                    "With --server: the account to sign in as; the password comes from "
                                    "THREADLINE_PASSWORD or is asked for on the terminal. Without it, the session "
                                    "token in THREADLINE_TOKEN is used."),
        QStringLiteral("name"));
    const QCommandLineOption caOption(
        QStringLiteral("ca"),
        QCoreApplication::translate("threadline-ctl",
                                    "With an https server: also trust the certificates in this PEM file (a "
                                    "self-signed server certificate)."),
        QStringLiteral("file"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QCoreApplication::translate("threadline-ctl",
                                    "With --server: give up a request that makes no progress for this many "
                                    "seconds (default: 30)."),
        QStringLiteral("seconds"));
    const QString systemRegion = tl::core::IdentityNormalizer::systemRegion();
    const QCommandLineOption regionOption(
        QStringLiteral("region"),
        systemRegion.isEmpty()
            ? QCoreApplication::translate("threadline-ctl",
                                          "Region for phone numbers written without a country code, an ISO 3166-1 "
                                          "code such as PL (default: none, as the system locale names no region; "
                                          "every number must then carry its country code). With --db only.")
            : QCoreApplication::translate("threadline-ctl",
                                          "Region for phone numbers written without a country code, an ISO 3166-1 "
                                          "code such as PL (default: %1, from the system locale). With --db only.")
                  .arg(systemRegion),
        QStringLiteral("cc"));
    const QCommandLineOption agentOption(
        QStringLiteral("agent"),
        QCoreApplication::translate("threadline-ctl",
                                    "Agent login written as the author of merges (default: %1). With --db only.")
            .arg(systemUser()),
        QStringLiteral("login"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QCoreApplication::translate("threadline-ctl", "Print JSON instead of text (docs/cli.md)."));
    const QCommandLineOption nameOption(
        QStringLiteral("name"), QCoreApplication::translate("threadline-ctl", "agent-add: the account's full name."),
        QStringLiteral("name"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        QCoreApplication::translate("threadline-ctl", "agent-add: agent (default), supervisor or admin."),
        QStringLiteral("role"));
    const QCommandLineOption queueOption(
        QStringLiteral("queue"),
        QCoreApplication::translate("threadline-ctl",
                                    "agent-add: a queue the account works (repeatable, or separated by commas); "
                                    "ingest: the queue new customers go to (default: general); customers: only "
                                    "this queue."),
        QStringLiteral("queue"));
    const QCommandLineOption passwordOption(
        QStringLiteral("password"),
        QCoreApplication::translate("threadline-ctl",
                                    "agent-add, agent-password: the password to set (at least 8 characters); "
                                    "default: one the server generates and prints once."),
        QStringLiteral("password"));
    const QCommandLineOption descriptionOption(
        QStringLiteral("description"),
        QCoreApplication::translate("threadline-ctl", "queue-add: what the queue is for."), QStringLiteral("text"));
    const QCommandLineOption limitOption(
        QStringLiteral("limit"),
        QCoreApplication::translate("threadline-ctl",
                                    "customers through a server: at most this many, 1 to 10000 (default: 10000)."),
        QStringLiteral("n"));
    const QCommandLineOption mailboxAddressOption(
        QStringLiteral("mailbox-address"),
        QCoreApplication::translate("threadline-ctl",
                                    "import-mail: an address of the imported mailbox itself (repeatable); mail from "
                                    "it is imported as sent by the team."),
        QStringLiteral("address"));
    parser.addOptions({databaseOption, serverOption, loginOption, caOption, timeoutOption, regionOption, agentOption,
                       jsonOption, nameOption, roleOption, queueOption, passwordOption, descriptionOption, limitOption,
                       mailboxAddressOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("threadline-ctl", "One of the commands below."),
                                 QStringLiteral("command [arguments]"));

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(console, parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out(parser.helpText() + QLatin1Char('\n') + tl::cli::CommandCatalog::help());
        return tl::cli::exitCode(ExitStatus::Success);
    }
    if (parser.isSet(versionOption)) {
        console.outLine(QStringLiteral("threadline-ctl ") + QCoreApplication::applicationVersion());
        return tl::cli::exitCode(ExitStatus::Success);
    }

    tl::cli::CtlOptions options;
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(console, QCoreApplication::translate("threadline-ctl", "no command given"));
    options.command = positional.takeFirst();
    options.arguments = positional;
    const tl::cli::CommandSpec* spec = tl::cli::CommandCatalog::find(options.command);
    if (!spec) {
        return usageError(console,
                          QCoreApplication::translate("threadline-ctl", "unknown command \"%1\"").arg(options.command));
    }

    // Where the command goes: a local database or a server, never both.
    const bool local = parser.isSet(databaseOption);
    const bool remote = parser.isSet(serverOption);
    if (local && remote) {
        return usageError(console, QCoreApplication::translate(
                                       "threadline-ctl",
                                       "--db and --server exclude each other: a command works either on a local "
                                       "database or through a server"));
    }
    if (!local && !remote) {
        return usageError(console,
                          QCoreApplication::translate(
                              "threadline-ctl", "--db FILE (a local database) or --server URL (a Threadline server) is "
                                                "required"));
    }
    if (remote && !spec->server) {
        return usageError(console, QCoreApplication::translate("threadline-ctl",
                                                               "\"%1\" works on a local database only (--db FILE), "
                                                               "not through a server")
                                       .arg(options.command));
    }
    if (local && !spec->local) {
        return usageError(console,
                          QCoreApplication::translate("threadline-ctl", "\"%1\" works through a server only (--server "
                                                                        "URL), not on a local database")
                              .arg(options.command));
    }
    const QList<const QCommandLineOption*> localOnly{&regionOption, &agentOption};
    const QList<const QCommandLineOption*> serverOnly{&loginOption,    &caOption,          &timeoutOption,
                                                      &nameOption,     &roleOption,        &queueOption,
                                                      &passwordOption, &descriptionOption, &limitOption};
    for (const QCommandLineOption* option : remote ? localOnly : serverOnly) {
        if (!parser.isSet(*option))
            continue;
        const QString name = QStringLiteral("--") + option->names().constFirst();
        return usageError(
            console, remote ? QCoreApplication::translate("threadline-ctl", "%1 works with --db only; through a "
                                                                            "server it has no effect")
                                  .arg(name)
                            : QCoreApplication::translate("threadline-ctl", "%1 works with --server only").arg(name));
    }
    for (const QString& option : tl::cli::CommandCatalog::commandOptions()) {
        if (parser.isSet(option) && !spec->options.contains(option)) {
            return usageError(console, QCoreApplication::translate("threadline-ctl", "--%1 does not apply to \"%2\"")
                                           .arg(option, options.command));
        }
    }
    options.json = parser.isSet(jsonOption);

    if (local) {
        options.databasePath = parser.value(databaseOption);
        if (options.databasePath.isEmpty())
            return usageError(console, QCoreApplication::translate("threadline-ctl", "--db FILE is required"));
        if (parser.isSet(regionOption)) {
            options.region = parser.value(regionOption).trimmed().toUpper();
            if (!tl::core::IdentityNormalizer::isKnownRegion(options.region)) {
                return usageError(console, QCoreApplication::translate("threadline-ctl",
                                                                       "unknown region \"%1\": expected an ISO 3166-1 "
                                                                       "alpha-2 code such as PL, DE or US")
                                               .arg(parser.value(regionOption)));
            }
        } else {
            // Empty: IdentityNormalizer takes the system locale's region, or none.
            options.region = systemRegion;
        }
        options.agent = parser.isSet(agentOption) ? parser.value(agentOption).trimmed() : systemUser();
        options.mailboxAddresses = parser.values(mailboxAddressOption);
        if (options.agent.isEmpty())
            return usageError(console, QCoreApplication::translate("threadline-ctl", "--agent must not be empty"));

        tl::cli::CommandRunner runner(console, std::move(options));
        return tl::cli::exitCode(runner.run());
    }

    const QString serverText = parser.value(serverOption).trimmed();
    const QUrl server(serverText, QUrl::StrictMode);
    const QString scheme = server.scheme().toLower();
    if (!server.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        server.host().isEmpty() || server.hasQuery() || server.hasFragment()) {
        return usageError(console, QCoreApplication::translate("threadline-ctl",
                                                               "--server: \"%1\" is not an http:// or https:// URL "
                                                               "such as https://threadline.example.com:8443")
                                       .arg(serverText));
    }
    if (!server.userInfo().isEmpty()) {
        return usageError(console, QCoreApplication::translate(
                                       "threadline-ctl", "--server: the URL must not hold credentials; use --login and "
                                                         "THREADLINE_PASSWORD, or THREADLINE_TOKEN"));
    }
    options.serverUrl = server;
    options.caFile = parser.value(caOption);
    if (parser.isSet(caOption) && scheme != QLatin1String("https")) {
        return usageError(console,
                          QCoreApplication::translate("threadline-ctl", "--ca applies to https:// servers only"));
    }
    if (parser.isSet(timeoutOption)) {
        const std::optional<int> seconds = numberIn(parser.value(timeoutOption), 1, 3600);
        if (!seconds) {
            return usageError(console, QCoreApplication::translate(
                                           "threadline-ctl", "--timeout: expected a number of seconds from 1 to 3600"));
        }
        options.timeoutMs = *seconds * 1000;
    }

    // Credentials: --login signs in (and out again); else an existing session token.
    options.login = parser.value(loginOption).trimmed();
    if (parser.isSet(loginOption) && options.login.isEmpty())
        return usageError(console, QCoreApplication::translate("threadline-ctl", "--login must not be empty"));
    if (!options.login.isEmpty())
        options.signInPassword = qEnvironmentVariable("THREADLINE_PASSWORD");
    else
        options.token = qgetenv("THREADLINE_TOKEN").trimmed();
    if (options.login.isEmpty() && options.token.isEmpty()) {
        return usageError(console, QCoreApplication::translate(
                                       "threadline-ctl",
                                       "through a server, sign in with --login NAME (the password comes from "
                                       "THREADLINE_PASSWORD or the terminal), or set THREADLINE_TOKEN to a session "
                                       "token"));
    }

    // The command options.
    options.name = parser.value(nameOption).trimmed();
    if (parser.isSet(roleOption)) {
        options.role = parser.value(roleOption).trimmed().toLower();
        if (!tl::core::roleFromName(options.role)) {
            return usageError(console, QCoreApplication::translate("threadline-ctl",
                                                                   "--role: \"%1\" is not agent, supervisor or admin")
                                           .arg(parser.value(roleOption)));
        }
    }
    for (const QString& value : parser.values(queueOption)) {
        for (const QString& queue : value.split(QLatin1Char(','))) {
            if (!queue.trimmed().isEmpty() && !options.queues.contains(queue.trimmed()))
                options.queues.append(queue.trimmed());
        }
    }
    if (parser.isSet(queueOption) && options.queues.isEmpty())
        return usageError(console, QCoreApplication::translate("threadline-ctl", "--queue must name a queue"));
    if (options.queues.size() > 1 && options.command != QLatin1String("agent-add")) {
        return usageError(
            console, QCoreApplication::translate("threadline-ctl", "\"%1\" takes one --queue").arg(options.command));
    }
    options.password = parser.value(passwordOption);
    if (parser.isSet(passwordOption) && options.password.isEmpty()) {
        return usageError(
            console, QCoreApplication::translate("threadline-ctl",
                                                 "--password must not be empty; leave it out to have one generated"));
    }
    options.description = parser.value(descriptionOption);
    if (parser.isSet(limitOption)) {
        const std::optional<int> limit = numberIn(parser.value(limitOption), 1, 10000);
        if (!limit)
            return usageError(
                console, QCoreApplication::translate("threadline-ctl", "--limit: expected a number from 1 to 10000"));
        options.limit = *limit;
    }

    tl::cli::RemoteCommandRunner runner(console, std::move(options));
    return tl::cli::exitCode(runner.run());
}
