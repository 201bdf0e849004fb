#pragma once

#include "Event.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

/// Compact JSON written by hand, byte for byte what QJsonDocument::toJson(QJsonDocument::Compact) writes for the
/// same values (Qt 6's writer: sorted object keys, UTF-8 as it is, \uXXXX for control characters and unpaired
/// surrogates, integers in decimal, other numbers in their shortest form). The sync server encodes every event
/// this way (building a QJsonObject and serializing it cost about ten microseconds per event), and the server
/// store writes payloads with it.
namespace tl::core::json {

/// Appends \a text as a JSON string, quotes included.
void appendString(QByteArray& out, QStringView text);
/// Appends \a value (objects and arrays recursively).
void appendValue(QByteArray& out, const QJsonValue& value);
void appendObject(QByteArray& out, const QJsonObject& object);
/// \a object as QJsonDocument(object).toJson(QJsonDocument::Compact) writes it.
[[nodiscard]] QByteArray toJson(const QJsonObject& object);
/// Appends the object that core::eventjson::toJson(\a event) makes, as QJsonDocument would write it.
void appendEvent(QByteArray& out, const Event& event);

} // namespace tl::core::json
