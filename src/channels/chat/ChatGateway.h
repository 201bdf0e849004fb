#pragma once

#include "ChatFrames.h"
#include "ChatSettings.h"

#include "core/ImportRecord.h"

#include <QHash>
#include <QMultiHash>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace tl::server {
class ServerMetrics;
class StoreThread;
} // namespace tl::server

namespace tl::chat {

class ChatVisitor;

/// The server's side of the web chat (docs/chat.md): owns the visitors' /chat/ws WebSockets, stores what they
/// send as events of the log (through the same ingest as imports, so identities link and customers resolve), and
/// pushes to each visitor what agents write to it.
///
/// Agents' replies reach the visitor the robust way: the gateway keeps its own log cursor and, whenever events
/// were committed (here, by a workstation's submit, or by another server instance), reads the chat-channel events
/// after it and hands each to the connected visitors of its identity. A (re)connecting visitor gets its
/// conversation from the log. Nothing is kept per visitor but its open sockets. Thread: the main thread.
class ChatGateway final : public QObject {
    Q_OBJECT
public:
    /// Whether an agent who may take chats of \a queue is available.
    using Availability = std::function<bool(const QString& queue)>;

    ChatGateway(server::StoreThread& store, server::ServerMetrics& metrics, const ChatSettings& settings,
                QObject* parent = nullptr);
    ~ChatGateway() override;

    /// Replaces the availability check (default: always available).
    void setAvailability(Availability availability);
    /// Takes over a WebSocket that asked for /chat/ws.
    void addConnection(std::unique_ptr<QWebSocket> socket);
    /// Closes every visitor connection with 1001.
    void shutdown();
    /// Open visitor connections (welcomed or not).
    [[nodiscard]] qsizetype visitorCount() const { return m_visitors.size(); }
    [[nodiscard]] const ChatSettings& settings() const { return m_settings; }

public slots:
    /// Events were committed (anywhere): read the chat events after the cursor and push them.
    void eventsAppended();
    /// An agent started or stopped typing to the visitor(s) of \a identity ("chat:<visitor>").
    void agentTyping(const QString& identity, const QString& agentName, bool active);
    /// Checks agent availability again and tells the visitors when it changed.
    void refreshAvailability();

signals:
    /// A visitor started or stopped typing (throttled: a change, or a repeat every few seconds while typing).
    void visitorTyping(const QString& identity, bool active);
    /// The gateway committed events (for the sync hub to fan them out to workstations).
    void eventsStored();

private:
    struct PendingWrite {
        core::ImportRecord record;
        quint64 visitor = 0;
        QString clientId;
    };

    void onFrame(ChatVisitor* visitor, const ChatClientFrame& frame);
    void onClosed(ChatVisitor* visitor);
    void onHello(ChatVisitor* visitor, const ChatHello& hello);
    void onStart(ChatVisitor* visitor, const ChatStart& start);
    void onSend(ChatVisitor* visitor, const ChatSend& send);
    void onEnd(ChatVisitor* visitor, const ChatEnd& end);
    void onOffline(ChatVisitor* visitor, const ChatOffline& offline);
    void onTyping(ChatVisitor* visitor, bool active);
    /// Normalizes the contact's e-mail and phone; false (after telling the visitor) when one is malformed.
    bool contactIdentities(ChatVisitor* visitor, const QString& clientId, const ChatContact& contact,
                           QStringList* identities);
    [[nodiscard]] core::ImportRecord record(ChatVisitor* visitor, const QString& kind, QStringView idKind,
                                            const QString& clientId, const QJsonObject& payload) const;
    void write(ChatVisitor* visitor, const core::ImportRecord& record, const QString& clientId);
    void flushWrites();
    void scheduleRead();
    void runRead();
    void checkIdle();
    void endIdleChat(const QString& identity);
    [[nodiscard]] bool originAllowed(const ChatVisitor& visitor) const;
    [[nodiscard]] bool agentsAvailable() const;
    [[nodiscard]] qint64 now() const;

    server::StoreThread& m_store;
    server::ServerMetrics& m_metrics;
    ChatSettings m_settings;
    Availability m_availability;
    QHash<quint64, ChatVisitor*> m_visitors;
    /// Welcomed visitors by identity (a visitor may have several tabs open).
    QMultiHash<QString, quint64> m_byIdentity;
    /// Visitor connections per client address.
    QHash<QString, int> m_perAddress;
    /// The open chat (its chat.started id) of identities with connected visitors.
    QHash<QString, QString> m_openChats;
    /// Identities whose last visitor left while their chat was open: when to check whether it went idle.
    QHash<QString, qint64> m_idleDeadlines;
    quint64 m_nextId = 1;
    /// Every chat event with seq <= m_cursor has been handled; -1 until the head is known.
    qint64 m_cursor = -1;
    bool m_readRunning = false;
    bool m_readWanted = false;
    bool m_readScheduled = false;
    QVector<PendingWrite> m_writes;
    bool m_writeRunning = false;
    bool m_lastAvailability = false;
    QTimer m_availabilityTimer;
    QTimer m_idleTimer;
};

} // namespace tl::chat
