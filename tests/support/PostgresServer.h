#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace tl::testsupport {

/// A throwaway PostgreSQL cluster for one test binary: initdb into a temporary directory, a postmaster on a free
/// loopback port (its socket in that directory too), stopped (pg_ctl stop -m immediate) and deleted by the
/// destructor — and, should the test process die without running it, by a watchdog that outlives the process.
/// PostgreSQL refuses to run as root: as root, the server programs run as the "postgres" user (runuser).
/// The binaries are taken from $THREADLINE_PG_BINDIR, else the newest /usr/lib/postgresql/N/bin.
class PostgresServer final {
public:
    /// Starts the cluster; check ok() (or error()) before use. Blocks until the server accepts connections.
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    [[nodiscard]] bool ok() const { return m_error.isEmpty(); }
    /// Why the cluster did not start, with what the programs printed.
    [[nodiscard]] const QString& error() const { return m_error; }

    /// Creates a database (a fresh one per test keeps the tests independent).
    [[nodiscard]] core::Status createDatabase(const QString& name) const;
    /// A URL ServerStore::open() takes: postgresql://threadline@127.0.0.1:PORT/NAME.
    [[nodiscard]] QString url(const QString& database) const;
    [[nodiscard]] int port() const { return m_port; }

    /// The cluster every test of this binary shares, started on first use; stopped at exit.
    [[nodiscard]] static PostgresServer& shared();

private:
    core::Status start();
    void stop();
    /// Runs a server program (initdb, pg_ctl) — as the postgres user when we are root.
    core::Status runServerProgram(const QString& program, const QStringList& arguments, int timeoutMs) const;
    core::Status runProgram(const QString& program, const QStringList& arguments, int timeoutMs) const;
    void startWatchdog();

    QTemporaryDir m_dir;
    QString m_binDir;
    QString m_dataDir;
    int m_port = 0;
    bool m_asRoot = false;
    bool m_running = false;
    qint64 m_watchdogPid = 0;
    QString m_error;
};

} // namespace tl::testsupport
