// bench_sync: how many events per second one threadline-server instance accepts and delivers to 200 workstations,
// and how long an event takes from accept to arrival at each of them (tests/bench/README.md; figures in
// docs/server.md, "Performance").
//
// It starts the real threadline-server (SQLite in a temporary directory, or --db URL) with a configuration that
// lifts the per-connection rate limits, signs in bench accounts through the REST API and opens --workstations
// /sync connections: --submitters of them on a thread of their own, the others spread over --threads client
// threads (each thread its own event loop). The submitters submit notes at stepped offered rates (--rates,
// --seconds each). Every event is numbered; the bench notes when its submit frame left, when its ack reached the
// submitter ("accept") and when it reached each workstation, and prints per step: events/s accepted and delivered
// to every workstation, and percentiles of accept → arrival and send → arrival over all workstations × events.
// Stepping stops at the first step that falls behind what was offered or whose p99 exceeds --max-p99-ms.
//
//   bench_sync                                     # 200 workstations, 4 submitters, 500 … 20,000 events/s
//   bench_sync --rates 1000,2000,4000 --seconds 5  # a shorter run
//   bench_sync --db postgresql://user@host/db --admin-password SECRET
#include "BenchSupport.h"
#include "HttpTestClient.h"
#include "ServerProcess.h"

#include "core/EventKind.h"
#include "protocol/FrameCodec.h"

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
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

using namespace tl;
using namespace tl::bench;
using namespace Qt::StringLiterals;

namespace {

/// Latencies in a log-linear histogram: exact below 64 µs, then 64 buckets per power of two (under 1.6 % error).
class LatencyHistogram final {
public:
    void record(qint64 ns) {
        const qint64 us = std::max<qint64>(0, ns) / 1000;
        ++m_buckets[static_cast<size_t>(bucketOf(us))];
        ++m_count;
        m_maxNs = std::max(m_maxNs, ns);
    }
    void merge(const LatencyHistogram& other) {
        for (size_t index = 0; index < m_buckets.size(); ++index)
            m_buckets[index] += other.m_buckets[index];
        m_count += other.m_count;
        m_maxNs = std::max(m_maxNs, other.m_maxNs);
    }
    [[nodiscard]] qint64 count() const { return m_count; }
    /// The latency at quantile \a q (0..1) in milliseconds: the upper edge of its bucket, at most the maximum.
    [[nodiscard]] double quantileMs(double q) const {
        if (m_count == 0)
            return 0;
        const auto rank = static_cast<qint64>(std::ceil(q * static_cast<double>(m_count)));
        qint64 seen = 0;
        for (size_t index = 0; index < m_buckets.size(); ++index) {
            seen += m_buckets[index];
            if (seen >= std::max<qint64>(rank, 1))
                return std::min(static_cast<double>(upperEdgeUs(static_cast<int>(index))) / 1000.0, maxMs());
        }
        return maxMs();
    }
    [[nodiscard]] double maxMs() const { return static_cast<double>(m_maxNs) / 1e6; }

private:
    static constexpr int subBits = 6;
    static constexpr int sub = 1 << subBits;
    static constexpr int maxMsb = 40;
    static int bucketOf(qint64 us) {
        if (us < sub)
            return static_cast<int>(us);
        const int msb = 63 - std::countl_zero(static_cast<quint64>(us));
        if (msb > maxMsb)
            return (maxMsb - subBits + 2) * sub - 1;
        return (msb - subBits + 1) * sub + static_cast<int>((us >> (msb - subBits)) & (sub - 1));
    }
    static qint64 upperEdgeUs(int index) {
        if (index < sub)
            return index + 1;
        const int msb = index / sub + subBits - 1;
        const qint64 low = static_cast<qint64>(sub + index % sub) << (msb - subBits);
        return low + (qint64(1) << (msb - subBits));
    }

    std::array<qint64, (maxMsb - subBits + 2) * sub> m_buckets{};
    qint64 m_count = 0;
    qint64 m_maxNs = 0;
};

/// Per bench event (numbered from 0 across all submitters): when its submit frame left, when its ack arrived.
struct EventLedger final {
    explicit EventLedger(qint64 size)
        : sentNs(new std::atomic<qint64>[static_cast<size_t>(size)]())
        , ackedNs(new std::atomic<qint64>[static_cast<size_t>(size)]())
        , capacity(size) {}
    std::unique_ptr<std::atomic<qint64>[]> sentNs;
    std::unique_ptr<std::atomic<qint64>[]> ackedNs;
    qint64 capacity;
    std::atomic<qint64> next{0};
};

struct Options final {
    int workstations = 200;
    int threads = 2;
    int submitters = 4;
    int accounts = 20;
    int customers = 50;
    QList<double> rates{500, 1000, 2000, 3000, 5000, 10000, 20000};
    double seconds = 10;
    int tickMs = 10;
    double windowSeconds = 1;
    int textBytes = 120;
    double maxP99Ms = 1000;
    double targetP99Ms = 50;
    int drainSeconds = 30;
    int verifyEvery = 64;
    /// Ask for text frames (what a workstation of the first revision of protocol version 1 gets) instead of binary.
    bool textFrames = false;
    QString database;
    QString adminPassword;
    /// NAME=VALUE settings for the server's environment only.
    QStringList serverEnvironment;
};

/// What one client thread measured during a step (read by the main thread while the thread is idle).
struct StepStats final {
    LatencyHistogram acceptToArrival;
    LatencyHistogram sendToArrival;
    LatencyHistogram sendToAck;
    /// Arrivals processed before the submitter's thread had seen the ack: (event, arrival time).
    std::vector<std::pair<qint64, qint64>> beforeAck;
    qint64 lastArrivalNs = 0;
    qint64 eventsFrames = 0;
    qint64 submitFrames = 0;
    qint64 verifiedFrames = 0;
    QStringList problems;

