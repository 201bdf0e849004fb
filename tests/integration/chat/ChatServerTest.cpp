// The web chat against the real threadline-server: visitors over /chat/ws (ChatVisitorClient), an agent over /sync
// (SyncTestClient), the log checked over the REST API.

#include "ChatVisitorClient.h"
#include "ServerFixture.h"

#include "core/Uuid.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QUrlQuery>

#include <functional>

namespace tl::chattest {
namespace {

using namespace Qt::StringLiterals;
using servertest::HttpReply;
using servertest::SyncTestClient;

QString typeOf(const std::optional<QJsonObject>& frame) {
    return frame ? frame->value(u"type"_s).toString() : u"(nothing)"_s;
}

class ChatServerTest : public servertest::ServerFixture {
protected:
    /// Settings for this test's server, as lines of its INI file under [chat].
    virtual QStringList chatSettings() { return {}; }

    QStringList extraArguments() override {
        const QString path = server.directory() + u"/server.conf"_s;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("[database]\nurl = " + (server.directory() + u"/server.sqlite"_s).toUtf8() + "\n[chat]\n");
        for (const QString& line : chatSettings())
            file.write(line.toUtf8() + '\n');
        return {u"--config"_s, path};
    }

    QUrl chatUrl() const {
        QUrl url = server.url(u"/chat/ws"_s);
        url.setScheme(u"ws"_s);
        return url;
    }

    /// A visitor connection (it may be refused and closed at once: the test looks at what it got).
    std::unique_ptr<ChatVisitorClient> openVisitor(const QString& origin = {}) {
        auto visitor = std::make_unique<ChatVisitorClient>(origin);
        (void)visitor->open(chatUrl());
        return visitor;
    }

    /// A visitor that said hello with \a token and got its welcome (in \a welcome when asked).
    std::unique_ptr<ChatVisitorClient> welcomedVisitor(const QString& token, QJsonObject* welcome = nullptr) {
        auto visitor = openVisitor();
        const auto answer = visitor->hello(token);
        EXPECT_TRUE(answer.has_value());
        if (answer && welcome)
            *welcome = *answer;
        return visitor;
    }

    /// An agent of queue "general", connected and caught up.
    std::unique_ptr<SyncTestClient> connectAgent() {
        // "general" is there from the start (the store's default queue).
        const QByteArray token = createAndSignIn(u"anna"_s, u"agent"_s, {u"general"_s});
        auto agent = connectSync(token);
        EXPECT_TRUE(agent->undecodable().isEmpty());
        (void)agent->backlog();
        return agent;
    }

    /// Reads the agent's stream until an event matches; every event read lands in \a seen.
    static std::optional<core::Event> awaitEvent(SyncTestClient& agent,
                                                 const std::function<bool(const core::Event&)>& match,
                                                 QVector<core::Event>* seen, int timeoutMs = 5000) {
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const auto frame = agent.next(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
            if (!frame)
                break;
            if (const auto* batch = std::get_if<protocol::EventsFrame>(&*frame)) {
                for (const core::Event& event : batch->events) {
                    seen->append(event);
                    if (match(event))
                        return event;
                }
            }
        }
        return std::nullopt;
    }

    static QJsonObject message(const QString& id, const QString& text) {
        return {{u"type"_s, u"message"_s}, {u"id"_s, id}, {u"text"_s, text}};
    }

    QJsonArray timelineOf(const QString& identity) {
        QUrl url = server.url(u"/api/v1/timeline"_s);
        QUrlQuery query;
        query.addQueryItem(u"identity"_s, QString::fromLatin1(QUrl::toPercentEncoding(identity)));
        url.setQuery(query);
        const HttpReply reply = http.get(url, adminToken);
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        return reply.json.value(u"events"_s).toArray();
    }

