#include "EventPresenter.h"

#include "core/EventKind.h"

#include <QJsonValue>
#include <QLocale>
#include <QTimeZone>

namespace tl::ui {

using core::Channel;
using core::Event;
namespace kinds = core::kinds;

namespace {

QString payloadString(const Event& event, QLatin1String key) {
    return event.payload.value(key).toString();
}

/// "in"/"inbound"/"incoming" → true, "out"/"outbound"/"outgoing" → false, else nothing.
std::optional<bool> payloadIncoming(const Event& event) {
    const QString direction = payloadString(event, QLatin1String("direction")).toLower();
    if (direction.startsWith(QLatin1String("in")))
        return true;
    if (direction.startsWith(QLatin1String("out")))
        return false;
    return std::nullopt;
}

} // namespace

EventSide EventPresenter::side(const Event& event) {
    if (event.kind == kinds::MessageIn)
        return EventSide::Inbound;
    if (event.kind == kinds::MessageOut)
        return EventSide::Outbound;
    if (event.kind == kinds::Note)
        return EventSide::Internal;
    if (event.kind == kinds::CallMissed)
        return EventSide::Inbound;
    if (event.kind == kinds::CallEnded)
        return isIncomingCall(event) ? EventSide::Inbound : EventSide::Outbound;
    return EventSide::System;
}

bool EventPresenter::isIncomingCall(const Event& event) {
    if (event.kind == kinds::CallMissed)
        return true;
    if (const std::optional<bool> incoming = payloadIncoming(event))
        return *incoming;
    // Without a direction: the customer placed it unless an agent is named as its author.
    return event.author.isEmpty() || event.author == event.identity;
}

qint64 EventPresenter::callDuration(const Event& event) {
    const QJsonValue seconds = event.payload.value(QLatin1String("duration"));
    if (seconds.isDouble())
        return qRound64(seconds.toDouble());
    const QJsonValue secondsAlt = event.payload.value(QLatin1String("duration_s"));
    if (secondsAlt.isDouble())
        return qRound64(secondsAlt.toDouble());
    const QJsonValue milliseconds = event.payload.value(QLatin1String("duration_ms"));
    if (milliseconds.isDouble())
        return qRound64(milliseconds.toDouble() / 1000.0);
    return -1;
}

QString EventPresenter::formatDuration(qint64 seconds) {
    seconds = qMax<qint64>(0, seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    const qint64 rest = seconds % 60;
    const QLocale locale;
    const auto twoDigits = [&locale](qint64 value) {
        const QString digits = locale.toString(value);
        return digits.size() < 2 ? locale.zeroDigit() + digits : digits;
    };
    if (hours > 0) {
        //: A call duration: hours, minutes, seconds
        return tr("%1:%2:%3").arg(locale.toString(hours), twoDigits(minutes), twoDigits(rest));
    }
    //: A call duration: minutes, seconds
    return tr("%1:%2").arg(locale.toString(minutes), twoDigits(rest));
}

QString EventPresenter::attachmentLabel(const QString& name, qint64 size) {
    //: An e-mail attachment in the timeline; %1 is the file name, %2 its size ("1.2 MB")
    return tr("%1 (%2)").arg(name, QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat));
}

bool EventPresenter::hasHtml(const Event& event) {
    return event.channel == Channel::Email && !payloadString(event, QLatin1String("html")).isEmpty();
}

QString EventPresenter::subject(const Event& event) {
    if (event.channel != Channel::Email)
        return {};
    return payloadString(event, QLatin1String("subject")).trimmed();
}

QString EventPresenter::headline(const Event& event) {
    if (event.kind == kinds::CallEnded || event.kind == kinds::CallMissed)
        return text(event).section(QLatin1Char('\n'), 0, 0);
    return subject(event);
}

QString EventPresenter::body(const Event& event) {
    if (event.kind == kinds::CallEnded || event.kind == kinds::CallMissed)
        return payloadString(event, QLatin1String("text"));
    return text(event);
}

QString EventPresenter::author(const Event& event) {
    QString who = event.author;
    if (who.isEmpty() && side(event) == EventSide::Inbound)
        who = event.identity;
    const qsizetype colon = who.indexOf(QLatin1Char(':'));
    if (colon > 0 && colon < 6) // "email:", "phone:", "chat:", "sip:" — show the address alone
        who = who.mid(colon + 1);
    return who;
}

QString EventPresenter::text(const Event& event) {
    const QString messageText = payloadString(event, QLatin1String("text"));
    if (event.kind == kinds::MessageIn || event.kind == kinds::MessageOut || event.kind == kinds::Note)
        return messageText;

    if (event.kind == kinds::CallEnded) {
        const qint64 duration = callDuration(event);
        const bool incoming = isIncomingCall(event);
        if (duration < 0) {
            const QString summary = incoming ? tr("Incoming call") : tr("Outgoing call");
            return messageText.isEmpty() ? summary : summary + QLatin1Char('\n') + messageText;
        }
        //: %1 is the call's duration, such as 4:12
        const QString summary = incoming ? tr("Incoming call, %1").arg(formatDuration(duration))
                                         : tr("Outgoing call, %1").arg(formatDuration(duration));
        // The agent's call notes, when there are any, go under the summary.
        return messageText.isEmpty() ? summary : summary + QLatin1Char('\n') + messageText;
    }
    if (event.kind == kinds::CallMissed)
        return tr("Missed call");
    if (event.kind == kinds::CallRinging)
        return isIncomingCall(event) ? tr("Incoming call ringing") : tr("Calling the customer");
    if (event.kind == kinds::CallAnswered) {
        if (!event.author.isEmpty() && event.author != event.identity)
            return tr("Call answered by %1").arg(event.author);
        return tr("Call answered");
    }

    if (event.kind == kinds::StatusChanged) {
        const QString stateName = payloadString(event, QLatin1String("state"));
        const std::optional<core::CaseState> state = core::caseStateFromName(stateName);
        const QString title = state ? stateTitle(*state) : stateName;
        if (!event.author.isEmpty())
            //: %1 is an agent, %2 a case state such as Resolved
            return tr("%1 set the case to %2").arg(event.author, title);
        return tr("Case set to %1").arg(title);
    }
    if (event.kind == kinds::Assigned) {
        QString agent = payloadString(event, QLatin1String("agent"));
        if (agent.isEmpty())
            agent = payloadString(event, QLatin1String("to"));
        return agent.isEmpty() ? tr("Case assigned") : tr("Assigned to %1").arg(agent);
    }
    if (event.kind == kinds::CustomerMerged) {
        // The payload names customers by id; a name is shown only when the source gave one.
        const QString other = payloadString(event, QLatin1String("from_name"));
        return other.isEmpty() ? tr("Another customer record was merged into this one")
                               : tr("Merged with customer %1").arg(other);
    }
    if (event.kind == kinds::IdentityLinked) {
        QString identity = payloadString(event, QLatin1String("identity"));
        if (identity.isEmpty())
            identity = event.identity;
        return tr("Linked %1 to this customer").arg(identity);
    }
    if (event.kind == kinds::CustomerUpdated) {
        const QString name = payloadString(event, QLatin1String("name"));
        //: %1 is the customer's name as a channel or an import gave it
        return name.isEmpty() ? tr("Customer details updated") : tr("Customer's name recorded as %1").arg(name);
    }
    if (event.kind == kinds::DeliveryUpdated) {
        const QString status = payloadString(event, QLatin1String("status"));
        //: %1 is a delivery status reported by the channel, such as "delivered"
        return status.isEmpty() ? tr("Delivery updated") : tr("Delivery: %1").arg(status);
    }
    if (event.kind == kinds::ChatStarted)
        return tr("Chat started");
    if (event.kind == kinds::ChatEnded)
        return tr("Chat ended");
    if (event.kind == kinds::ChatTransferred) {
        const QString agent = payloadString(event, QLatin1String("to"));
        return agent.isEmpty() ? tr("Chat transferred") : tr("Chat transferred to %1").arg(agent);
    }
    return messageText.isEmpty() ? event.kind : messageText;
}

QString EventPresenter::timestamp(qint64 occurredAtUtcMs) {
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(occurredAtUtcMs, Qt::UTC).toLocalTime();
    return QLocale().toString(local, QLocale::ShortFormat);
}

QString EventPresenter::listTime(qint64 occurredAtUtcMs, const QDateTime& now) {
    if (occurredAtUtcMs <= 0)
        return {};
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(occurredAtUtcMs, Qt::UTC).toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QDate day = local.date();
    const QLocale locale;
    if (day == today)
        return locale.toString(local.time(), QLocale::ShortFormat);
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day > today.addDays(-7) && day < today)
        return locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return locale.toString(day, QLocale::ShortFormat);
}

QString EventPresenter::channelTitle(Channel channel) {
    switch (channel) {
    case Channel::Email:
        return tr("E-mail");
    case Channel::Chat:
        return tr("Chat");
    case Channel::Sms:
        return tr("SMS");
    case Channel::Voice:
        return tr("Voice");
    case Channel::Note:
        return tr("Internal note");
    case Channel::System:
        return tr("System");
    }
    return {};
}

QString EventPresenter::stateTitle(core::CaseState state) {
    switch (state) {
    case core::CaseState::Open:
        //: A case state
        return tr("Open");
    case core::CaseState::Pending:
        //: A case state
        return tr("Pending");
    case core::CaseState::Resolved:
        //: A case state
        return tr("Resolved");
    }
    return {};
}

QString EventPresenter::identityKindTitle(QStringView kind) {
    if (kind == QLatin1String("email"))
        return tr("E-mail");
    if (kind == QLatin1String("phone"))
        return tr("Phone");
    if (kind == QLatin1String("chat"))
        //: A web chat visitor id
        return tr("Chat");
    if (kind == QLatin1String("sip"))
        return tr("SIP");
    return kind.toString();
}

} // namespace tl::ui
