#include "Formatting.h"

#include "core/EventKind.h"
#include "core/ImportRecord.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace tl::cli::formatting {

namespace {

/// "4:05", or "1:02:05" for calls of an hour or more.
QString callDuration(qint64 seconds) {
    const QLatin1Char zero('0');
    if (seconds >= 3600) {
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, zero)
            .arg(seconds % 60, 2, 10, zero);
    }
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, zero);
}

QString callSummary(const core::Event& event) {
    const bool outgoing = event.payload.value(QStringLiteral("direction")).toString() == QLatin1String("out");
    const QString& kind = event.kind;
    QString summary;
    if (kind == core::kinds::CallEnded) {
        const QString duration = callDuration(event.payload.value(QStringLiteral("duration")).toInteger());
        summary = outgoing ? QCoreApplication::translate("threadline-ctl", "outgoing call, %1").arg(duration)
                           : QCoreApplication::translate("threadline-ctl", "incoming call, %1").arg(duration);
    } else if (kind == core::kinds::CallMissed) {
        summary = outgoing ? QCoreApplication::translate("threadline-ctl", "outgoing call, not answered")
                           : QCoreApplication::translate("threadline-ctl", "missed call");
    } else if (kind == core::kinds::CallAnswered) {
        summary = outgoing ? QCoreApplication::translate("threadline-ctl", "outgoing call answered")
                           : QCoreApplication::translate("threadline-ctl", "incoming call answered");
    } else {
        summary = outgoing ? QCoreApplication::translate("threadline-ctl", "calling")
                           : QCoreApplication::translate("threadline-ctl", "incoming call ringing");
    }
    const QString text = oneLine(event.payload.value(QStringLiteral("text")).toString());
    if (text.isEmpty())
        return summary;
    //: A call's summary, then the agent's notes about it.
    return QCoreApplication::translate("threadline-ctl", "%1 — %2").arg(summary, text);
}

} // namespace

QString timestampText(qint64 millisecondsUtc) {
    if (millisecondsUtc == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(millisecondsUtc, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QString oneLine(const QString& text) {
    return text.simplified();
}

QString eventAuthor(const core::Event& event) {
    return event.author.isEmpty() ? event.identity : event.author;
}

QString eventSummary(const core::Event& event) {
    const QJsonObject& payload = event.payload;
    if (event.kind.startsWith(QLatin1String("call.")))
        return callSummary(event);
    if (event.kind == core::kinds::IdentityLinked) {
        //: An identity (an e-mail address, a phone number, ...) now belongs to the customer.
        return QCoreApplication::translate("threadline-ctl", "identity linked: %1")
            .arg(payload.value(QStringLiteral("identity")).toString());
    }
    if (event.kind == core::kinds::CustomerMerged) {
        //: %1 and %2 are customer ids.
        return QCoreApplication::translate("threadline-ctl", "customer %1 merged into %2")
            .arg(payload.value(QStringLiteral("from")).toString(), payload.value(QStringLiteral("into")).toString());
    }
    if (event.kind == core::kinds::StatusChanged) {
        //: A case's state changed; %1 is open, pending or resolved.
        return QCoreApplication::translate("threadline-ctl", "state: %1")
            .arg(payload.value(QStringLiteral("state")).toString());
    }

    const QString subject = oneLine(payload.value(QStringLiteral("subject")).toString());
    const QString text = oneLine(payload.value(QStringLiteral("text")).toString());
    if (!subject.isEmpty() && !text.isEmpty()) {
        //: An e-mail's subject, then its text.
        return QCoreApplication::translate("threadline-ctl", "%1: %2").arg(subject, text);
    }
    if (!subject.isEmpty() || !text.isEmpty())
        return subject.isEmpty() ? text : subject;
    if (payload.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

TextTable eventTable(const QVector<core::Event>& events) {
    TextTable table({QCoreApplication::translate("threadline-ctl", "TIME"),
                     QCoreApplication::translate("threadline-ctl", "CHANNEL"),
                     QCoreApplication::translate("threadline-ctl", "KIND"),
                     QCoreApplication::translate("threadline-ctl", "FROM"),
                     QCoreApplication::translate("threadline-ctl", "TEXT")});
    for (const core::Event& event : events) {
        table.addRow({timestampText(event.occurredAt), core::channelName(event.channel), event.kind, eventAuthor(event),
                      eventSummary(event)});
    }
    return table;
}

QJsonObject customerToJson(const core::Customer& customer) {
    QJsonObject object{
        {QStringLiteral("id"), customer.id},
        {QStringLiteral("name"), customer.name.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(customer.name)},
        {QStringLiteral("identities"), QJsonArray::fromStringList(customer.identities)},
        {QStringLiteral("state"), core::caseStateName(customer.state)},
        {QStringLiteral("last_activity"), customer.lastActivity == 0
                                              ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(core::eventjson::formatTimestamp(customer.lastActivity))},
        {QStringLiteral("unread"), customer.unread},
        {QStringLiteral("preview"), customer.preview},
    };
    if (customer.lastInboundChannel)
        object.insert(QStringLiteral("last_inbound_channel"), core::channelName(*customer.lastInboundChannel));
    return object;
}

} // namespace tl::cli::formatting
