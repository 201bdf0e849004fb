// The chat gateway in this process, over a real store and real sockets: what cannot be seen from outside the
// server — the typing signals the workstation side will be wired to.

#include "ChatVisitorClient.h"

#include "channels/chat/ChatGateway.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWebSocketServer>

namespace tl::chattest {
namespace {

using namespace Qt::StringLiterals;

class ChatGatewayTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        const auto opened = m_store.open(u"sqlite:"_s + m_dir.path() + u"/server.sqlite"_s);
        ASSERT_TRUE(opened) << opened.error().toStdString();
        m_gateway = std::make_unique<chat::ChatGateway>(m_store, m_metrics, chat::ChatSettings{});
        ASSERT_TRUE(m_sockets.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_sockets, &QWebSocketServer::newConnection, [this] {
            while (m_sockets.hasPendingConnections())
                m_gateway->addConnection(std::unique_ptr<QWebSocket>(m_sockets.nextPendingConnection()));
        });
    }

    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/chat/ws"_s.arg(m_sockets.serverPort())); }

    QTemporaryDir m_dir;
    server::ServerMetrics m_metrics{u"test"_s};
    server::StoreThread m_store{m_metrics};
    std::unique_ptr<chat::ChatGateway> m_gateway;
    QWebSocketServer m_sockets{u"chat-test"_s, QWebSocketServer::NonSecureMode};
};

TEST_F(ChatGatewayTest, TypingGoesBothWays) {
    QSignalSpy typing(m_gateway.get(), &chat::ChatGateway::visitorTyping);
    ChatVisitorClient visitor;
    ASSERT_TRUE(visitor.open(url()));
    const auto welcome = visitor.hello(ChatVisitorClient::newToken());
    ASSERT_TRUE(welcome);
    const QString identity = u"chat:"_s + welcome->value(u"visitor"_s).toString();

    visitor.send({{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    ASSERT_TRUE(typing.wait(5000));
    EXPECT_EQ(typing.takeFirst(), (QVariantList{identity, true}));
    // Repeats within a few seconds are swallowed; a change is passed on.
    visitor.send({{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    visitor.send({{u"type"_s, u"typing"_s}, {u"active"_s, false}});
    ASSERT_TRUE(typing.wait(5000));
    EXPECT_EQ(typing.takeFirst(), (QVariantList{identity, false}));
    EXPECT_TRUE(typing.isEmpty());

    m_gateway->agentTyping(identity, u"Anna Nowak"_s, true);
    auto frame = visitor.nextOf(u"typing"_s);
    ASSERT_TRUE(frame);
    EXPECT_TRUE(frame->value(u"active"_s).toBool());
    EXPECT_EQ(frame->value(u"agent"_s).toString(), u"Anna Nowak"_s);
    m_gateway->agentTyping(u"chat:someone-else"_s, u"Anna Nowak"_s, true);
    m_gateway->agentTyping(identity, u"Anna Nowak"_s, false);
    frame = visitor.nextOf(u"typing"_s);
    ASSERT_TRUE(frame);
    EXPECT_FALSE(frame->value(u"active"_s).toBool());

    // A visitor who leaves while typing stops typing.
    visitor.send({{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    ASSERT_TRUE(typing.wait(5000));
    typing.clear();
    visitor.close();
    ASSERT_TRUE(typing.wait(5000));
    EXPECT_EQ(typing.takeFirst(), (QVariantList{identity, false}));
}

TEST_F(ChatGatewayTest, AvailabilityChangesAreAnnounced) {
    bool available = false;
    m_gateway->setAvailability([&](const QString& queue) { return queue == u"general" && available; });
    ChatVisitorClient visitor;
    ASSERT_TRUE(visitor.open(url()));
    const auto welcome = visitor.hello(ChatVisitorClient::newToken());
    ASSERT_TRUE(welcome);
    EXPECT_FALSE(welcome->value(u"agents_available"_s).toBool());
    available = true;
    m_gateway->refreshAvailability();
    const auto frame = visitor.nextOf(u"availability"_s);
    ASSERT_TRUE(frame);
    EXPECT_TRUE(frame->value(u"agents_available"_s).toBool());
}

} // namespace
} // namespace tl::chattest
