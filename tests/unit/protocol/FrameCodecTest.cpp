#include "protocol/FrameCodec.h"

#include "core/EventKind.h"
#include "core/ImportRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace tl;
using namespace tl::protocol;
using namespace Qt::StringLiterals;

namespace {

qint64 at(int day, int hour, int minute) {
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC).toMSecsSinceEpoch();
}

core::Event event(QString id, qint64 seq, QString customer, core::Channel channel, QString kind, QString identity,
                  QJsonObject payload = {}, QString author = {}) {
    core::Event made;
    made.id = std::move(id);
    made.seq = seq;
    made.customer = std::move(customer);
    made.channel = channel;
    made.kind = std::move(kind);
    made.occurredAt = at(2, 9, 15);
    made.identity = std::move(identity);
    made.payload = std::move(payload);
    made.author = std::move(author);
    return made;
}

/// Events in every script the workstation is translated into, and then some.
QList<core::Event> multilingualEvents(bool fromServer) {
    const QString customer = u"5d1c9f0e-3a7b-5c2d-8e4f-1a2b3c4d5e6f"_s;
    const std::initializer_list<QString> texts{
        u"Dzień dobry, kiedy wyślą Państwo moje zamówienie? Zażółć gęślą jaźń."_s,
        u"Здравствуйте! Пришла не та кофемолка, заказ № 5120."_s,
        u"سلام، سفارش شماره ۶۰۳۸ من هنوز نرسیده."_s,
        u"您好：我收到的咖啡机底部漏水。"_s,
        u"שלום, ההזמנה שלי לא הגיעה. नमस्ते! こんにちは。안녕하세요. Γειά σου. ☕🙂👩🏽‍💻"_s,
    };
    QList<core::Event> events;
    qint64 seq = fromServer ? 100 : 0;
    for (const QString& text : texts) {
        const QString id = u"note:"_s + QString::number(events.size()) + u":"_s + text.left(3);
        events.append(event(id, fromServer ? ++seq : 0, customer, core::Channel::Note, core::kinds::Note,
                            u"email:ania@xn--za-6ja4f8n1l.pl"_s, QJsonObject{{u"text"_s, text}}, u"anna"_s));
    }
    return events;
}

