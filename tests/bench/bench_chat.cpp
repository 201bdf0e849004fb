// bench_chat: N web chat visitors on loopback against one threadline-server, and one real workstation (tests/bench/
// README.md; figures in docs/chat.md, "Performance").
//
// It starts the real threadline-server (SQLite in a temporary directory) with a configuration that lifts the chat
// limits meant for the internet (visitors per address, messages per minute: every bench visitor comes from 127.0.0.1
// and sends far more than a person types); creates an agent of the chat queue through the REST API; runs the REAL
// workstation sync (tl_store StoreClient on a cache file + tl_sync SyncClient, wired as app/threadline does) in this
// process's main thread; and opens --visitors /chat/ws connections spread over --threads client threads (each with
// its own event loop), each doing hello → welcome → start → ack. Then, in steps of offered --rates (messages per
// second over all visitors, --seconds each), the visitors send messages round robin.
//
// Latency of a visitor message: from the moment its frame is handed to the visitor's socket (steady clock, in this
// process; kept in a ledger indexed by the number in the message's client id "b<N>") to the moment the workstation's
// SyncClient reports it in liveArrived — which SyncWorker emits right after the transaction that wrote it into the
// cache committed, queued to the main thread like every signal the workstation's windows get. So it is "the browser
// sent it" → "it is in the agent's cache and the GUI thread knows", with one cross-thread hop included.
// Every --reply-every'th visitor message, the workstation answers: StoreClient::appendOutbound(chat, message.out) as
// the composer does (cache + outbox), delivered by the SyncClient; latency from that call to the "item" frame
// arriving at the visitor's socket.
//
//   bench_chat                                       # 1000 visitors, 4 threads, rates 100..1000 msg/s, 10 s each
//   bench_chat --visitors 200 --rates 50,200 --seconds 5
#include "BenchSupport.h"
#include "HttpTestClient.h"
#include "ServerProcess.h"

#include "core/Event.h"
#include "core/EventKind.h"
#include "protocol/FrameCodec.h"
#include "store/StoreClient.h"
#include "sync/SyncClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <vector>

#include <sys/resource.h>

using namespace tl;
using namespace tl::bench;
using namespace Qt::StringLiterals;

namespace {

/// How often the main thread (which also runs the workstation) checks what it waits for, in ms.
constexpr int pollMs = 5;

/// Latency samples in nanoseconds; exact quantiles (a run has at most a few hundred thousand).
struct Samples final {
    std::vector<qint64> ns;
    void add(qint64 value) { ns.push_back(value); }
    void merge(const Samples& other) { ns.insert(ns.end(), other.ns.begin(), other.ns.end()); }
    [[nodiscard]] double ms(double quantile) {
        if (ns.empty())
            return 0;
        std::sort(ns.begin(), ns.end());
        const auto rank = static_cast<size_t>(std::ceil(quantile * static_cast<double>(ns.size())));
        return static_cast<double>(ns[std::clamp<size_t>(rank, 1, ns.size()) - 1]) / 1e6;
    }
};

/// When each visitor message (numbered across all visitors) was sent and acknowledged, and each agent reply sent.
struct Ledger final {
    explicit Ledger(qint64 size)
        : sentNs(new std::atomic<qint64>[static_cast<size_t>(size)]())
        , ackedNs(new std::atomic<qint64>[static_cast<size_t>(size)]())
        , replySentNs(new std::atomic<qint64>[static_cast<size_t>(size)]())
        , capacity(size) {}
    std::unique_ptr<std::atomic<qint64>[]> sentNs;
    std::unique_ptr<std::atomic<qint64>[]> ackedNs;
    std::unique_ptr<std::atomic<qint64>[]> replySentNs;
    qint64 capacity;
    std::atomic<qint64> next{0};
    std::atomic<qint64> nextReply{0};
};

struct Options final {
    int visitors = 1000;
    int threads = 4;
    QList<double> rates{100, 250, 500, 1000};
    double seconds = 10;
    int tickMs = 10;
    int replyEvery = 10;
    int textBytes = 60;
    int connectWindow = 25;
    int drainSeconds = 30;
    double maxP99Ms = 50;
};

/// What a client thread measured during a step.
struct ThreadStats final {
    Samples sendToAck;
    Samples replyToVisitor;
    QStringList problems;
    void merge(ThreadStats&& other) {
        sendToAck.merge(other.sendToAck);
        replyToVisitor.merge(other.replyToVisitor);
        problems += other.problems;
    }
};

struct Visitor final {
    int index = 0;
    QWebSocket* socket = nullptr;
    QString token;
    bool started = false;
};

/// A client thread: its visitors' sockets live and are served here. Everything but the atomics is touched only on
/// this thread (the main thread calls in with QMetaObject::invokeMethod).
class VisitorThread final : public QObject {
public:
    VisitorThread(Ledger& ledger, const Options& options)
        : m_ledger(ledger)
        , m_options(options)
        , m_text(u" bench message "_s + QString(options.textBytes, u'x')) {}