    static qsizetype countKind(const QJsonArray& events, const QString& kind) {
        return std::count_if(events.begin(), events.end(),
                             [&](const QJsonValue& event) { return event[u"kind"_s].toString() == kind; });
    }
};

TEST_F(ChatServerTest, MessagesBothWaysResendsOnceAndHistoryOnReconnect) {
    auto agent = connectAgent();
    const QString token = ChatVisitorClient::newToken();
    QJsonObject welcome;
    auto visitor = welcomedVisitor(token, &welcome);
    EXPECT_TRUE(welcome.value(u"agents_available"_s).toBool()) << "a workstation is connected";
    EXPECT_FALSE(welcome.value(u"open"_s).toBool());
    EXPECT_TRUE(welcome.value(u"history"_s).toArray().isEmpty());
    const QString identity = u"chat:"_s + welcome.value(u"visitor"_s).toString();

    visitor->send({{u"type"_s, u"start"_s},
                   {u"id"_s, u"s1"_s},
                   {u"name"_s, u"Jan Kowalski"_s},
                   {u"email"_s, u"Jan@Example.PL"_s}});
    const auto started = visitor->nextOf(u"ack"_s);
    ASSERT_TRUE(started);
    EXPECT_EQ(started->value(u"id"_s).toString(), u"s1"_s);

    visitor->send(message(u"m1"_s, u"<script>alert(1)</script> where is my parcel?"_s));
    const auto ack = visitor->nextOf(u"ack"_s);
    ASSERT_TRUE(ack);
    const QString eventId = ack->value(u"event"_s).toString();
    EXPECT_TRUE(eventId.startsWith(u"chat:"_s));
    // The same client id again (a resend after a lost ack): the same event, stored once.
    visitor->send(message(u"m1"_s, u"<script>alert(1)</script> where is my parcel?"_s));
    const auto again = visitor->nextOf(u"ack"_s);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->value(u"event"_s).toString(), eventId);

    QVector<core::Event> seen;
    const auto inbound = awaitEvent(
        *agent, [&](const core::Event& event) { return event.id == eventId; }, &seen);
    ASSERT_TRUE(inbound);
    EXPECT_EQ(inbound->identity, identity);
    EXPECT_EQ(inbound->channel, core::Channel::Chat);
    EXPECT_EQ(inbound->payload.value(u"text"_s).toString(), u"<script>alert(1)</script> where is my parcel?"_s);

    // The agent answers; the visitor gets it with the agent's display name.
    core::Event reply;
    reply.id = core::createUuidV7();
    reply.customer = inbound->customer;
    reply.channel = core::Channel::Chat;
    reply.kind = u"message.out"_s;
    reply.occurredAt = QDateTime::currentMSecsSinceEpoch();
    reply.identity = identity;
    reply.author = u"anna"_s;
    reply.payload = {{u"text"_s, u"Your parcel leaves on Thursday."_s}};
    agent->sendFrame(protocol::Submit{{reply}});
    std::optional<QJsonObject> pushed;
    while ((pushed = visitor->nextOf(u"item"_s))) {
        if (pushed->value(u"item"_s)[u"from"_s].toString() == u"agent")
            break;
    }
    ASSERT_TRUE(pushed);
    const QJsonObject item = pushed->value(u"item"_s).toObject();
    EXPECT_EQ(item.value(u"id"_s).toString(), reply.id);
    EXPECT_EQ(item.value(u"text"_s).toString(), u"Your parcel leaves on Thursday."_s);
    EXPECT_EQ(item.value(u"agent"_s).toString(), u"ANNA"_s);

    // A second tab (or a reload) with the same token gets the whole conversation.
    QJsonObject rewelcome;
    auto reload = welcomedVisitor(token, &rewelcome);
    EXPECT_TRUE(rewelcome.value(u"open"_s).toBool());
    QStringList kinds;
    for (const QJsonValue& entry : rewelcome.value(u"history"_s).toArray())
        kinds.append(entry[u"kind"_s].toString() + u':' + entry[u"from"_s].toString() + u':' +
                     entry[u"client_id"_s].toString());
    EXPECT_EQ(kinds, (QStringList{u"started::s1"_s, u"message:visitor:m1"_s, u"message:agent:"_s}));

