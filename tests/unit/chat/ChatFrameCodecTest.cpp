#include "channels/chat/ChatFrameCodec.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace tl::chat;
using namespace Qt::StringLiterals;

namespace {

const QString token = u"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"_s;

ChatDecodeResult decode(const QByteArray& json) {
    return decodeChatClientFrame(json);
}

QJsonObject parsed(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}

/// Expects \a json to be refused with \a code and a message containing \a fragment.
void expectRefused(const QByteArray& json, ChatErrorCode code, const QString& fragment) {
    const ChatDecodeResult result = decode(json);
    ASSERT_FALSE(result) << json.toStdString();
    EXPECT_EQ(result.code(), code) << json.toStdString() << " -- " << result.error().toStdString();
    EXPECT_TRUE(result.error().contains(fragment))
        << json.toStdString() << " -- " << result.error().toStdString() << " lacks " << fragment.toStdString();
}

} // namespace

TEST(ChatFrameCodec, DecodesHello) {
    const auto result = decode(R"({"type":"hello","protocol":1,"token":")" + token.toLatin1() +
                               R"(","page":"https://shop.example/cart","language":"fa"})");
    ASSERT_TRUE(result) << result.error().toStdString();
    const auto* hello = std::get_if<ChatHello>(&result.value());
    ASSERT_NE(hello, nullptr);
    EXPECT_EQ(hello->token, token);
    EXPECT_EQ(hello->page, u"https://shop.example/cart"_s);
    EXPECT_EQ(hello->language, u"fa"_s);
}

TEST(ChatFrameCodec, HelloPageAndLanguageAreOptional) {
    const auto result = decode(R"({"type":"hello","protocol":1,"token":")" + token.toLatin1() + R"(","page":null})");
    ASSERT_TRUE(result) << result.error().toStdString();
    EXPECT_TRUE(std::get<ChatHello>(result.value()).page.isEmpty());
}

TEST(ChatFrameCodec, RefusesAnotherProtocolVersionFirst) {
    // The version is checked before the token: another version hears so, whatever else the hello holds.
    expectRefused(R"({"type":"hello","protocol":2,"token":"nonsense"})", ChatErrorCode::UnsupportedProtocol,
                  u"protocol 1, not 2"_s);
    expectRefused(R"({"type":"hello","token":")" + token.toLatin1() + R"("})", ChatErrorCode::BadFrame,
                  u"\"protocol\" is missing"_s);
}

TEST(ChatFrameCodec, RefusesMalformedTokens) {
    for (const QByteArray& bad :
         {QByteArray("short"), token.toUpper().toLatin1(), QByteArray(64, 'g'), (token + u"0"_s).toLatin1()}) {
        const auto result = decode(R"({"type":"hello","protocol":1,"token":")" + bad + R"("})");
        EXPECT_FALSE(result) << bad.toStdString();
        EXPECT_EQ(result.code(), ChatErrorCode::BadFrame);
    }
}

TEST(ChatFrameCodec, DecodesStartWithOptionalContact) {
    auto result = decode(R"({"type":"start","id":"s-1","name":"  Jan   Kowalski ","email":" jan@example.pl "})");
    ASSERT_TRUE(result) << result.error().toStdString();
    const auto& start = std::get<ChatStart>(result.value());
    EXPECT_EQ(start.id, u"s-1"_s);
    EXPECT_EQ(start.contact.name, u"Jan Kowalski"_s);
    EXPECT_EQ(start.contact.email, u"jan@example.pl"_s);
    EXPECT_TRUE(start.contact.phone.isEmpty());

    result = decode(R"({"type":"start","id":"s2"})");
    ASSERT_TRUE(result) << result.error().toStdString();
    EXPECT_EQ(std::get<ChatStart>(result.value()).contact, ChatContact{});
}

TEST(ChatFrameCodec, DecodesMessageKeepingItsText) {
    const auto result = decode(R"({"type":"message","id":"9f1c","text":"  <b>hi</b>\nthere  "})");
    ASSERT_TRUE(result) << result.error().toStdString();
    const auto& send = std::get<ChatSend>(result.value());
    EXPECT_EQ(send.id, u"9f1c"_s);
    EXPECT_EQ(send.text, u"  <b>hi</b>\nthere  "_s);
}

