#include "ServerClient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcServerClient, "threadline.cli.server", QtInfoMsg)

namespace tl::cli {

namespace {

struct ReplyDeleter final {
    void operator()(QNetworkReply* reply) const { reply->deleteLater(); }
};

/// The certificate problems of a failed handshake, in one sentence.
QString sslErrorsText(const QList<QSslError>& errors) {
    QStringList texts;
    for (const QSslError& error : errors) {
        if (!texts.contains(error.errorString()))
            texts.append(error.errorString());
    }
    return texts.join(QStringLiteral("; "));
}

} // namespace

ServerClient::ServerClient(QUrl baseUrl, int timeoutMs)
    : m_base(std::move(baseUrl))
    , m_timeoutMs(timeoutMs) {}

core::Status ServerClient::trustCertificates(const QString& path) {
    if (!QFileInfo(path).isFile() || !QFileInfo(path).isReadable()) {
        return core::Status::failure(
            QCoreApplication::translate("threadline-ctl", "cannot read the certificate file %1").arg(path));
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    if (certificates.isEmpty()) {
        return core::Status::failure(
            QCoreApplication::translate("threadline-ctl", "%1 holds no PEM certificate").arg(path));
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(certificates);
    m_ssl = configuration;
    return {};
}

QString ServerClient::serverName() const {
    return m_base.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

QUrl ServerClient::url(const QString& path, const QList<std::pair<QString, QString>>& query) const {
    QUrl url = m_base;
    QString basePath = m_base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + QStringLiteral("/api/v1/") + path);
    QStringList items;
    for (const auto& [key, value] : query)
        items.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value)));
    if (items.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(items.join(QLatin1Char('&')));
    url.setFragment(QString());
    return url;
}

ServerReply ServerClient::get(const QString& path, const QList<std::pair<QString, QString>>& query) {
    return send("GET", url(path, query), {}, {});
}

ServerReply ServerClient::post(const QString& path, const QJsonObject& body,
                               const QList<std::pair<QString, QString>>& query) {
    return send("POST", url(path, query), QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

ServerReply ServerClient::postData(const QString& path, const QByteArray& body, const QByteArray& contentType,
                                   const QList<std::pair<QString, QString>>& query) {
    return send("POST", url(path, query), body, contentType);
}

ServerReply ServerClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                               const QByteArray& contentType) {
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("threadline-ctl/%1").arg(QCoreApplication::applicationVersion()));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (m_ssl)
        request.setSslConfiguration(*m_ssl);

    qCDebug(lcServerClient).noquote() << method << url.toString(QUrl::RemoveUserInfo);
    const std::unique_ptr<QNetworkReply, ReplyDeleter> reply(method == "GET" ? m_network.get(request)
                                                                             : m_network.post(request, body));
    QList<QSslError> sslErrors;
    QObject::connect(reply.get(), &QNetworkReply::sslErrors,
                     [&sslErrors](const QList<QSslError>& errors) { sslErrors = errors; });

    // The time-out counts from the last sign of progress, so a large upload that keeps moving is not cut off.
    bool timedOut = false;
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(m_timeoutMs);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&timedOut, &reply] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply.get(), &QNetworkReply::uploadProgress, &idle, [&idle] { idle.start(); });
    QObject::connect(reply.get(), &QNetworkReply::downloadProgress, &idle, [&idle] { idle.start(); });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished()) {
        idle.start();
        loop.exec();
    }
    idle.stop();

    ServerReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    const QString server = serverName();
    if (result.status == 0) {
        result.unreachable = true;
        const QString reason = reply->errorString();
        if (timedOut) {
            result.error =
                QCoreApplication::translate("threadline-ctl", "%1 did not answer within %2 s (see --timeout)")
                    .arg(server, QString::number((m_timeoutMs + 999) / 1000));
        } else {
            switch (reply->error()) {
            case QNetworkReply::ConnectionRefusedError:
                result.error = QCoreApplication::translate(
                                   "threadline-ctl",
                                   "cannot connect to %1: connection refused (is threadline-server running there?)")
                                   .arg(server);
                break;
            case QNetworkReply::HostNotFoundError:
                result.error =
                    QCoreApplication::translate("threadline-ctl", "cannot connect to %1: the host %2 is unknown")
                        .arg(server, url.host());
                break;
            case QNetworkReply::SslHandshakeFailedError:
                result.error =
                    sslErrors.isEmpty()
                        ? QCoreApplication::translate(
                              "threadline-ctl",
                              "cannot connect to %1: the TLS handshake failed (%2); does the server speak https?")
                              .arg(server, reason)
                        : QCoreApplication::translate("threadline-ctl",
                                                      "cannot connect to %1: the server's certificate is not "
                                                      "trusted (%2); --ca FILE trusts a self-signed certificate")
                              .arg(server, sslErrorsText(sslErrors));
                break;
            case QNetworkReply::RemoteHostClosedError:
                result.error =
                    url.scheme() == QLatin1String("https")
                        ? QCoreApplication::translate("threadline-ctl", "cannot connect to %1: the server closed the "
                                                                        "connection without an answer (does it speak "
                                                                        "https, or only http?)")
                              .arg(server)
                        : QCoreApplication::translate("threadline-ctl",
                                                      "cannot connect to %1: the server closed the "
                                                      "connection without an answer (an http URL for an "
                                                      "https server?)")
                              .arg(server);
                break;
            default:
                result.error =
                    QCoreApplication::translate("threadline-ctl", "cannot connect to %1: %2").arg(server, reason);
                break;
            }
        }
        qCDebug(lcServerClient).noquote() << "no answer:" << reply->error() << reason;
        return result;
    }

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(answer, &parseError);
    result.json = document.object();
    qCDebug(lcServerClient).noquote() << result.status << answer.size() << "bytes";
    if (result.status >= 400) {
        result.error = result.json.value(QStringLiteral("error")).toString();
        if (result.error.isEmpty()) {
            result.error = QCoreApplication::translate("threadline-ctl", "%1 answered HTTP %2 %3")
                               .arg(server, QString::number(result.status),
                                    reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        }
    } else if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.error =
            QCoreApplication::translate("threadline-ctl", "the answer of %1 is not the JSON of a Threadline server; is "
                                                          "--server the right address?")
                .arg(server);
    }
    return result;
}

} // namespace tl::cli
