#include "PreparedEvent.h"

#include "SearchText.h"
#include "core/JsonWriter.h"

#include <QJsonDocument>

namespace tl::store {

PreparedEvent PreparedEvent::of(const core::Event& event, const QString& name) {
    PreparedEvent prepared;
    prepared.payload = core::json::toJson(event.payload);
    prepared.subject = event.payload.value(QLatin1StringView("subject")).toString();
    prepared.text = event.payload.value(QLatin1StringView("text")).toString();
    if (!prepared.subject.isEmpty() || !prepared.text.isEmpty())
        prepared.indexText =
            SearchText::forIndex(prepared.subject + QLatin1Char('\n') + prepared.text + QLatin1Char('\n') + name)
                .toUtf8();
    return prepared;
}

} // namespace tl::store
