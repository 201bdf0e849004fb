#include "ChatIds.h"

#include <QCryptographicHash>
#include <QUuid>

namespace tl::chat::ids {

using namespace Qt::StringLiterals;

namespace {

/// The UUIDv5 namespace of chat event ids (fixed: changing it would let resends of old frames be stored twice).
const QUuid& chatNamespace() {
    static const QUuid uuid(u"{8d3f6a52-0c1e-4b7a-9f25-6e4d1c0b7a93}"_s);
    return uuid;
}

} // namespace

QString visitorIdForToken(QStringView token) {
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

QString identityFor(const QString& visitorId) {
    return u"chat:"_s + visitorId;
}

QString eventIdFor(const QString& visitorId, QStringView kind, const QString& clientId) {
    const QString name = visitorId + u'/' + kind.toString() + u'/' + clientId;
    return u"chat:"_s + QUuid::createUuidV5(chatNamespace(), name).toString(QUuid::WithoutBraces);
}

QString idleEndIdFor(const QString& startedEventId) {
    return u"chat:"_s +
           QUuid::createUuidV5(chatNamespace(), startedEventId + u"/idle"_s).toString(QUuid::WithoutBraces);
}

} // namespace tl::chat::ids
