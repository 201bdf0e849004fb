#include "FrameCodec.h"

#include "JsonFieldReader.h"

#include "core/EventKind.h"
#include "core/IdentityNormalizer.h"
#include "core/ImportRecord.h"
#include "core/JsonWriter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <array>
#include <variant>

namespace tl::protocol {

using namespace Qt::StringLiterals;

namespace {

// ---- field names and frame types

constexpr QLatin1StringView typeField("type");
constexpr QLatin1StringView protocolField("protocol");
constexpr QLatin1StringView tokenField("token");
constexpr QLatin1StringView clientField("client");
constexpr QLatin1StringView afterField("after");
constexpr QLatin1StringView binaryFramesField("binary_frames");
constexpr QLatin1StringView eventsField("events");
constexpr QLatin1StringView nonceField("nonce");
constexpr QLatin1StringView agentField("agent");
constexpr QLatin1StringView loginField("login");
constexpr QLatin1StringView nameField("name");
constexpr QLatin1StringView roleField("role");
constexpr QLatin1StringView queuesField("queues");
constexpr QLatin1StringView headField("head");
constexpr QLatin1StringView heartbeatField("heartbeat_ms");
constexpr QLatin1StringView liveField("live");
constexpr QLatin1StringView seqField("seq");
constexpr QLatin1StringView resultsField("results");
constexpr QLatin1StringView idField("id");
constexpr QLatin1StringView errorField("error");
constexpr QLatin1StringView codeField("code");
constexpr QLatin1StringView messageField("message");
constexpr QLatin1StringView identityField("identity");
constexpr QLatin1StringView activeField("active");
constexpr QLatin1StringView customerField("customer");

constexpr QLatin1StringView helloType("hello");
constexpr QLatin1StringView submitType("submit");
constexpr QLatin1StringView pingType("ping");
constexpr QLatin1StringView welcomeType("welcome");
constexpr QLatin1StringView eventsType("events");
constexpr QLatin1StringView caughtUpType("caught_up");
constexpr QLatin1StringView ackType("ack");
constexpr QLatin1StringView pongType("pong");
constexpr QLatin1StringView errorType("error");
// Both directions: the agent's typing to the server, a customer's typing to the workstations.
constexpr QLatin1StringView typingType("typing");

/// The longest "role" or "code" read before it is compared with the known names.
constexpr qsizetype maxEnumNameLength = 50;

/// The kinds a submitted event must name its customer for: they are about a customer, not from an address.
bool needsCustomer(const QString& kind) {
    return kind == core::kinds::MessageOut || kind == core::kinds::Note || kind == core::kinds::StatusChanged ||
           kind == core::kinds::CustomerMerged;
}

QByteArray toBytes(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonArray toJson(const QList<core::Event>& events) {
    QJsonArray array;
    for (const core::Event& event : events)
        array.append(core::eventjson::toJson(event));
    return array;
}

// ---- decoding

/// Where the events of a frame come from, which decides the rules for seq and customer.
enum class EventSource { Client, Server };

/// A frame decoder's failure before it is prefixed with the frame's type.
struct Failure final {
    CloseCode closeCode = CloseCode::BadFrame;
    QString message;
};

template <typename T> using Decoded = std::variant<T, Failure>;

Failure badFrame(QString message) {
    return Failure{CloseCode::BadFrame, std::move(message)};
}

/// The events of a submit or events frame, each validated like an exported event (core::eventjson::parseEvent)
/// plus the rules of its direction; failures name the event's index.
Decoded<QList<core::Event>> readEvents(const QJsonArray& array, EventSource source) {
    // No default region: identities on the wire carry their country code, whatever the machine's locale.
    core::IdentityNormalizer normalizer(u"ZZ"_s);
    QList<core::Event> events;
    events.reserve(array.size());
    QHash<QString, qsizetype> indexOfId;
    indexOfId.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"events[%1]"_s.arg(i);
        if (!array.at(i).isObject())
            return badFrame(u"%1 must be an object"_s.arg(where));
        core::Result<core::Event> parsed = core::eventjson::parseEvent(array.at(i).toObject(), normalizer);
        if (!parsed)
            return badFrame(u"%1: %2"_s.arg(where, parsed.error()));
        core::Event event = std::move(parsed).value();
        if (source == EventSource::Client) {
            if (event.seq != 0)
                return badFrame(u"%1: \"seq\" must be 0 or missing in a submit (the server assigns it)"_s.arg(where));
            if (event.customer.isEmpty() && needsCustomer(event.kind))
                return badFrame(u"%1: \"customer\" is required for a %2 event"_s.arg(where, event.kind));
        } else {
            if (event.seq <= 0)
                return badFrame(u"%1: \"seq\" must be positive in an events frame"_s.arg(where));
            if (!events.isEmpty() && event.seq <= events.constLast().seq)
                return badFrame(u"%1: seq %2 does not follow seq %3 of events[%4]"_s.arg(where)
                                    .arg(event.seq)
                                    .arg(events.constLast().seq)
                                    .arg(i - 1));
            if (event.customer.isEmpty())
                return badFrame(u"%1: \"customer\" is missing"_s.arg(where));
        }
        if (const auto existing = indexOfId.constFind(event.id); existing != indexOfId.constEnd())
            return badFrame(
                u"%1: duplicate id \"%2\" (also events[%3])"_s.arg(where, event.id, QString::number(*existing)));
        indexOfId.insert(event.id, i);
        events.append(std::move(event));
    }
    return events;
}

/// "protocol": a whole number, and the one this build speaks (4002 otherwise).
std::optional<Failure> checkVersion(JsonFieldReader& reader) {
    const std::optional<qint64> protocol = reader.integer(protocolField);
    if (!protocol)
        return badFrame(reader.error());
    if (*protocol != protocolVersion)
        return Failure{CloseCode::UnsupportedProtocol,
                       u"protocol version %1 is not supported (this side speaks version %2)"_s.arg(*protocol).arg(
                           protocolVersion)};
    return std::nullopt;
}

Decoded<Hello> readHello(JsonFieldReader& reader) {
    // The version first: a future version's hello may differ in every other field and must still get 4002.
    if (std::optional<Failure> failure = checkVersion(reader))
        return std::move(*failure);
    Hello hello;
    const std::optional<QString> token = reader.string(tokenField, maxTokenLength);
    const std::optional<QString> client = reader.string(clientField, maxClientLength);
    const std::optional<qint64> after = reader.integer(afterField);
    if (!token || !client || !after)
        return badFrame(reader.error());
    hello.token = *token;
    hello.client = *client;
    hello.after = *after;
    // Optional (added within version 1): missing or null is false.
    if (reader.has(binaryFramesField)) {
        const std::optional<bool> binaryFrames = reader.boolean(binaryFramesField);
        if (!binaryFrames)
            return badFrame(reader.error());
        hello.binaryFrames = *binaryFrames;
    }
    return hello;
}

Decoded<QList<core::Event>> readEventsField(JsonFieldReader& reader, EventSource source) {
    const std::optional<QJsonArray> array = reader.array(eventsField, maxEventsPerFrame);
    if (!array)
        return badFrame(reader.error());
    return readEvents(*array, source);
}

Decoded<Submit> readSubmit(JsonFieldReader& reader) {
    Decoded<QList<core::Event>> events = readEventsField(reader, EventSource::Client);
    if (Failure* failure = std::get_if<Failure>(&events))
        return std::move(*failure);
    return Submit{std::get<QList<core::Event>>(std::move(events))};
}

template <typename Frame> Decoded<Frame> readNonceFrame(JsonFieldReader& reader) {
    const std::optional<QString> nonce = reader.string(nonceField, maxNonceLength, true);
    if (!nonce)
        return badFrame(reader.error());
    return Frame{*nonce};
}

Decoded<Welcome> readWelcome(JsonFieldReader& reader) {
    if (std::optional<Failure> failure = checkVersion(reader))
        return std::move(*failure);
    Welcome welcome;
    const std::optional<QJsonObject> agentObject = reader.object(agentField);
    if (!agentObject)
        return badFrame(reader.error());
    JsonFieldReader agentReader(*agentObject, agentField);
    const std::optional<QString> login = agentReader.string(loginField, maxLoginLength);
    const std::optional<QString> name = agentReader.string(nameField, maxAgentNameLength, true);
    const std::optional<QString> roleText = agentReader.string(roleField, maxEnumNameLength);
    if (!login || !name || !roleText)
        return badFrame(agentReader.error());
    const std::optional<Role> role = roleFromName(*roleText);
    if (!role)
        return badFrame(
            u"unknown role \"%1\" in \"agent.role\" (expected agent, supervisor or admin)"_s.arg(*roleText));
    welcome.agent = Agent{*login, *name, *role, std::nullopt};
    if (agentReader.has(queuesField)) {
        const std::optional<QJsonArray> queues = agentReader.array(queuesField, maxQueuesPerAgent);
        if (!queues)
            return badFrame(agentReader.error());
        QStringList names;
        names.reserve(queues->size());
        for (const QJsonValue& queue : *queues) {
            if (!queue.isString() || queue.toString().isEmpty() || queue.toString().size() > maxIdLength)
                return badFrame(u"\"agent.queues\" must hold queue names: non-empty strings of at most %1 "
                                u"characters"_s.arg(maxIdLength));
            names.append(queue.toString());
        }
        welcome.agent.queues = names;
    }
    const std::optional<qint64> head = reader.integer(headField);
    const std::optional<qint64> heartbeat = reader.integer(heartbeatField, minHeartbeatMs, maxHeartbeatMs);
    if (!head || !heartbeat)
        return badFrame(reader.error());
    welcome.head = *head;
    welcome.heartbeatMs = *heartbeat;
    return welcome;
}

Decoded<EventsFrame> readEventsFrame(JsonFieldReader& reader) {
    Decoded<QList<core::Event>> events = readEventsField(reader, EventSource::Server);
    if (Failure* failure = std::get_if<Failure>(&events))
        return std::move(*failure);
    const std::optional<bool> live = reader.boolean(liveField);
    if (!live)
        return badFrame(reader.error());
    return EventsFrame{std::get<QList<core::Event>>(std::move(events)), *live};
}

Decoded<CaughtUp> readCaughtUp(JsonFieldReader& reader) {
    const std::optional<qint64> seq = reader.integer(seqField);
    if (!seq)
        return badFrame(reader.error());
    return CaughtUp{*seq};
}

Decoded<Ack> readAck(JsonFieldReader& reader) {
    const std::optional<QJsonArray> array = reader.array(resultsField, maxEventsPerFrame);
    if (!array)
        return badFrame(reader.error());
    Ack ack;
    ack.results.reserve(array->size());
    QHash<QString, qsizetype> indexOfId;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString where = u"results[%1]"_s.arg(i);
        if (!array->at(i).isObject())
            return badFrame(u"%1 must be an object"_s.arg(where));
        JsonFieldReader resultReader(array->at(i).toObject(), where);
        AckResult result;
        const std::optional<QString> id = resultReader.string(idField, maxIdLength);
        if (!id)
            return badFrame(resultReader.error());
        result.id = *id;
        const bool hasSeq = resultReader.has(seqField);
        const bool hasError = resultReader.has(errorField);
        if (hasSeq == hasError)
            return badFrame(u"%1 must have either \"seq\" or \"error\""_s.arg(where));
        if (hasSeq) {
            const std::optional<qint64> seq = resultReader.integer(seqField, 1);
            if (!seq)
                return badFrame(resultReader.error());
            result.seq = *seq;
        } else {
            const std::optional<QString> error = resultReader.string(errorField, maxMessageLength);
            if (!error)
                return badFrame(resultReader.error());
            result.error = *error;
        }
        if (const auto existing = indexOfId.constFind(result.id); existing != indexOfId.constEnd())
            return badFrame(
                u"%1: duplicate id \"%2\" (also results[%3])"_s.arg(where, result.id, QString::number(*existing)));
        indexOfId.insert(result.id, i);
        ack.results.append(std::move(result));
    }
    return ack;
}

/// "identity" of a typing frame: a chat identity, as normalized as the server stores it.
Decoded<QString> readChatIdentity(JsonFieldReader& reader) {
    const std::optional<QString> identity = reader.string(identityField, maxIdLength);
    if (!identity)
        return badFrame(reader.error());
    const core::Result<core::Identity> parsed = core::IdentityNormalizer(u"ZZ"_s).normalize(*identity);
    if (!parsed || parsed.value().kind != core::Identity::Kind::Chat || parsed.value().toString() != *identity)
        return badFrame(u"\"identity\" must be a chat identity, chat:<visitor id>"_s);
    return *identity;
}

Decoded<Typing> readTyping(JsonFieldReader& reader) {
    Decoded<QString> identity = readChatIdentity(reader);
    if (Failure* failure = std::get_if<Failure>(&identity))
        return std::move(*failure);
    const std::optional<bool> active = reader.boolean(activeField);
    if (!active)
        return badFrame(reader.error());
    return Typing{std::get<QString>(std::move(identity)), *active};
}

Decoded<TypingNotice> readTypingNotice(JsonFieldReader& reader) {
    const std::optional<QString> customer = reader.string(customerField, maxIdLength);
    if (!customer)
        return badFrame(reader.error());
    Decoded<QString> identity = readChatIdentity(reader);
    if (Failure* failure = std::get_if<Failure>(&identity))
        return std::move(*failure);
    const std::optional<bool> active = reader.boolean(activeField);
    if (!active)
        return badFrame(reader.error());
    return TypingNotice{*customer, std::get<QString>(std::move(identity)), *active};
}

Decoded<ErrorFrame> readError(JsonFieldReader& reader) {
    const std::optional<QString> codeText = reader.string(codeField, maxEnumNameLength);
    const std::optional<QString> message = reader.string(messageField, maxMessageLength, true);
    if (!codeText || !message)
        return badFrame(reader.error());
    const std::optional<ErrorCode> code = errorCodeFromName(*codeText);
    if (!code) {
        QStringList names;
        for (ErrorCode known : allErrorCodes)
            names.append(errorCodeName(known));
        return badFrame(u"unknown error code \"%1\" (expected one of %2)"_s.arg(*codeText, names.join(u", "_s)));
    }
    return ErrorFrame{*code, *message};
}

/// A frame that passed the checks common to both directions: it is small enough, one JSON object, and has a type.
struct Envelope final {
    QJsonObject object;
    QString type;
};

Decoded<Envelope> readEnvelope(QByteArrayView bytes) {
    if (bytes.size() > maxFrameBytes)
        return Failure{CloseCode::TooLarge,
                       u"the frame has %1 bytes, more than the limit of %2"_s.arg(bytes.size()).arg(maxFrameBytes)};
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return badFrame(u"invalid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        return badFrame(u"a frame must be one JSON object"_s);
    Envelope envelope{document.object(), {}};
    const QJsonValue typeValue = envelope.object.value(typeField);
    if (typeValue.isUndefined() || typeValue.isNull())
        return badFrame(u"the frame has no \"type\""_s);
    if (!typeValue.isString())
        return badFrame(u"\"type\" must be a string"_s);
    envelope.type = typeValue.toString();
    return envelope;
}

/// Turns a decoder's outcome into the public result; a bad frame's message is prefixed with the frame's type.
template <typename Frame, typename Part> DecodeResult<Frame> finish(Decoded<Part> decoded, const QString& type) {
    if (Failure* failure = std::get_if<Failure>(&decoded)) {
        if (failure->closeCode != CloseCode::BadFrame || type.isEmpty())
            return DecodeResult<Frame>::failure(failure->closeCode, std::move(failure->message));
        return DecodeResult<Frame>::failure(failure->closeCode, u"bad \"%1\" frame: %2"_s.arg(type, failure->message));
    }
    return Frame(std::get<Part>(std::move(decoded)));
}

} // namespace

DecodeResult<ClientFrame> decodeClientFrame(QByteArrayView frame) {
    using R = DecodeResult<ClientFrame>;
    Decoded<Envelope> envelope = readEnvelope(frame);
    if (Failure* failure = std::get_if<Failure>(&envelope))
        return R::failure(failure->closeCode, std::move(failure->message));
    const QString type = std::get<Envelope>(envelope).type;
    JsonFieldReader reader(std::get<Envelope>(envelope).object);
    if (type == helloType)
        return finish<ClientFrame>(readHello(reader), type);
    if (type == submitType)
        return finish<ClientFrame>(readSubmit(reader), type);
    if (type == pingType)
        return finish<ClientFrame>(readNonceFrame<Ping>(reader), type);
    if (type == typingType)
        return finish<ClientFrame>(readTyping(reader), type);
    for (QLatin1StringView serverType : {welcomeType, eventsType, caughtUpType, ackType, pongType, errorType}) {
        if (type == serverType)
            return R::failure(CloseCode::BadFrame, u"\"%1\" is a server's frame; a client may not send it"_s.arg(type));
    }
    return R::failure(CloseCode::BadFrame,
                      u"unknown frame type \"%1\" (expected hello, submit, ping or typing)"_s.arg(type));
}

DecodeResult<ServerFrame> decodeServerFrame(QByteArrayView frame) {
    using R = DecodeResult<ServerFrame>;
    Decoded<Envelope> envelope = readEnvelope(frame);
    if (Failure* failure = std::get_if<Failure>(&envelope))
        return R::failure(failure->closeCode, std::move(failure->message));
    const QString type = std::get<Envelope>(envelope).type;
    JsonFieldReader reader(std::get<Envelope>(envelope).object);
    if (type == welcomeType)
        return finish<ServerFrame>(readWelcome(reader), type);
    if (type == eventsType)
        return finish<ServerFrame>(readEventsFrame(reader), type);
    if (type == caughtUpType)
        return finish<ServerFrame>(readCaughtUp(reader), type);
    if (type == ackType)
        return finish<ServerFrame>(readAck(reader), type);
    if (type == pongType)
        return finish<ServerFrame>(readNonceFrame<Pong>(reader), type);
    if (type == errorType)
        return finish<ServerFrame>(readError(reader), type);
    if (type == typingType)
        return finish<ServerFrame>(readTypingNotice(reader), type);
    for (QLatin1StringView clientType : {helloType, submitType, pingType}) {
        if (type == clientType)
            return R::failure(CloseCode::BadFrame, u"\"%1\" is a client's frame; a server may not send it"_s.arg(type));
    }
    return R::failure(
        CloseCode::BadFrame,
        u"unknown frame type \"%1\" (expected welcome, events, caught_up, ack, pong, error or typing)"_s.arg(type));
}

QByteArray encode(const Hello& frame) {
    QJsonObject object{{typeField, helloType},
                       {protocolField, frame.protocol},
                       {tokenField, frame.token},
                       {clientField, frame.client},
                       {afterField, frame.after}};
    // Only when asked: a hello that does not ask is byte for byte what it was before the field existed.
    if (frame.binaryFrames)
        object.insert(binaryFramesField, true);
    return toBytes(object);
}

QByteArray encode(const Submit& frame) {
    return toBytes(QJsonObject{{typeField, submitType}, {eventsField, toJson(frame.events)}});
}

QByteArray encode(const Ping& frame) {
    return toBytes(QJsonObject{{typeField, pingType}, {nonceField, frame.nonce}});
}

QByteArray encode(const Welcome& frame) {
    QJsonObject agent{
        {loginField, frame.agent.login}, {nameField, frame.agent.name}, {roleField, roleName(frame.agent.role)}};
    if (frame.agent.queues)
        agent.insert(queuesField, QJsonArray::fromStringList(*frame.agent.queues));
    return toBytes(QJsonObject{{typeField, welcomeType},
                               {protocolField, frame.protocol},
                               {agentField, agent},
                               {headField, frame.head},
                               {heartbeatField, frame.heartbeatMs}});
}

QByteArray encode(const EventsFrame& frame) {
    return toBytes(QJsonObject{{typeField, eventsType}, {eventsField, toJson(frame.events)}, {liveField, frame.live}});
}

QByteArray encode(const CaughtUp& frame) {
    return toBytes(QJsonObject{{typeField, caughtUpType}, {seqField, frame.seq}});
}

QByteArray encode(const Ack& frame) {
    // Written by hand (core::json: the bytes QJsonDocument writes, keys sorted): the server sends an ack for every
    // submit, with a result per event, and building QJsonObjects for them was a tenth of its event loop's time.
    QByteArray out;
    out.reserve(32 + frame.results.size() * 64);
    out += "{\"results\":[";
    for (qsizetype index = 0; index < frame.results.size(); ++index) {
        const AckResult& result = frame.results.at(index);
        if (index > 0)
            out += ',';
        if (result.ok()) {
            out += "{\"id\":";
            core::json::appendString(out, result.id);
            out += ",\"seq\":";
            out += QByteArray::number(result.seq);
        } else {
            out += "{\"error\":";
            core::json::appendString(out, result.error);
            out += ",\"id\":";
            core::json::appendString(out, result.id);
        }
        out += '}';
    }
    out += "],\"type\":\"ack\"}";
    return out;
}

QByteArray encode(const Pong& frame) {
    return toBytes(QJsonObject{{typeField, pongType}, {nonceField, frame.nonce}});
}

QByteArray encode(const Typing& frame) {
    return toBytes(QJsonObject{{typeField, typingType}, {identityField, frame.identity}, {activeField, frame.active}});
}

QByteArray encode(const TypingNotice& frame) {
    return toBytes(QJsonObject{{typeField, typingType},
                               {customerField, frame.customer},
                               {identityField, frame.identity},
                               {activeField, frame.active}});
}

QByteArray encode(const ErrorFrame& frame) {
    return toBytes(
        QJsonObject{{typeField, errorType}, {codeField, errorCodeName(frame.code)}, {messageField, frame.message}});
}

QByteArray encode(const ClientFrame& frame) {
    return std::visit([](const auto& alternative) { return encode(alternative); }, frame);
}

QByteArray encode(const ServerFrame& frame) {
    return std::visit([](const auto& alternative) { return encode(alternative); }, frame);
}

QString frameType(const ClientFrame& frame) {
    constexpr std::array<QLatin1StringView, 4> types{helloType, submitType, pingType, typingType};
    return types.at(frame.index());
}

QString frameType(const ServerFrame& frame) {
    constexpr std::array<QLatin1StringView, 7> types{welcomeType, eventsType, caughtUpType, ackType,
                                                     pongType,    errorType,  typingType};
    return types.at(frame.index());
}

} // namespace tl::protocol
