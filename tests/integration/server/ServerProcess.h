#pragma once

#include "core/Result.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace tl::servertest {

/// A real threadline-server process on a free loopback port (--listen 127.0.0.1:0; the port is read from what
/// it prints). Stopped by the destructor, pass or fail; killed with the test process should that die first.
class ServerProcess final {
public:
    ServerProcess();
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// Starts the server with a SQLite database in its temporary directory unless \a arguments name --db or
    /// --config, and waits until it listens. Fails with what the server printed.
    [[nodiscard]] core::Status start(const QStringList& arguments = {});
    /// Runs the server to its end (for start-up failures); returns the exit code, output in output()/errors().
    int runToExit(const QStringList& arguments, int timeoutMs = 15000);
    /// SIGTERM, then SIGKILL after a few seconds.
    void stop();
    /// SIGKILL at once (a crash, for chaos tests); start() may run the server again afterwards.
    void kill();

    [[nodiscard]] quint16 port() const { return m_port; }
    /// The one-time admin password printed on first start; empty when none was printed.
    [[nodiscard]] const QString& adminPassword() const { return m_adminPassword; }
    [[nodiscard]] QUrl url(const QString& path) const;
    [[nodiscard]] QUrl syncUrl() const { return url(QStringLiteral("/sync")); }
    /// The scheme: "http" (default) or "https".
    void setTls(bool tls) { m_tls = tls; }
    [[nodiscard]] QString output() const { return m_output; }
    [[nodiscard]] QString errors() const { return m_errors; }
    /// A directory that lives as long as this object (databases, config files, certificates).
    [[nodiscard]] QString directory() const { return m_dir.path(); }

private:
    void collect();

    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_output;
    QString m_errors;
    QString m_adminPassword;
    quint16 m_port = 0;
    bool m_tls = false;
};

} // namespace tl::servertest
