#include "HttpResponse.h"

#include <QJsonDocument>

namespace tl::server {

using namespace Qt::StringLiterals;

HttpResponse HttpResponse::json(const QJsonObject& object, int status) {
    return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n'};
}

HttpResponse HttpResponse::json(const QJsonArray& array, int status) {
    return {status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact) + '\n'};
}

HttpResponse HttpResponse::error(int status, const QString& message) {
    return json(QJsonObject{{u"error"_s, message}}, status);
}

HttpResponse HttpResponse::text(const QByteArray& body, const QByteArray& contentType, int status) {
    return {status, contentType, body};
}

QByteArray HttpResponse::reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray HttpResponse::serialized(bool keepAlive) const {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bool cacheControl = false;
    for (const auto& [name, value] : headers) {
        cacheControl = cacheControl || name.compare("Cache-Control", Qt::CaseInsensitive) == 0;
        out += name + ": " + value + "\r\n";
    }
    if (!cacheControl)
        out += "Cache-Control: no-store\r\n";
    if (status == 401)
        out += "WWW-Authenticate: Bearer realm=\"threadline\"\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace tl::server
