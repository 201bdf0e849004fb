#include "AttachmentClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>

#include <memory>

namespace tl::sync {

namespace {

/// No byte for this long ends the download.
constexpr int transferTimeoutMs = 30000;

QUrl endpoint(const QUrl& server, const QString& path) {
    QUrl url = server;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

} // namespace

AttachmentClient::AttachmentClient(QObject* parent)
    : QObject(parent) {}

void AttachmentClient::fetch(const QUrl& server, const QString& token, const QString& sha256, const QString& targetPath,
                             std::function<void(qint64, qint64)> progress,
                             std::function<void(core::Result<QString>)> done) {
    QDir().mkpath(QFileInfo(targetPath).absolutePath());
    auto file = std::make_shared<QSaveFile>(targetPath);
    if (!file->open(QIODevice::WriteOnly)) {
        done(core::Result<QString>::failure(tr("The attachment cannot be saved to %1: %2")
                                                .arg(QDir::toNativeSeparators(targetPath), file->errorString())));
        return;
    }
    QNetworkRequest request(endpoint(server, QStringLiteral("/api/v1/attachments/") + sha256));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(transferTimeoutMs);
    QNetworkReply* reply = m_network.get(request);
    auto hash = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
    connect(reply, &QNetworkReply::readyRead, this, [reply, file, hash] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return; // an error's body is read at the end
        const QByteArray chunk = reply->readAll();
        hash->addData(chunk);
        file->write(chunk);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [progress](qint64 received, qint64 total) {
        if (progress)
            progress(received, total);
    });
    connect(reply, &QNetworkReply::finished, this, [reply, file, hash, sha256, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            file->cancelWriting();
            done(core::Result<QString>::failure(tr("Cannot reach the server: %1").arg(reply->errorString())));
            return;
        }
        if (status != 200) {
            file->cancelWriting();
            const QString error =
                QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("error")).toString();
            if (status == 404)
                done(core::Result<QString>::failure(tr("The server does not have this attachment.")));
            else if (status == 401)
                done(core::Result<QString>::failure(tr("Sign in again to open attachments from the server.")));
            else
                done(core::Result<QString>::failure(error.isEmpty()
                                                        ? tr("The server refused the attachment (HTTP %1).").arg(status)
                                                        : tr("The server refused the attachment: %1").arg(error)));
            return;
        }
        const QByteArray rest = reply->readAll();
        hash->addData(rest);
        file->write(rest);
        if (reply->error() != QNetworkReply::NoError) {
            file->cancelWriting();
            done(core::Result<QString>::failure(tr("The download broke off: %1").arg(reply->errorString())));
            return;
        }
        if (QString::fromLatin1(hash->result().toHex()) != sha256) {
            file->cancelWriting();
            done(core::Result<QString>::failure(tr("The attachment arrived damaged; try again.")));
            return;
        }
        if (!file->commit()) {
            done(core::Result<QString>::failure(tr("The attachment cannot be saved: %1").arg(file->errorString())));
            return;
        }
        done(file->fileName());
    });
}

} // namespace tl::sync