    std::atomic<int> started{0};
    std::atomic<int> closed{0};
    std::atomic<qint64> sent{0};
    std::atomic<qint64> acked{0};
    std::atomic<qint64> errors{0};
    std::atomic<qint64> replies{0};

    /// Opens \a count visitor connections, at most --connect-window at a time waiting for their start's ack.
    void open(const QUrl& url, int firstIndex, int count) {
        m_url = url;
        m_tick = new QTimer(this);
        m_tick->setTimerType(Qt::PreciseTimer);
        m_tick->setInterval(m_options.tickMs);
        connect(m_tick, &QTimer::timeout, this, [this] { tick(); });
        m_ping = new QTimer(this);
        connect(m_ping, &QTimer::timeout, this, [this] { pingAll(); });
        for (int i = 0; i < count; ++i) {
            auto visitor = std::make_unique<Visitor>();
            visitor->index = firstIndex + i;
            QString token;
            for (int word = 0; word < 8; ++word)
                token += u"%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
            visitor->token = token;
            m_visitors.push_back(std::move(visitor));
        }
        for (int i = 0; i < m_options.connectWindow; ++i)
            connectNext();
    }

    void startStep(double rate, qint64 startNs, qint64 endNs) {
        m_rate = rate;
        m_stepStart = startNs;
        m_stepEnd = endNs;
        m_sentInStep = 0;
        m_tick->start();
    }

    ThreadStats takeStats() { return std::exchange(m_stats, ThreadStats{}); }

    void closeAll() {
        m_closing = true;
        m_tick->stop();
        m_ping->stop();
        for (const auto& visitor : m_visitors) {
            if (visitor->socket) {
                visitor->socket->disconnect(this);
                visitor->socket->close();
            }
        }
    }

private:
    void connectNext() {
        if (m_connected >= m_visitors.size())
            return;
        Visitor* visitor = m_visitors[m_connected++].get();
        visitor->socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(visitor->socket, &QWebSocket::connected, this, [this, visitor] {
            send(*visitor, QJsonObject{{u"type"_s, u"hello"_s},
                                       {u"protocol"_s, 1},
                                       {u"token"_s, visitor->token},
                                       {u"page"_s, u"https://shop.example/bench"_s},
                                       {u"language"_s, u"en"_s}});
        });
        connect(visitor->socket, &QWebSocket::textMessageReceived, this,
                [this, visitor](const QString& text) { onMessage(*visitor, text); });
        connect(visitor->socket, &QWebSocket::disconnected, this, [this, visitor] {
            if (!m_closing) {
                m_stats.problems.append(u"visitor %1 was disconnected (close code %2: %3)"_s.arg(visitor->index)
                                            .arg(visitor->socket->closeCode())
                                            .arg(visitor->socket->closeReason()));
                ++errors;
            }
            ++closed;
        });
        visitor->socket->open(m_url);
    }

