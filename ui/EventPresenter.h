#pragma once

#include "core/Channel.h"
#include "core/Customer.h"
#include "core/Event.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace tl::ui {

/// Which side of the conversation an event belongs to; decides where and how the timeline draws it.
enum class EventSide {
    Inbound,  ///< written or placed by the customer: the leading side
    Outbound, ///< written or placed by an agent: the trailing side
    Internal, ///< an agent's internal note: the trailing side, tinted
    System,   ///< a state change, a merge, a linked identity: a small centered line
};

/// Turns events, channels and states into the words and sides an agent sees. Thread: GUI.
class EventPresenter final {
    Q_DECLARE_TR_FUNCTIONS(EventPresenter)

public:
    [[nodiscard]] static EventSide side(const core::Event& event);
    /// The event's main text: the message, "Incoming call, 4:12", "Missed call", "Case set to Resolved", ...
    [[nodiscard]] static QString text(const core::Event& event);
    /// The e-mail subject, or empty.
    [[nodiscard]] static QString subject(const core::Event& event);
    /// The bubble's bold first line: the e-mail subject, or a call's summary ("Incoming call, 4:12"); may be empty.
    [[nodiscard]] static QString headline(const core::Event& event);
    /// The bubble's body: the message, or a call's notes; may be empty.
    [[nodiscard]] static QString body(const core::Event& event);
    /// Who wrote it, for the bubble's header: the agent login, or the customer-side address.
    [[nodiscard]] static QString author(const core::Event& event);
    /// "4:12" or "1:02:03" for a duration in seconds.
    [[nodiscard]] static QString formatDuration(qint64 seconds);
    /// The call's duration in seconds, from the payload ("duration", "duration_s" or "duration_ms"); -1 if none.
    [[nodiscard]] static qint64 callDuration(const core::Event& event);
    /// True when the call was placed by the customer ("direction" in the payload; missed calls are inbound).
    [[nodiscard]] static bool isIncomingCall(const core::Event& event);

    /// The event's time in the user's locale.
    [[nodiscard]] static QString timestamp(qint64 occurredAtUtcMs);
    /// The customer list's time: the time today, "Yesterday", the weekday within a week, else the date.
    [[nodiscard]] static QString listTime(qint64 occurredAtUtcMs, const QDateTime& now);

    /// An attachment as the timeline lists it: "offer.pdf (1.2 MB)", the size in the user's locale.
    [[nodiscard]] static QString attachmentLabel(const QString& name, qint64 size);
    /// True when the event is an e-mail that carries sanitized HTML ("Show Original (HTML)").
    [[nodiscard]] static bool hasHtml(const core::Event& event);

    /// "E-mail", "Chat", "SMS", "Voice", "Internal note", "System".
    [[nodiscard]] static QString channelTitle(core::Channel channel);
    /// "Open", "Pending", "Resolved".
    [[nodiscard]] static QString stateTitle(core::CaseState state);
    /// "E-mail", "Phone", "Chat", "SIP" for the kind part of "KIND:VALUE".
    [[nodiscard]] static QString identityKindTitle(QStringView kind);
};

} // namespace tl::ui