template <typename Frame> void expectClientRoundTrip(const Frame& frame) {
    const QByteArray bytes = encode(frame);
    const DecodeResult<ClientFrame> decoded = decodeClientFrame(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error().toStdString() << "\n" << bytes.toStdString();
    ASSERT_TRUE(std::holds_alternative<Frame>(decoded.value())) << bytes.toStdString();
    EXPECT_EQ(std::get<Frame>(decoded.value()), frame) << bytes.toStdString();
    EXPECT_EQ(encode(decoded.value()), bytes);
}

template <typename Frame> void expectServerRoundTrip(const Frame& frame) {
    const QByteArray bytes = encode(frame);
    const DecodeResult<ServerFrame> decoded = decodeServerFrame(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error().toStdString() << "\n" << bytes.toStdString();
    ASSERT_TRUE(std::holds_alternative<Frame>(decoded.value())) << bytes.toStdString();
    EXPECT_EQ(std::get<Frame>(decoded.value()), frame) << bytes.toStdString();
    EXPECT_EQ(encode(decoded.value()), bytes);
}

template <typename Frame>
void expectRefused(const DecodeResult<Frame>& decoded, CloseCode closeCode, const char* reasonPart,
                   const QByteArray& input) {
    ASSERT_FALSE(decoded.ok()) << input.left(300).toStdString();
    EXPECT_EQ(decoded.closeCode(), closeCode) << decoded.error().toStdString();
    EXPECT_TRUE(decoded.error().contains(QString::fromUtf8(reasonPart)))
        << "reason \"" << decoded.error().toStdString() << "\" should mention \"" << reasonPart << "\"";
}

void expectClientRefused(const QByteArray& input, CloseCode closeCode, const char* reasonPart) {
    expectRefused(decodeClientFrame(input), closeCode, reasonPart, input);
}

void expectServerRefused(const QByteArray& input, CloseCode closeCode, const char* reasonPart) {
    expectRefused(decodeServerFrame(input), closeCode, reasonPart, input);
}

QByteArray json(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A valid event as JSON, to be spoiled one field at a time.
QJsonObject eventJson(qint64 seq, const QString& id = u"note:1"_s) {
    core::Event made = event(id, seq, u"c-1"_s, core::Channel::Note, core::kinds::Note, u"email:jan@example.pl"_s,
                             QJsonObject{{u"text"_s, u"ok"_s}}, u"anna"_s);
    return core::eventjson::toJson(made);
}

QByteArray submitWith(const QJsonArray& events) {
    return json(QJsonObject{{u"type"_s, u"submit"_s}, {u"events"_s, events}});
}

QByteArray eventsWith(const QJsonArray& events) {
    return json(QJsonObject{{u"type"_s, u"events"_s}, {u"events"_s, events}, {u"live"_s, true}});
}

} // namespace

// ---- round trips

TEST(FrameCodec, EveryClientFrameRoundTrips) {
    expectClientRoundTrip(Hello{protocolVersion, u"tl_9f2c1e7a4b"_s, u"threadline/0.1.0"_s, 4711});
    expectClientRoundTrip(Hello{protocolVersion, u"t"_s, u"threadline/0.1.0"_s, 0});
    expectClientRoundTrip(Hello{protocolVersion, u"t"_s, u"c"_s, maxSafeInteger});
    Submit submit;
    submit.events.append(event(u"0196f2c4-7b1a-7c3e-9a51-2f0d8e6b4c11"_s, 0, u"c-1"_s, core::Channel::Email,
                               core::kinds::MessageOut, u"email:jan.kowalski@example.pl"_s,
                               QJsonObject{{u"subject"_s, u"Re: Zamówienie 4471"_s}, {u"text"_s, u"Paczka."_s}},
                               u"anna"_s));
    submit.events.append(event(u"call:88d1e4b0@pbx.example:ended"_s, 0, {}, core::Channel::Voice,
                               core::kinds::CallEnded, u"phone:+48601234567"_s,
                               QJsonObject{{u"direction"_s, u"out"_s}, {u"duration"_s, 247}}, u"piotr"_s));
    submit.events.append(event(u"status:1"_s, 0, u"c-1"_s, core::Channel::System, core::kinds::StatusChanged, {},
                               QJsonObject{{u"state"_s, u"resolved"_s}}, u"anna"_s));
    expectClientRoundTrip(submit);
    expectClientRoundTrip(Submit{});
    expectClientRoundTrip(Ping{u"17"_s});
    expectClientRoundTrip(Ping{});
    expectClientRoundTrip(Typing{u"chat:3f9a0c2d41b7e8a5"_s, true});
    expectClientRoundTrip(Typing{u"chat:3f9a0c2d41b7e8a5"_s, false});
}

TEST(FrameCodec, EveryServerFrameRoundTrips) {
    expectServerRoundTrip(
        Welcome{protocolVersion, Agent{u"anna"_s, u"Anna Nowak"_s, Role::Supervisor, {}}, 90210, 15000});
    expectServerRoundTrip(Welcome{protocolVersion, Agent{u"wei"_s, {}, Role::Admin, {}}, 0, minHeartbeatMs});
    expectServerRoundTrip(Welcome{protocolVersion, Agent{u"piotr"_s, u"Piotr"_s, Role::Agent, {}}, 1, maxHeartbeatMs});
    expectServerRoundTrip(Welcome{protocolVersion,
                                  Agent{u"piotr"_s, u"Piotr"_s, Role::Agent, QStringList{u"billing"_s, u"wsparcie"_s}},
                                  1, maxHeartbeatMs});
    expectServerRoundTrip(Welcome{protocolVersion, Agent{u"ola"_s, {}, Role::Agent, QStringList{}}, 1, 15000});
    EventsFrame backlog;
    backlog.events.append(event(u"sms:kannel:51402"_s, 4712, u"c-9"_s, core::Channel::Sms, core::kinds::MessageIn,
                                u"phone:+989123456789"_s, QJsonObject{{u"text"_s, u"سلام"_s}}));
    backlog.events.append(event(u"0196f2c5-01aa-7d20-8b3e-6a4c2e9f7d05"_s, 4790, u"c-9"_s, core::Channel::System,
                                core::kinds::CustomerMerged, {},
                                QJsonObject{{u"from"_s, u"c-1"_s}, {u"into"_s, u"c-9"_s}}));
    expectServerRoundTrip(backlog);
    backlog.live = true;
    expectServerRoundTrip(backlog);
    expectServerRoundTrip(EventsFrame{});
    expectServerRoundTrip(CaughtUp{4790});
    expectServerRoundTrip(CaughtUp{0});
    expectServerRoundTrip(Ack{{AckResult{u"a"_s, 90212, {}}, AckResult{u"b"_s, 0, u"the customer is not yours"_s}}});
    expectServerRoundTrip(Ack{});
    expectServerRoundTrip(Pong{u"17"_s});
    for (ErrorCode code : allErrorCodes)
        expectServerRoundTrip(ErrorFrame{code, u"why: "_s + errorCodeName(code)});
    expectServerRoundTrip(TypingNotice{u"c-9"_s, u"chat:3f9a0c2d41b7e8a5"_s, true});
    expectServerRoundTrip(TypingNotice{u"c-9"_s, u"chat:3f9a0c2d41b7e8a5"_s, false});
}

TEST(FrameCodec, TypingNamesOneChatIdentityAndAState) {
    const auto client = [](const QJsonObject& fields) {
        QJsonObject frame = fields;
        frame.insert(u"type"_s, u"typing"_s);
        return decodeClientFrame(json(frame));
    };
    EXPECT_TRUE(client({{u"identity"_s, u"chat:v-1"_s}, {u"active"_s, true}}));
    for (const QJsonObject& bad :
         {QJsonObject{{u"identity"_s, u"email:jan@example.pl"_s}, {u"active"_s, true}},
          QJsonObject{{u"identity"_s, u"chat:"_s}, {u"active"_s, true}},
          QJsonObject{{u"identity"_s, u"chat:a b"_s}, {u"active"_s, true}}, QJsonObject{{u"identity"_s, u"chat:v-1"_s}},
          QJsonObject{{u"identity"_s, u"chat:v-1"_s}, {u"active"_s, u"yes"_s}}, QJsonObject{{u"active"_s, false}}}) {
        const auto decoded = client(bad);
        ASSERT_FALSE(decoded) << json(bad).toStdString();
        EXPECT_EQ(decoded.closeCode(), CloseCode::BadFrame);
        EXPECT_TRUE(decoded.error().startsWith(u"bad \"typing\" frame"_s)) << decoded.error().toStdString();
    }
    const auto notice = decodeServerFrame(
        json(QJsonObject{{u"type"_s, u"typing"_s}, {u"identity"_s, u"chat:v-1"_s}, {u"active"_s, true}}));
    ASSERT_FALSE(notice);
    EXPECT_TRUE(notice.error().contains(u"customer"_s)) << notice.error().toStdString();
    EXPECT_EQ(frameType(ClientFrame{Typing{}}), u"typing"_s);
    EXPECT_EQ(frameType(ServerFrame{TypingNotice{}}), u"typing"_s);
}

TEST(FrameCodec, UnicodeInEveryScriptSurvives) {
    expectClientRoundTrip(Submit{multilingualEvents(false)});
    expectServerRoundTrip(EventsFrame{multilingualEvents(true), true});
    expectServerRoundTrip(Welcome{protocolVersion, Agent{u"mariam"_s, u"مریم احمدی"_s, Role::Agent, {}}, 7, 15000});
    expectServerRoundTrip(Welcome{protocolVersion, Agent{u"li"_s, u"李伟"_s, Role::Agent, {}}, 7, 15000});
    expectServerRoundTrip(
        ErrorFrame{ErrorCode::Forbidden, u"Клиент не из ваших очередей 🙂"_s});
    expectServerRoundTrip(Ack{{AckResult{u"note:😀"_s, 0, u"为什么"_s}}});
    expectClientRoundTrip(Ping{u"ノンス"_s});
    // The bytes on the wire are UTF-8, not escapes.
    const QByteArray bytes = encode(Submit{multilingualEvents(false)});
    EXPECT_TRUE(bytes.contains("您好：我收到的咖啡机底部漏水。"));
    EXPECT_TRUE(bytes.contains("سلام"));
}

TEST(FrameCodec, HelloMayAskForBinaryFrames) {
    // Written only when asked for: a hello that does not ask is what a client of the first revision sends.
    Hello hello{protocolVersion, u"tok"_s, u"threadline/0.1.0"_s, 12};
    const QByteArray plain = encode(hello);
    EXPECT_FALSE(plain.contains("binary_frames")) << plain.toStdString();
    hello.binaryFrames = true;
    const QJsonObject asking = QJsonDocument::fromJson(encode(hello)).object();
    EXPECT_EQ(asking, (QJsonObject{{u"type"_s, u"hello"_s},
                                   {u"protocol"_s, 1},
                                   {u"token"_s, u"tok"_s},
                                   {u"client"_s, u"threadline/0.1.0"_s},
                                   {u"after"_s, 12},
                                   {u"binary_frames"_s, true}}));
    expectClientRoundTrip(hello);
    expectClientRoundTrip(Hello{protocolVersion, u"t"_s, u"c"_s, 0, false});

    // Missing, null and false all mean text frames; only a JSON boolean is accepted.
    const auto binaryFramesOf = [](const QByteArray& frame) -> std::optional<bool> {
        const DecodeResult<ClientFrame> decoded = decodeClientFrame(frame);
        if (!decoded)
            return std::nullopt;
        return std::get<Hello>(decoded.value()).binaryFrames;
    };
    EXPECT_EQ(binaryFramesOf(R"({"type":"hello","protocol":1,"token":"t","client":"c","after":0})"), false);
    EXPECT_EQ(
        binaryFramesOf(R"({"type":"hello","protocol":1,"token":"t","client":"c","after":0,"binary_frames":null})"),
        false);
    EXPECT_EQ(
        binaryFramesOf(R"({"type":"hello","protocol":1,"token":"t","client":"c","after":0,"binary_frames":false})"),
        false);
    EXPECT_EQ(
        binaryFramesOf(R"({"after":0,"binary_frames":true,"client":"c","protocol":1,"token":"t","type":"hello"})"),
        true);
    for (const char* value : {"1", "\"true\"", "[true]", "{}"}) {
        SCOPED_TRACE(value);
        expectClientRefused(
            QByteArray(R"({"type":"hello","protocol":1,"token":"t","client":"c","after":0,"binary_frames":)") + value +
                "}",
            CloseCode::BadFrame, "bad \"hello\" frame: \"binary_frames\" must be true or false");
    }
    // The version still decides first.
    expectClientRefused(R"({"type":"hello","protocol":2,"token":"t","client":"c","after":0,"binary_frames":7})",
                        CloseCode::UnsupportedProtocol, "version 2");
    // A binary message is read like a text one; what is not UTF-8 is refused as it is in a text message.
    expectServerRefused("{\"type\": \"pong\", \"nonce\": \"\xc3\x28\"}", CloseCode::BadFrame, "invalid JSON");
}

TEST(FrameCodec, EncodesTheDocumentedShape) {
    const QJsonObject hello = QJsonDocument::fromJson(encode(Hello{1, u"tok"_s, u"threadline/0.1.0"_s, 12})).object();
    EXPECT_EQ(hello, (QJsonObject{{u"type"_s, u"hello"_s},
                                  {u"protocol"_s, 1},
                                  {u"token"_s, u"tok"_s},
                                  {u"client"_s, u"threadline/0.1.0"_s},
                                  {u"after"_s, 12}}));
    const QJsonObject ack =
        QJsonDocument::fromJson(encode(Ack{{AckResult{u"a"_s, 5, {}}, AckResult{u"b"_s, 0, u"no"_s}}})).object();
    EXPECT_EQ(ack.value(u"results"_s).toArray(), (QJsonArray{QJsonObject{{u"id"_s, u"a"_s}, {u"seq"_s, 5}},
                                                             QJsonObject{{u"id"_s, u"b"_s}, {u"error"_s, u"no"_s}}}));
    const QJsonObject error = QJsonDocument::fromJson(encode(ErrorFrame{ErrorCode::TooLarge, u"big"_s})).object();
    EXPECT_EQ(error.value(u"code"_s).toString(), u"too_large"_s);
    EXPECT_FALSE(encode(Ping{u"1"_s}).contains(' ')); // compact
    EXPECT_EQ(frameType(ClientFrame(Submit{})), u"submit"_s);
    EXPECT_EQ(frameType(ServerFrame(CaughtUp{})), u"caught_up"_s);
}

TEST(FrameCodec, ReadsTheDocumentedExamples) {
    const DecodeResult<ClientFrame> hello = decodeClientFrame(
        R"({"type": "hello", "protocol": 1, "token": "tl_9f2c", "client": "threadline/0.1.0", "after": 4711})");
    ASSERT_TRUE(hello.ok()) << hello.error().toStdString();
    EXPECT_EQ(std::get<Hello>(hello.value()).after, 4711);

    // Identities are normalized like at import; numbers need their country code on the wire.
    const DecodeResult<ClientFrame> submit = decodeClientFrame(
        R"({"type": "submit", "events": [{"id": "note:1", "customer": "c-1", "channel": "note", "kind": "note",
            "occurred_at": "2026-11-02T10:15:00+01:00", "identity": "email:Jan.Kowalski@EXAMPLE.pl",
            "author": " anna ", "payload": {"text": "ok"}}]})");
    ASSERT_TRUE(submit.ok()) << submit.error().toStdString();
    const core::Event& note = std::get<Submit>(submit.value()).events.at(0);
    EXPECT_EQ(note.identity, u"email:jan.kowalski@example.pl"_s);
    EXPECT_EQ(note.occurredAt, at(2, 9, 15));
    EXPECT_EQ(note.author, u"anna"_s);
    EXPECT_EQ(note.seq, 0);

    const DecodeResult<ServerFrame> welcome = decodeServerFrame(
        R"({"type": "welcome", "protocol": 1, "agent": {"login": "anna", "name": "Anna Nowak", "role": "admin"},
            "head": 90210, "heartbeat_ms": 15000, "motd": "fields a version does not know are ignored"})");
    ASSERT_TRUE(welcome.ok()) << welcome.error().toStdString();
    EXPECT_EQ(std::get<Welcome>(welcome.value()).agent.role, Role::Admin);
    EXPECT_EQ(std::get<Welcome>(welcome.value()).heartbeatMs, 15000);

    // Whole numbers may be written as doubles.
    const DecodeResult<ServerFrame> caughtUp = decodeServerFrame(R"({"type":"caught_up","seq":1.2e3})");
    ASSERT_TRUE(caughtUp.ok()) << caughtUp.error().toStdString();
    EXPECT_EQ(std::get<CaughtUp>(caughtUp.value()).seq, 1200);
}

