#include "DovecotServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tl::testsupport {

using namespace Qt::StringLiterals;
using core::Status;

namespace {

const QString dovecotBinary = u"/usr/sbin/dovecot"_s;
const QString ldaBinary = u"/usr/lib/dovecot/dovecot-lda"_s;

/// A free TCP port on 127.0.0.1 below Linux's ephemeral range (32768–60999). Not an ephemeral one: while the
/// server is down (the restart tests), a client reconnecting in a loop to an ephemeral port can be given that same
/// port as its source and connect to itself (TCP simultaneous open), and then waits for a greeting forever.
int freeLoopbackPort() {
    static quint32 seed = static_cast<quint32>(::getpid()) * 2654435761u;
    for (int attempt = 0; attempt < 200; ++attempt) {
        seed = seed * 1664525u + 1013904223u;
        const int port = 20000 + static_cast<int>((seed >> 8) % 12000);
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return 0;
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(0x7f000001u);
        address.sin_port = htons(static_cast<quint16>(port));
        const bool free = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
        ::close(fd);
        if (free)
            return port;
    }
    return 0;
}

/// Waits until something on 127.0.0.1:\a port sends a line starting with \a greeting.
bool waitForGreeting(int port, const QByteArray& greeting, QDeadlineTimer deadline) {
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, static_cast<quint16>(port));
        if (socket.waitForConnected(500)) {
            QByteArray line;
            while (!line.contains('\n') && socket.waitForReadyRead(1000))
                line += socket.readAll();
            if (line.startsWith(greeting))
                return true;
        }
        QThread::msleep(50);
    }
    return false;
}

void chownTree(const QString& path, uid_t uid, gid_t gid) {
    [[maybe_unused]] const int changed = ::chown(QFile::encodeName(path).constData(), uid, gid);
    const QFileInfo info(path);
    if (!info.isDir() || info.isSymLink())
        return;
    for (const QFileInfo& entry : QDir(path).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        chownTree(entry.filePath(), uid, gid);
}

/// The processes whose parent is \a parent (from /proc).
QList<pid_t> childrenOf(pid_t parent) {
    QList<pid_t> children;
    if (parent <= 0)
        return children;
    for (const QString& entry : QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const pid_t pid = static_cast<pid_t>(entry.toLongLong(&numeric));
        if (!numeric)
            continue;
        QFile stat(u"/proc/%1/stat"_s.arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent)
            children.append(pid);
    }
    return children;
}

} // namespace

bool DovecotServer::available() {
    return QFileInfo(dovecotBinary).isExecutable() && QFileInfo(ldaBinary).isExecutable();
}

DovecotServer::DovecotServer(const QStringList& users)
    : m_users(users) {
    m_asRoot = ::geteuid() == 0;
    if (m_asRoot) {
        m_serverUser = u"dovecot"_s;
    } else if (const struct passwd* entry = ::getpwuid(::geteuid())) {
        m_serverUser = QString::fromLocal8Bit(entry->pw_name);
    }
    m_imapPort = freeLoopbackPort();
    writeConfiguration();
}

DovecotServer::~DovecotServer() {
    if (m_smtp) {
        m_smtp->terminate();
        if (!m_smtp->waitForFinished(5000))
            m_smtp->kill();
        m_smtp->waitForFinished(2000);
    }
    stop();
    if (m_watchdogPid > 0)
        ::kill(static_cast<pid_t>(m_watchdogPid), SIGTERM);
    // m_dir removes itself; as root also the files Dovecot wrote as its user.
}

QStringList DovecotServer::asServerUser(const QString& program, const QStringList& arguments) const {
    if (m_asRoot)
        return QStringList{u"runuser"_s, u"-u"_s, m_serverUser, u"--"_s, program} + arguments;
    return QStringList{program} + arguments;
}

void DovecotServer::writeConfiguration() {
    const QString root = m_dir.path();
    for (const QString& sub : {u"run"_s, u"state"_s, u"home"_s})
        QDir(root).mkpath(sub);
    QFile users(root + u"/passwd"_s);
    if (users.open(QIODevice::WriteOnly)) {
        for (const QString& user : m_users)
            users.write(u"%1:{PLAIN}%2::::::\n"_s.arg(user, password()).toUtf8());
    }
    const QString user = m_serverUser;
    const QString config = uR"(# Written by tests/support/DovecotServer: one unprivileged Dovecot for one test.
protocols = imap
listen = 127.0.0.1
base_dir = %1/run
state_dir = %1/state
log_path = %1/dovecot.log
default_login_user = %2
default_internal_user = %2
default_internal_group = %2
first_valid_uid = 1
first_valid_gid = 1
%4
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u %1/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u %1/passwd
  default_fields = uid=%2 gid=%2 home=%1/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = %3
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %5
  }
}
service anvil {
  chroot =
}
)"_s;
    // %u belongs to Dovecot: fill ours in by name.
    QString text = config;
    const QString ssl =
        m_imapsPort == 0 ? u"ssl = no"_s : u"ssl = yes\nssl_cert = <%1/tls/server.pem\nssl_key = <%1/tls/server.key"_s;
    text.replace(u"%4"_s, ssl);
    text.replace(u"%1"_s, root).replace(u"%2"_s, user).replace(u"%3"_s, QString::number(m_imapPort));
    text.replace(u"%5"_s, QString::number(m_imapsPort));
    QFile file(root + u"/dovecot.conf"_s);
    if (file.open(QIODevice::WriteOnly))
        file.write(text.toUtf8());
    file.close();
    if (m_asRoot) {
        if (const struct passwd* entry = ::getpwnam(m_serverUser.toLocal8Bit().constData()))
            chownTree(root, entry->pw_uid, entry->pw_gid);
    }
}