    // The log holds the message once, the pre-chat e-mail is linked and the name set.
    const QJsonArray events = timelineOf(u"email:jan@example.pl"_s);
    EXPECT_EQ(countKind(events, u"message.in"_s), 1);
    EXPECT_EQ(countKind(events, u"chat.started"_s), 1);
    EXPECT_EQ(countKind(events, u"identity.linked"_s), 1);
    EXPECT_EQ(countKind(events, u"customer.updated"_s), 1);
}

TEST_F(ChatServerTest, AgentEndingTheChatReachesEveryTab) {
    auto agent = connectAgent();
    const QString token = ChatVisitorClient::newToken();
    QJsonObject welcome;
    auto first = welcomedVisitor(token, &welcome);
    auto second = welcomedVisitor(token);
    const QString identity = u"chat:"_s + welcome.value(u"visitor"_s).toString();
    first->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s"_s}});
    ASSERT_TRUE(first->nextOf(u"ack"_s));
    QVector<core::Event> seen;
    const auto started = awaitEvent(
        *agent, [](const core::Event& event) { return event.kind == u"chat.started"; }, &seen);
    ASSERT_TRUE(started);
    // The other tab learns that the chat started.
    const auto startedItem = second->nextOf(u"item"_s);
    ASSERT_TRUE(startedItem);
    EXPECT_EQ(startedItem->value(u"item"_s)[u"kind"_s].toString(), u"started"_s);

    core::Event ended;
    ended.id = core::createUuidV7();
    ended.customer = started->customer;
    ended.channel = core::Channel::Chat;
    ended.kind = u"chat.ended"_s;
    ended.occurredAt = QDateTime::currentMSecsSinceEpoch();
    ended.identity = identity;
    ended.author = u"anna"_s;
    ended.payload = {{u"by"_s, u"agent"_s}};
    agent->sendFrame(protocol::Submit{{ended}});
    for (auto* tab : {first.get(), second.get()}) {
        std::optional<QJsonObject> item;
        while ((item = tab->nextOf(u"item"_s)) && item->value(u"item"_s)[u"kind"_s].toString() != u"ended") {
        }
        ASSERT_TRUE(item);
        EXPECT_EQ(item->value(u"item"_s)[u"by"_s].toString(), u"agent"_s);
    }
    // Ending what has ended stores nothing more.
    first->send({{u"type"_s, u"end"_s}, {u"id"_s, u"e1"_s}});
    const auto ack = first->nextOf(u"ack"_s);
    ASSERT_TRUE(ack);
    EXPECT_TRUE(ack->value(u"event"_s).toString().isEmpty());
}

TEST_F(ChatServerTest, BadFormFieldsAreToldToTheVisitorAndStoreNothing) {
    const QString token = ChatVisitorClient::newToken();
    QJsonObject welcome;
    auto visitor = welcomedVisitor(token, &welcome);
    EXPECT_FALSE(welcome.value(u"agents_available"_s).toBool()) << "no workstation is connected";
    visitor->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s1"_s}, {u"email"_s, u"not an address"_s}});
    auto invalid = visitor->nextOf(u"invalid"_s);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->value(u"id"_s).toString(), u"s1"_s);
    EXPECT_EQ(invalid->value(u"field"_s).toString(), u"email"_s);
    visitor->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s2"_s}, {u"phone"_s, u"12"_s}});
    invalid = visitor->nextOf(u"invalid"_s);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->value(u"field"_s).toString(), u"phone"_s);

    // The offline form needs a way to answer.
    visitor->send({{u"type"_s, u"offline"_s}, {u"id"_s, u"o1"_s}, {u"text"_s, u"Call me"_s}});
    invalid = visitor->nextOf(u"invalid"_s);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->value(u"id"_s).toString(), u"o1"_s);
    visitor->send({{u"type"_s, u"offline"_s},
                   {u"id"_s, u"o2"_s},
                   {u"name"_s, u"Ola"_s},
                   {u"phone"_s, u"+48 601 234 567"_s},
                   {u"text"_s, u"Please call me back"_s}});
    ASSERT_TRUE(visitor->nextOf(u"ack"_s));
    EXPECT_FALSE(visitor->isClosed());

    const QJsonArray events = timelineOf(u"phone:+48601234567"_s);
    ASSERT_EQ(countKind(events, u"message.in"_s), 1);
    for (const QJsonValue& event : events) {
        if (event[u"kind"_s].toString() == u"message.in") {
            EXPECT_TRUE(event[u"payload"_s][u"offline"_s].toBool());
            EXPECT_EQ(event[u"channel"_s].toString(), u"chat"_s);
        }
    }
    EXPECT_EQ(countKind(events, u"chat.started"_s), 0);
}