    void merge(StepStats&& other) {
        acceptToArrival.merge(other.acceptToArrival);
        sendToArrival.merge(other.sendToArrival);
        sendToAck.merge(other.sendToAck);
        beforeAck.insert(beforeAck.end(), other.beforeAck.begin(), other.beforeAck.end());
        lastArrivalNs = std::max(lastArrivalNs, other.lastArrivalNs);
        eventsFrames += other.eventsFrames;
        submitFrames += other.submitFrames;
        verifiedFrames += other.verifiedFrames;
        problems += other.problems;
    }
};

/// One simulated workstation: a /sync connection, and for submitters their share of the offered load.
struct Station final {
    int index = 0;
    QWebSocket* socket = nullptr;
    QByteArray token;
    bool submitter = false;
    bool caughtUp = false;
    qint64 framesSeen = 0;
    qint64 lastVerifiedSeq = 0;
    qint64 sentInStep = 0;
    qint64 outstanding = 0;
};

/// A client thread: its workstations' sockets live and are served here. Everything but the atomics is touched
/// only on this thread (the main thread calls in with QMetaObject::invokeMethod).
class ClientThread final : public QObject {
public:
    ClientThread(EventLedger& ledger, const Options& options, QString idPrefix, QStringList customers)
        : m_ledger(ledger)
        , m_options(options)
        , m_idPrefix(std::move(idPrefix))
        , m_marker("\"id\":\"" + m_idPrefix.toUtf8())
        , m_customers(std::move(customers))
        , m_text(u"bench note: "_s + QString(options.textBytes, u'x')) {}

    std::atomic<int> caughtUp{0};
    std::atomic<qint64> arrivals{0};
    std::atomic<qint64> accepted{0};
    std::atomic<qint64> refused{0};
    std::atomic<qint64> outstanding{0};

    /// Opens the workstations' connections (on this thread).
    void open(const QUrl& url, const QList<std::pair<QByteArray, bool>>& stations) {
        m_tick = new QTimer(this);
        m_tick->setTimerType(Qt::PreciseTimer);
        m_tick->setInterval(m_options.tickMs);
        connect(m_tick, &QTimer::timeout, this, [this] { tick(); });
        m_ping = new QTimer(this);
        connect(m_ping, &QTimer::timeout, this, [this] { pingAll(); });
        for (const auto& [token, submitter] : stations) {
            auto station = std::make_unique<Station>();
            station->index = static_cast<int>(m_stations.size());
            station->token = token;
            station->submitter = submitter;
            station->socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            Station* raw = station.get();
            connect(raw->socket, &QWebSocket::connected, this, [this, raw] {
                raw->socket->sendTextMessage(QString::fromUtf8(
                    protocol::encode(protocol::Hello{protocol::protocolVersion, QString::fromLatin1(raw->token),
                                                     u"bench_sync/1"_s, 0, !m_options.textFrames})));
            });
            // Binary frames (what the workstation asks for) are scanned as they came; text frames (--text-frames)
            // are converted back to UTF-8 first, as a workstation has to.
            connect(raw->socket, &QWebSocket::binaryMessageReceived, this,
                    [this, raw](const QByteArray& bytes) { onMessage(*raw, bytes, true); });
            connect(raw->socket, &QWebSocket::textMessageReceived, this,
                    [this, raw](const QString& text) { onMessage(*raw, text.toUtf8(), false); });
            connect(raw->socket, &QWebSocket::disconnected, this, [this, raw] {
                if (!m_closing)
                    m_stats.problems.append(u"workstation %1 was disconnected (close code %2: %3)"_s.arg(raw->index)
                                                .arg(raw->socket->closeCode())
                                                .arg(raw->socket->closeReason()));
            });
            if (submitter)
                m_submitters.push_back(raw);
            m_stations.push_back(std::move(station));
            raw->socket->open(url);
        }
    }

    /// Starts a step: each submitter of this thread offers \a ratePerSubmitter events/s from \a startNs to \a endNs.
    void startStep(double ratePerSubmitter, qint64 startNs, qint64 endNs) {
        m_rate = ratePerSubmitter;
        m_stepStart = startNs;
        m_stepEnd = endNs;
        m_window = std::max<qint64>(protocol::maxEventsPerFrame,
                                    static_cast<qint64>(ratePerSubmitter * m_options.windowSeconds));
        for (Station* station : m_submitters)
            station->sentInStep = 0;
        if (!m_submitters.empty())
            m_tick->start();
    }

    /// Hands over what was measured since the last call and starts afresh.
    StepStats takeStats() { return std::exchange(m_stats, StepStats{}); }

