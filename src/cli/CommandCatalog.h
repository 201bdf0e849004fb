#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace tl::cli {

/// One command of threadline-ctl: its arguments, where it works and which command options it takes.
struct CommandSpec final {
    QString name;
    /// How many arguments the command takes.
    qsizetype arguments = 0;
    /// The command with its arguments and options, as --help and usage errors show it.
    QString synopsis;
    /// True when it works on a local database (--db).
    bool local = false;
    /// True when it works through a server (--server).
    bool server = false;
    /// The command options it takes, by name without dashes ("queue", "name", ...).
    QStringList options;
};

/// Every command threadline-ctl knows, for main()'s checks and for --help.
class CommandCatalog final {
public:
    /// Every command, in the order --help lists them.
    [[nodiscard]] static const QList<CommandSpec>& commands();
    /// The command named \a name; nullptr when there is none.
    [[nodiscard]] static const CommandSpec* find(const QString& name);
    /// The options that belong to some commands only (name, role, queue, password, description, limit,
    /// mailbox-address).
    [[nodiscard]] static const QStringList& commandOptions();
    /// The part of --help after the options: the commands grouped by where they work, what identities look
    /// like, how to sign in, and the exit status.
    [[nodiscard]] static QString help();
};

} // namespace tl::cli
