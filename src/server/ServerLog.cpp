#include "ServerLog.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutexLocker>

#include <cstdio>

namespace tl::server {

using namespace Qt::StringLiterals;

namespace {

ServerLog* g_log = nullptr;

const char* levelName(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

} // namespace

core::Status ServerLog::install(const QString& file, qint64 maxBytes, int keep, const QString& rules) {
    if (!rules.isEmpty()) {
        QString filter = rules;
        filter.replace(QLatin1Char(';'), QLatin1Char('\n')).replace(QLatin1Char(','), QLatin1Char('\n'));
        QLoggingCategory::setFilterRules(filter);
    }
    static ServerLog log;
    log.m_maxBytes = maxBytes;
    log.m_keep = keep;
    if (!file.isEmpty()) {
        QDir().mkpath(QFileInfo(file).absolutePath());
        log.m_file.setFileName(file);
        if (!log.m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            return core::Status::failure(
                u"log/file = \"%1\": cannot open it for writing: %2"_s.arg(file, log.m_file.errorString()));
    }
    g_log = &log;
    qInstallMessageHandler(&ServerLog::handle);
    return {};
}

void ServerLog::uninstall() {
    qInstallMessageHandler(nullptr);
    if (g_log) {
        const QMutexLocker lock(&g_log->m_mutex);
        g_log->m_file.close();
    }
    g_log = nullptr;
}

void ServerLog::handle(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' +
                            levelName(type) + ' ' + (context.category ? context.category : "default") + ": " +
                            message.toUtf8() + '\n';
    std::fputs(line.constData(), stderr);
    std::fflush(stderr);
    if (g_log)
        g_log->write(line);
}

void ServerLog::write(const QByteArray& line) {
    const QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    if (m_maxBytes > 0 && m_file.size() + line.size() > m_maxBytes)
        rotate();
    m_file.write(line);
    m_file.flush();
}

void ServerLog::rotate() {
    const QString path = m_file.fileName();
    m_file.close();
    if (m_keep <= 0) {
        QFile::remove(path);
    } else {
        QFile::remove(path + u".%1"_s.arg(m_keep));
        for (int index = m_keep - 1; index >= 1; --index)
            QFile::rename(path + u".%1"_s.arg(index), path + u".%1"_s.arg(index + 1));
        QFile::rename(path, path + u".1"_s);
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        std::fputs("threadline-server: cannot reopen the log file after rotating it\n", stderr);
}

} // namespace tl::server
