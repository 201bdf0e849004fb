#include "JsonFieldReader.h"

#include <cmath>

namespace tl::protocol {

JsonFieldReader::JsonFieldReader(const QJsonObject& object, QString path)
    : m_object(object)
    , m_path(std::move(path)) {}

bool JsonFieldReader::has(QLatin1StringView field) const {
    const QJsonValue value = m_object.value(field);
    return !value.isUndefined() && !value.isNull();
}

QString JsonFieldReader::quoted(QLatin1StringView field) const {
    const QString name = m_path.isEmpty() ? QString(field) : m_path + QLatin1Char('.') + field;
    return QLatin1Char('"') + name + QLatin1Char('"');
}

void JsonFieldReader::fail(QString message) {
    if (m_error.isEmpty())
        m_error = std::move(message);
}

std::optional<QJsonValue> JsonFieldReader::required(QLatin1StringView field) {
    if (!has(field)) {
        fail(QStringLiteral("%1 is missing").arg(quoted(field)));
        return std::nullopt;
    }
    return m_object.value(field);
}

std::optional<QString> JsonFieldReader::string(QLatin1StringView field, qsizetype maxLength, bool allowEmpty) {
    const std::optional<QJsonValue> value = required(field);
    if (!value)
        return std::nullopt;
    if (!value->isString()) {
        fail(QStringLiteral("%1 must be a string").arg(quoted(field)));
        return std::nullopt;
    }
    QString text = value->toString();
    if (text.isEmpty() && !allowEmpty) {
        fail(QStringLiteral("%1 must not be empty").arg(quoted(field)));
        return std::nullopt;
    }
    if (text.size() > maxLength) {
        fail(QStringLiteral("%1 is longer than %2 characters").arg(quoted(field)).arg(maxLength));
        return std::nullopt;
    }
    return text;
}

std::optional<qint64> JsonFieldReader::integer(QLatin1StringView field, qint64 minimum, qint64 maximum) {
    const std::optional<QJsonValue> value = required(field);
    if (!value)
        return std::nullopt;
    if (!value->isDouble()) {
        fail(QStringLiteral("%1 must be a number").arg(quoted(field)));
        return std::nullopt;
    }
    // JSON numbers are doubles: a whole number beyond 2^53 may already have been rounded, so it is refused.
    const double number = value->toDouble();
    if (std::trunc(number) != number) {
        fail(QStringLiteral("%1 must be a whole number").arg(quoted(field)));
        return std::nullopt;
    }
    if (number < 0 && minimum >= 0) {
        fail(QStringLiteral("%1 must not be negative").arg(quoted(field)));
        return std::nullopt;
    }
    if (number > static_cast<double>(maximum) || number < static_cast<double>(minimum)) {
        fail(QStringLiteral("%1 must be between %2 and %3").arg(quoted(field)).arg(minimum).arg(maximum));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

std::optional<bool> JsonFieldReader::boolean(QLatin1StringView field) {
    const std::optional<QJsonValue> value = required(field);
    if (!value)
        return std::nullopt;
    if (!value->isBool()) {
        fail(QStringLiteral("%1 must be true or false").arg(quoted(field)));
        return std::nullopt;
    }
    return value->toBool();
}

std::optional<QJsonObject> JsonFieldReader::object(QLatin1StringView field) {
    const std::optional<QJsonValue> value = required(field);
    if (!value)
        return std::nullopt;
    if (!value->isObject()) {
        fail(QStringLiteral("%1 must be an object").arg(quoted(field)));
        return std::nullopt;
    }
    return value->toObject();
}

std::optional<QJsonArray> JsonFieldReader::array(QLatin1StringView field, qsizetype maxSize) {
    const std::optional<QJsonValue> value = required(field);
    if (!value)
        return std::nullopt;
    if (!value->isArray()) {
        fail(QStringLiteral("%1 must be an array").arg(quoted(field)));
        return std::nullopt;
    }
    QJsonArray items = value->toArray();
    if (items.size() > maxSize) {
        fail(QStringLiteral("%1 has %2 entries, more than the limit of %3")
                 .arg(quoted(field))
                 .arg(items.size())
                 .arg(maxSize));
        return std::nullopt;
    }
    return items;
}

} // namespace tl::protocol