Status DovecotServer::enableTls(const QStringList& names) {
    const QString tls = m_dir.path() + u"/tls"_s;
    QDir(m_dir.path()).mkpath(u"tls"_s);
    const auto openssl = [&](const QStringList& arguments) -> Status {
        QProcess process;
        process.setWorkingDirectory(tls);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(u"openssl"_s, arguments);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return Status::failure(u"openssl %1 failed: %2 %3"_s.arg(arguments.join(u' '), process.errorString(),
                                                                     QString::fromLocal8Bit(process.readAll())));
        return {};
    };
    QFile extensions(tls + u"/server.ext"_s);
    if (!extensions.open(QIODevice::WriteOnly))
        return Status::failure(u"cannot write %1"_s.arg(extensions.fileName()));
    extensions.write(u"basicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\n"
                     u"extendedKeyUsage = serverAuth\nsubjectAltName = %1\n"_s.arg(names.join(u", "_s))
                         .toUtf8());
    extensions.close();
    for (const QStringList& arguments :
         {QStringList{u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                      u"/CN=Threadline test CA"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s},
          QStringList{u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-subj"_s, u"/CN=dovecot test server"_s,
                      u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s},
          QStringList{u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s, u"ca.key"_s,
                      u"-CAcreateserial"_s, u"-days"_s, u"2"_s, u"-extfile"_s, u"server.ext"_s, u"-out"_s,
                      u"server.pem"_s}}) {
        if (Status status = openssl(arguments); !status)
            return status;
    }
    if (m_imapsPort == 0)
        m_imapsPort = freeLoopbackPort();
    writeConfiguration();
    return {};
}

Status DovecotServer::start() {
    if (running())
        return {};
    if (!available())
        return Status::failure(u"Dovecot is not installed (Debian: dovecot-imapd; scripts/setup)"_s);
    m_dovecot = std::make_unique<QProcess>();
    m_dovecot->setProcessChannelMode(QProcess::MergedChannels);
    const QStringList command = asServerUser(dovecotBinary, {u"-F"_s, u"-c"_s, m_dir.path() + u"/dovecot.conf"_s});
    m_dovecot->setProgram(command.first());
    m_dovecot->setArguments(command.mid(1));
    m_dovecot->start();
    if (!m_dovecot->waitForStarted(10000))
        return Status::failure(u"dovecot did not start: %1"_s.arg(m_dovecot->errorString()));
    if (!waitForGreeting(m_imapPort, "* OK", QDeadlineTimer(20000))) {
        const QString output = QString::fromLocal8Bit(m_dovecot->readAll());
        stop();
        return Status::failure(u"dovecot did not greet on port %1: %2 %3"_s.arg(m_imapPort).arg(output, logTail()));
    }
    if (m_watchdogPid == 0)
        startWatchdog();
    return {};
}

bool DovecotServer::running() const {
    return m_dovecot && m_dovecot->state() != QProcess::NotRunning;
}

void DovecotServer::stop() {
    if (!m_dovecot)
        return;
    QFile pidFile(m_dir.path() + u"/run/master.pid"_s);
    if (pidFile.open(QIODevice::ReadOnly)) {
        const pid_t pid = static_cast<pid_t>(pidFile.readAll().trimmed().toLongLong());
        // Dovecot lets a busy imap process finish what it is doing; a stop here is abrupt, like a crash: the
        // master's children (imap, login, auth, …) are killed at once.
        const QList<pid_t> children = childrenOf(pid);
        if (pid > 0)
            ::kill(pid, SIGTERM);
        for (const pid_t child : children)
            ::kill(child, SIGKILL);
    } else {
        m_dovecot->terminate();
    }
    if (!m_dovecot->waitForFinished(15000)) {
        m_dovecot->kill();
        m_dovecot->waitForFinished(5000);
    }
    m_dovecot.reset();
    // The master is gone when its listener is: Dovecot's children may linger a moment after it.
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        QTcpSocket probe;
        probe.connectToHost(u"127.0.0.1"_s, static_cast<quint16>(m_imapPort));
        if (!probe.waitForConnected(200))
            break;
        QThread::msleep(50);
    }
}

