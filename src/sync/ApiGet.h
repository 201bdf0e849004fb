#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tl::sync {

/// The address of /api/v1/\a path on \a server (which may carry a path prefix of its own).
[[nodiscard]] QUrl apiUrl(const QUrl& server, const QString& path);

/// GET \a url with the session's bearer \a token, asynchronously on \a network's thread. \a done gets the JSON object
/// of a 200 answer, or a sentence for the agent: the server cannot be reached, or refused (its "error" when it gave
/// one). \a context ends the request's callback when it is destroyed first.
void getApiJson(QNetworkAccessManager& network, const QUrl& url, const QString& token, int timeoutMs, QObject* context,
                std::function<void(core::Result<QJsonObject>)> done);

} // namespace tl::sync