// ---- refusals

TEST(FrameCodec, RefusesWhatIsNotAFrame) {
    expectClientRefused("", CloseCode::BadFrame, "invalid JSON");
    expectClientRefused("{\"type\": \"ping\", ", CloseCode::BadFrame, "invalid JSON");
    expectClientRefused("[{\"type\": \"ping\"}]", CloseCode::BadFrame, "one JSON object");
    expectClientRefused("\"ping\"", CloseCode::BadFrame, "invalid JSON");
    expectClientRefused("{\"type\": \"ping\", \"nonce\": \"\xff\"}", CloseCode::BadFrame, "invalid JSON");
    expectServerRefused("{}", CloseCode::BadFrame, "no \"type\"");
    expectServerRefused("{\"type\": null}", CloseCode::BadFrame, "no \"type\"");
    expectServerRefused("{\"type\": 3}", CloseCode::BadFrame, "\"type\" must be a string");
    expectClientRefused("{\"type\": \"frob\"}", CloseCode::BadFrame, "unknown frame type \"frob\"");
    expectServerRefused("{\"type\": \"Welcome\"}", CloseCode::BadFrame, "unknown frame type \"Welcome\"");
    expectClientRefused("{\"type\": \"welcome\"}", CloseCode::BadFrame, "\"welcome\" is a server's frame");
    expectServerRefused("{\"type\": \"submit\", \"events\": []}", CloseCode::BadFrame,
                        "\"submit\" is a client's frame");
}

