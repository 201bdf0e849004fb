#include "JsonWriter.h"

#include "Channel.h"
#include "ImportRecord.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace tl::core::json {

namespace {

char hexDigit(unsigned value) {
    return static_cast<char>(value < 10 ? '0' + value : 'a' + value - 10);
}

void appendEscapedUnit(QByteArray& out, char16_t unit) {
    const char escape[] = {'\\',
                           'u',
                           hexDigit(unit >> 12 & 0xf),
                           hexDigit(unit >> 8 & 0xf),
                           hexDigit(unit >> 4 & 0xf),
                           hexDigit(unit & 0xf)};
    out.append(escape, sizeof escape);
}

void appendArray(QByteArray& out, const QJsonArray& array) {
    out += '[';
    bool first = true;
    for (const QJsonValue& element : array) {
        if (!first)
            out += ',';
        first = false;
        appendValue(out, element);
    }
    out += ']';
}

} // namespace

void appendString(QByteArray& out, QStringView text) {
    out += '"';
    const char16_t* at = text.utf16();
    const char16_t* const end = at + text.size();
    while (at < end) {
        // A run of ASCII that needs no escape is copied as it is.
        const char16_t* run = at;
        while (run < end && *run < 0x80 && *run >= 0x20 && *run != u'"' && *run != u'\\')
            ++run;
        if (run > at) {
            const qsizetype start = out.size();
            out.resize(start + (run - at));
            char* target = out.data() + start;
            for (const char16_t* unit = at; unit < run; ++unit)
                *target++ = static_cast<char>(*unit);
            at = run;
            continue;
        }
        const char16_t unit = *at++;
        if (unit < 0x80) {
            out += '\\';
            switch (unit) {
            case u'"':
                out += '"';
                break;
            case u'\\':
                out += '\\';
                break;
            case u'\b':
                out += 'b';
                break;
            case u'\f':
                out += 'f';
                break;
            case u'\n':
                out += 'n';
                break;
            case u'\r':
                out += 'r';
                break;
            case u'\t':
                out += 't';
                break;
            default: {
                const char escape[] = {'u', '0', '0', hexDigit(unit >> 4), hexDigit(unit & 0xf)};
                out.append(escape, sizeof escape);
            }
            }
        } else if (unit < 0x800) {
            const char bytes[] = {static_cast<char>(0xc0 | unit >> 6), static_cast<char>(0x80 | (unit & 0x3f))};
            out.append(bytes, sizeof bytes);
        } else if (QChar::isHighSurrogate(unit)) {
            if (at < end && QChar::isLowSurrogate(*at)) {
                const char32_t point = QChar::surrogateToUcs4(unit, *at++);
                const char bytes[] = {
                    static_cast<char>(0xf0 | point >> 18), static_cast<char>(0x80 | (point >> 12 & 0x3f)),
                    static_cast<char>(0x80 | (point >> 6 & 0x3f)), static_cast<char>(0x80 | (point & 0x3f))};
                out.append(bytes, sizeof bytes);
            } else {
                appendEscapedUnit(out, unit);
            }
        } else if (QChar::isLowSurrogate(unit)) {
            appendEscapedUnit(out, unit);
        } else {
            const char bytes[] = {static_cast<char>(0xe0 | unit >> 12), static_cast<char>(0x80 | (unit >> 6 & 0x3f)),
                                  static_cast<char>(0x80 | (unit & 0x3f))};
            out.append(bytes, sizeof bytes);
        }
    }
    out += '"';
}

void appendObject(QByteArray& out, const QJsonObject& object) {
    out += '{';
    bool first = true;
    // QJsonObject keeps its keys sorted, the order QJsonDocument writes them in.
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!first)
            out += ',';
        first = false;
        appendString(out, it.key());
        out += ':';
        appendValue(out, it.value());
    }
    out += '}';
}

QByteArray toJson(const QJsonObject& object) {
    QByteArray out;
    out.reserve(256);
    appendObject(out, object);
    return out;
}

void appendValue(QByteArray& out, const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double: {
        // A QJsonValue keeps whole numbers it was given as integers; the writer prints those in decimal.
        const QCborValue number = QCborValue::fromJsonValue(value);
        if (number.isInteger()) {
            out += QByteArray::number(number.toInteger());
        } else {
            const double real = value.toDouble();
            out += std::isfinite(real) ? QByteArray::number(real, 'g', QLocale::FloatingPointShortest)
                                       : QByteArray("null");
        }
        return;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array:
        appendArray(out, value.toArray());
        return;
    case QJsonValue::Object:
        appendObject(out, value.toObject());
        return;
    }
}

void appendEvent(QByteArray& out, const Event& event) {
    // The keys of core::eventjson::toJson() in the writer's (sorted) order.
    out += "{\"author\":";
    if (event.author.isEmpty())
        out += "null";
    else
        appendString(out, event.author);
    out += ",\"channel\":";
    appendString(out, channelName(event.channel));
    out += ",\"customer\":";
    appendString(out, event.customer);
    out += ",\"id\":";
    appendString(out, event.id);
    out += ",\"identity\":";
    appendString(out, event.identity);
    out += ",\"kind\":";
    appendString(out, event.kind);
    out += ",\"occurred_at\":\"";
    eventjson::appendTimestamp(out, event.occurredAt);
    out += "\",\"payload\":";
    appendObject(out, event.payload);
    out += ",\"seq\":";
    out += QByteArray::number(event.seq);
    out += '}';
}

} // namespace tl::core::json
