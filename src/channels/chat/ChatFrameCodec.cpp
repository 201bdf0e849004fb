#include "ChatFrameCodec.h"

#include "protocol/JsonFieldReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace tl::chat {

using namespace Qt::StringLiterals;
using protocol::JsonFieldReader;

namespace {

constexpr QLatin1StringView typeField("type");
constexpr QLatin1StringView protocolField("protocol");
constexpr QLatin1StringView tokenField("token");
constexpr QLatin1StringView pageField("page");
constexpr QLatin1StringView languageField("language");
constexpr QLatin1StringView idField("id");
constexpr QLatin1StringView nameField("name");
constexpr QLatin1StringView emailField("email");
constexpr QLatin1StringView phoneField("phone");
constexpr QLatin1StringView textField("text");
constexpr QLatin1StringView activeField("active");
constexpr QLatin1StringView nonceField("nonce");

/// The longest "type" quoted back in an error message.
constexpr qsizetype maxQuotedType = 40;

ChatDecodeResult badFrame(const QString& message) {
    return ChatDecodeResult::failure(ChatErrorCode::BadFrame, message);
}

/// An optional string: empty when missing or null.
std::optional<QString> optionalString(JsonFieldReader& reader, QLatin1StringView field, qsizetype maxLength) {
    if (!reader.has(field))
        return QString();
    return reader.string(field, maxLength, true);
}

std::optional<QString> clientId(JsonFieldReader& reader) {
    const auto id = reader.string(idField, maxClientIdLength);
    if (id && !isValidClientId(*id))
        return std::nullopt;
    return id;
}

std::optional<ChatContact> contact(JsonFieldReader& reader) {
    const auto name = optionalString(reader, nameField, maxNameLength);
    const auto email = optionalString(reader, emailField, maxEmailLength);
    const auto phone = optionalString(reader, phoneField, maxPhoneLength);
    if (!name || !email || !phone)
        return std::nullopt;
    return ChatContact{name->simplified(), email->trimmed(), phone->trimmed()};
}

/// A message text: not only white space (it is kept as written).
std::optional<QString> messageText(JsonFieldReader& reader) {
    const auto text = reader.string(textField, maxTextLength);
    if (text && text->trimmed().isEmpty())
        return std::nullopt;
    return text;
}

QJsonObject itemJson(const ChatItem& item) {
    QJsonObject object{{u"id"_s, item.id}, {u"kind"_s, item.kind}, {u"at"_s, static_cast<double>(item.at)}};
    if (!item.from.isEmpty())
        object.insert(u"from"_s, item.from);
    if (!item.clientId.isEmpty())
        object.insert(u"client_id"_s, item.clientId);
    if (!item.text.isEmpty() || item.kind == u"message")
        object.insert(u"text"_s, item.text);
    if (!item.agent.isEmpty())
        object.insert(u"agent"_s, item.agent);
    if (!item.by.isEmpty())
        object.insert(u"by"_s, item.by);
    if (item.offline)
        object.insert(u"offline"_s, true);
    return object;
}

QJsonObject contactJson(QJsonObject object, const ChatContact& contact) {
    if (!contact.name.isEmpty())
        object.insert(u"name"_s, contact.name);
    if (!contact.email.isEmpty())
        object.insert(u"email"_s, contact.email);
    if (!contact.phone.isEmpty())
        object.insert(u"phone"_s, contact.phone);
    return object;
}

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

bool isValidClientId(QStringView id) {
    if (id.isEmpty() || id.size() > maxClientIdLength)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok =
            (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

bool isValidVisitorToken(QStringView token) {
    if (token.size() != visitorTokenLength)
        return false;
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}

ChatDecodeResult decodeChatClientFrame(QByteArrayView frame, qsizetype maxFrameBytes) {
    if (frame.size() > maxFrameBytes)
        return ChatDecodeResult::failure(
            ChatErrorCode::TooLarge,
            u"the frame has %1 bytes, more than the limit of %2"_s.arg(frame.size()).arg(maxFrameBytes));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badFrame(u"not JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return badFrame(u"a frame must be a JSON object"_s);
    const QJsonObject object = document.object();
    JsonFieldReader reader(object);
    const auto type = reader.string(typeField, 1000);
    if (!type)
        return badFrame(reader.error());

    auto failed = [&](const QString& what) {
        const QString reason = reader.error().isEmpty() ? what : reader.error();
        return badFrame(u"bad \"%1\" frame: %2"_s.arg(*type, reason));
    };

    if (*type == u"hello") {
        // The version first, so that another version is told so whatever else its hello holds.
        const auto version = reader.integer(protocolField, 0);
        if (!version)
            return failed({});
        if (*version != chatProtocolVersion)
            return ChatDecodeResult::failure(
                ChatErrorCode::UnsupportedProtocol,
                u"this server speaks chat protocol %1, not %2"_s.arg(chatProtocolVersion).arg(*version));
        ChatHello hello;
        const auto token = reader.string(tokenField, visitorTokenLength);
        if (!token)
            return failed({});
        if (!isValidVisitorToken(*token))
            return failed(u"\"token\" must be 64 lower-case hex digits"_s);
        const auto page = optionalString(reader, pageField, maxPageLength);
        const auto language = optionalString(reader, languageField, maxLanguageLength);
        if (!page || !language)
            return failed({});
        hello.token = *token;
        hello.page = *page;
        hello.language = *language;
        return ChatClientFrame(hello);
    }
    if (*type == u"start") {
        const auto id = clientId(reader);
        if (!id)
            return failed(u"\"id\" may hold only letters, digits, '-' and '_'"_s);
        const auto details = contact(reader);
        if (!details)
            return failed({});
        return ChatClientFrame(ChatStart{*id, *details});
    }
    if (*type == u"message") {
        const auto id = clientId(reader);
        if (!id)
            return failed(u"\"id\" may hold only letters, digits, '-' and '_'"_s);
        const auto text = messageText(reader);
        if (!text)
            return failed(u"\"text\" must not be only white space"_s);
        return ChatClientFrame(ChatSend{*id, *text});
    }
    if (*type == u"typing") {
        const auto active = reader.boolean(activeField);
        if (!active)
            return failed({});
        return ChatClientFrame(ChatTyping{*active});
    }
    if (*type == u"end") {
        const auto id = clientId(reader);
        if (!id)
            return failed(u"\"id\" may hold only letters, digits, '-' and '_'"_s);
        return ChatClientFrame(ChatEnd{*id});
    }
    if (*type == u"offline") {
        const auto id = clientId(reader);
        if (!id)
            return failed(u"\"id\" may hold only letters, digits, '-' and '_'"_s);
        const auto details = contact(reader);
        if (!details)
            return failed({});
        const auto text = messageText(reader);
        if (!text)
            return failed(u"\"text\" must not be only white space"_s);
        return ChatClientFrame(ChatOffline{*id, *details, *text});
    }
    if (*type == u"ping") {
        const auto nonce = optionalString(reader, nonceField, maxNonceLength);
        if (!nonce)
            return failed({});
        return ChatClientFrame(ChatPing{*nonce});
    }
    return badFrame(u"unknown frame type \"%1\""_s.arg(type->left(maxQuotedType)));
}

QByteArray encodeChatFrame(const ChatServerFrame& frame) {
    const QJsonObject json = std::visit(
        Overloaded{
            [](const ChatWelcome& welcome) {
                QJsonArray history;
                for (const ChatItem& item : welcome.history)
                    history.append(itemJson(item));
                return QJsonObject{
                    {u"type"_s, u"welcome"_s},       {u"protocol"_s, static_cast<double>(welcome.protocol)},
                    {u"visitor"_s, welcome.visitor}, {u"agents_available"_s, welcome.agentsAvailable},
                    {u"open"_s, welcome.open},       {u"heartbeat_ms"_s, static_cast<double>(welcome.heartbeatMs)},
                    {u"history"_s, history}};
            },
            [](const ChatAck& ack) {
                return QJsonObject{{u"type"_s, u"ack"_s},
                                   {u"id"_s, ack.id},
                                   {u"event"_s, ack.event},
                                   {u"at"_s, static_cast<double>(ack.at)}};
            },
            [](const ChatInvalid& invalid) {
                return QJsonObject{{u"type"_s, u"invalid"_s},
                                   {u"id"_s, invalid.id},
                                   {u"field"_s, invalid.field},
                                   {u"reason"_s, invalid.reason}};
            },
            [](const ChatPush& push) {
                return QJsonObject{{u"type"_s, u"item"_s}, {u"item"_s, itemJson(push.item)}};
            },
            [](const ChatAgentTyping& typing) {
                QJsonObject object{{u"type"_s, u"typing"_s}, {u"active"_s, typing.active}};
                if (!typing.agent.isEmpty())
                    object.insert(u"agent"_s, typing.agent);
                return object;
            },
            [](const ChatAvailability& availability) {
                return QJsonObject{{u"type"_s, u"availability"_s},
                                   {u"agents_available"_s, availability.agentsAvailable}};
            },
            [](const ChatPong& pong) {
                return QJsonObject{{u"type"_s, u"pong"_s}, {u"nonce"_s, pong.nonce}};
            },
            [](const ChatError& error) {
                return QJsonObject{{u"type"_s, u"error"_s},
                                   {u"code"_s, chatErrorCodeName(error.code)},
                                   {u"message"_s, error.message.left(maxErrorMessageLength)}};
            },
        },
        frame);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QByteArray encodeChatFrame(const ChatClientFrame& frame) {
    const QJsonObject json =
        std::visit(Overloaded{
                       [](const ChatHello& hello) {
                           QJsonObject object{{u"type"_s, u"hello"_s},
                                              {u"protocol"_s, static_cast<double>(hello.protocol)},
                                              {u"token"_s, hello.token}};
                           if (!hello.page.isEmpty())
                               object.insert(u"page"_s, hello.page);
                           if (!hello.language.isEmpty())
                               object.insert(u"language"_s, hello.language);
                           return object;
                       },
                       [](const ChatStart& start) {
                           return contactJson(QJsonObject{{u"type"_s, u"start"_s}, {u"id"_s, start.id}}, start.contact);
                       },
                       [](const ChatSend& send) {
                           return QJsonObject{{u"type"_s, u"message"_s}, {u"id"_s, send.id}, {u"text"_s, send.text}};
                       },
                       [](const ChatTyping& typing) {
                           return QJsonObject{{u"type"_s, u"typing"_s}, {u"active"_s, typing.active}};
                       },
                       [](const ChatEnd& end) {
                           return QJsonObject{{u"type"_s, u"end"_s}, {u"id"_s, end.id}};
                       },
                       [](const ChatOffline& offline) {
                           QJsonObject object = contactJson(
                               QJsonObject{{u"type"_s, u"offline"_s}, {u"id"_s, offline.id}}, offline.contact);
                           object.insert(u"text"_s, offline.text);
                           return object;
                       },
                       [](const ChatPing& ping) {
                           QJsonObject object{{u"type"_s, u"ping"_s}};
                           if (!ping.nonce.isEmpty())
                               object.insert(u"nonce"_s, ping.nonce);
                           return object;
                       },
                   },
                   frame);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QString chatErrorCodeName(ChatErrorCode code) {
    switch (code) {
    case ChatErrorCode::UnsupportedProtocol:
        return u"unsupported_protocol"_s;
    case ChatErrorCode::BadFrame:
        return u"bad_frame"_s;
    case ChatErrorCode::RateLimited:
        return u"rate_limited"_s;
    case ChatErrorCode::TooLarge:
        return u"too_large"_s;
    case ChatErrorCode::Forbidden:
        return u"forbidden"_s;
    case ChatErrorCode::TooManyConnections:
        return u"too_many_connections"_s;
    case ChatErrorCode::Internal:
        return u"internal"_s;
    }
    return u"internal"_s;
}

std::optional<ChatErrorCode> chatErrorCodeFromName(QStringView name) {
    for (const ChatErrorCode code : allChatErrorCodes) {
        if (chatErrorCodeName(code) == name)
            return code;
    }
    return std::nullopt;
}

ChatCloseCode chatCloseCodeFor(ChatErrorCode code) {
    switch (code) {
    case ChatErrorCode::UnsupportedProtocol:
        return ChatCloseCode::UnsupportedProtocol;
    case ChatErrorCode::BadFrame:
        return ChatCloseCode::BadFrame;
    case ChatErrorCode::RateLimited:
        return ChatCloseCode::RateLimited;
    case ChatErrorCode::TooLarge:
        return ChatCloseCode::TooLarge;
    case ChatErrorCode::Forbidden:
        return ChatCloseCode::Forbidden;
    case ChatErrorCode::TooManyConnections:
        return ChatCloseCode::TooManyConnections;
    case ChatErrorCode::Internal:
        return ChatCloseCode::InternalError;
    }
    return ChatCloseCode::InternalError;
}

} // namespace tl::chat