TEST(ChatFrameCodec, RefusesBadMessages) {
    expectRefused(R"({"type":"message","id":"a","text":"   "})", ChatErrorCode::BadFrame, u"white space"_s);
    expectRefused(R"({"type":"message","id":"a","text":""})", ChatErrorCode::BadFrame, u"must not be empty"_s);
    expectRefused(R"({"type":"message","id":"a"})", ChatErrorCode::BadFrame, u"\"text\" is missing"_s);
    expectRefused(R"({"type":"message","id":"a","text":5})", ChatErrorCode::BadFrame, u"must be a string"_s);
    expectRefused(R"({"type":"message","id":"a b","text":"x"})", ChatErrorCode::BadFrame, u"letters, digits"_s);
    expectRefused(R"({"type":"message","id":"","text":"x"})", ChatErrorCode::BadFrame, u"must not be empty"_s);
    const QByteArray longId(maxClientIdLength + 1, 'a');
    expectRefused(R"({"type":"message","id":")" + longId + R"(","text":"x"})", ChatErrorCode::BadFrame,
                  u"longer than"_s);
    const QByteArray longText(maxTextLength + 1, 'x');
    expectRefused(R"({"type":"message","id":"a","text":")" + longText + R"("})", ChatErrorCode::BadFrame,
                  u"longer than 4000"_s);
}

TEST(ChatFrameCodec, TextLimitCountsCharactersNotBytes) {
    // 4000 Persian letters are 8000 bytes of UTF-8 and still one allowed message.
    const QString text(maxTextLength, QChar(0x0633));
    const auto result = decode(encodeChatFrame(ChatClientFrame(ChatSend{u"m1"_s, text})));
    ASSERT_TRUE(result) << result.error().toStdString();
    EXPECT_EQ(std::get<ChatSend>(result.value()).text, text);
}

TEST(ChatFrameCodec, DecodesTypingEndOfflinePing) {
    auto result = decode(R"({"type":"typing","active":true})");
    ASSERT_TRUE(result);
    EXPECT_TRUE(std::get<ChatTyping>(result.value()).active);
    expectRefused(R"({"type":"typing","active":"yes"})", ChatErrorCode::BadFrame, u"true or false"_s);

    result = decode(R"({"type":"end","id":"e1"})");
    ASSERT_TRUE(result);
    EXPECT_EQ(std::get<ChatEnd>(result.value()).id, u"e1"_s);

    result = decode(R"({"type":"offline","id":"o1","email":"a@b.c","text":"call me"})");
    ASSERT_TRUE(result) << result.error().toStdString();
    const auto& offline = std::get<ChatOffline>(result.value());
    EXPECT_EQ(offline.contact.email, u"a@b.c"_s);
    EXPECT_EQ(offline.text, u"call me"_s);
    expectRefused(R"({"type":"offline","id":"o1","email":"a@b.c"})", ChatErrorCode::BadFrame, u"\"text\""_s);

    result = decode(R"({"type":"ping"})");
    ASSERT_TRUE(result);
    EXPECT_TRUE(std::get<ChatPing>(result.value()).nonce.isEmpty());
}

TEST(ChatFrameCodec, RefusesWhatIsNotAFrame) {
    expectRefused("{not json", ChatErrorCode::BadFrame, u"not JSON"_s);
    expectRefused("", ChatErrorCode::BadFrame, u"not JSON"_s);
    expectRefused("[1,2]", ChatErrorCode::BadFrame, u"JSON object"_s);
    expectRefused(R"({"id":"x"})", ChatErrorCode::BadFrame, u"\"type\" is missing"_s);
    expectRefused(R"({"type":"subscribe"})", ChatErrorCode::BadFrame, u"unknown frame type \"subscribe\""_s);
    expectRefused(R"({"type":42})", ChatErrorCode::BadFrame, u"must be a string"_s);
}

TEST(ChatFrameCodec, RefusesOversizedFramesBeforeParsing) {
    const QByteArray big = R"({"type":"message","id":"a","text":")" + QByteArray(defaultMaxFrameBytes, 'x') + R"("})";
    expectRefused(big, ChatErrorCode::TooLarge, u"limit of"_s);
    // A configured limit applies.
    const auto result = decodeChatClientFrame(R"({"type":"ping"})", 10);
    EXPECT_EQ(result.code(), ChatErrorCode::TooLarge);
}

TEST(ChatFrameCodec, IgnoresUnknownFieldsAndTreatsNullAsMissing) {
    const auto result = decode(R"({"type":"start","id":"s","email":null,"future":{"x":1}})");
    ASSERT_TRUE(result) << result.error().toStdString();
    EXPECT_TRUE(std::get<ChatStart>(result.value()).contact.email.isEmpty());
}

