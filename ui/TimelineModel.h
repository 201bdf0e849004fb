#pragma once

#include "core/Event.h"
#include "store/StoreClient.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QVector>

namespace tl::ui {

/// One customer's merged timeline, oldest first, loaded lazily: the newest page first, older pages on
/// fetchOlder() (prepended), newer events when the store reports the customer changed (appended). Never
/// holds more of the timeline than the agent scrolled through. Thread: GUI.
///
/// canFetchMore() stays false on purpose: item views call fetchMore() whenever the *last* row is visible,
/// which for a bottom-anchored timeline would pull the whole history in; TimelineView asks for older pages
/// when the agent reaches the top.
class TimelineModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        ChannelRole, ///< int (core::Channel)
        KindRole,
        SideRole, ///< int (EventSide)
        AuthorRole,
        OccurredAtRole, ///< qint64, UTC ms
        TimestampRole,  ///< the time in the user's locale
        SubjectRole,
        TextRole,
        HeadlineRole,     ///< the bubble's bold line: the e-mail subject or a call's summary
        BodyRole,         ///< the bubble's body: the message text or a call's notes
        EventRole,        ///< the whole core::Event
        DeliveryRole,     ///< int (Delivery): whether this workstation's own action reached the server
        DeliveryTextRole, ///< the delivery mark shown under the bubble; empty once delivered
        AttachmentsRole,  ///< QStringList: the e-mail's attachments as listed under the text ("a.pdf (61 bytes)")
    };

    /// Where an action written on this workstation stands on its way to the server.
    enum class Delivery {
        Delivered, ///< stored by the server, or not this workstation's action at all
        Pending,   ///< in the outbox, waiting for the server
        Refused,   ///< the server refused it; the reason is in DeliveryTextRole and the tooltip
        /// The channel could not deliver it (a mail server refused or bounced it, sending gave up): a later
        /// delivery.updated event names it; the reason is in DeliveryTextRole and the tooltip.
        Undeliverable,
    };

    TimelineModel(store::StoreClient& store, QString customerId, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const QString& customerId() const { return m_customerId; }
    [[nodiscard]] const core::Event& eventAt(int row) const { return m_events.at(row); }

    /// Events per request (default 100).
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    [[nodiscard]] int pageSize() const { return m_pageSize; }

    /// Drops what is loaded and loads the newest page.
    void reload();
    /// Loads the page before the oldest loaded event; does nothing while a request for it is running.
    void fetchOlder();
    /// Loads every event after the newest loaded one.
    void fetchNewer();

    /// True when older events exist that are not loaded yet.
    [[nodiscard]] bool hasOlder() const { return m_hasOlder; }
    [[nodiscard]] bool isFetchingOlder() const { return m_fetchingOlder; }
    /// True once the newest page arrived.
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    /// The subject of the newest loaded e-mail, for the composer's "Re:" line.
    [[nodiscard]] QString lastEmailSubject() const;
    /// The customer-side identity of the newest loaded event on \a channel ("chat:<visitor>"), or empty.
    [[nodiscard]] QString newestIdentity(core::Channel channel) const;

signals:
    /// The newest page arrived (after construction or reload()).
    void loaded();
    /// \a count older events were prepended.
    void olderLoaded(int count);
    /// \a count newer events were appended; \a inbound says whether one of them came from the customer.
    void newerLoaded(int count, bool inbound);
    void loadFailed(const QString& error);

private:
    void onCustomersChanged(const QStringList& customerIds);
    void requestNewer();
    void appendNewer(const QVector<core::Event>& events, bool& inbound);
    /// Asks the store which of \a events (local ones, seq 0) still wait in the outbox, and marks their rows.
    void watchDelivery(const QVector<core::Event>& events);
    /// Re-reads the outbox state of \a eventIds and updates the rows whose mark changed.
    void refreshDelivery(const QStringList& eventIds);
    [[nodiscard]] Delivery deliveryOf(const QString& eventId) const;
    /// Notes the delivery.updated events among \a events on the messages they report on, and repaints those rows.
    void collectReports(const QVector<core::Event>& events);

    store::StoreClient& m_store;
    QString m_customerId;
    QVector<core::Event> m_events;
    QSet<QString> m_ids;
    /// Rows still in the outbox: event id → the server's refusal ("" while pending).
    QHash<QString, QString> m_undelivered;
    /// What the channel reported for an outbound message (delivery.updated events): event id → the newest report.
    struct ChannelReport final {
        QString status; ///< "sent", "refused", "bounced", "failed"
        QString detail;
        qint64 occurredAt = 0;
    };
    QHash<QString, ChannelReport> m_reports;
    int m_pageSize = 100;
    quint64 m_generation = 0; ///< bumped by reload(); answers to older generations are dropped
    bool m_hasOlder = false;
    bool m_loaded = false;
    bool m_loadingNewest = false;
    bool m_fetchingOlder = false;
    bool m_fetchingNewer = false;
    bool m_newerAgain = false;
};

} // namespace tl::ui
