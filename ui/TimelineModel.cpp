#include "TimelineModel.h"

#include "EventPresenter.h"

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
    case Qt::ToolTipRole:
        return EventPresenter::timestamp(event.occurredAt);
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

void TimelineModel::reload() {
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_events.clear();
    m_ids.clear();
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
    if (customerIds.isEmpty() || customerIds.contains(m_customerId))
        fetchNewer();
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
}

} // namespace tl::ui