    void closeAll() {
        m_closing = true;
        m_tick->stop();
        m_ping->stop();
        for (const auto& station : m_stations) {
            station->socket->disconnect(this);
            station->socket->close();
        }
    }

private:
    void onMessage(Station& station, const QByteArray& bytes, bool binary) {
        const qint64 arrivedNs = nowNs();
        if (binary == m_options.textFrames && !m_wrongKind) {
            m_wrongKind = true;
            m_stats.problems.append(u"workstation %1 got a %2 frame; it asked for %3 frames"_s.arg(station.index)
                                        .arg(binary ? u"binary"_s : u"text"_s, binary ? u"text"_s : u"binary"_s));
        }
        // The encoder writes compact JSON with sorted keys, so an events frame ends with its "type"; its events
        // are found by their ids without decoding the whole frame (one in --verify-every is decoded strictly).
        if (bytes.endsWith(R"("type":"events"})")) {
            ++m_stats.eventsFrames;
            const qint64 found = scanEvents(bytes, arrivedNs);
            // Staggered by station: every workstation receives the same frames at the same moments, so checking the
            // same frame number everywhere made all 200 decode at once, a pause of tens of ms every --verify-every
            // frames that the latencies showed as the server's.
            if (m_options.verifyEvery > 0 && (++station.framesSeen + station.index) % m_options.verifyEvery == 0)
                verify(station, bytes, found);
            return;
        }
        auto decoded = protocol::decodeServerFrame(bytes);
        if (!decoded) {
            m_stats.problems.append(u"workstation %1: undecodable frame: %2"_s.arg(station.index).arg(decoded.error()));
            return;
        }
        const protocol::ServerFrame& frame = decoded.value();
        if (const auto* welcome = std::get_if<protocol::Welcome>(&frame)) {
            if (!m_ping->isActive())
                m_ping->start(static_cast<int>(welcome->heartbeatMs));
        } else if (std::holds_alternative<protocol::CaughtUp>(frame)) {
            if (!station.caughtUp) {
                station.caughtUp = true;
                ++caughtUp;
            }
        } else if (const auto* ack = std::get_if<protocol::Ack>(&frame)) {
            onAck(station, *ack, arrivedNs);
        } else if (const auto* error = std::get_if<protocol::ErrorFrame>(&frame)) {
            m_stats.problems.append(u"workstation %1: error %2: %3"_s.arg(station.index)
                                        .arg(protocol::errorCodeName(error->code), error->message));
        } else if (std::holds_alternative<protocol::EventsFrame>(frame)) {
            m_stats.problems.append(u"an events frame did not end with its type; the fast path missed it"_s);
        }
    }

    /// Finds the bench events of an events frame by their ids and records their latencies; returns how many.
    qint64 scanEvents(const QByteArray& bytes, qint64 arrivedNs) {
        qint64 found = 0;
        qsizetype at = 0;
        while ((at = bytes.indexOf(m_marker, at)) >= 0) {
            at += m_marker.size();
            qint64 event = 0;
            while (at < bytes.size() && bytes.at(at) >= '0' && bytes.at(at) <= '9') {
                event = event * 10 + (bytes.at(at) - '0');
                ++at;
            }
            if (event >= m_ledger.capacity)
                continue;
            ++found;
            const qint64 acked = m_ledger.ackedNs[static_cast<size_t>(event)].load(std::memory_order_acquire);
            if (acked > 0)
                m_stats.acceptToArrival.record(arrivedNs - acked);
            else
                m_stats.beforeAck.emplace_back(event, arrivedNs);
            m_stats.sendToArrival.record(arrivedNs -
                                         m_ledger.sentNs[static_cast<size_t>(event)].load(std::memory_order_acquire));
        }
        if (found > 0) {
            m_stats.lastArrivalNs = std::max(m_stats.lastArrivalNs, arrivedNs);
            arrivals.fetch_add(found, std::memory_order_relaxed);
        }
        return found;
    }

    /// Decodes an events frame strictly, like a workstation, and checks the fast path against it.
    void verify(Station& station, const QByteArray& bytes, qint64 found) {
        ++m_stats.verifiedFrames;
        const auto decoded = protocol::decodeServerFrame(bytes);
        const auto* events = decoded ? std::get_if<protocol::EventsFrame>(&decoded.value()) : nullptr;
        if (!events) {
            m_stats.problems.append(u"workstation %1: an events frame failed strict decoding: %2"_s.arg(station.index)
                                        .arg(decoded ? u"another type"_s : decoded.error()));
            return;
        }
        qint64 bench = 0;
        for (const core::Event& event : events->events) {
            if (event.seq <= station.lastVerifiedSeq)
                m_stats.problems.append(u"workstation %1: seq %2 after %3"_s.arg(station.index)
                                            .arg(event.seq)
                                            .arg(station.lastVerifiedSeq));
            station.lastVerifiedSeq = event.seq;
            if (event.id.startsWith(m_idPrefix))
                ++bench;
        }
        // The server joins frames from separately encoded events; they must be exactly what the encoder writes.
        if (protocol::encode(*events) != bytes)
            m_stats.problems.append(
                u"workstation %1: an events frame is not byte for byte what the encoder writes"_s.arg(station.index));
        if (bench != found)
            m_stats.problems.append(
                u"workstation %1: the fast path found %2 events, strict decoding %3"_s.arg(station.index)
                    .arg(found)
                    .arg(bench));
    }

    void onAck(Station& station, const protocol::Ack& ack, qint64 arrivedNs) {
        qint64 ok = 0;
        for (const protocol::AckResult& result : ack.results) {
            bool numeric = false;
            const qint64 event = QStringView(result.id).mid(m_idPrefix.size()).toLongLong(&numeric);
            if (!numeric || event < 0 || event >= m_ledger.capacity)
                continue;
            if (!result.ok()) {
                m_stats.problems.append(u"event %1 refused: %2"_s.arg(result.id, result.error));
                ++refused;
                continue;
            }
            ++ok;
            m_ledger.ackedNs[static_cast<size_t>(event)].store(arrivedNs, std::memory_order_release);
            m_stats.sendToAck.record(arrivedNs -
                                     m_ledger.sentNs[static_cast<size_t>(event)].load(std::memory_order_acquire));
        }
        accepted.fetch_add(ok, std::memory_order_relaxed);
        station.outstanding -= ack.results.size();
        outstanding.fetch_sub(ack.results.size(), std::memory_order_relaxed);
    }

