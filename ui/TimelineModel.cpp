#include "TimelineModel.h"

#include "EventPresenter.h"
#include "MailAttachment.h"

#include "core/EventKind.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTimeline, "threadline.ui.timeline")

namespace tl::ui {

using core::Event;
using store::TimelineKey;
using store::TimelinePage;

TimelineModel::TimelineModel(store::StoreClient& store, QString customerId, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_customerId(std::move(customerId)) {
    connect(&m_store, &store::StoreClient::customersChanged, this, &TimelineModel::onCustomersChanged);
}

int TimelineModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event& event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return EventPresenter::text(event);
    case Qt::ToolTipRole: {
        const QString time = EventPresenter::timestamp(event.occurredAt);
        if (deliveryOf(event.id) == Delivery::Delivered)
            return time;
        // Two lines: the time, then the delivery mark.
        return time + QLatin1Char('\n') + data(index, DeliveryTextRole).toString();
    }
    case DeliveryRole:
        return static_cast<int>(deliveryOf(event.id));
    case DeliveryTextRole:
        switch (deliveryOf(event.id)) {
        case Delivery::Delivered:
            return QString();
        case Delivery::Pending:
            //: Under an agent's reply or note that waits in the outbox (offline, or on its way).
            return tr("Not sent yet");
        case Delivery::Refused:
            //: Under an agent's action the server refused; %1 is the server's reason.
            return tr("Not delivered: %1").arg(m_undelivered.value(event.id));
        case Delivery::Undeliverable: {
            const ChannelReport& report = m_reports[event.id];
            if (report.status == QLatin1String("bounced"))
                //: Under an agent's e-mail that came back as undeliverable; %1 is the mail server's reason
                return tr("Bounced: %1").arg(report.detail);
            if (report.status == QLatin1String("refused"))
                //: Under an agent's e-mail the recipient's mail server refused; %1 is its reason
                return tr("Refused by the mail server: %1").arg(report.detail);
            //: Under an agent's message the server gave up sending; %1 is the last error
            return tr("Could not be sent: %1").arg(report.detail);
        }
        }
        return QString();
    case EventIdRole:
        return event.id;
    case ChannelRole:
        return static_cast<int>(event.channel);
    case KindRole:
        return event.kind;
    case SideRole:
        return static_cast<int>(EventPresenter::side(event));
    case AuthorRole:
        return EventPresenter::author(event);
    case OccurredAtRole:
        return event.occurredAt;
    case TimestampRole:
        return EventPresenter::timestamp(event.occurredAt);
    case SubjectRole:
        return EventPresenter::subject(event);
    case HeadlineRole:
        return EventPresenter::headline(event);
    case BodyRole:
        return EventPresenter::body(event);
    case EventRole:
        return QVariant::fromValue(event);
    case AttachmentsRole: {
        QStringList labels;
        for (const MailAttachment& attachment : MailAttachment::listed(event))
            labels.append(EventPresenter::attachmentLabel(attachment.name, attachment.size));
        return labels;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(EventIdRole, "eventId");
    names.insert(ChannelRole, "channel");
    names.insert(KindRole, "kind");
    names.insert(SideRole, "side");
    names.insert(AuthorRole, "author");
    names.insert(OccurredAtRole, "occurredAt");
    names.insert(TimestampRole, "timestamp");
    names.insert(SubjectRole, "subject");
    names.insert(TextRole, "text");
    names.insert(HeadlineRole, "headline");
    names.insert(BodyRole, "body");
    names.insert(EventRole, "event");
    names.insert(DeliveryRole, "delivery");
    names.insert(DeliveryTextRole, "deliveryText");
    names.insert(AttachmentsRole, "attachments");
    return names;
}

QString TimelineModel::lastEmailSubject() const {
    for (auto it = m_events.crbegin(); it != m_events.crend(); ++it) {
        const QString subject = EventPresenter::subject(*it);
        if (!subject.isEmpty())
            return subject;
    }
    return {};
}

QString TimelineModel::newestIdentity(core::Channel channel) const {
    for (auto it = m_events.crbegin(); it != m_events.crend(); ++it) {
        if (it->channel == channel && !it->identity.isEmpty())
            return it->identity;
    }
    return {};
}

void TimelineModel::reload() {
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_events.clear();
    m_ids.clear();
    m_undelivered.clear();
    m_reports.clear();
    m_hasOlder = false;
    m_loaded = false;
    endResetModel();
    m_fetchingOlder = false;
    m_fetchingNewer = false;
    m_newerAgain = false;
    m_loadingNewest = true;

    m_store.timelineNewest(m_customerId, m_pageSize, this, [this, generation](core::Result<TimelinePage> result) {
        if (generation != m_generation)
            return;
        m_loadingNewest = false;
        if (!result.ok()) {
            qCWarning(lcTimeline) << "loading the timeline of" << m_customerId << "failed:" << result.error();
            emit loadFailed(result.error());
            return;
        }
        const TimelinePage& page = result.value();
        if (!page.events.isEmpty()) {
            beginInsertRows({}, 0, static_cast<int>(page.events.size()) - 1);
            m_events = page.events;
            for (const Event& event : std::as_const(m_events))
                m_ids.insert(event.id);
            endInsertRows();
        }
        m_hasOlder = page.hasOlder;
        m_loaded = true;
        watchDelivery(page.events);
        collectReports(page.events);
        emit loaded();
        if (m_newerAgain) {
            m_newerAgain = false;
            requestNewer();
        }
    });
}

void TimelineModel::fetchOlder() {
    if (!m_loaded || !m_hasOlder || m_fetchingOlder || m_events.isEmpty())
        return;
    m_fetchingOlder = true;
    const quint64 generation = m_generation;
    m_store.timelineBefore(m_customerId, TimelineKey::of(m_events.constFirst()), m_pageSize, this,
                           [this, generation](core::Result<TimelinePage> result) {
                               if (generation != m_generation)
                                   return;
                               m_fetchingOlder = false;
                               if (!result.ok()) {
                                   emit loadFailed(result.error());
                                   return;
                               }
                               QVector<Event> older;
                               older.reserve(result.value().events.size());
                               for (const Event& event : result.value().events) {
                                   if (!m_ids.contains(event.id))
                                       older.append(event);
                               }
                               m_hasOlder = result.value().hasOlder;
                               if (!older.isEmpty()) {
                                   beginInsertRows({}, 0, static_cast<int>(older.size()) - 1);
                                   for (const Event& event : std::as_const(older))
                                       m_ids.insert(event.id);
                                   watchDelivery(older);
                                   collectReports(older);
                                   older.append(m_events);
                                   m_events = std::move(older);
                                   endInsertRows();
                               }
                               emit olderLoaded(static_cast<int>(result.value().events.size()));
                           });
}

void TimelineModel::fetchNewer() {
    if (m_loadingNewest || m_fetchingNewer) {
        m_newerAgain = true;
        return;
    }
    if (!m_loaded) {
        reload();
        return;
    }
    requestNewer();
}

void TimelineModel::onCustomersChanged(const QStringList& customerIds) {
    if (!customerIds.isEmpty() && !customerIds.contains(m_customerId))
        return;
    fetchNewer();
    // An acknowledgement changes no row's place, only its mark: re-read the rows still marked.
    if (!m_undelivered.isEmpty())
        refreshDelivery(m_undelivered.keys());
}

void TimelineModel::requestNewer() {
    m_fetchingNewer = true;
    const quint64 generation = m_generation;
    auto done = [this, generation](core::Result<TimelinePage> result) {
        if (generation != m_generation)
            return;
        m_fetchingNewer = false;
        if (!result.ok()) {
            emit loadFailed(result.error());
            return;
        }
        bool inbound = false;
        const QVector<Event>& events = result.value().events;
        appendNewer(events, inbound);
        // A full page means there may be more; otherwise answer whatever arrived meanwhile.
        if (events.size() >= m_pageSize || m_newerAgain) {
            m_newerAgain = false;
            requestNewer();
        }
        if (!events.isEmpty())
            emit newerLoaded(static_cast<int>(events.size()), inbound);
    };
    if (m_events.isEmpty())
        m_store.timelineNewest(m_customerId, m_pageSize, this, std::move(done));
    else
        m_store.timelineAfter(m_customerId, TimelineKey::of(m_events.constLast()), m_pageSize, this, std::move(done));
}

void TimelineModel::appendNewer(const QVector<Event>& events, bool& inbound) {
    QVector<Event> fresh;
    for (const Event& event : events) {
        if (!m_ids.contains(event.id))
            fresh.append(event);
    }
    if (fresh.isEmpty())
        return;
    const int first = static_cast<int>(m_events.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (const Event& event : std::as_const(fresh)) {
        m_ids.insert(event.id);
        inbound = inbound || core::kinds::isInbound(event.kind);
        m_events.append(event);
    }
    endInsertRows();
    watchDelivery(fresh);
    collectReports(fresh);
}

TimelineModel::Delivery TimelineModel::deliveryOf(const QString& eventId) const {
    const auto undelivered = m_undelivered.constFind(eventId);
    if (undelivered != m_undelivered.constEnd())
        return undelivered->isEmpty() ? Delivery::Pending : Delivery::Refused;
    const auto report = m_reports.constFind(eventId);
    if (report != m_reports.constEnd() && report->status != QLatin1String("sent") &&
        report->status != QLatin1String("delivered"))
        return Delivery::Undeliverable;
    return Delivery::Delivered;
}

void TimelineModel::collectReports(const QVector<Event>& events) {
    QSet<QString> changed;
    for (const Event& event : events) {
        if (event.kind != core::kinds::DeliveryUpdated)
            continue;
        const QString target = event.payload.value(QLatin1String("event")).toString();
        if (target.isEmpty())
            continue;
        // The newest report wins (a retry that succeeded after a failure, say), whatever order pages load in.
        const auto known = m_reports.constFind(target);
        if (known != m_reports.constEnd() && known->occurredAt > event.occurredAt)
            continue;
        m_reports.insert(target, {event.payload.value(QLatin1String("status")).toString(),
                                  event.payload.value(QLatin1String("detail")).toString(), event.occurredAt});
        changed.insert(target);
    }
    if (changed.isEmpty())
        return;
    for (int row = 0; row < m_events.size(); ++row) {
        if (changed.contains(m_events.at(row).id)) {
            const QModelIndex changedIndex = index(row);
            emit dataChanged(changedIndex, changedIndex, {DeliveryRole, DeliveryTextRole, Qt::ToolTipRole});
        }
    }
}

void TimelineModel::watchDelivery(const QVector<Event>& events) {
    // Only this workstation's own writes are local (seq 0) and can wait in the outbox; an event the server
    // sent always has its seq.
    QStringList local;
    for (const Event& event : events) {
        if (event.seq == 0)
            local.append(event.id);
    }
    if (!local.isEmpty())
        refreshDelivery(local);
}

void TimelineModel::refreshDelivery(const QStringList& eventIds) {
    const quint64 generation = m_generation;
    m_store.outboxEntries(
        eventIds, this, [this, generation, eventIds](core::Result<QVector<store::OutboxEntry>> result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                qCWarning(lcTimeline) << "reading the outbox state failed:" << result.error();
                return;
            }
            QHash<QString, QString> states;
            for (const store::OutboxEntry& entry : result.value())
                states.insert(entry.eventId, entry.error);
            QSet<QString> changed;
            for (const QString& id : eventIds) {
                const auto state = states.constFind(id);
                const auto known = m_undelivered.constFind(id);
                if (state == states.constEnd()) {
                    if (known != m_undelivered.constEnd()) {
                        m_undelivered.erase(known);
                        changed.insert(id);
                    }
                } else if (known == m_undelivered.constEnd() || *known != *state) {
                    m_undelivered.insert(id, *state);
                    changed.insert(id);
                }
            }
            if (changed.isEmpty())
                return;
            for (int row = 0; row < m_events.size(); ++row) {
                if (changed.contains(m_events.at(row).id)) {
                    const QModelIndex changedIndex = index(row);
                    emit dataChanged(changedIndex, changedIndex, {DeliveryRole, DeliveryTextRole, Qt::ToolTipRole});
                }
            }
        });
}

} // namespace tl::ui