TEST_F(ChatServerTest, BadFramesAndFloodsCloseOnlyTheOffender) {
    auto good = welcomedVisitor(ChatVisitorClient::newToken());

    struct Case {
        QString name;
        std::function<void(ChatVisitorClient&)> act;
        QString code;
        int closeCode;
    };
    const QString token = ChatVisitorClient::newToken();
    const QList<Case> cases{
        {u"invalid JSON"_s, [&](ChatVisitorClient& v) { (void)v.hello(token), v.sendText(u"{\"type\": "_s); },
         u"bad_frame"_s, 4003},
        {u"unknown type"_s,
         [&](ChatVisitorClient& v) {
             (void)v.hello(token), v.send({{u"type"_s, u"subscribe"_s}});
         },
         u"bad_frame"_s, 4003},
        {u"a frame before hello"_s, [&](ChatVisitorClient& v) { v.send(message(u"m"_s, u"hi"_s)); }, u"bad_frame"_s,
         4003},
        {u"another protocol"_s,
         [&](ChatVisitorClient& v) {
             v.send({{u"type"_s, u"hello"_s}, {u"protocol"_s, 2}, {u"token"_s, token}});
         },
         u"unsupported_protocol"_s, 4002},
        {u"an oversized frame"_s,
         [&](ChatVisitorClient& v) {
             (void)v.hello(token);
             v.send(message(u"big"_s, QString(40000, u'x')));
         },
         u"too_large"_s, 4009},
        {u"a flood of pings"_s,
         [&](ChatVisitorClient& v) {
             (void)v.hello(token);
             // As a runaway widget would: as fast as it can, until it is refused.
             for (int i = 0; i < 200 && !v.isClosed() && !v.hasReceived(u"error"_s); ++i) {
                 v.send({{u"type"_s, u"ping"_s}});
                 if (i % 10 == 9)
                     v.wait(1);
             }
         },
         u"rate_limited"_s, 4008},
        {u"a flood of messages"_s,
         [&](ChatVisitorClient& v) {
             (void)v.hello(token);
             for (int i = 0; i < 25; ++i)
                 v.send(message(u"f%1"_s.arg(i), u"spam"_s));
         },
         u"rate_limited"_s, 4008},
    };
    for (const Case& test : cases) {
        SCOPED_TRACE(test.name.toStdString());
        auto offender = openVisitor();
        test.act(*offender);
        // The error frame arrives even from a flood: the server reads (and ignores) what still comes for a moment
        // before it closes, so that the kernel does not reset the connection over unread data.
        const auto error = offender->nextOf(u"error"_s);
        ASSERT_TRUE(error);
        EXPECT_EQ(error->value(u"code"_s).toString(), test.code);
        EXPECT_FALSE(error->value(u"message"_s).toString().isEmpty());
        ASSERT_TRUE(offender->waitClosed());
        EXPECT_EQ(offender->closeCode(), test.closeCode);
    }

    // The well-behaved visitor never noticed.
    EXPECT_FALSE(good->isClosed());
    good->send({{u"type"_s, u"ping"_s}, {u"nonce"_s, u"n1"_s}});
    const auto pong = good->nextOf(u"pong"_s);
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->value(u"nonce"_s).toString(), u"n1"_s);
    good->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s"_s}});
    EXPECT_EQ(typeOf(good->nextOf(u"ack"_s)), u"ack"_s);
}

/// The value of the sample \a series ("name" or "name{label=\"value\"}") in /metrics; -1 when it is not there.
qint64 metric(const QByteArray& body, const QByteArray& series) {
    for (const QByteArray& line : body.split('\n')) {
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).toLongLong();
    }
    return -1;
}