    void tick() {
        const qint64 now = nowNs();
        if (now < m_stepStart)
            return;
        const qint64 until = std::min(now, m_stepEnd);
        for (Station* station : m_submitters) {
            const auto due =
                static_cast<qint64>(m_rate * static_cast<double>(until - m_stepStart) / 1e9) - station->sentInStep;
            qint64 count = std::min(due, m_window - station->outstanding);
            while (count > 0) {
                const qint64 chunk = std::min<qint64>(count, protocol::maxEventsPerFrame);
                if (!submit(*station, chunk))
                    break;
                count -= chunk;
            }
        }
        if (now >= m_stepEnd)
            m_tick->stop();
    }

    bool submit(Station& station, qint64 count) {
        const qint64 first = m_ledger.next.fetch_add(count);
        if (first + count > m_ledger.capacity) {
            m_stats.problems.append(u"the event ledger is full; the run offered more events than planned"_s);
            return false;
        }
        protocol::Submit frame;
        frame.events.reserve(count);
        const qint64 occurredAt = QDateTime::currentMSecsSinceEpoch();
        for (qint64 event = first; event < first + count; ++event) {
            core::Event note;
            note.id = m_idPrefix + QString::number(event);
            note.customer = m_customers.at(event % m_customers.size());
            note.channel = core::Channel::Note;
            note.kind = core::kinds::Note;
            note.occurredAt = occurredAt;
            note.payload.insert(u"text"_s, m_text);
            frame.events.append(std::move(note));
        }
        const QString text = QString::fromUtf8(protocol::encode(frame));
        const qint64 sentNs = nowNs();
        for (qint64 event = first; event < first + count; ++event)
            m_ledger.sentNs[static_cast<size_t>(event)].store(sentNs, std::memory_order_release);
        station.sentInStep += count;
        station.outstanding += count;
        outstanding.fetch_add(count, std::memory_order_relaxed);
        ++m_stats.submitFrames;
        station.socket->sendTextMessage(text);
        return true;
    }

    void pingAll() {
        for (const auto& station : m_stations)
            station->socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::Ping{u"bench"_s})));
    }

    EventLedger& m_ledger;
    const Options& m_options;
    const QString m_idPrefix;
    /// "id":"bench-<run>- as UTF-8: what precedes each bench event's number in a frame.
    const QByteArray m_marker;
    const QStringList m_customers;
    const QString m_text;
    std::vector<std::unique_ptr<Station>> m_stations;
    std::vector<Station*> m_submitters;
    QTimer* m_tick = nullptr;
    QTimer* m_ping = nullptr;
    StepStats m_stats;
    double m_rate = 0;
    qint64 m_stepStart = 0;
    qint64 m_stepEnd = 0;
    qint64 m_window = 0;
    bool m_closing = false;
    /// A frame of the kind this thread's workstations did not ask for was reported (once).
    bool m_wrongKind = false;
};