TEST(FrameCodec, RefusesOversizedFramesBeforeParsingThem) {
    QByteArray big = R"({"type":"ping","nonce":")";
    big.append(QByteArray(maxFrameBytes, 'x'));
    big.append(R"("})");
    expectClientRefused(big, CloseCode::TooLarge, "more than the limit of 1048576");
    expectServerRefused(big, CloseCode::TooLarge, "1048576");
    // Garbage of that size is refused for its size, not its content.
    expectClientRefused(QByteArray(maxFrameBytes + 1, '{'), CloseCode::TooLarge, "bytes");
    // A frame of exactly the limit is read.
    QByteArray exact = R"({"type":"ping","nonce":"1"})";
    exact.append(QByteArray(maxFrameBytes - exact.size(), ' '));
    ASSERT_EQ(exact.size(), maxFrameBytes);
    EXPECT_TRUE(decodeClientFrame(exact).ok());
}

TEST(FrameCodec, HelloOfAnotherVersionIsRefusedWith4002) {
    expectClientRefused(R"({"type":"hello","protocol":2,"token":"t","client":"c","after":0})",
                        CloseCode::UnsupportedProtocol, "protocol version 2 is not supported");
    // Whatever else a future hello holds, the version decides first.
    expectClientRefused(R"({"type":"hello","protocol":7,"auth":{"kind":"oidc"}})", CloseCode::UnsupportedProtocol,
                        "version 7");
    expectClientRefused(R"({"type":"hello","protocol":0,"token":"t","client":"c","after":0})",
                        CloseCode::UnsupportedProtocol, "version 0");
    expectServerRefused(R"({"type":"welcome","protocol":2})", CloseCode::UnsupportedProtocol, "version 2");
    // A version that is no whole number is a bad frame.
    expectClientRefused(R"({"type":"hello","protocol":"1","token":"t","client":"c","after":0})", CloseCode::BadFrame,
                        "\"protocol\" must be a number");
    expectClientRefused(R"({"type":"hello","token":"t","client":"c","after":0})", CloseCode::BadFrame,
                        "\"protocol\" is missing");
    expectClientRefused(R"({"type":"hello","protocol":1.5,"token":"t","client":"c","after":0})", CloseCode::BadFrame,
                        "whole number");
}

