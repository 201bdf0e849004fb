// threadline-ctl: Threadline's automation CLI. Parses the command line and hands over to tl::cli::CommandRunner.
// QtCore only: it must never link Gui or Widgets, so that it runs on servers without a display.
#include "cli/CommandRunner.h"
#include "cli/Console.h"
#include "cli/CtlOptions.h"
#include "cli/ExitStatus.h"

#include "core/IdentityNormalizer.h"

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
                          "results from it."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("db"), QCoreApplication::translate("threadline-ctl", "The SQLite database file (required)."),
        QStringLiteral("file"));
    const QString systemRegion = tl::core::IdentityNormalizer::systemRegion();
    const QCommandLineOption regionOption(
        QStringLiteral("region"),
        systemRegion.isEmpty()
            ? QCoreApplication::translate("threadline-ctl",
                                          "Region for phone numbers written without a country code, an ISO 3166-1 "
                                          "code such as PL (default: none, as the system locale names no region; "
                                          "every number must then carry its country code).")
            : QCoreApplication::translate("threadline-ctl",
                                          "Region for phone numbers written without a country code, an ISO 3166-1 "
                                          "code such as PL (default: %1, from the system locale).")
                  .arg(systemRegion),
        QStringLiteral("cc"));
    const QCommandLineOption agentOption(
        QStringLiteral("agent"),
        QCoreApplication::translate("threadline-ctl", "Agent login written as the author of merges (default: %1).")
            .arg(systemUser()),
        QStringLiteral("login"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QCoreApplication::translate("threadline-ctl", "Print JSON instead of text (docs/cli.md)."));
    parser.addOptions({databaseOption, regionOption, agentOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("threadline-ctl", "One of the commands below."),
                                 QStringLiteral("command [arguments]"));

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(console, parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out(parser.helpText() + QLatin1Char('\n') + tl::cli::CommandRunner::commandsHelp());
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
    if (!tl::cli::CommandRunner::isCommand(options.command)) {
        return usageError(console,
                          QCoreApplication::translate("threadline-ctl", "unknown command \"%1\"").arg(options.command));
    }

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
    if (options.agent.isEmpty())
        return usageError(console, QCoreApplication::translate("threadline-ctl", "--agent must not be empty"));
    options.json = parser.isSet(jsonOption);

    tl::cli::CommandRunner runner(console, std::move(options));
    return tl::cli::exitCode(runner.run());
}
