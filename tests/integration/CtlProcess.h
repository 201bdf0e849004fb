#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tl::integration {

/// What one run of threadline-ctl did.
struct CtlOutput final {
    /// The exit code; -1 when the program crashed or timed out.
    int exitCode = -1;
    /// Standard output, decoded as UTF-8.
    QString out;
    /// Standard error, decoded as UTF-8.
    QString err;

    /// Standard output parsed as JSON; a null document when it is not JSON.
    [[nodiscard]] QJsonDocument json() const;
};

/// Runs the real threadline-ctl binary (THREADLINE_CTL) against one database (or, with runBare, anything), in a
/// fixed UTF-8 locale and the UTC time zone.
class CtlProcess final {
public:
    explicit CtlProcess(QString databasePath);

    /// Runs `threadline-ctl --db DATABASE arguments...`, feeding \a input to its standard input.
    [[nodiscard]] CtlOutput run(const QStringList& arguments, const QByteArray& input = {}) const;
    /// Runs `threadline-ctl arguments...` without adding --db, in \a environment.
    [[nodiscard]] static CtlOutput runBare(const QStringList& arguments, const QByteArray& input = {},
                                           const QProcessEnvironment& environment = CtlProcess::environment());

    /// The environment of every run: C.UTF-8, UTC, USER=tester, and neither QT_LOGGING_RULES nor the
    /// THREADLINE_PASSWORD and THREADLINE_TOKEN of whoever runs the tests.
    [[nodiscard]] static QProcessEnvironment environment();

    /// Path of the program under test.
    [[nodiscard]] static QString program();

private:
    QString m_databasePath;
};

} // namespace tl::integration
