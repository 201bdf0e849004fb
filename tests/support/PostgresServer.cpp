#include "PostgresServer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

namespace tl::testsupport {

using namespace Qt::StringLiterals;
using core::Status;

namespace {

/// The role every test connects as (trust authentication on loopback).
const QString superuser = u"threadline"_s;

/// The newest /usr/lib/postgresql/N/bin that has initdb, or $THREADLINE_PG_BINDIR.
QString findBinDir() {
    const QString fromEnvironment = qEnvironmentVariable("THREADLINE_PG_BINDIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QDir root(u"/usr/lib/postgresql"_s);
    int newest = 0;
    QString found;
    for (const QString& version : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const int number = version.toInt(&numeric);
        const QString bin = root.filePath(version + u"/bin"_s);
        if (numeric && number > newest && QFile::exists(bin + u"/initdb"_s)) {
            newest = number;
            found = bin;
        }
    }
    return found;
}

/// A TCP port on 127.0.0.1 that nobody listens on right now (the OS picks it).
int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(0x7f000001u);
    address.sin_port = 0;
    int port = 0;
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

QString tail(const QString& text, int lines = 20) {
    QStringList all = text.split(u'\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

QString readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

/// The postmaster's pid from its pid file, 0 when there is none.
pid_t postmasterPid(const QString& dataDir) {
    const QString text = readFile(dataDir + u"/postmaster.pid"_s);
    return static_cast<pid_t>(text.section(u'\n', 0, 0).trimmed().toLongLong());
}

} // namespace

PostgresServer::PostgresServer()
    : m_dir(QDir::tempPath() + u"/threadline-pg-XXXXXX"_s) {
    if (const Status started = start(); !started) {
        m_error = started.error();
        stop();
    }
}

PostgresServer::~PostgresServer() {
    stop();
}

PostgresServer& PostgresServer::shared() {
    static PostgresServer server;
    return server;
}

Status PostgresServer::runProgram(const QString& program, const QStringList& arguments, int timeoutMs) const {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : {u"PGDATA"_s, u"PGHOST"_s, u"PGPORT"_s, u"PGUSER"_s, u"PGDATABASE"_s, u"PGPASSWORD"_s,
                                u"PGSERVICE"_s, u"PGOPTIONS"_s})
        environment.remove(name);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(environment);
    // The postgres user may not enter our working directory (/root, say).
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, arguments);
    const QString command = QFileInfo(arguments.value(arguments.indexOf(u"--"_s) + 1, program)).fileName();
    if (!process.waitForStarted(10'000))
        return Status::failure(u"%1 did not start: %2"_s.arg(program, process.errorString()));
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        return Status::failure(u"%1 did not finish within %2 s:\n%3"_s.arg(command)
                                   .arg(timeoutMs / 1000)
                                   .arg(tail(QString::fromLocal8Bit(process.readAll()))));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Status::failure(u"%1 failed (exit code %2):\n%3"_s.arg(command)
                                   .arg(process.exitCode())
                                   .arg(tail(QString::fromLocal8Bit(process.readAll()))));
    return {};
}

Status PostgresServer::runServerProgram(const QString& program, const QStringList& arguments, int timeoutMs) const {
    const QString path = m_binDir + u'/' + program;
    if (m_asRoot)
        return runProgram(u"runuser"_s, QStringList{u"-u"_s, u"postgres"_s, u"--"_s, path} + arguments, timeoutMs);
    return runProgram(path, arguments, timeoutMs);
}

Status PostgresServer::start() {
    if (!m_dir.isValid())
        return Status::failure(u"Could not create a temporary directory: %1"_s.arg(m_dir.errorString()));
    m_binDir = findBinDir();
    if (m_binDir.isEmpty() || !QFile::exists(m_binDir + u"/pg_ctl"_s))
        return Status::failure(u"The PostgreSQL server programs (initdb, pg_ctl) were not found under "
                               u"/usr/lib/postgresql/N/bin; install the postgresql package (scripts/setup) or set "
                               u"THREADLINE_PG_BINDIR."_s);
    m_asRoot = ::geteuid() == 0;
    if (m_asRoot) {
        // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
        const passwd* user = ::getpwnam("postgres");
        if (!user)
            return Status::failure(u"Running as root, and there is no \"postgres\" user to run PostgreSQL as "
                                   u"(the postgresql package creates it; see scripts/setup)."_s);
        if (::chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0)
            return Status::failure(u"Could not hand %1 to the postgres user: %2"_s.arg(
                m_dir.path(), QString::fromLocal8Bit(std::strerror(errno))));
    }
    m_dataDir = m_dir.filePath(u"data"_s);
    if (const Status status = runServerProgram(u"initdb"_s,
                                               {u"-D"_s, m_dataDir, u"-U"_s, superuser, u"-A"_s, u"trust"_s, u"-E"_s,
                                                u"UTF8"_s, u"--no-locale"_s, u"--no-sync"_s},
                                               120'000);
        !status)
        return status;

    const QString logFile = m_dir.filePath(u"server.log"_s);
    QString lastError;
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeLoopbackPort();
        if (m_port == 0)
            return Status::failure(u"Could not find a free loopback port."_s);
        // A test cluster: no durability needed (fsync off), small, TCP on loopback only, the socket in our
        // directory rather than /var/run/postgresql.
        const QString options = u"-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off -c synchronous_commit=off "
                                u"-c full_page_writes=off -c shared_buffers=16MB -c max_connections=40"_s.arg(m_port)
                                    .arg(m_dir.path());
        const Status started = runServerProgram(
            u"pg_ctl"_s,
            {u"start"_s, u"-D"_s, m_dataDir, u"-l"_s, logFile, u"-w"_s, u"-t"_s, u"60"_s, u"-o"_s, options}, 90'000);
        if (started) {
            m_running = true;
            break;
        }
        const QString log = readFile(logFile);
        lastError = started.error() + u"\nserver log:\n"_s + tail(log);
        if (!log.contains(u"could not bind"_s) && !log.contains(u"already in use"_s))
            return Status::failure(lastError);
    }
    if (!m_running)
        return Status::failure(u"PostgreSQL did not start after 5 ports: %1"_s.arg(lastError));
    startWatchdog();
    // pg_ctl -w waited for the socket; make sure TCP answers too.
    const QString isReady = m_binDir + u"/pg_isready"_s;
    if (QFile::exists(isReady)) {
        if (const Status ready = runProgram(
                isReady,
                {u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s, superuser, u"-t"_s, u"30"_s},
                40'000);
            !ready)
            return Status::failure(
                u"PostgreSQL started but does not answer on 127.0.0.1:%1: %2"_s.arg(m_port).arg(ready.error()));
    }
    return {};
}

void PostgresServer::startWatchdog() {
    // Should the test process die without its destructors (a crash, ctest's timeout kill), this stops the
    // cluster and removes the directory once the process is gone.
    const QString script =
        u"while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
        u"if [ -f \"$3/postmaster.pid\" ]; then kill -QUIT \"$(head -n 1 \"$3/postmaster.pid\")\" 2>/dev/null; "
        u"sleep 2; fi; rm -rf \"$2\""_s;
    QProcess watchdog;
    watchdog.setProgram(u"/bin/sh"_s);
    watchdog.setArguments(
        {u"-c"_s, script, u"threadline-pg-watchdog"_s, QString::number(::getpid()), m_dir.path(), m_dataDir});
    watchdog.setStandardInputFile(QProcess::nullDevice());
    watchdog.setStandardOutputFile(QProcess::nullDevice());
    watchdog.setStandardErrorFile(QProcess::nullDevice());
    qint64 pid = 0;
    if (watchdog.startDetached(&pid))
        m_watchdogPid = pid;
}

void PostgresServer::stop() {
    if (m_running) {
        bool stopped = false;
        if (QCoreApplication::instance()) {
            const Status status = runServerProgram(
                u"pg_ctl"_s, {u"stop"_s, u"-D"_s, m_dataDir, u"-m"_s, u"immediate"_s, u"-w"_s, u"-t"_s, u"30"_s},
                40'000);
            stopped = status.ok();
        }
        if (!stopped) {
            // What pg_ctl stop -m immediate does (also when there is no QCoreApplication left at exit): SIGQUIT to
            // the postmaster, then wait for it to go.
            const pid_t pid = postmasterPid(m_dataDir);
            if (pid > 0 && ::kill(pid, SIGQUIT) == 0) {
                const QDeadlineTimer deadline(30'000);
                while (::kill(pid, 0) == 0 && !deadline.hasExpired())
                    QThread::msleep(20);
            }
        }
        m_running = false;
    }
    if (m_watchdogPid > 0) {
        ::kill(static_cast<pid_t>(m_watchdogPid), SIGTERM);
        m_watchdogPid = 0;
    }
    // m_dir removes itself (as root also the postgres user's files).
}

Status PostgresServer::createDatabase(const QString& name) const {
    if (!ok())
        return Status::failure(m_error);
    return runProgram(m_binDir + u"/createdb"_s,
                      {u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s, superuser, name}, 60'000);
}

QString PostgresServer::url(const QString& database) const {
    return u"postgresql://%1@127.0.0.1:%2/%3"_s.arg(superuser).arg(m_port).arg(database);
}

} // namespace tl::testsupport
