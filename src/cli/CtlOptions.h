#pragma once

#include <QString>
#include <QStringList>

namespace tl::cli {

/// What the command line of threadline-ctl asked for, after QCommandLineParser.
struct CtlOptions final {
    /// The SQLite database file (--db).
    QString databasePath;
    /// ISO 3166-1 alpha-2 region for phone numbers without a country code (--region), upper-case, known.
    QString region;
    /// Agent login written as the author of events this tool records (--agent).
    QString agent;
    /// Print JSON instead of text (--json).
    bool json = false;
    /// The command word: ingest, customers, timeline, search or merge.
    QString command;
    /// The command's own arguments.
    QStringList arguments;
};

} // namespace tl::cli