    void send(Visitor& visitor, const QJsonObject& frame) {
        visitor.socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    void onMessage(Visitor& visitor, const QString& text) {
        const qint64 arrivedNs = nowNs();
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value(u"type"_s).toString();
        if (type == u"ack") {
            const QString id = frame.value(u"id"_s).toString();
            if (id == u"s") {
                visitor.started = true;
                ++started;
                connectNext();
                if (!m_ping->isActive())
                    m_ping->start(10000);
                return;
            }
            bool numeric = false;
            const qint64 number = QStringView(id).mid(1).toLongLong(&numeric);
            if (!numeric || number < 0 || number >= m_ledger.capacity)
                return;
            m_ledger.ackedNs[static_cast<size_t>(number)].store(arrivedNs, std::memory_order_release);
            m_stats.sendToAck.add(arrivedNs -
                                  m_ledger.sentNs[static_cast<size_t>(number)].load(std::memory_order_acquire));
            ++acked;
        } else if (type == u"welcome") {
            send(visitor, QJsonObject{{u"type"_s, u"start"_s},
                                      {u"id"_s, u"s"_s},
                                      {u"name"_s, u"Bench visitor %1"_s.arg(visitor.index)}});
        } else if (type == u"item") {
            const QJsonObject item = frame.value(u"item"_s).toObject();
            if (item.value(u"from"_s).toString() != u"agent")
                return;
            const QString replyText = item.value(u"text"_s).toString();
            bool numeric = false;
            const qint64 number = QStringView(replyText).mid(1, replyText.indexOf(u' ') - 1).toLongLong(&numeric);
            if (!numeric || number < 0 || number >= m_ledger.capacity)
                return;
            m_stats.replyToVisitor.add(
                arrivedNs - m_ledger.replySentNs[static_cast<size_t>(number)].load(std::memory_order_acquire));
            ++replies;
        } else if (type == u"invalid" || type == u"error") {
            m_stats.problems.append(u"visitor %1: %2"_s.arg(visitor.index).arg(text));
            ++errors;
        }
    }

    void tick() {
        const qint64 now = nowNs();
        if (now < m_stepStart)
            return;
        const qint64 until = std::min(now, m_stepEnd);
        qint64 due = static_cast<qint64>(m_rate * static_cast<double>(until - m_stepStart) / 1e9) - m_sentInStep;
        while (due-- > 0) {
            Visitor& visitor = *m_visitors[m_next++ % m_visitors.size()];
            if (!visitor.started || !visitor.socket || visitor.socket->state() != QAbstractSocket::ConnectedState) {
                ++m_sentInStep;
                continue;
            }
            const qint64 number = m_ledger.next.fetch_add(1);
            if (number >= m_ledger.capacity) {
                m_stats.problems.append(u"the ledger is full"_s);
                break;
            }
            const QString frame =
                QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, u"message"_s},
                                                            {u"id"_s, u"b%1"_s.arg(number)},
                                                            {u"text"_s, QString::number(number) + m_text}})
                                      .toJson(QJsonDocument::Compact));
            m_ledger.sentNs[static_cast<size_t>(number)].store(nowNs(), std::memory_order_release);
            visitor.socket->sendTextMessage(frame);
            ++m_sentInStep;
            ++sent;
        }
        if (now >= m_stepEnd)
            m_tick->stop();
    }

    void pingAll() {
        for (const auto& visitor : m_visitors) {
            if (visitor->started)
                send(*visitor, QJsonObject{{u"type"_s, u"ping"_s}});
        }
    }

    Ledger& m_ledger;
    const Options& m_options;
    const QString m_text;
    QUrl m_url;
    std::vector<std::unique_ptr<Visitor>> m_visitors;
    size_t m_connected = 0;
    size_t m_next = 0;
    QTimer* m_tick = nullptr;
    QTimer* m_ping = nullptr;
    ThreadStats m_stats;
    double m_rate = 0;
    qint64 m_stepStart = 0;
    qint64 m_stepEnd = 0;
    qint64 m_sentInStep = 0;
    bool m_closing = false;
};