TEST(FrameCodec, RefusesMissingAndMistypedFields) {
    expectClientRefused(R"({"type":"hello","protocol":1,"client":"c","after":0})", CloseCode::BadFrame,
                        "bad \"hello\" frame: \"token\" is missing");
    expectClientRefused(R"({"type":"hello","protocol":1,"token":"","client":"c","after":0})", CloseCode::BadFrame,
                        "\"token\" must not be empty");
    expectClientRefused(R"({"type":"hello","protocol":1,"token":5,"client":"c","after":0})", CloseCode::BadFrame,
                        "\"token\" must be a string");
    expectClientRefused(R"({"type":"hello","protocol":1,"token":"t","client":null,"after":0})", CloseCode::BadFrame,
                        "\"client\" is missing");
    expectClientRefused(R"({"type":"hello","protocol":1,"token":"t","client":"c","after":"0"})", CloseCode::BadFrame,
                        "\"after\" must be a number");
    expectClientRefused(R"({"type":"hello","protocol":1,"token":"t","client":"c"})", CloseCode::BadFrame,
                        "\"after\" is missing");
    expectClientRefused(R"({"type":"submit"})", CloseCode::BadFrame, "\"events\" is missing");
    expectClientRefused(R"({"type":"submit","events":{}})", CloseCode::BadFrame, "\"events\" must be an array");
    expectClientRefused(R"({"type":"ping"})", CloseCode::BadFrame, "\"nonce\" is missing");
    expectClientRefused(R"({"type":"ping","nonce":17})", CloseCode::BadFrame, "\"nonce\" must be a string");

    const QByteArray welcome =
        R"({"type":"welcome","protocol":1,"agent":{"login":"anna","name":"A","role":"agent"},"head":0,"heartbeat_ms":15000})";
    ASSERT_TRUE(decodeServerFrame(welcome).ok());
    QByteArray spoiled = welcome;
    expectServerRefused(spoiled.replace(R"("role":"agent")", R"("role":"root")"), CloseCode::BadFrame,
                        "unknown role \"root\"");
    spoiled = welcome;
    expectServerRefused(spoiled.replace(R"("login":"anna",)", ""), CloseCode::BadFrame, "\"agent.login\" is missing");
    spoiled = welcome;
    expectServerRefused(spoiled.replace(R"("name":"A")", R"("name":["A"])"), CloseCode::BadFrame,
                        "\"agent.name\" must be a string");
    spoiled = welcome;
    expectServerRefused(spoiled.replace(R"({"login":"anna","name":"A","role":"agent"})", R"("anna")"),
                        CloseCode::BadFrame, "\"agent\" must be an object");
    spoiled = welcome;
    expectServerRefused(spoiled.replace("15000", "10"), CloseCode::BadFrame,
                        "\"heartbeat_ms\" must be between 1000 and 300000");
    spoiled = welcome;
    expectServerRefused(spoiled.replace(R"("head":0)", R"("head":true)"), CloseCode::BadFrame,
                        "\"head\" must be a number");

    expectServerRefused(R"({"type":"events","events":[]})", CloseCode::BadFrame, "\"live\" is missing");
    expectServerRefused(R"({"type":"events","events":[],"live":1})", CloseCode::BadFrame,
                        "\"live\" must be true or false");
    expectServerRefused(R"({"type":"caught_up"})", CloseCode::BadFrame, "\"seq\" is missing");
    expectServerRefused(R"({"type":"pong","nonce":null})", CloseCode::BadFrame, "\"nonce\" is missing");
    expectServerRefused(R"({"type":"error","code":"oops","message":"m"})", CloseCode::BadFrame,
                        "unknown error code \"oops\" (expected one of unauthorized, unsupported_protocol");
    expectServerRefused(R"({"type":"error","code":"internal"})", CloseCode::BadFrame, "\"message\" is missing");
}

TEST(FrameCodec, RefusesNegativeFractionalAndHugeNumbers) {
    const auto caughtUp = [](const char* seq) {
        return QByteArray(R"({"type":"caught_up","seq":)") + seq + "}";
    };
    expectServerRefused(caughtUp("-1"), CloseCode::BadFrame, "\"seq\" must not be negative");
    expectServerRefused(caughtUp("-0.5"), CloseCode::BadFrame, "\"seq\" must be a whole number");
    expectServerRefused(caughtUp("0.5"), CloseCode::BadFrame, "\"seq\" must be a whole number");
    expectServerRefused(caughtUp("1e-7"), CloseCode::BadFrame, "whole number");
    // 2^53 - 1 is the largest integer a double holds exactly; 2^53 and beyond are refused.
    EXPECT_TRUE(decodeServerFrame(caughtUp("9007199254740991")).ok());
    expectServerRefused(caughtUp("9007199254740992"), CloseCode::BadFrame, "between 0 and 9007199254740991");
    expectServerRefused(caughtUp("9007199254740993"), CloseCode::BadFrame, "between 0 and 9007199254740991");
    expectServerRefused(caughtUp("9223372036854775807"), CloseCode::BadFrame, "between 0");
    expectServerRefused(caughtUp("18446744073709551616"), CloseCode::BadFrame, "between 0");
    expectServerRefused(caughtUp("1e300"), CloseCode::BadFrame, "between 0");
    expectServerRefused(caughtUp("1e999"), CloseCode::BadFrame, "invalid JSON");
    expectClientRefused(R"({"type":"hello","protocol":1,"token":"t","client":"c","after":-3})", CloseCode::BadFrame,
                        "\"after\" must not be negative");
    expectServerRefused(R"({"type":"ack","results":[{"id":"a","seq":0}]})", CloseCode::BadFrame,
                        "\"results[0].seq\" must be between 1 and");
    expectServerRefused(R"({"type":"ack","results":[{"id":"a","seq":2.5}]})", CloseCode::BadFrame,
                        "\"results[0].seq\" must be a whole number");
}

