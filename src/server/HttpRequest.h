#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace tl::server {

/// One HTTP request, copied out of QHttpServerRequest so that it can outlive the handler that received it (the
/// answer often comes later, from the database thread or the password pool).
struct HttpRequest final {
    /// "GET", "POST", ...
    QByteArray method;
    /// The decoded path, such as "/api/v1/agents/anna/disable".
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;

    /// The first header named \a name (case-insensitive); empty when missing.
    [[nodiscard]] QByteArray header(QByteArrayView name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    /// The token of "Authorization: Bearer TOKEN"; empty when there is none.
    [[nodiscard]] QByteArray bearerToken() const {
        const QByteArray authorization = header("Authorization").trimmed();
        if (authorization.size() < 7 || authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
            return {};
        return authorization.mid(7).trimmed();
    }
};

} // namespace tl::server
