#pragma once

#include "Protocol.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tl::protocol {

/// Reads the fields of one JSON object strictly, for the frame decoders (internal to tl_protocol). Every read
/// names the field with its path ("agent.role", "results[2].seq") when it fails; the first failure is kept.
class JsonFieldReader final {
public:
    /// \a path is the object's place in the frame, such as "results[2]"; empty for the frame itself.
    explicit JsonFieldReader(const QJsonObject& object, QString path = {});

    /// True when \a field is present and not null.
    [[nodiscard]] bool has(QLatin1StringView field) const;
    /// A required string of at most \a maxLength UTF-16 code units; empty only when \a allowEmpty.
    [[nodiscard]] std::optional<QString> string(QLatin1StringView field, qsizetype maxLength, bool allowEmpty = false);
    /// A required whole number from \a minimum to \a maximum.
    [[nodiscard]] std::optional<qint64> integer(QLatin1StringView field, qint64 minimum = 0,
                                                qint64 maximum = maxSafeInteger);
    /// A required true or false.
    [[nodiscard]] std::optional<bool> boolean(QLatin1StringView field);
    /// A required object.
    [[nodiscard]] std::optional<QJsonObject> object(QLatin1StringView field);
    /// A required array of at most \a maxSize elements.
    [[nodiscard]] std::optional<QJsonArray> array(QLatin1StringView field, qsizetype maxSize);

    /// Why the first failed read failed.
    [[nodiscard]] const QString& error() const { return m_error; }
    /// "\"agent.role\"": a field's name as messages quote it.
    [[nodiscard]] QString quoted(QLatin1StringView field) const;

private:
    /// The field's value when it is present and not null; records "is missing" otherwise.
    [[nodiscard]] std::optional<QJsonValue> required(QLatin1StringView field);
    void fail(QString message);

    QJsonObject m_object;
    QString m_path;
    QString m_error;
};

} // namespace tl::protocol