TEST(FrameCodec, RefusesLongStrings) {
    const QString token(maxTokenLength + 1, u'x');
    expectClientRefused(encode(Hello{1, token, u"c"_s, 0}), CloseCode::BadFrame,
                        "\"token\" is longer than 4096 characters");
    EXPECT_TRUE(decodeClientFrame(encode(Hello{1, token.left(maxTokenLength), u"c"_s, 0})).ok());
    expectClientRefused(encode(Hello{1, u"t"_s, QString(maxClientLength + 1, u'c'), 0}), CloseCode::BadFrame,
                        "\"client\" is longer than 200");
    expectClientRefused(encode(Ping{QString(maxNonceLength + 1, u'n')}), CloseCode::BadFrame, "\"nonce\" is longer");
    expectServerRefused(encode(ErrorFrame{ErrorCode::Internal, QString(maxMessageLength + 1, u'm')}),
                        CloseCode::BadFrame, "\"message\" is longer");
    expectServerRefused(encode(Ack{{AckResult{QString(maxIdLength + 1, u'i'), 1, {}}}}), CloseCode::BadFrame,
                        "\"results[0].id\" is longer than 1000");
    expectServerRefused(encode(Welcome{1, Agent{QString(maxLoginLength + 1, u'l'), {}, Role::Agent, {}}, 0, 15000}),
                        CloseCode::BadFrame, "\"agent.login\" is longer");
    QJsonObject longCustomer = eventJson(0);
    longCustomer[u"customer"_s] = QString(1001, u'c');
    expectClientRefused(submitWith({longCustomer}), CloseCode::BadFrame, "events[0]: \"customer\" is longer than 1000");
}

TEST(FrameCodec, RefusesTooManyEventsOrResults) {
    QJsonArray events;
    for (qsizetype i = 0; i <= maxEventsPerFrame; ++i)
        events.append(eventJson(0, u"note:"_s + QString::number(i)));
    expectClientRefused(submitWith(events), CloseCode::BadFrame,
                        "\"events\" has 1001 entries, more than the limit of 1000");
    events.removeLast();
    const DecodeResult<ClientFrame> full = decodeClientFrame(submitWith(events));
    ASSERT_TRUE(full.ok()) << full.error().toStdString();
    EXPECT_EQ(std::get<Submit>(full.value()).events.size(), maxEventsPerFrame);

    Ack ack;
    for (qsizetype i = 0; i <= maxEventsPerFrame; ++i)
        ack.results.append(AckResult{u"id"_s + QString::number(i), i + 1, {}});
    expectServerRefused(encode(ack), CloseCode::BadFrame, "\"results\" has 1001 entries");
}

TEST(FrameCodec, RefusesBadEventsNamingTheirIndex) {
    QJsonObject unknownKind = eventJson(0, u"note:2"_s);
    unknownKind[u"kind"_s] = u"message.sideways"_s;
    expectClientRefused(submitWith({eventJson(0), unknownKind}), CloseCode::BadFrame,
                        "bad \"submit\" frame: events[1]: unknown kind \"message.sideways\"");

    QJsonObject noId = eventJson(0);
    noId.remove(u"id"_s);
    expectClientRefused(submitWith({noId}), CloseCode::BadFrame, "events[0]: \"id\" is missing");
    noId[u"id"_s] = u""_s;
    expectClientRefused(submitWith({noId}), CloseCode::BadFrame, "events[0]: \"id\" is missing");
    noId[u"id"_s] = u" note:1"_s;
    expectClientRefused(submitWith({noId}), CloseCode::BadFrame, "events[0]: \"id\" must not begin or end with white");

    const std::initializer_list<std::tuple<const char*, QJsonValue, const char*>> spoilers{
        {"channel", u"fax"_s, "unknown channel \"fax\""},
        {"channel", QJsonValue(), "\"channel\" is missing"},
        {"occurred_at", u"2026-11-02T09:15:00"_s, "malformed date \"2026-11-02T09:15:00\""},
        {"occurred_at", qint64(1762074900000), "malformed date"},
        {"occurred_at", u"9999-12-31T23:00:00-05:00"_s,
         "\"occurred_at\" \"9999-12-31T23:00:00-05:00\" is out of range"},
        {"identity", u"phone:601 234 567"_s, "\"identity\": phone number \"601 234 567\""},
        {"identity", u"email:nobody"_s, "\"identity\": \"nobody\" is not an e-mail address"},
        {"identity", qint64(48601234567), "\"identity\" must be a string"},
        {"author", true, "\"author\" must be a string"},
        {"payload", u"text"_s, "\"payload\" must be an object"},
        {"payload", QJsonObject{{u"text"_s, 5}}, "\"payload.text\" must be a string"},
        {"seq", u"0"_s, "\"seq\" must be a number"},
        {"seq", -1, "\"seq\" must not be negative"},
        {"seq", 0.5, "\"seq\" must be a whole number"},
        {"customer", 7, "\"customer\" must be a string"},
    };
    for (const auto& [field, value, reason] : spoilers) {
        QJsonObject spoiled = eventJson(0, u"note:9"_s);
        if (value.isUndefined())
            spoiled.remove(QLatin1StringView(field));
        else
            spoiled[QLatin1StringView(field)] = value;
        expectClientRefused(submitWith({eventJson(0), eventJson(0, u"note:2"_s), spoiled}), CloseCode::BadFrame,
                            (std::string("events[2]: ") + reason).c_str());
    }
    expectClientRefused(submitWith({eventJson(0), 5}), CloseCode::BadFrame, "events[1] must be an object");
    expectServerRefused(eventsWith({eventJson(1), QJsonArray{}}), CloseCode::BadFrame, "events[1] must be an object");
}

