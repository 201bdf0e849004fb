#include "CommandCatalog.h"

#include <QCoreApplication>

#include <utility>

namespace tl::cli {

namespace {

/// \a text broken into lines of at most \a width characters, each starting with \a indent.
QString wrapped(const QString& text, qsizetype width, const QString& indent) {
    QString result;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            result += indent + line + QLatin1Char('\n');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        result += indent + line + QLatin1Char('\n');
    return result;
}

/// \a synopsis broken into lines like wrapped(), but never inside a [bracketed option]; continuation lines are
/// indented further.
QString wrappedSynopsis(const QString& synopsis) {
    QString joined = synopsis;
    int depth = 0;
    for (QChar& character : joined) {
        if (character == QLatin1Char('['))
            ++depth;
        else if (character == QLatin1Char(']'))
            --depth;
        else if (character == QLatin1Char(' ') && depth > 0)
            character = QChar(QChar::Nbsp);
    }
    QString lines = wrapped(joined, 76, QStringLiteral("    "));
    lines.replace(QChar(QChar::Nbsp), QLatin1Char(' '));
    return lines.mid(2); // the first line is indented by two only
}

/// What the command does, for --help.
QString description(const QString& command) {
    if (command == QLatin1String("ingest"))
        return QCoreApplication::translate(
            "threadline-ctl",
            "Import events from a JSON Lines file, or from standard input when FILE is \"-\" "
            "(docs/import-format.md). Prints the imported, duplicate and rejected counts (through a server: "
            "accepted and refused); names each rejected line and why on stderr. Through a server, new "
            "customers go to --queue (default: general).");
    if (command == QLatin1String("import-mail"))
        return QCoreApplication::translate(
            "threadline-ctl",
            "Import an mbox file or a Maildir folder (cur/, new/ and Maildir++ subfolders) through the e-mail "
            "channel's MIME path (docs/email.md); attachments are stored beside the database in FILE.attachments. "
            "Mail from a --mailbox-address (repeatable) is imported as sent by the team, to its first other "
            "recipient. Re-importing changes nothing. Prints the imported, duplicate and rejected counts; names "
            "each unreadable message and why on stderr, and imports the rest.");
    if (command == QLatin1String("customers"))
        return QCoreApplication::translate(
            "threadline-ctl",
            "List the customers, most recent activity first. Through a server: the customers of the queues "
            "the account may see, newest first, --queue for one queue, at most --limit (default 10000).");
    if (command == QLatin1String("timeline"))
        return QCoreApplication::translate(
            "threadline-ctl",
            "Print the whole merged timeline of the customer who owns IDENTITY (any of their identities, "
            "in any form that normalizes to it, or a customer id on a local database), oldest first.");
    if (command == QLatin1String("search"))
        return QCoreApplication::translate("threadline-ctl", "Full-text search over every channel, newest first.");
    if (command == QLatin1String("merge"))
        return QCoreApplication::translate(
            "threadline-ctl",
            "Merge the customer owning the second identity into the customer owning the first, recording "
            "a customer.merged event by --agent.");
    if (command == QLatin1String("login"))
        return QCoreApplication::translate(
            "threadline-ctl",
            "Sign in with --login and print the session token, for THREADLINE_TOKEN; the session stays open.");
    if (command == QLatin1String("logout"))
        return QCoreApplication::translate("threadline-ctl", "End the session of THREADLINE_TOKEN.");
    if (command == QLatin1String("whoami"))
        return QCoreApplication::translate("threadline-ctl", "Show the account signed in: login, name, role, queues.");
    if (command == QLatin1String("agents"))
        return QCoreApplication::translate("threadline-ctl", "List the accounts (supervisor, admin).");
    if (command == QLatin1String("agent-add"))
        return QCoreApplication::translate(
            "threadline-ctl", "Create an account (admin). Without --password the server generates one, printed once. "
                              "--queue may be repeated or list several queues separated by commas.");
    if (command == QLatin1String("agent-disable"))
        return QCoreApplication::translate("threadline-ctl", "Disable an account and end its sessions (admin).");
    if (command == QLatin1String("agent-enable"))
        return QCoreApplication::translate("threadline-ctl", "Enable a disabled account again (admin).");
    if (command == QLatin1String("agent-password"))
        return QCoreApplication::translate(
            "threadline-ctl", "Set an account's password and end its sessions (admin). Without --password the server "
                              "generates one, printed once.");
    if (command == QLatin1String("agent-queues"))
        return QCoreApplication::translate(
            "threadline-ctl", "Set the queues an account works, separated by commas; \"\" for none (admin).");
    if (command == QLatin1String("queues"))
        return QCoreApplication::translate("threadline-ctl", "List the queues (an agent: its own).");
    if (command == QLatin1String("queue-add"))
        return QCoreApplication::translate("threadline-ctl", "Create a queue (admin).");
    return {};
}

} // namespace

const QList<CommandSpec>& CommandCatalog::commands() {
    const QString queue = QStringLiteral("queue");
    static const QList<CommandSpec> specs{
        {QStringLiteral("ingest"), 1, QStringLiteral("ingest FILE|- [--queue QUEUE]"), true, true, {queue}},
        {QStringLiteral("import-mail"),
         1,
         QStringLiteral("import-mail PATH [--mailbox-address ADDRESS]..."),
         true,
         false,
         {QStringLiteral("mailbox-address")}},
        {QStringLiteral("customers"),
         0,
         QStringLiteral("customers [--queue QUEUE] [--limit N]"),
         true,
         true,
         {queue, QStringLiteral("limit")}},
        {QStringLiteral("timeline"), 1, QStringLiteral("timeline IDENTITY"), true, true, {}},
        {QStringLiteral("search"), 1, QStringLiteral("search TEXT"), true, false, {}},
        {QStringLiteral("merge"), 2, QStringLiteral("merge IDENTITY IDENTITY"), true, false, {}},
        {QStringLiteral("login"), 0, QStringLiteral("login"), false, true, {}},
        {QStringLiteral("logout"), 0, QStringLiteral("logout"), false, true, {}},
        {QStringLiteral("whoami"), 0, QStringLiteral("whoami"), false, true, {}},
        {QStringLiteral("agents"), 0, QStringLiteral("agents"), false, true, {}},
        {QStringLiteral("agent-add"),
         1,
         QStringLiteral("agent-add LOGIN [--name NAME] [--role agent|supervisor|admin] [--queue QUEUE]... "
                        "[--password PASSWORD]"),
         false,
         true,
         {QStringLiteral("name"), QStringLiteral("role"), queue, QStringLiteral("password")}},
        {QStringLiteral("agent-disable"), 1, QStringLiteral("agent-disable LOGIN"), false, true, {}},
        {QStringLiteral("agent-enable"), 1, QStringLiteral("agent-enable LOGIN"), false, true, {}},
        {QStringLiteral("agent-password"),
         1,
         QStringLiteral("agent-password LOGIN [--password PASSWORD]"),
         false,
         true,
         {QStringLiteral("password")}},
        {QStringLiteral("agent-queues"), 2, QStringLiteral("agent-queues LOGIN QUEUE,QUEUE..."), false, true, {}},
        {QStringLiteral("queues"), 0, QStringLiteral("queues"), false, true, {}},
        {QStringLiteral("queue-add"),
         1,
         QStringLiteral("queue-add NAME [--description TEXT]"),
         false,
         true,
         {QStringLiteral("description")}},
    };
    return specs;
}

const CommandSpec* CommandCatalog::find(const QString& name) {
    for (const CommandSpec& spec : commands()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

const QStringList& CommandCatalog::commandOptions() {
    static const QStringList options{QStringLiteral("name"),           QStringLiteral("role"),
                                     QStringLiteral("queue"),          QStringLiteral("password"),
                                     QStringLiteral("description"),    QStringLiteral("limit"),
                                     QStringLiteral("mailbox-address")};
    return options;
}

QString CommandCatalog::help() {
    const QList<std::pair<QString, std::pair<bool, bool>>> groups{
        {QCoreApplication::translate("threadline-ctl",
                                     "Commands on a local database (--db) or through a server (--server):"),
         {true, true}},
        {QCoreApplication::translate("threadline-ctl", "Commands on a local database only (--db):"), {true, false}},
        {QCoreApplication::translate("threadline-ctl", "Commands through a server only (--server):"), {false, true}},
    };
    QString help;
    for (const auto& [heading, where] : groups) {
        help += heading + QLatin1Char('\n');
        for (const CommandSpec& spec : commands()) {
            if (spec.local != where.first || spec.server != where.second)
                continue;
            help += wrappedSynopsis(spec.synopsis) + wrapped(description(spec.name), 72, QStringLiteral("      "));
        }
        help += QLatin1Char('\n');
    }
    help += wrapped(QCoreApplication::translate(
                        "threadline-ctl",
                        "Identities are written KIND:VALUE, KIND being email, phone, chat or sip, for example "
                        "email:jan.kowalski@example.pl or \"phone:601 234 567\"; a value with \"@\" or made of "
                        "digits may leave the kind out."),
                    78, QString());
    help += QLatin1Char('\n') +
            wrapped(QCoreApplication::translate(
                        "threadline-ctl",
                        "Through a server, --login NAME signs in with the password in THREADLINE_PASSWORD, or asks "
                        "for it on the terminal, and signs out at the end; without --login the session token in "
                        "THREADLINE_TOKEN is used as it is."),
                    78, QString());
    help += QLatin1Char('\n') + QCoreApplication::translate("threadline-ctl", "Exit status:") + QLatin1Char('\n') +
            QCoreApplication::translate(
                "threadline-ctl", "  0  success\n"
                                  "  1  input lines or messages were rejected (ingest, import-mail), an identity\n"
                                  "     has no customer, an account does not exist or already exists, or a merge\n"
                                  "     was refused\n"
                                  "  2  usage error, unreadable input file, database error, or a request the\n"
                                  "     server found malformed\n"
                                  "  3  the server cannot be reached or cannot serve the request now (connection\n"
                                  "     refused, TLS failure, timeout, server or database failure)\n"
                                  "  4  the server refused the credentials, or the account's role may not do this") +
            QLatin1Char('\n');
    return help;
}

} // namespace tl::cli
