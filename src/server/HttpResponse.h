#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace tl::server {

/// One HTTP response: a status, a content type and a body. JSON answers and {"error": "..."} errors are made
/// with the factory functions.
struct HttpResponse final {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    /// Further headers (name, value); a "Cache-Control" here replaces the default "no-store".
    QList<QPair<QByteArray, QByteArray>> headers = {};

    [[nodiscard]] static HttpResponse json(const QJsonObject& object, int status = 200);
    [[nodiscard]] static HttpResponse json(const QJsonArray& array, int status = 200);
    /// {"error": message} with \a status (400, 401, 403, 404, 409, 413, 429, 500, 503).
    [[nodiscard]] static HttpResponse error(int status, const QString& message);
    [[nodiscard]] static HttpResponse text(const QByteArray& body, const QByteArray& contentType, int status = 200);

    /// The reason phrase of \a status ("Not Found").
    [[nodiscard]] static QByteArray reasonPhrase(int status);
    /// The whole HTTP/1.1 message: status line, headers, body.
    [[nodiscard]] QByteArray serialized(bool keepAlive) const;
};

} // namespace tl::server