TEST(FrameCodec, SubmitRules) {
    // The server assigns seq.
    expectClientRefused(submitWith({eventJson(5)}), CloseCode::BadFrame,
                        "events[0]: \"seq\" must be 0 or missing in a submit");
    QJsonObject noSeq = eventJson(0);
    noSeq.remove(u"seq"_s);
    EXPECT_TRUE(decodeClientFrame(submitWith({noSeq})).ok());
    // Actions about a customer must name it.
    for (const QString& kind :
         {core::kinds::MessageOut, core::kinds::Note, core::kinds::StatusChanged, core::kinds::CustomerMerged}) {
        QJsonObject anonymous = eventJson(0);
        anonymous[u"kind"_s] = kind;
        anonymous[u"customer"_s] = u""_s;
        expectClientRefused(
            submitWith({anonymous}), CloseCode::BadFrame,
            (u"events[0]: \"customer\" is required for a "_s + kind + u" event"_s).toUtf8().constData());
        anonymous.remove(u"customer"_s);
        expectClientRefused(submitWith({anonymous}), CloseCode::BadFrame, "\"customer\" is required");
    }
    // A softphone's call event need not: the server resolves its identity.
    QJsonObject call = eventJson(0);
    call[u"channel"_s] = u"voice"_s;
    call[u"kind"_s] = u"call.ringing"_s;
    call[u"customer"_s] = QJsonValue();
    call[u"identity"_s] = u"sip:Jan <sip:jan@PBX.example.pl:5060>"_s;
    const DecodeResult<ClientFrame> decoded = decodeClientFrame(submitWith({call}));
    ASSERT_TRUE(decoded.ok()) << decoded.error().toStdString();
    EXPECT_EQ(std::get<Submit>(decoded.value()).events.at(0).identity, u"sip:jan@pbx.example.pl"_s);
    // An event is about an identity or a customer.
    call.remove(u"identity"_s);
    expectClientRefused(submitWith({call}), CloseCode::BadFrame, "events[0]: \"identity\" is missing");
}

TEST(FrameCodec, RefusesDuplicateIds) {
    expectClientRefused(submitWith({eventJson(0, u"a"_s), eventJson(0, u"b"_s), eventJson(0, u"a"_s)}),
                        CloseCode::BadFrame, "events[2]: duplicate id \"a\" (also events[0])");
    expectServerRefused(eventsWith({eventJson(1, u"a"_s), eventJson(2, u"a"_s)}), CloseCode::BadFrame,
                        "events[1]: duplicate id \"a\" (also events[0])");
    expectServerRefused(R"({"type":"ack","results":[{"id":"x","seq":1},{"id":"x","error":"e"}]})", CloseCode::BadFrame,
                        "results[1]: duplicate id \"x\" (also results[0])");
    // An id is quoted as it is, even when it looks like a placeholder.
    expectClientRefused(submitWith({eventJson(0, u"x%3%1"_s), eventJson(0, u"x%3%1"_s)}), CloseCode::BadFrame,
                        "events[1]: duplicate id \"x%3%1\" (also events[0])");
    // Ids are compared exactly: case matters.
    EXPECT_TRUE(decodeClientFrame(submitWith({eventJson(0, u"a"_s), eventJson(0, u"A"_s)})).ok());
}

TEST(FrameCodec, ServerEventsRules) {
    expectServerRefused(eventsWith({eventJson(0)}), CloseCode::BadFrame, "events[0]: \"seq\" must be positive");
    QJsonObject noSeq = eventJson(0);
    noSeq.remove(u"seq"_s);
    expectServerRefused(eventsWith({noSeq}), CloseCode::BadFrame, "\"seq\" must be positive");
    expectServerRefused(eventsWith({eventJson(5, u"a"_s), eventJson(5, u"b"_s)}), CloseCode::BadFrame,
                        "events[1]: seq 5 does not follow seq 5 of events[0]");
    expectServerRefused(eventsWith({eventJson(5, u"a"_s), eventJson(9, u"b"_s), eventJson(7, u"c"_s)}),
                        CloseCode::BadFrame, "events[2]: seq 7 does not follow seq 9");
    QJsonObject noCustomer = eventJson(3);
    noCustomer[u"customer"_s] = u""_s;
    expectServerRefused(eventsWith({noCustomer}), CloseCode::BadFrame, "events[0]: \"customer\" is missing");
    // Gaps are fine: an agent sees only the customers of its queues.
    EXPECT_TRUE(decodeServerFrame(eventsWith({eventJson(5, u"a"_s), eventJson(90, u"b"_s)})).ok());
}