Options parseOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(u"/sync fan-out benchmark of one threadline-server instance."_s);
    parser.addHelpOption();
    const QCommandLineOption workstations(u"workstations"_s, u"/sync connections (default 200)."_s, u"n"_s);
    const QCommandLineOption threads(
        u"threads"_s,
        u"Client threads for the workstations that only receive (default 2; the submitters have a thread of their own)."_s,
        u"n"_s);
    const QCommandLineOption submitters(u"submitters"_s, u"Workstations that submit (default 4)."_s, u"n"_s);
    const QCommandLineOption accounts(u"accounts"_s,
                                      u"Accounts the workstations sign in with, half agents of the bench queue, half "
                                      u"supervisors (default 20)."_s,
                                      u"n"_s);
    const QCommandLineOption customers(u"customers"_s, u"Customers the notes are about (default 50)."_s, u"n"_s);
    const QCommandLineOption rates(
        u"rates"_s, u"Offered events/s, one step each (default 500,1000,2000,3000,5000,10000,20000)."_s, u"list"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Length of each step (default 10)."_s, u"s"_s);
    const QCommandLineOption tick(u"tick-ms"_s, u"How often each submitter sends a submit frame (default 10)."_s,
                                  u"ms"_s);
    const QCommandLineOption window(
        u"window"_s, u"Unacknowledged events a submitter may have, in seconds of its rate (default 1)."_s, u"s"_s);
    const QCommandLineOption text(u"text-bytes"_s, u"Length of each note's text (default 120)."_s, u"n"_s);
    const QCommandLineOption targetP99(u"target-p99-ms"_s,
                                       u"The latency target the summary reports against (default 50)."_s, u"ms"_s);
    const QCommandLineOption maxP99(u"max-p99-ms"_s,
                                    u"Stop stepping when p99 accept→arrival exceeds this (default 1000)."_s, u"ms"_s);
    const QCommandLineOption drain(u"drain-seconds"_s,
                                   u"How long a step may take to deliver its last event (default 30)."_s, u"s"_s);
    const QCommandLineOption verify(u"verify-every"_s,
                                    u"Decode every n-th events frame strictly (default 64; 0: never)."_s, u"n"_s);
    const QCommandLineOption textFrames(
        u"text-frames"_s,
        u"The workstations ask for text frames, as those of the first revision of protocol 1 did (default: binary)."_s);
    const QCommandLineOption database(
        u"db"_s, u"Database URL for the server (default: SQLite in a temporary directory)."_s, u"url"_s);
    const QCommandLineOption admin(u"admin-password"_s,
                                   u"The admin's password when the database is not new (no password is printed)."_s,
                                   u"password"_s);
    const QCommandLineOption serverEnvironment(
        u"server-env"_s, u"NAME=VALUE for the server's environment only, such as QT_NO_GLIB=1 (repeatable)."_s,
        u"setting"_s);
    parser.addOptions({workstations, threads, submitters, accounts, customers, rates, seconds, tick, window, text,
                       maxP99, targetP99, drain, verify, textFrames, database, admin, serverEnvironment});
    parser.process(app);

    Options options;
    const auto number = [&](const QCommandLineOption& option, auto& target, double minimum) {
        if (!parser.isSet(option))
            return;
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || value < minimum)
            die(u"--%1 expects a number of at least %2"_s.arg(option.names().first()).arg(minimum));
        target = static_cast<std::remove_reference_t<decltype(target)>>(value);
    };
    number(workstations, options.workstations, 1);
    number(threads, options.threads, 1);
    number(submitters, options.submitters, 1);
    number(accounts, options.accounts, 1);
    number(customers, options.customers, 1);
    number(seconds, options.seconds, 0.5);
    number(tick, options.tickMs, 1);
    number(window, options.windowSeconds, 0.01);
    number(text, options.textBytes, 0);
    number(maxP99, options.maxP99Ms, 0.001);
    number(targetP99, options.targetP99Ms, 0.001);
    number(drain, options.drainSeconds, 1);
    number(verify, options.verifyEvery, 0);
    if (parser.isSet(rates)) {
        options.rates.clear();
        for (const QString& item : parser.value(rates).split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const double rate = item.toDouble(&ok);
            if (!ok || rate <= 0)
                die(u"--rates expects positive numbers separated by commas"_s);
            options.rates.append(rate);
        }
    }
    options.submitters = std::min(options.submitters, options.workstations);
    if (options.submitters == options.workstations)
        die(u"--submitters must leave some of the --workstations to only receive"_s);
    options.textFrames = parser.isSet(textFrames);
    options.database = parser.value(database);
    options.adminPassword = parser.value(admin);
    options.serverEnvironment = parser.values(serverEnvironment);
    for (const QString& setting : std::as_const(options.serverEnvironment)) {
        if (!setting.contains(u'=') || setting.startsWith(u'='))
            die(u"--server-env expects NAME=VALUE"_s);
    }
    return options;
}

/// The bench's accounts, queue and customers, made through the REST API.
struct Setup final {
    /// One session token per account.
    QList<QByteArray> tokens;
    QStringList customers;
};

Setup prepare(servertest::ServerProcess& server, const Options& options, const QString& run) {
    servertest::HttpTestClient http;
    const auto post = [&](const QString& path, const QByteArray& body, const QByteArray& token) {
        return http.post(server.url(path), body, token);
    };
    const auto json = [](const QJsonObject& object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };

    const QString adminPassword = options.adminPassword.isEmpty() ? server.adminPassword() : options.adminPassword;
    if (adminPassword.isEmpty())
        die(u"the server printed no admin password (the database is not new); pass --admin-password"_s);
    const auto login = [&](const QString& name, const QString& password) {
        const auto reply = post(u"/api/v1/login"_s, json({{u"login"_s, name}, {u"password"_s, password}}), {});
        if (reply.status != 200)
            die(u"signing in as %1 failed: %2 %3"_s.arg(name).arg(reply.status).arg(QString::fromUtf8(reply.body)));
        return reply.json.value(u"token"_s).toString().toUtf8();
    };
    const QByteArray admin = login(u"admin"_s, adminPassword);

    const QString queue = u"bench"_s;
    const auto created = post(u"/api/v1/queues"_s, json({{u"name"_s, queue}}), admin);
    if (created.status != 201 && created.status != 409)
        die(u"creating the queue failed: %1 %2"_s.arg(created.status).arg(QString::fromUtf8(created.body)));

    // The customers: one inbound message each, imported into the bench queue.
    QJsonArray records;
    for (int customer = 0; customer < options.customers; ++customer) {
        records.append(QJsonObject{{u"id"_s, u"bench-%1-import-%2"_s.arg(run).arg(customer)},
                                   {u"channel"_s, u"email"_s},
                                   {u"kind"_s, u"message.in"_s},
                                   {u"occurred_at"_s, u"2026-11-02T09:15:00Z"_s},
                                   {u"identity"_s, u"email:customer%1@%2.bench.example"_s.arg(customer).arg(run)},
                                   {u"payload"_s, QJsonObject{{u"text"_s, u"Hello, where is my order?"_s}}}});
    }
    const auto imported =
        post(u"/api/v1/events?queue=bench"_s, QJsonDocument(records).toJson(QJsonDocument::Compact), admin);
    if (imported.status != 200 || imported.json.value(u"accepted"_s).toInt() != options.customers)
        die(u"importing the customers failed: %1 %2"_s.arg(imported.status).arg(QString::fromUtf8(imported.body)));
    Setup setup;
    const auto listed = http.get(server.url(u"/api/v1/customers?queue=bench&limit=1000"_s), admin);
    for (const QJsonValue& customer : listed.json.value(u"customers"_s).toArray()) {
        const QJsonArray identities = customer.toObject().value(u"identities"_s).toArray();
        if (!identities.isEmpty() && identities.at(0).toString().endsWith(u"@%1.bench.example"_s.arg(run)))
            setup.customers.append(customer.toObject().value(u"id"_s).toString());
    }
    if (setup.customers.size() != options.customers)
        die(u"found %1 of the %2 imported customers"_s.arg(setup.customers.size()).arg(options.customers));

    // The accounts: agents of the bench queue and supervisors (who see every queue) alternate.
    const QString password = u"bench-password-%1"_s.arg(run);
    for (int account = 0; account < options.accounts; ++account) {
        const QString name = u"bench-%1-%2"_s.arg(run).arg(account);
        const auto added = post(u"/api/v1/agents"_s,
                                json({{u"login"_s, name},
                                      {u"role"_s, account % 2 == 0 ? u"agent"_s : u"supervisor"_s},
                                      {u"queues"_s, QJsonArray{queue}},
                                      {u"password"_s, password}}),
                                admin);
        if (added.status != 201)
            die(u"creating the account %1 failed: %2 %3"_s.arg(name)
                    .arg(added.status)
                    .arg(QString::fromUtf8(added.body)));
        setup.tokens.append(login(name, password));
    }
    return setup;
}

