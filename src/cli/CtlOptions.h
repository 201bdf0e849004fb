#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace tl::cli {

/// What the command line of threadline-ctl asked for, after QCommandLineParser.
struct CtlOptions final {
    /// The SQLite database file (--db); empty when the command goes to a server.
    QString databasePath;
    /// ISO 3166-1 alpha-2 region for phone numbers without a country code (--region), upper-case, known.
    QString region;
    /// Agent login written as the author of events this tool records (--agent).
    QString agent;

    /// The server's base URL, http or https (--server); empty for a local database.
    QUrl serverUrl;
    /// The account to sign in as (--login); empty when a session token is used.
    QString login;
    /// The password to sign in with (THREADLINE_PASSWORD); empty: asked on the terminal.
    QString signInPassword;
    /// An existing session token (THREADLINE_TOKEN), used when no --login is given.
    QByteArray token;
    /// A PEM file of certificates to trust for https besides the system's (--ca).
    QString caFile;
    /// How long a request may go without progress before it is given up (--timeout), in milliseconds.
    int timeoutMs = 30000;

    /// agent-add: the account's display name (--name).
    QString name;
    /// agent-add: the account's role (--role): agent, supervisor or admin.
    QString role;
    /// agent-add: the account's queues; ingest, customers: the one queue (--queue, repeatable, comma-separated).
    QStringList queues;
    /// agent-add, agent-password: the password to set (--password); empty: the server generates one.
    QString password;
    /// queue-add: the queue's description (--description).
    QString description;
    /// customers through a server: at most this many (--limit).
    int limit = 10000;
    /// import-mail: the mailbox's own addresses (--mailbox-address, repeatable); mail from them is outgoing.
    QStringList mailboxAddresses;

    /// Print JSON instead of text (--json).
    bool json = false;
    /// The command word: ingest, customers, timeline, search, merge, agents, agent-add, ...
    QString command;
    /// The command's own arguments.
    QStringList arguments;
};

} // namespace tl::cli