TEST(ChatFrameCodec, ClientFramesRoundTrip) {
    const QList<ChatClientFrame> frames{
        ChatHello{chatProtocolVersion, token, u"https://shop.example/"_s, u"pl"_s},
        ChatStart{u"s1"_s, ChatContact{u"Anna"_s, u"anna@example.pl"_s, u"+48601234567"_s}},
        ChatSend{u"m1"_s, u"Dzień dobry 你好 سلام"_s},
        ChatTyping{true},
        ChatEnd{u"e1"_s},
        ChatOffline{u"o1"_s, ChatContact{{}, {}, u"+48601234567"_s}, u"oddzwońcie"_s},
        ChatPing{u"7"_s},
    };
    for (const ChatClientFrame& frame : frames) {
        const QByteArray encoded = encodeChatFrame(frame);
        const auto decoded = decode(encoded);
        ASSERT_TRUE(decoded) << encoded.toStdString() << " -- " << decoded.error().toStdString();
        EXPECT_EQ(decoded.value(), frame) << encoded.toStdString();
    }
}

TEST(ChatFrameCodec, EncodesServerFrames) {
    ChatWelcome welcome;
    welcome.visitor = u"ab12"_s;
    welcome.agentsAvailable = true;
    welcome.open = true;
    welcome.heartbeatMs = 25000;
    ChatItem item;
    item.id = u"chat:1"_s;
    item.kind = u"message"_s;
    item.from = u"agent"_s;
    item.text = u"<script>alert(1)</script>"_s;
    item.agent = u"Anna Nowak"_s;
    item.at = 1793000000000;
    welcome.history.append(item);
    const QJsonObject json = parsed(encodeChatFrame(ChatServerFrame(welcome)));
    EXPECT_EQ(json.value(u"type"_s).toString(), u"welcome"_s);
    EXPECT_EQ(json.value(u"protocol"_s).toInt(), 1);
    EXPECT_EQ(json.value(u"visitor"_s).toString(), u"ab12"_s);
    EXPECT_TRUE(json.value(u"agents_available"_s).toBool());
    EXPECT_TRUE(json.value(u"open"_s).toBool());
    const QJsonObject first = json.value(u"history"_s).toArray().first().toObject();
    EXPECT_EQ(first.value(u"text"_s).toString(), item.text); // as text: the widget never parses it as HTML
    EXPECT_EQ(first.value(u"agent"_s).toString(), u"Anna Nowak"_s);
    EXPECT_EQ(first.value(u"at"_s).toDouble(), 1793000000000.0);
    EXPECT_FALSE(first.contains(u"client_id"_s));

    EXPECT_EQ(parsed(encodeChatFrame(ChatServerFrame(ChatAck{u"m1"_s, u"chat:x"_s, 5}))),
              (QJsonObject{{u"type"_s, u"ack"_s}, {u"id"_s, u"m1"_s}, {u"event"_s, u"chat:x"_s}, {u"at"_s, 5}}));
    EXPECT_EQ(parsed(encodeChatFrame(ChatServerFrame(ChatInvalid{u"s1"_s, u"email"_s, u"bad"_s})))
                  .value(u"field"_s)
                  .toString(),
              u"email"_s);
    const QJsonObject error =
        parsed(encodeChatFrame(ChatServerFrame(ChatError{ChatErrorCode::RateLimited, QString(2000, u'x')})));
    EXPECT_EQ(error.value(u"code"_s).toString(), u"rate_limited"_s);
    EXPECT_EQ(error.value(u"message"_s).toString().size(), maxErrorMessageLength);
}

TEST(ChatFrameCodec, ErrorCodesHaveNamesAndCloseCodes) {
    for (const ChatErrorCode code : allChatErrorCodes) {
        EXPECT_EQ(chatErrorCodeFromName(chatErrorCodeName(code)), code);
        const auto close = static_cast<quint16>(chatCloseCodeFor(code));
        EXPECT_TRUE(close == 1011 || (close >= 4000 && close < 5000)) << close;
    }
    EXPECT_EQ(chatCloseCodeFor(ChatErrorCode::BadFrame), ChatCloseCode::BadFrame);
    EXPECT_EQ(static_cast<int>(chatCloseCodeFor(ChatErrorCode::TooManyConnections)), 4011);
    EXPECT_FALSE(chatErrorCodeFromName(u"BAD_FRAME"));
}