/// What the main thread makes of one step.
struct StepResult final {
    double offered = 0;
    qint64 accepted = 0;
    qint64 refused = 0;
    double acceptedPerSecond = 0;
    double deliveredPerSecond = 0;
    bool drained = false;
    StepStats stats;
    qint64 arrivedBeforeAck = 0;
    double serverCpu = 0;
    double benchCpu = 0;
    /// CPU used meanwhile by everything else on the machine (other programs), and the load average after the step.
    double otherCpu = 0;
    QString load;
    /// The wall time the CPU figures were taken over (the step and its drain).
    double cpuSeconds = 1;
};

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(app);
    const QString run = QString::number(QRandomGenerator::global()->generate(), 36);

    // ServerProcess takes this process's environment when it is made: set the server's own settings around that
    // (before any client thread starts, so that none of them sees them).
    QList<std::pair<QByteArray, std::optional<QByteArray>>> saved;
    for (const QString& setting : std::as_const(options.serverEnvironment)) {
        const QByteArray name = setting.section(u'=', 0, 0).toUtf8();
        saved.append({name, qEnvironmentVariableIsSet(name.constData()) ? std::optional(qgetenv(name.constData()))
                                                                        : std::nullopt});
        qputenv(name.constData(), setting.section(u'=', 1).toUtf8());
    }
    servertest::ServerProcess server;
    for (const auto& [name, value] : std::as_const(saved)) {
        if (value)
            qputenv(name.constData(), *value);
        else
            qunsetenv(name.constData());
    }
    const QString config = server.directory() + u"/bench.conf"_s;
    {
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            die(u"cannot write %1"_s.arg(config));
        // The per-connection limits protect a server from one runaway workstation; a few bench workstations
        // submit what 200 agents and the connectors would, so they are lifted here.
        file.write("[limits]\nframes_per_second=1000000\nframe_burst=1000000\nevents_per_second=10000000\n"
                   "event_burst=10000000\nlogins_per_minute=1000000\n");
    }
    const QString database =
        options.database.isEmpty() ? u"sqlite:"_s + server.directory() + u"/server.sqlite"_s : options.database;
    if (const auto started = server.start({u"--config"_s, config, u"--db"_s, database}); !started)
        die(started.error());

    const Setup setup = prepare(server, options, run);

    // Plenty for every step at its offered rate, and then some.
    double planned = 0;
    for (const double rate : options.rates)
        planned += rate * (options.seconds + 1) * 1.2;
    EventLedger ledger(static_cast<qint64>(planned) + 100000);

    const QString idPrefix = u"bench-%1-"_s.arg(run);
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<ClientThread*> clients;
    // The submitters get a thread of their own, so that an ack is noted when it arrives, not after the thread
    // has handled the pushes to dozens of other workstations; the other workstations are spread over --threads.
    const int receivers = options.workstations - options.submitters;
    const int receiverThreads = std::max(1, std::min(options.threads, receivers));
    std::vector<QList<std::pair<QByteArray, bool>>> plan(static_cast<size_t>(receiverThreads + 1));
    for (int station = 0; station < options.workstations; ++station) {
        const bool submitter = station < options.submitters;
        const size_t thread = submitter ? 0 : 1 + static_cast<size_t>(station % receiverThreads);
        plan[thread].append({setup.tokens.at(station % setup.tokens.size()), submitter});
    }
    for (int index = 0; index < static_cast<int>(plan.size()); ++index) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(index == 0 ? u"bench-submitters"_s : u"bench-client-%1"_s.arg(index));
        auto* client = new ClientThread(ledger, options, idPrefix, setup.customers);
        client->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, client, &QObject::deleteLater);
        thread->start();
        QMetaObject::invokeMethod(client,
                                  [client, url = server.syncUrl(), stations = plan[static_cast<size_t>(index)]] {
                                      client->open(url, stations);
                                  });
        clients.push_back(client);
        threads.push_back(std::move(thread));
    }
    const auto sum = [&](auto member) {
        qint64 total = 0;
        for (ClientThread* client : clients)
            total += (client->*member).load();
        return total;
    };
    QElapsedTimer connecting;
    connecting.start();
    if (!waitUntil([&] { return sum(&ClientThread::caughtUp) == options.workstations; }, 120000))
        die(u"only %1 of %2 workstations caught up\nserver stderr:\n%3"_s.arg(sum(&ClientThread::caughtUp))
                .arg(options.workstations)
                .arg(server.errors().right(3000)));
    const auto collect = [&] {
        StepStats all;
        for (ClientThread* client : clients) {
            StepStats stats;
            QMetaObject::invokeMethod(
                client, [&] { stats = client->takeStats(); }, Qt::BlockingQueuedConnection);
            all.merge(std::move(stats));
        }
        return all;
    };
    const StepStats warmup = collect();
    for (const QString& problem : warmup.problems)
        print(u"problem: "_s + problem);

    print(u"bench_sync: %1 workstations (%2 accounts: agents of the bench queue and supervisors) on %3 client threads, "
          u"%4 submitting; %5 s per step, a submit frame every %6 ms per submitter; server frames as %7 messages."_s
              .arg(options.workstations)
              .arg(setup.tokens.size())
              .arg(options.threads)
              .arg(options.submitters)
              .arg(options.seconds)
              .arg(options.tickMs)
              .arg(options.textFrames ? u"text (--text-frames)"_s : u"binary"_s));
    print(u"server: %1 (Release build), database %2%3; connected and caught up in %4 ms."_s.arg(
        QString::fromLatin1(THREADLINE_SERVER),
        options.database.isEmpty()                   ? u"SQLite (temporary)"_s
        : options.database.startsWith(u"postgres"_s) ? u"PostgreSQL (--db; its processes count as \"other\" CPU)"_s
                                                     : u"--db"_s,
        options.serverEnvironment.isEmpty() ? QString() : u", environment "_s + options.serverEnvironment.join(u' '),
        QString::number(connecting.elapsed())));
    print(u"machine: %1, %2 logical CPUs shared by the server and the bench clients; %3; Qt %4."_s.arg(cpuModel())
              .arg(QThread::idealThreadCount())
              .arg(QSysInfo::prettyProductName(), QString::fromLatin1(qVersion())));
    print(QString());
    print(u"Latencies in ms over every (event, workstation) arrival. accept = the submitter received the ack; "
          u"send = the submit frame left the submitter."_s);
    print(u"   offered  accepted delivered │ accept→arrival  p50    p90    p99    max │ send→arrival  p50    p99    "
          u"max │ send→ack p99 │ ev/frame │ CPU % server bench other │ server µs/arrival │ load"_s);

    std::vector<StepResult> results;
    for (const double rate : options.rates) {
        StepResult result;
        result.offered = rate;
        const qint64 acceptedBefore = sum(&ClientThread::accepted);
        const qint64 refusedBefore = sum(&ClientThread::refused);
        const qint64 arrivalsBefore = sum(&ClientThread::arrivals);
        const double serverCpuBefore = serverCpuSeconds();
        const double benchCpuBefore = benchCpuSeconds();
        const double machineCpuBefore = machineCpuSeconds();
        QElapsedTimer wall;
        wall.start();
        const qint64 startNs = nowNs() + 50'000'000;
        const qint64 endNs = startNs + static_cast<qint64>(options.seconds * 1e9);
        for (ClientThread* client : clients) {
            QMetaObject::invokeMethod(client, [client, rate, &options, startNs, endNs] {
                client->startStep(rate / options.submitters, startNs, endNs);
            });
        }
        waitUntil([&] { return nowNs() >= endNs + 20'000'000; }, static_cast<int>(options.seconds * 1000) + 1000);
        // Drained: every submit acked, and every accepted event arrived at every workstation.
        result.drained = waitUntil(
            [&] {
                const qint64 accepted = sum(&ClientThread::accepted) - acceptedBefore;
                return sum(&ClientThread::outstanding) == 0 &&
                       sum(&ClientThread::arrivals) - arrivalsBefore >= accepted * options.workstations;
            },
            options.drainSeconds * 1000);
        result.serverCpu = (serverCpuSeconds() - serverCpuBefore);
        result.benchCpu = (benchCpuSeconds() - benchCpuBefore);
        result.otherCpu = machineCpuSeconds() - machineCpuBefore - result.serverCpu - result.benchCpu;
        result.load = loadAverage();
        result.cpuSeconds = static_cast<double>(wall.nsecsElapsed()) / 1e9;
        result.stats = collect();
        result.accepted = sum(&ClientThread::accepted) - acceptedBefore;
        result.refused = sum(&ClientThread::refused) - refusedBefore;
        // Arrivals seen before the submitter's thread handled the ack: accept → arrival is at most 0 for them.
        for (const auto& [event, arrivedNs] : result.stats.beforeAck) {
            const qint64 acked = ledger.ackedNs[static_cast<size_t>(event)].load();
            if (acked == 0)
                continue;
            if (arrivedNs < acked)
                ++result.arrivedBeforeAck;
            result.stats.acceptToArrival.record(arrivedNs - acked);
        }
        const double stepSeconds = static_cast<double>(endNs - startNs) / 1e9;
        result.acceptedPerSecond = static_cast<double>(result.accepted) / stepSeconds;
        const double deliverySeconds = static_cast<double>(std::max(result.stats.lastArrivalNs, endNs) - startNs) / 1e9;
        result.deliveredPerSecond = result.drained ? static_cast<double>(result.accepted) / deliverySeconds : 0;
        const LatencyHistogram& accept = result.stats.acceptToArrival;
        const LatencyHistogram& send = result.stats.sendToArrival;
        const auto percent = [&](double cpu) {
            return QString::number(100 * cpu / result.cpuSeconds, 'f', 0);
        };
        const double perFrame = result.stats.eventsFrames > 0
                                    ? static_cast<double>(send.count()) / static_cast<double>(result.stats.eventsFrames)
                                    : 0;
        // The server's CPU per (event, workstation) arrival: less at the mercy of other programs than the latencies.
        const double microsecondsPerArrival =
            1e6 * result.serverCpu / static_cast<double>(std::max<qint64>(1, send.count()));
        print(u"%1 %2 %3 │ %4 %5 %6 %7 │ %8 %9 %10 │ %11 │ %12 │ %13 %14 %15 │ %16 │ %17"_s.arg(rate, 10, 'f', 0)
                  .arg(result.acceptedPerSecond, 9, 'f', 0)
                  .arg(result.drained ? QString::number(result.deliveredPerSecond, 'f', 0) : u"behind"_s, 9)
                  .arg(milliseconds(accept.quantileMs(0.5)), 19)
                  .arg(milliseconds(accept.quantileMs(0.9)), 6)
                  .arg(milliseconds(accept.quantileMs(0.99)), 6)
                  .arg(milliseconds(accept.maxMs()), 6)
                  .arg(milliseconds(send.quantileMs(0.5)), 17)
                  .arg(milliseconds(send.quantileMs(0.99)), 6)
                  .arg(milliseconds(send.maxMs()), 6)
                  .arg(milliseconds(result.stats.sendToAck.quantileMs(0.99)), 12)
                  .arg(perFrame, 8, 'f', 1)
                  .arg(percent(result.serverCpu), 12)
                  .arg(percent(result.benchCpu), 5)
                  .arg(percent(result.otherCpu), 5)
                  .arg(microsecondsPerArrival, 17, 'f', 2)
                  .arg(result.load));
        for (const QString& problem : result.stats.problems.mid(0, 10))
            print(u"  problem: "_s + problem);
        const bool sane = result.drained && accept.quantileMs(0.99) <= options.maxP99Ms &&
                          result.acceptedPerSecond >= 0.9 * rate && result.refused == 0;
        results.push_back(std::move(result));
        if (!sane)
            break;
        // Let the server settle before the next step.
        waitUntil([] { return false; }, 500);
    }

    print(QString());
    qint64 arrivals = 0;
    qint64 beforeAck = 0;
    qint64 submits = 0;
    qint64 frames = 0;
    qint64 verified = 0;
    for (const StepResult& result : results) {
        arrivals += result.stats.sendToArrival.count();
        beforeAck += result.arrivedBeforeAck;
        submits += result.stats.submitFrames;
        frames += result.stats.eventsFrames;
        verified += result.stats.verifiedFrames;
    }
    print(u"%1 arrivals measured in %2 events frames (%3 of them decoded strictly and compared), from %4 submit "
          u"frames; %5 arrivals were handled by a workstation before its submitter's thread handled the ack "
          u"(counted as 0 ms accept→arrival)."_s.arg(arrivals)
              .arg(frames)
              .arg(verified)
              .arg(submits)
              .arg(beforeAck));
    // The highest step that was accepted at (nearly) the offered rate, delivered in full, within a p99 bound.
    const auto highest = [&](double p99Ms) -> const StepResult* {
        const StepResult* best = nullptr;
        for (const StepResult& result : results) {
            if (result.drained && result.acceptedPerSecond >= 0.9 * result.offered && result.refused == 0 &&
                result.stats.acceptToArrival.quantileMs(0.99) <= p99Ms)
                best = &result;
        }
        return best;
    };
    for (const double bound : {options.targetP99Ms, options.maxP99Ms}) {
        const StepResult* best = highest(bound);
        if (!best) {
            print(u"No step was delivered in full with p99 accept→arrival ≤ %1 ms."_s.arg(bound));
            continue;
        }
        const double arrivalsPerSecond = best->deliveredPerSecond * options.workstations;
        print(u"p99 accept→arrival ≤ %1 ms: up to %2 events/s offered, %3 accepted/s, %4 delivered/s to each of %5 "
              u"workstations (%6 arrivals/s); the server used %7 µs of CPU per arrival."_s.arg(bound)
                  .arg(best->offered, 0, 'f', 0)
                  .arg(best->acceptedPerSecond, 0, 'f', 0)
                  .arg(best->deliveredPerSecond, 0, 'f', 0)
                  .arg(options.workstations)
                  .arg(arrivalsPerSecond, 0, 'f', 0)
                  .arg(1e6 * best->serverCpu /
                           static_cast<double>(std::max<qint64>(1, best->stats.sendToArrival.count())),
                       0, 'f', 2));
    }

    // What the server warned about meanwhile (a slow path taken, a failed read), for whoever reads the figures.
    for (const QString& line : server.errors().split(u'\n')) {
        if (line.contains(u" warning "_s) || line.contains(u" critical "_s))
            print(u"server: "_s + line);
    }

    for (ClientThread* client : clients)
        QMetaObject::invokeMethod(
            client, [client] { client->closeAll(); }, Qt::BlockingQueuedConnection);
    for (const auto& thread : threads) {
        thread->quit();
        thread->wait();
    }
    server.stop();
    return 0;
}
