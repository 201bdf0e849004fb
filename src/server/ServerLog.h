#pragma once

#include "core/Result.h"

#include <QFile>
#include <QMutex>
#include <QString>

namespace tl::server {

/// Where the server's log lines go: stderr always, and a log file that is rotated by size when one is configured
/// (server.log → server.log.1 → … → server.log.N). Lines carry a UTC timestamp, the level and the category.
/// Installed once as Qt's message handler; thread-safe.
class ServerLog final {
public:
    /// Installs the handler. \a file may be empty (stderr only). \a rules are QLoggingCategory filter rules.
    [[nodiscard]] static core::Status install(const QString& file, qint64 maxBytes, int keep, const QString& rules);
    /// Flushes and closes the file and restores Qt's default handler.
    static void uninstall();

private:
    ServerLog() = default;
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message);
    void write(const QByteArray& line);
    void rotate();

    QMutex m_mutex;
    QFile m_file;
    qint64 m_maxBytes = 0;
    int m_keep = 0;
};

} // namespace tl::server