TEST_F(ChatServerTest, MetricsCountVisitorsChatsMessagesAndRefusals) {
    const auto metrics = [this] {
        return http.get(server.url(u"/metrics"_s), adminToken).body;
    };
    const QByteArray before = metrics();
    EXPECT_EQ(metric(before, "threadline_chat_visitors_connected"), 0) << before.toStdString();
    EXPECT_EQ(metric(before, "threadline_chat_started_total"), 0);
    EXPECT_EQ(metric(before, "threadline_chat_messages_stored_total"), 0);
    // Every reason is there from the start, at 0.
    for (const QByteArray reason : {"bad_frame", "rate_limited", "too_large", "too_many_connections", "forbidden",
                                    "unsupported_protocol", "internal"})
        EXPECT_EQ(metric(before, "threadline_chat_frames_refused_total{reason=\"" + reason + "\"}"), 0)
            << reason.data();

    auto first = welcomedVisitor(ChatVisitorClient::newToken());
    auto second = welcomedVisitor(ChatVisitorClient::newToken());
    first->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s"_s}});
    ASSERT_TRUE(first->nextOf(u"ack"_s));
    first->send(message(u"m1"_s, u"one"_s));
    ASSERT_TRUE(first->nextOf(u"ack"_s));
    first->send(message(u"m2"_s, u"two"_s));
    ASSERT_TRUE(first->nextOf(u"ack"_s));
    // A form error stores nothing and counts nothing.
    second->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s"_s}, {u"email"_s, u"not an address"_s}});
    ASSERT_TRUE(second->nextOf(u"invalid"_s));

    auto offender = welcomedVisitor(ChatVisitorClient::newToken());
    offender->sendText(u"not json"_s);
    ASSERT_TRUE(offender->waitClosed());
    auto tooNew = openVisitor();
    tooNew->send({{u"type"_s, u"hello"_s}, {u"protocol"_s, 2}, {u"token"_s, ChatVisitorClient::newToken()}});
    ASSERT_TRUE(tooNew->waitClosed());

    const QByteArray during = metrics();
    EXPECT_EQ(metric(during, "threadline_chat_started_total"), 1) << during.toStdString();
    EXPECT_EQ(metric(during, "threadline_chat_messages_stored_total"), 2);
    EXPECT_EQ(metric(during, "threadline_chat_frames_refused_total{reason=\"bad_frame\"}"), 1);
    EXPECT_EQ(metric(during, "threadline_chat_frames_refused_total{reason=\"unsupported_protocol\"}"), 1);
    EXPECT_EQ(metric(during, "threadline_chat_frames_refused_total{reason=\"rate_limited\"}"), 0);
    // The sync side's refusals are counted apart.
    EXPECT_EQ(metric(during, "threadline_frames_rejected_total{reason=\"bad_frame\"}"), 0);

    // The offender was welcomed too; once the server has seen its close, two visitors remain, then none.
    const auto connectedBecomes = [&](qint64 expected) {
        const QDeadlineTimer deadline(5000);
        qint64 value = -1;
        while (!deadline.hasExpired()) {
            value = metric(metrics(), "threadline_chat_visitors_connected");
            if (value == expected)
                return true;
            first->wait(20);
        }
        ADD_FAILURE() << "threadline_chat_visitors_connected is " << value << ", not " << expected;
        return false;
    };
    EXPECT_TRUE(connectedBecomes(2));
    first->close();
    second->close();
    EXPECT_TRUE(first->waitClosed());
    EXPECT_TRUE(second->waitClosed());
    EXPECT_TRUE(connectedBecomes(0));
}

class ChatLimitsTest : public ChatServerTest {
protected:
    QStringList chatSettings() override {
        return {u"max_connections_per_address = 3"_s, u"allowed_origins = https://shop.example"_s,
                u"idle_timeout_s = 1"_s};
    }

    /// True once a new visitor is welcomed again (within a few seconds).
    bool waitForFreeSlot() {
        const QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired()) {
            auto visitor = openVisitor();
            if (visitor->hello(ChatVisitorClient::newToken()))
                return true;
        }
        return false;
    }
};

TEST_F(ChatLimitsTest, ConnectionsPerAddressAreLimited) {
    std::vector<std::unique_ptr<ChatVisitorClient>> visitors;
    for (int i = 0; i < 3; ++i)
        visitors.push_back(welcomedVisitor(ChatVisitorClient::newToken()));
    auto fourth = openVisitor();
    const auto error = fourth->nextOf(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->value(u"code"_s).toString(), u"too_many_connections"_s);
    ASSERT_TRUE(fourth->waitClosed());
    EXPECT_EQ(fourth->closeCode(), 4011);
    // When one leaves, a new one gets in.
    visitors.pop_back();
    ASSERT_TRUE(waitForFreeSlot());
}

