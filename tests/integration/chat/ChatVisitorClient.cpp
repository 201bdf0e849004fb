#include "ChatVisitorClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace tl::chattest {

namespace {

template <typename Predicate> bool runUntil(Predicate done, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

} // namespace

ChatVisitorClient::ChatVisitorClient(const QString& origin)
    : m_socket(origin) {
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { m_received.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
    });
}

ChatVisitorClient::~ChatVisitorClient() {
    m_socket.disconnect(this);
    m_socket.abort();
}

bool ChatVisitorClient::open(const QUrl& url, int timeoutMs) {
    m_socket.open(url);
    return runUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; }, timeoutMs) &&
           !m_closed;
}

void ChatVisitorClient::sendText(const QString& text) {
    m_socket.sendTextMessage(text);
    m_socket.flush();
}

void ChatVisitorClient::send(const QJsonObject& frame) {
    sendText(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

std::optional<QJsonObject> ChatVisitorClient::hello(const QString& token) {
    send({{QStringLiteral("type"), QStringLiteral("hello")},
          {QStringLiteral("protocol"), 1},
          {QStringLiteral("token"), token},
          {QStringLiteral("page"), QStringLiteral("https://shop.example/help")},
          {QStringLiteral("language"), QStringLiteral("pl")}});
    auto frame = next();
    if (!frame || frame->value(QStringLiteral("type")).toString() != QStringLiteral("welcome"))
        return std::nullopt;
    return frame;
}

std::optional<QJsonObject> ChatVisitorClient::next(int timeoutMs) {
    if (!runUntil([this] { return !m_received.isEmpty(); }, timeoutMs))
        return std::nullopt;
    return m_received.takeFirst();
}

std::optional<QJsonObject> ChatVisitorClient::nextOf(const QString& type, int timeoutMs) {
    std::optional<QJsonObject> found;
    runUntil(
        [&] {
            for (qsizetype index = 0; index < m_received.size(); ++index) {
                if (m_received.at(index).value(QStringLiteral("type")).toString() == type) {
                    found = m_received.takeAt(index);
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

void ChatVisitorClient::wait(int ms) {
    (void)runUntil([] { return false; }, ms);
}

bool ChatVisitorClient::hasReceived(const QString& type) const {
    return std::any_of(m_received.cbegin(), m_received.cend(), [&](const QJsonObject& frame) {
        return frame.value(QStringLiteral("type")).toString() == type;
    });
}

bool ChatVisitorClient::waitClosed(int timeoutMs) {
    return runUntil([this] { return m_closed; }, timeoutMs);
}

QString ChatVisitorClient::newToken() {
    QString token;
    for (int i = 0; i < 8; ++i)
        token += QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return token;
}

} // namespace tl::chattest