/// A bare /sync connection of the same agent that only notes when each visitor message reaches a socket: it splits
/// the server's part (commit → push) from the workstation's (frame → cache). Lives in a thread of its own.
class SyncObserver final : public QObject {
public:
    explicit SyncObserver(Ledger& ledger)
        : m_ledger(ledger) {}

    std::atomic<qint64> arrivals{0};

    void open(const QUrl& url, const QString& token) {
        m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(m_socket, &QWebSocket::connected, this, [this, token] {
            m_socket->sendTextMessage(QString::fromUtf8(
                protocol::encode(protocol::Hello{protocol::protocolVersion, token, u"bench_chat/1"_s, 0})));
        });
        connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) { onMessage(text); });
        auto* ping = new QTimer(this);
        connect(ping, &QTimer::timeout, this,
                [this] { m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::Ping{u"bench"_s}))); });
        ping->start(10000);
        m_socket->open(url);
    }

    /// send → socket and ack → socket, since the last call.
    std::pair<Samples, Samples> takeStats() {
        return {std::exchange(m_sendToSync, {}), std::exchange(m_ackToSync, {})};
    }

private:
    void onMessage(const QString& text) {
        const qint64 arrivedNs = nowNs();
        static const QString marker = u"\"client_id\":\"b"_s;
        qsizetype at = 0;
        while ((at = text.indexOf(marker, at)) >= 0) {
            at += marker.size();
            qint64 number = 0;
            while (at < text.size() && text.at(at).isDigit())
                number = number * 10 + text.at(at++).digitValue();
            if (number >= m_ledger.capacity)
                continue;
            m_sendToSync.add(arrivedNs - m_ledger.sentNs[static_cast<size_t>(number)].load());
            if (const qint64 acked = m_ledger.ackedNs[static_cast<size_t>(number)].load(); acked > 0)
                m_ackToSync.add(arrivedNs - acked);
            ++arrivals;
        }
    }

    Ledger& m_ledger;
    QWebSocket* m_socket = nullptr;
    Samples m_sendToSync;
    Samples m_ackToSync;
};

/// The workstation's side: what arrived in its cache. Main thread.
struct WorkstationStats final {
    Samples sendToCache;
    Samples ackToCache;
    qint64 arrivals = 0;
    qint64 lastArrivalNs = 0;
    QStringList problems;
};