TEST_F(ChatLimitsTest, OnlyAllowedOriginsAndTheServersOwnPagesConnect) {
    auto foreign = openVisitor(u"https://evil.example"_s);
    const auto error = foreign->nextOf(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->value(u"code"_s).toString(), u"forbidden"_s);
    ASSERT_TRUE(foreign->waitClosed());
    EXPECT_EQ(foreign->closeCode(), 4010);

    auto shop = openVisitor(u"https://shop.example"_s);
    EXPECT_TRUE(shop->hello(ChatVisitorClient::newToken()));
    auto own = openVisitor(u"http://127.0.0.1:%1"_s.arg(server.port()));
    EXPECT_TRUE(own->hello(ChatVisitorClient::newToken()));
}

TEST_F(ChatLimitsTest, AChatWhoseVisitorLeftEndsWhenIdle) {
    auto agent = connectAgent();
    auto visitor = welcomedVisitor(ChatVisitorClient::newToken());
    visitor->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s"_s}});
    ASSERT_TRUE(visitor->nextOf(u"ack"_s));
    visitor.reset(); // the tab is closed
    QVector<core::Event> seen;
    const auto ended = awaitEvent(
        *agent, [](const core::Event& event) { return event.kind == u"chat.ended"; }, &seen, 10000);
    ASSERT_TRUE(ended);
    EXPECT_EQ(ended->payload.value(u"by"_s).toString(), u"idle"_s);
}

TEST_F(ChatServerTest, OnlyAStaffedQueueIsAvailableAndTypingCrossesBetweenBrowserAndWorkstation) {
    // Nobody signed in: the visitor is offered the offline form.
    const QString token = ChatVisitorClient::newToken();
    QJsonObject welcome;
    auto visitor = welcomedVisitor(token, &welcome);
    EXPECT_FALSE(welcome.value(u"agents_available"_s).toBool());
    const QString identity = u"chat:"_s + welcome.value(u"visitor"_s).toString();

    // An agent of another queue does not staff the chat queue.
    const QByteArray otherToken = createAndSignIn(u"piotr"_s, u"agent"_s, {});
    auto other = connectSync(otherToken);
    (void)other->backlog();
    // The agent of "general" does: the visitor hears of it without reconnecting.
    auto agent = connectAgent();
    const auto available = visitor->nextOf(u"availability"_s);
    ASSERT_TRUE(available);
    EXPECT_TRUE(available->value(u"agents_available"_s).toBool());

    visitor->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s1"_s}, {u"name"_s, u"Mina"_s}});
    ASSERT_TRUE(visitor->nextOf(u"ack"_s));
    QVector<core::Event> seen;
    const auto started = awaitEvent(
        *agent, [](const core::Event& event) { return event.kind == u"chat.started"_s; }, &seen);
    ASSERT_TRUE(started);

    // The visitor types: the agent's workstation gets a typing frame naming the customer.
    visitor->send({{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    std::optional<protocol::TypingNotice> notice;
    const QDeadlineTimer deadline(5000);
    while (!notice && !deadline.hasExpired()) {
        const auto frame = agent->next(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
        if (!frame)
            break;
        if (const auto* typing = std::get_if<protocol::TypingNotice>(&*frame))
            notice = *typing;
    }
    ASSERT_TRUE(notice);
    EXPECT_EQ(notice->customer, started->customer);
    EXPECT_EQ(notice->identity, identity);
    EXPECT_TRUE(notice->active);

    // The agent types: the browser hears it with the agent's name.
    agent->sendFrame(protocol::Typing{identity, true});
    const auto typing = visitor->nextOf(u"typing"_s);
    ASSERT_TRUE(typing) << "no typing frame reached the visitor";
    EXPECT_TRUE(typing->value(u"active"_s).toBool());
    EXPECT_EQ(typing->value(u"agent"_s).toString(), u"ANNA"_s);

    // The agent of another queue never hears the visitor typing.
    while (const auto frame = other->next(300))
        EXPECT_FALSE(std::holds_alternative<protocol::TypingNotice>(*frame));

    // The last agent of the queue leaves: unavailable again.
    agent.reset();
    const auto gone = visitor->nextOf(u"availability"_s);
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->value(u"agents_available"_s).toBool());
}

} // namespace
} // namespace tl::chattest