Status DovecotServer::deliver(const QString& user, const QByteArray& raw) const {
    QProcess lda;
    const QStringList command = asServerUser(
        ldaBinary, {u"-c"_s, m_dir.path() + u"/dovecot.conf"_s, u"-d"_s, user, u"-f"_s, u"sender@example.test"_s});
    lda.setProgram(command.first());
    lda.setArguments(command.mid(1));
    lda.setProcessChannelMode(QProcess::MergedChannels);
    lda.start();
    if (!lda.waitForStarted(10000))
        return Status::failure(u"dovecot-lda did not start: %1"_s.arg(lda.errorString()));
    lda.write(raw);
    lda.closeWriteChannel();
    if (!lda.waitForFinished(30000) || lda.exitStatus() != QProcess::NormalExit || lda.exitCode() != 0)
        return Status::failure(u"dovecot-lda failed (exit %1): %2 %3"_s.arg(lda.exitCode())
                                   .arg(QString::fromLocal8Bit(lda.readAll()), logTail()));
    return {};
}

QList<QByteArray> DovecotServer::messages(const QString& user) const {
    QList<std::pair<QString, QByteArray>> found;
    for (const QString& sub : {u"cur"_s, u"new"_s}) {
        const QDir dir(m_dir.path() + u"/home/"_s + user + u"/Maildir/"_s + sub);
        for (const QFileInfo& entry : dir.entryInfoList(QDir::Files)) {
            QFile file(entry.filePath());
            if (file.open(QIODevice::ReadOnly))
                found.append({entry.fileName(), file.readAll()});
        }
    }
    // Maildir names start with the delivery time (seconds, then a unique part with microseconds).
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<QByteArray> raw;
    for (const auto& [name, bytes] : found)
        raw.append(bytes);
    return raw;
}

Status DovecotServer::startSmtp(bool startTls) {
    if (m_smtp && m_smtp->state() != QProcess::NotRunning)
        return {};
    if (m_smtpPort == 0)
        m_smtpPort = freeLoopbackPort();
    m_smtp = std::make_unique<QProcess>();
    m_smtp->setProcessChannelMode(QProcess::MergedChannels);
    m_smtp->setProgram(u"/usr/bin/python3"_s);
    QStringList arguments{QStringLiteral(THREADLINE_TESTSUPPORT_DIR "/smtp_front.py"),
                          u"--port"_s,
                          QString::number(m_smtpPort),
                          u"--password"_s,
                          password(),
                          u"--lda"_s};
    arguments += asServerUser(ldaBinary, {u"-c"_s, m_dir.path() + u"/dovecot.conf"_s}).join(u'\x1f');
    if (startTls) {
        if (m_imapsPort == 0)
            return Status::failure(u"startSmtp(true) needs enableTls() first"_s);
        arguments +=
            {u"--cert"_s, m_dir.path() + u"/tls/server.pem"_s, u"--key"_s, m_dir.path() + u"/tls/server.key"_s};
    }
    m_smtp->setArguments(arguments);
    m_smtp->start();
    if (!m_smtp->waitForStarted(10000))
        return Status::failure(u"the SMTP front did not start: %1"_s.arg(m_smtp->errorString()));
    if (!waitForGreeting(m_smtpPort, "220", QDeadlineTimer(20000)))
        return Status::failure(u"the SMTP front did not greet on port %1: %2"_s.arg(m_smtpPort)
                                   .arg(QString::fromLocal8Bit(m_smtp->readAll())));
    return {};
}

void DovecotServer::stopSmtp() {
    if (!m_smtp)
        return;
    m_smtp->terminate();
    if (!m_smtp->waitForFinished(5000))
        m_smtp->kill();
    m_smtp->waitForFinished(2000);
    m_smtp.reset();
}

QString DovecotServer::logTail() const {
    QFile file(m_dir.path() + u"/dovecot.log"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    if (lines.size() > 15)
        lines = lines.mid(lines.size() - 15);
    return lines.join(u'\n');
}

void DovecotServer::startWatchdog() {
    // Should the test process die without its destructors, stop Dovecot once it is gone.
    const QString script = uR"sh(while kill -0 "$1" 2>/dev/null; do sleep 1; done
[ -f "$2/run/master.pid" ] && kill "$(cat "$2/run/master.pid")" 2>/dev/null
sleep 2; rm -rf "$2")sh"_s;
    QProcess watchdog;
    watchdog.setProgram(u"/bin/sh"_s);
    watchdog.setArguments(
        {u"-c"_s, script, u"threadline-dovecot-watchdog"_s, QString::number(::getpid()), m_dir.path()});
    watchdog.setStandardInputFile(QProcess::nullDevice());
    watchdog.setStandardOutputFile(QProcess::nullDevice());
    watchdog.setStandardErrorFile(QProcess::nullDevice());
    qint64 pid = 0;
    if (watchdog.startDetached(&pid))
        m_watchdogPid = pid;
}

} // namespace tl::testsupport