TEST(FrameCodec, AckResultsHaveSeqOrError) {
    expectServerRefused(R"({"type":"ack","results":[{"id":"a"}]})", CloseCode::BadFrame,
                        "results[0] must have either \"seq\" or \"error\"");
    expectServerRefused(R"({"type":"ack","results":[{"id":"a","seq":1,"error":"e"}]})", CloseCode::BadFrame,
                        "either \"seq\" or \"error\"");
    expectServerRefused(R"({"type":"ack","results":[{"id":"a","error":""}]})", CloseCode::BadFrame,
                        "\"results[0].error\" must not be empty");
    expectServerRefused(R"({"type":"ack","results":[{"seq":1}]})", CloseCode::BadFrame, "\"results[0].id\" is missing");
    expectServerRefused(R"({"type":"ack","results":["a"]})", CloseCode::BadFrame, "results[0] must be an object");
}

TEST(FrameCodec, ErrorCodesAndCloseCodesPair) {
    EXPECT_EQ(closeCodeFor(ErrorCode::Unauthorized), CloseCode::Unauthorized);
    EXPECT_EQ(static_cast<int>(CloseCode::Unauthorized), 4001);
    EXPECT_EQ(static_cast<int>(closeCodeFor(ErrorCode::UnsupportedProtocol)), 4002);
    EXPECT_EQ(static_cast<int>(closeCodeFor(ErrorCode::BadFrame)), 4003);
    EXPECT_EQ(static_cast<int>(closeCodeFor(ErrorCode::RateLimited)), 4008);
    EXPECT_EQ(static_cast<int>(closeCodeFor(ErrorCode::TooLarge)), 4009);
    EXPECT_EQ(static_cast<int>(closeCodeFor(ErrorCode::Forbidden)), 4010);
    EXPECT_EQ(static_cast<int>(closeCodeFor(ErrorCode::Internal)), 1011);
    EXPECT_EQ(static_cast<int>(CloseCode::GoingAway), 1001);
    for (ErrorCode code : allErrorCodes) {
        EXPECT_EQ(errorCodeFor(closeCodeFor(code)), code);
        EXPECT_EQ(errorCodeFromName(errorCodeName(code)), code);
    }
    EXPECT_EQ(errorCodeFor(CloseCode::GoingAway), ErrorCode::Internal);
    EXPECT_FALSE(errorCodeFromName(u"Unauthorized").has_value());
    EXPECT_EQ(roleFromName(u"supervisor"), Role::Supervisor);
    EXPECT_FALSE(roleFromName(u"root").has_value());

    // What a server does with a frame it refuses: an error frame, then the close code.
    const DecodeResult<ClientFrame> refused = decodeClientFrame("{\"type\":\"frob\"}");
    const ErrorFrame error{errorCodeFor(refused.closeCode()), refused.error()};
    EXPECT_EQ(error.code, ErrorCode::BadFrame);
    expectServerRoundTrip(error);
}

TEST(FrameCodec, WelcomeQueuesAreOptionalAndMustBeNames) {
    // A server before the field: no queues (the client cannot tell what a new queue brings).
    const auto old = decodeServerFrame(R"({"type":"welcome","protocol":1,"agent":{"login":"anna","name":"",)"
                                       R"("role":"agent"},"head":5,"heartbeat_ms":15000})");
    ASSERT_TRUE(old.ok()) << old.error().toStdString();
    EXPECT_FALSE(std::get<Welcome>(old.value()).agent.queues.has_value());
    const auto listed = decodeServerFrame(R"({"type":"welcome","protocol":1,"agent":{"login":"anna","name":"",)"
                                          R"("role":"agent","queues":["general"]},"head":5,"heartbeat_ms":15000})");
    ASSERT_TRUE(listed.ok()) << listed.error().toStdString();
    EXPECT_EQ(std::get<Welcome>(listed.value()).agent.queues, QStringList{u"general"_s});

    expectServerRefused(R"({"type":"welcome","protocol":1,"agent":{"login":"anna","name":"","role":"agent",)"
                        R"("queues":"general"},"head":5,"heartbeat_ms":15000})",
                        CloseCode::BadFrame, "queues");
    expectServerRefused(R"({"type":"welcome","protocol":1,"agent":{"login":"anna","name":"","role":"agent",)"
                        R"("queues":["general",7]},"head":5,"heartbeat_ms":15000})",
                        CloseCode::BadFrame, "queue names");
    expectServerRefused(R"({"type":"welcome","protocol":1,"agent":{"login":"anna","name":"","role":"agent",)"
                        R"("queues":[""]},"head":5,"heartbeat_ms":15000})",
                        CloseCode::BadFrame, "queue names");
}

TEST(FrameCodec, AnAckIsWhatQJsonDocumentWrites) {
    // encode(Ack) writes by hand (the server sends one per submit); the reference is Qt's writer.
    const auto reference = [](const Ack& ack) {
        QJsonArray results;
        for (const AckResult& result : ack.results) {
            if (result.ok())
                results.append(QJsonObject{{u"id"_s, result.id}, {u"seq"_s, result.seq}});
            else
                results.append(QJsonObject{{u"id"_s, result.id}, {u"error"_s, result.error}});
        }
        return QJsonDocument(QJsonObject{{u"type"_s, u"ack"_s}, {u"results"_s, results}})
            .toJson(QJsonDocument::Compact);
    };
    const QString awkward =
        u"\"quoted\" \\ \n\t\u0001 Zażółć 为什么 👩🏽‍💻 "_s + QChar(char16_t(0xd800));
    for (const Ack& ack :
         {Ack{}, Ack{{AckResult{u"a"_s, 1, {}}}},
          Ack{{AckResult{u"0196f2c4-7b1a-7c3e-9a51-2f0d8e6b4c99"_s, (qint64(1) << 53) - 1, {}},
               AckResult{awkward, 0, awkward}, AckResult{u"b"_s, 0, u"the customer is not yours"_s}}}}) {
        EXPECT_EQ(encode(ack), reference(ack)) << reference(ack).toStdString();
    }
}