Options parseOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Web chat visitors → workstation cache, on loopback (tests/bench/README.md)."_s);
    parser.addHelpOption();
    const QCommandLineOption visitors(u"visitors"_s, u"Visitor connections (1000)."_s, u"n"_s, u"1000"_s);
    const QCommandLineOption threads(u"threads"_s, u"Client threads for the visitors (4)."_s, u"n"_s, u"4"_s);
    const QCommandLineOption rates(u"rates"_s, u"Offered messages/s over all visitors, one step each."_s, u"list"_s,
                                   u"100,250,500,1000"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Seconds per step (10)."_s, u"s"_s, u"10"_s);
    const QCommandLineOption replyEvery(u"reply-every"_s, u"The agent answers every n-th message (10; 0: never)."_s,
                                        u"n"_s, u"10"_s);
    const QCommandLineOption textBytes(u"text-bytes"_s, u"Padding of each message's text (60)."_s, u"n"_s, u"60"_s);
    const QCommandLineOption maxP99(u"max-p99-ms"_s, u"Stop stepping when p99 send→cache exceeds this (50)."_s, u"ms"_s,
                                    u"50"_s);
    parser.addOptions({visitors, threads, rates, seconds, replyEvery, textBytes, maxP99});
    parser.process(app);
    Options options;
    options.visitors = std::max(1, parser.value(visitors).toInt());
    options.threads = std::clamp(parser.value(threads).toInt(), 1, options.visitors);
    options.rates.clear();
    for (const QString& rate : parser.value(rates).split(u','))
        options.rates.append(rate.toDouble());
    options.seconds = parser.value(seconds).toDouble();
    options.replyEvery = std::max(0, parser.value(replyEvery).toInt());
    options.textBytes = std::max(0, parser.value(textBytes).toInt());
    options.maxP99Ms = parser.value(maxP99).toDouble();
    return options;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(app);

    // Two sockets per visitor in this machine (ours and the server's, which inherits the limit).
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }

    servertest::ServerProcess server;
    const QString config = server.directory() + u"/bench.conf"_s;
    {
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            die(u"cannot write %1"_s.arg(config));
        // The chat's limits protect the server from the internet: every bench visitor comes from 127.0.0.1 (so the
        // per-address limit goes), and sends far more often than a person types (so the message and frame buckets
        // go). The workstation's sync limits go too: its replies are what many agents would send.
        file.write("[chat]\nmax_connections_per_address=1000000\nmax_connections=1000000\n"
                   "messages_per_minute=1000000\nmessage_burst=100000\nframes_per_second=10000\nframe_burst=100000\n"
                   "[limits]\nframes_per_second=1000000\nframe_burst=1000000\nevents_per_second=10000000\n"
                   "event_burst=10000000\n");
    }
    if (const auto started =
            server.start({u"--config"_s, config, u"--db"_s, u"sqlite:"_s + server.directory() + u"/server.sqlite"_s});
        !started)
        die(started.error());

    // The agent of the chat queue ("general", the default).
    servertest::HttpTestClient http;
    const auto json = [](const QJsonObject& object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    const auto login = [&](const QString& name, const QString& password) {
        const auto reply =
            http.post(server.url(u"/api/v1/login"_s), json({{u"login"_s, name}, {u"password"_s, password}}), {});
        if (reply.status != 200)
            die(u"signing in as %1 failed: %2 %3"_s.arg(name).arg(reply.status).arg(QString::fromUtf8(reply.body)));
        return reply.json.value(u"token"_s).toString();
    };
    const QByteArray admin = login(u"admin"_s, server.adminPassword()).toUtf8();
    const QString agentLogin = u"bench-agent"_s;
    const auto added = http.post(server.url(u"/api/v1/agents"_s),
                                 json({{u"login"_s, agentLogin},
                                       {u"name"_s, u"Bench Agent"_s},
                                       {u"role"_s, u"agent"_s},
                                       {u"queues"_s, QJsonArray{u"general"_s}},
                                       {u"password"_s, u"bench-agent-password"_s}}),
                                 admin);
    if (added.status != 201)
        die(u"creating the agent failed: %1 %2"_s.arg(added.status).arg(QString::fromUtf8(added.body)));
    const QString agentToken = login(agentLogin, u"bench-agent-password"_s);

    double planned = 0;
    for (const double rate : options.rates)
        planned += rate * (options.seconds + 1) * 1.2;
    Ledger ledger(static_cast<qint64>(planned) + 10000);

    // The workstation: cache + sync, as app/threadline wires them.
    const QString cache = server.directory() + u"/workstation.sqlite"_s;
    store::StoreClient store(cache, agentLogin);
    sync::SyncClient sync(cache);
    QObject::connect(&sync, &sync::SyncClient::customersChanged, &store, &store::StoreClient::notifyChanged);
    QObject::connect(&store, &store::StoreClient::customersChanged, &sync, &sync::SyncClient::flushOutbox);
    bool opened = false;
    QObject::connect(&store, &store::StoreClient::opened, &app, [&] { opened = true; });
    QObject::connect(&store, &store::StoreClient::openFailed, &app,
                     [](const QString& error) { die(u"the cache did not open: "_s + error); });
    if (!waitUntil([&] { return opened; }, 30000, pollMs))
        die(u"the cache did not open"_s);
    sync.start(server.url(QString()), agentToken);
    if (!waitUntil([&] { return sync.state() == sync::ConnectionState::Online; }, 30000, pollMs))
        die(u"the workstation did not get online: "_s + sync.stateDetail());

    WorkstationStats station;
    qint64 chatsSeen = 0;
    qint64 repliesWritten = 0;
    QObject context;
    QObject::connect(&sync, &sync::SyncClient::liveArrived, &context, [&](const QList<core::Event>& events) {
        const qint64 arrivedNs = nowNs();
        for (const core::Event& event : events) {
            if (event.kind == core::kinds::ChatStarted) {
                ++chatsSeen;
                continue;
            }
            const QString clientId = event.payload.value(u"client_id"_s).toString();
            if (event.kind != core::kinds::MessageIn || !clientId.startsWith(u'b'))
                continue;
            bool numeric = false;
            const qint64 number = QStringView(clientId).mid(1).toLongLong(&numeric);
            if (!numeric || number < 0 || number >= ledger.capacity)
                continue;
            station.sendToCache.add(arrivedNs - ledger.sentNs[static_cast<size_t>(number)].load());
            if (const qint64 acked = ledger.ackedNs[static_cast<size_t>(number)].load(); acked > 0)
                station.ackToCache.add(arrivedNs - acked);
            ++station.arrivals;
            station.lastArrivalNs = arrivedNs;
            if (options.replyEvery > 0 && number % options.replyEvery == 0) {
                const qint64 reply = ledger.nextReply.fetch_add(1);
                ledger.replySentNs[static_cast<size_t>(reply)].store(nowNs());
                store.appendOutbound(event.customer, core::Channel::Chat, core::kinds::MessageOut,
                                     QJsonObject{{u"text"_s, u"r%1 Thank you, we are on it."_s.arg(reply)}}, &context,
                                     [&](const core::Result<core::Event>& written) {
                                         if (written)
                                             ++repliesWritten;
                                         else
                                             station.problems.append(u"reply refused: "_s + written.error());
                                     });
            }
        }
    });

    QThread observerThread;
    auto* observer = new SyncObserver(ledger);
    observer->moveToThread(&observerThread);
    QObject::connect(&observerThread, &QThread::finished, observer, &QObject::deleteLater);
    observerThread.start();
    QMetaObject::invokeMethod(observer,
                              [observer, url = server.syncUrl(), agentToken] { observer->open(url, agentToken); });

    // The visitors.
    QUrl chatUrl = server.url(u"/chat/ws"_s);
    chatUrl.setScheme(u"ws"_s);
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<VisitorThread*> clients;
    int first = 0;
    for (int index = 0; index < options.threads; ++index) {
        const int count = options.visitors / options.threads + (index < options.visitors % options.threads ? 1 : 0);
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(u"bench-visitors-%1"_s.arg(index));
        auto* client = new VisitorThread(ledger, options);
        client->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, client, &QObject::deleteLater);
        thread->start();
        QMetaObject::invokeMethod(client, [client, chatUrl, first, count] { client->open(chatUrl, first, count); });
        first += count;
        clients.push_back(client);
        threads.push_back(std::move(thread));
    }
    const auto sum = [&](auto member) {
        qint64 total = 0;
        for (VisitorThread* client : clients)
            total += (client->*member).load();
        return total;
    };
    const auto collect = [&] {
        ThreadStats all;
        for (VisitorThread* client : clients) {
            ThreadStats stats;
            QMetaObject::invokeMethod(
                client, [&] { stats = client->takeStats(); }, Qt::BlockingQueuedConnection);
            all.merge(std::move(stats));
        }
        return all;
    };
    QElapsedTimer connecting;
    connecting.start();
    const bool allStarted = waitUntil(
        [&] { return sum(&VisitorThread::started) + sum(&VisitorThread::closed) >= options.visitors; }, 300000, pollMs);
    const qint64 connectMs = connecting.elapsed();
    waitUntil([&] { return chatsSeen >= sum(&VisitorThread::started); }, 30000, pollMs);
    const ThreadStats setup = collect();
    for (const QString& problem : setup.problems.mid(0, 10))
        print(u"problem while connecting: "_s + problem);
    if (!allStarted || sum(&VisitorThread::started) < options.visitors)
        die(u"only %1 of %2 visitors started a chat\nserver stderr:\n%3"_s.arg(sum(&VisitorThread::started))
                .arg(options.visitors)
                .arg(server.errors().right(3000)));

    print(u"bench_chat: %1 visitors on %2 client threads connected, welcomed and started their chats in %3 ms; the "
          u"workstation (SyncClient + cache) saw %4 chat.started events."_s.arg(options.visitors)
              .arg(options.threads)
              .arg(connectMs)
              .arg(chatsSeen));
    print(u"server: %1, database SQLite (temporary); %2 s per step; the agent answers every %3th message."_s.arg(
        QString::fromLatin1(THREADLINE_SERVER), QString::number(options.seconds), QString::number(options.replyEvery)));
    print(u"machine: %1, %2 logical CPUs shared by the server, the visitors and the workstation; %3; Qt %4."_s.arg(
        cpuModel(), QString::number(QThread::idealThreadCount()), QSysInfo::prettyProductName(),
        QString::fromLatin1(qVersion())));
    print(QString());
    print(u"Latencies in ms. send = the visitor's frame left its socket; ack = the visitor got the ack; cache = the "
          u"workstation's SyncClient reported it written to the cache. reply = the workstation's appendOutbound → "
          u"the item at the visitor. socket = a bare /sync connection of the agent received the events frame."_s);
    print(u" offered/s stored/s cached/s │ send→ack p50   p99 │ send→cache p50    p90    p99    max │ ack→cache p99 "
          u"│ ack→socket p50   p99 │ reply→visitor   n    p50    p99    max │ errors │ CPU % server bench │ load"_s);

    bool metTarget = false;
    double bestRate = 0;
    for (const double rate : options.rates) {
        const qint64 sentBefore = sum(&VisitorThread::sent);
        const qint64 ackedBefore = sum(&VisitorThread::acked);
        const qint64 errorsBefore = sum(&VisitorThread::errors);
        const qint64 repliesBefore = sum(&VisitorThread::replies);
        const qint64 replySentBefore = ledger.nextReply.load();
        station = WorkstationStats{};
        const double serverCpuBefore = serverCpuSeconds();
        const double benchCpuBefore = benchCpuSeconds();
        QElapsedTimer wall;
        wall.start();
        const qint64 startNs = nowNs() + 50'000'000;
        const qint64 endNs = startNs + static_cast<qint64>(options.seconds * 1e9);
        for (VisitorThread* client : clients) {
            const double share = rate / static_cast<double>(clients.size());
            QMetaObject::invokeMethod(client,
                                      [client, share, startNs, endNs] { client->startStep(share, startNs, endNs); });
        }
        waitUntil([&] { return nowNs() >= endNs + 20'000'000; }, static_cast<int>(options.seconds * 1000) + 1000,
                  pollMs);
        const bool drained = waitUntil(
            [&] {
                const qint64 sent = sum(&VisitorThread::sent) - sentBefore;
                const qint64 acked = sum(&VisitorThread::acked) - ackedBefore;
                return acked + (sum(&VisitorThread::errors) - errorsBefore) >= sent && station.arrivals >= acked &&
                       sum(&VisitorThread::replies) - repliesBefore >= ledger.nextReply.load() - replySentBefore;
            },
            options.drainSeconds * 1000, pollMs);
        const double cpuWall = static_cast<double>(wall.nsecsElapsed()) / 1e9;
        const double serverCpu = serverCpuSeconds() - serverCpuBefore;
        const double benchCpu = benchCpuSeconds() - benchCpuBefore;
        ThreadStats stats = collect();
        std::pair<Samples, Samples> sockets;
        QMetaObject::invokeMethod(
            observer, [&] { sockets = observer->takeStats(); }, Qt::BlockingQueuedConnection);
        const qint64 sent = sum(&VisitorThread::sent) - sentBefore;
        const qint64 acked = sum(&VisitorThread::acked) - ackedBefore;
        const qint64 errors = sum(&VisitorThread::errors) - errorsBefore + station.problems.size() +
                              std::max<qint64>(0, acked - station.arrivals);
        const double stepSeconds = static_cast<double>(endNs - startNs) / 1e9;
        const double cachedSeconds = static_cast<double>(std::max(station.lastArrivalNs, endNs) - startNs) / 1e9;
        const double p99 = station.sendToCache.ms(0.99);
        print(u"%1 %2 %3 │ %4 %5 │ %6 %7 %8 %9 │ %10 │ %19 %20 │ %11 %12 %13 %14 │ %15 │ %16 %17 │ %18"_s
                  .arg(rate, 10, 'f', 0)
                  .arg(static_cast<double>(acked) / stepSeconds, 8, 'f', 0)
                  .arg(drained ? QString::number(static_cast<double>(station.arrivals) / cachedSeconds, 'f', 0)
                               : u"behind"_s,
                       8)
                  .arg(milliseconds(stats.sendToAck.ms(0.5)), 12)
                  .arg(milliseconds(stats.sendToAck.ms(0.99)), 5)
                  .arg(milliseconds(station.sendToCache.ms(0.5)), 14)
                  .arg(milliseconds(station.sendToCache.ms(0.9)), 6)
                  .arg(milliseconds(p99), 6)
                  .arg(milliseconds(station.sendToCache.ms(1.0)), 6)
                  .arg(milliseconds(station.ackToCache.ms(0.99)), 13)
                  .arg(stats.replyToVisitor.ns.size(), 19)
                  .arg(milliseconds(stats.replyToVisitor.ms(0.5)), 6)
                  .arg(milliseconds(stats.replyToVisitor.ms(0.99)), 6)
                  .arg(milliseconds(stats.replyToVisitor.ms(1.0)), 6)
                  .arg(errors, 6)
                  .arg(QString::number(100 * serverCpu / cpuWall, 'f', 0), 12)
                  .arg(QString::number(100 * benchCpu / cpuWall, 'f', 0), 5)
                  .arg(loadAverage())
                  .arg(milliseconds(sockets.second.ms(0.5)), 14)
                  .arg(milliseconds(sockets.second.ms(0.99)), 5));
        for (const QString& problem : (stats.problems + station.problems).mid(0, 10))
            print(u"  problem: "_s + problem);
        if (!drained)
            print(u"  not drained within %1 s: sent %2, acked %3, in the cache %4"_s.arg(options.drainSeconds)
                      .arg(sent)
                      .arg(acked)
                      .arg(station.arrivals));
        const bool sane = drained && errors == 0 && static_cast<double>(acked) >= 0.9 * rate * stepSeconds;
        if (sane && p99 <= options.maxP99Ms) {
            metTarget = true;
            bestRate = rate;
        }
        if (!sane || p99 > options.maxP99Ms)
            break;
        waitUntil([] { return false; }, 500, pollMs);
    }
    print(QString());
    if (metTarget)
        print(u"Highest step with every message in the workstation's cache and p99 send→cache ≤ %1 ms: %2 messages/s "
              u"from %3 visitors."_s.arg(options.maxP99Ms)
                  .arg(bestRate)
                  .arg(options.visitors));
    else
        print(u"No step met p99 send→cache ≤ %1 ms."_s.arg(options.maxP99Ms));

    for (VisitorThread* client : clients)
        QMetaObject::invokeMethod(
            client, [client] { client->closeAll(); }, Qt::BlockingQueuedConnection);
    for (const auto& thread : threads) {
        thread->quit();
        thread->wait();
    }
    observerThread.quit();
    observerThread.wait();
    sync.stop();
    server.stop();
    return metTarget ? 0 : 2;
}
