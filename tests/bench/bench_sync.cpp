// bench_sync: how many events per second one threadline-server instance accepts and delivers to 200 workstations,
// and how long an event takes from accept to arrival at each of them (tests/bench/README.md; figures in
// docs/server.md, "Performance").
//
// It starts the real threadline-server (SQLite in a temporary directory, or --db URL) with a configuration that
// lifts the per-connection rate limits, signs in bench accounts through the REST API and opens --workstations
// /sync connections: --submitters of them on a thread of their own, the others spread over --threads client
// threads (each thread its own event loop). The connections are LeanWebSocket, a minimal client that takes less of
// the CPUs it shares with the server per received frame than QWebSocket (--qt-clients does use QWebSocket). The
// submitters submit notes at stepped offered rates (--rates, --seconds each). Every event is numbered; the bench
// notes when its submit frame left, when its ack reached the submitter ("accept") and when it reached each
// workstation, and prints per step: events/s accepted and delivered to every workstation, and percentiles of
// accept → arrival and send → arrival over all workstations × events.
// Stepping stops at the first step that falls behind what was offered or whose p99 exceeds --max-p99-ms.
//
//   bench_sync                                     # 200 workstations, 4 submitters, 500 … 20,000 events/s
//   bench_sync --rates 1000,2000,4000 --seconds 5  # a shorter run
//   bench_sync --db postgresql://user@host/db --admin-password SECRET
#include "BenchSupport.h"
#include "HttpTestClient.h"
#include "LeanWebSocket.h"
#include "ServerProcess.h"

#include "core/EventKind.h"
#include "core/ImportRecord.h"
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
#include <charconv>
#include <cmath>
#include <cstring>
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

/// Per bench event (numbered from 0 across all submitters): when its submit frame left, when its ack arrived and
/// the seq the ack gave it (written before ackedNs, read after it).
struct EventLedger final {
    struct Slot final {
        std::atomic<qint64> sentNs{0};
        std::atomic<qint64> ackedNs{0};
        std::atomic<qint64> seq{0};
    };
    explicit EventLedger(qint64 size)
        : capacity(size)
        , m_slots(new Slot[static_cast<size_t>(size)]) {}
    [[nodiscard]] Slot& at(qint64 event) { return m_slots[static_cast<size_t>(event)]; }
    qint64 capacity;
    std::atomic<qint64> next{0};

private:
    std::unique_ptr<Slot[]> m_slots;
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
    /// Decode every n-th events frame of a workstation strictly: a sample (the fast path checks every frame's order).
    int verifyEvery = 1024;
    /// Ask for text frames (what a workstation of the first revision of protocol version 1 gets) instead of binary.
    bool textFrames = false;
    /// Every workstation on QWebSocket instead of the bench's lean client (to compare the two).
    bool qtClients = false;
    QString database;
    QString adminPassword;
    /// NAME=VALUE settings for the server's environment only.
    QStringList serverEnvironment;
};

/// An arrival processed before the submitter's thread had seen the event's ack.
struct EarlyArrival final {
    qint64 event = 0;
    qint64 arrivedNs = 0;
    /// The seq it arrived with, and at which workstation (checked against the ack's seq when the step is over).
    qint64 seq = 0;
    int station = 0;
};

/// What one client thread measured during a step (read by the main thread while the thread is idle).
struct StepStats final {
    /// At most this many problems are kept per thread and step (the rest are only counted).
    static constexpr qsizetype maxProblems = 100;

    LatencyHistogram acceptToArrival;
    LatencyHistogram sendToArrival;
    LatencyHistogram sendToAck;
    std::vector<EarlyArrival> beforeAck;
    /// Bench events that arrived at each workstation during the step: (workstation, count).
    std::vector<std::pair<int, qint64>> stationArrivals;
    qint64 lastArrivalNs = 0;
    qint64 eventsFrames = 0;
    qint64 submitFrames = 0;
    qint64 verifiedFrames = 0;
    QStringList problems;
    qint64 moreProblems = 0;

    void problem(const QString& text) {
        if (problems.size() < maxProblems)
            problems.append(text);
        else
            ++moreProblems;
    }

    void merge(StepStats&& other) {
        acceptToArrival.merge(other.acceptToArrival);
        sendToArrival.merge(other.sendToArrival);
        sendToAck.merge(other.sendToAck);
        beforeAck.insert(beforeAck.end(), other.beforeAck.begin(), other.beforeAck.end());
        stationArrivals.insert(stationArrivals.end(), other.stationArrivals.begin(), other.stationArrivals.end());
        lastArrivalNs = std::max(lastArrivalNs, other.lastArrivalNs);
        eventsFrames += other.eventsFrames;
        submitFrames += other.submitFrames;
        verifiedFrames += other.verifiedFrames;
        problems += other.problems;
        moreProblems += other.moreProblems;
    }
};

/// One simulated workstation: a /sync connection, and for submitters their share of the offered load.
struct Station final {
    /// Its number among all the bench's workstations (the problems name it).
    int index = 0;
    /// Its connection: the bench's lean client, or QWebSocket with --qt-clients.
    std::unique_ptr<LeanWebSocket> lean;
    QWebSocket* qt = nullptr;
    QByteArray token;
    bool submitter = false;
    bool caughtUp = false;
    qint64 framesSeen = 0;
    /// Where in every --verify-every events frames it decodes one strictly (spread over the workstations).
    qint64 verifyOffset = 0;
    qint64 lastVerifiedSeq = 0;
    /// The seq of the last bench event the fast path found (seqs must increase strictly).
    qint64 lastSeq = 0;
    /// Bench events that arrived during the step.
    qint64 arrivals = 0;
    qint64 sentInStep = 0;
    qint64 outstanding = 0;
};

/// The digits of a bench event's number in its id, zero-padded: ids then sort in the order they are made, like the
/// workstation's UUIDv7 ids, so the server's id index grows at its end as in production (unpadded numbers sort
/// "10" before "9" and spread every commit over the whole index).
constexpr int idDigits = 12;

/// "bench-<run>-000000000042".
QString benchId(const QString& prefix, qint64 event) {
    return prefix + u"%1"_s.arg(event, idDigits, 10, QChar(u'0'));
}

/// Writes the submitters' frames: a submit of bench notes exactly as protocol::encode writes it, spliced from the
/// bytes of one note encoded at the start (building core::Event objects and a QJsonDocument per note cost the
/// submitters' thread more than everything else it does). What differs between notes — customer, id, occurred_at —
/// goes into the template's gaps; check() compares a spliced frame with the encoder's.
class SubmitWriter final {
public:
    SubmitWriter(const QString& idPrefix, const QStringList& customers, const QString& text)
        : m_idPrefix(idPrefix)
        , m_customers(customers)
        , m_text(text)
        , m_prefix(idPrefix.toUtf8()) {
        const QString customer = u"bench-placeholder-customer"_s;
        const QString id = u"bench-placeholder-id"_s;
        const qint64 occurredAt = 1'700'000'000'123;
        QByteArray timestamp;
        core::eventjson::appendTimestamp(timestamp, occurredAt);
        const QByteArray frame = protocol::encode(protocol::Submit{{note(id, customer, occurredAt)}});
        if (!frame.startsWith(head) || !frame.endsWith(tail))
            die(u"the encoder's submit frame is not {\"events\":[…],\"type\":\"submit\"}: %1"_s.arg(
                QString::fromUtf8(frame)));
        const QByteArray event = frame.mid(head.size(), frame.size() - head.size() - tail.size());
        // The gaps, in the order of the encoder's sorted keys: customer, id, occurred_at.
        const std::array<QByteArray, 3> gaps{customer.toUtf8(), id.toUtf8(), timestamp};
        qsizetype from = 0;
        for (size_t gap = 0; gap < gaps.size(); ++gap) {
            const qsizetype at = event.indexOf(gaps[gap], from);
            if (at < 0 || event.indexOf(gaps[gap], at + 1) >= 0)
                die(u"cannot find where the encoder writes a note's customer, id and occurred_at in %1"_s.arg(
                    QString::fromUtf8(event)));
            m_parts[gap] = event.mid(from, at - from);
            from = at + gaps[gap].size();
        }
        m_parts[3] = event.mid(from);
        for (const QString& name : customers)
            m_customerBytes.append(name.toUtf8());
    }

    /// The submit frame of the notes [\a first, \a first + \a count) into \a out (replacing what it held).
    void write(QByteArray& out, qint64 first, qint64 count, qint64 occurredAt) const {
        QByteArray timestamp;
        core::eventjson::appendTimestamp(timestamp, occurredAt);
        out.resize(0);
        out.append(head);
        for (qint64 event = first; event < first + count; ++event) {
            if (event > first)
                out.append(',');
            out.append(m_parts[0]);
            out.append(m_customerBytes.at(event % m_customerBytes.size()));
            out.append(m_parts[1]);
            out.append(m_prefix);
            char digits[idDigits];
            for (qint64 rest = event, at = idDigits - 1; at >= 0; --at, rest /= 10)
                digits[at] = static_cast<char>('0' + rest % 10);
            out.append(digits, idDigits);
            out.append(m_parts[2]);
            out.append(timestamp);
            out.append(m_parts[3]);
        }
        out.append(tail);
    }

    /// Empty when spliced frames are byte for byte what protocol::encode writes for the same notes (one note of
    /// each customer, numbers of every length); otherwise what differs.
    [[nodiscard]] QString check() const {
        const qint64 occurredAt = QDateTime::currentMSecsSinceEpoch();
        for (const qint64 first : {qint64(0), qint64(999'999'999'000)}) {
            protocol::Submit expected;
            for (qint64 event = first; event < first + m_customers.size(); ++event)
                expected.events.append(
                    note(benchId(m_idPrefix, event), m_customers.at(event % m_customers.size()), occurredAt));
            QByteArray spliced;
            write(spliced, first, m_customers.size(), occurredAt);
            const QByteArray encoded = protocol::encode(expected);
            if (spliced != encoded)
                return u"spliced: %1\nencoder: %2"_s.arg(QString::fromUtf8(spliced), QString::fromUtf8(encoded));
        }
        return {};
    }

private:
    static constexpr QByteArrayView head{"{\"events\":["};
    static constexpr QByteArrayView tail{"],\"type\":\"submit\"}"};

    [[nodiscard]] core::Event note(const QString& id, const QString& customer, qint64 occurredAt) const {
        core::Event note;
        note.id = id;
        note.customer = customer;
        note.channel = core::Channel::Note;
        note.kind = core::kinds::Note;
        note.occurredAt = occurredAt;
        note.payload.insert(u"text"_s, m_text);
        return note;
    }

    const QString m_idPrefix;
    const QStringList m_customers;
    const QString m_text;
    const QByteArray m_prefix;
    QList<QByteArray> m_customerBytes;
    /// An encoded note without its customer, id number and occurred_at: before, between and after them.
    std::array<QByteArray, 4> m_parts;
};

/// Where a workstation is in the bench's plan: its number, the session token it signs in with, whether it submits.
struct StationPlan final {
    int index = 0;
    QByteArray token;
    bool submitter = false;
};

/// A client thread: its workstations' sockets live and are served here. Everything but the atomics is touched
/// only on this thread (the main thread calls in with QMetaObject::invokeMethod).
class ClientThread final : public QObject {
public:
    ClientThread(EventLedger& ledger, const Options& options, QString idPrefix, const QString& text,
                 const SubmitWriter& writer)
        : m_ledger(ledger)
        , m_options(options)
        , m_writer(writer)
        , m_idPrefix(std::move(idPrefix))
        , m_marker("\"id\":\"" + m_idPrefix.toUtf8())
        , m_ackMarker("{\"id\":\"" + m_idPrefix.toUtf8())
        , m_payloadTail("{\"text\":\"" + text.toUtf8() + "\"},\"seq\":")
        , m_pingFrame(protocol::encode(protocol::Ping{u"bench"_s})) {}

    std::atomic<int> caughtUp{0};
    std::atomic<qint64> arrivals{0};
    std::atomic<qint64> accepted{0};
    std::atomic<qint64> refused{0};
    std::atomic<qint64> outstanding{0};

    /// Opens the workstations' connections (on this thread).
    void open(const QUrl& url, const QList<StationPlan>& stations) {
        m_tick = new QTimer(this);
        m_tick->setTimerType(Qt::PreciseTimer);
        m_tick->setInterval(m_options.tickMs);
        connect(m_tick, &QTimer::timeout, this, [this] { tick(); });
        m_ping = new QTimer(this);
        connect(m_ping, &QTimer::timeout, this, [this] { pingAll(); });
        for (const StationPlan& plan : stations) {
            auto station = std::make_unique<Station>();
            station->index = plan.index;
            station->token = plan.token;
            station->submitter = plan.submitter;
            station->verifyOffset = static_cast<qint64>(plan.index) * m_options.verifyEvery / m_options.workstations;
            Station* raw = station.get();
            const auto hello = [this, raw] {
                send(*raw, protocol::encode(protocol::Hello{protocol::protocolVersion, QString::fromLatin1(raw->token),
                                                            u"bench_sync/1"_s, 0, !m_options.textFrames}));
            };
            const auto disconnected = [this, raw](int code, const QString& reason) {
                if (!m_closing)
                    m_stats.problem(
                        u"workstation %1 was disconnected (close code %2: %3)"_s.arg(raw->index).arg(code).arg(reason));
            };
            if (m_options.qtClients) {
                raw->qt = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
                connect(raw->qt, &QWebSocket::connected, this, hello);
                // Binary frames (what the workstation asks for) are scanned as they came; text frames
                // (--text-frames) are converted back to UTF-8 first, as a workstation has to.
                connect(raw->qt, &QWebSocket::binaryMessageReceived, this,
                        [this, raw](const QByteArray& bytes) { onMessage(*raw, QByteArrayView(bytes), true); });
                connect(raw->qt, &QWebSocket::textMessageReceived, this,
                        [this, raw](const QString& text) { onMessage(*raw, QByteArrayView(text.toUtf8()), false); });
                connect(raw->qt, &QWebSocket::disconnected, this,
                        [raw, disconnected] { disconnected(raw->qt->closeCode(), raw->qt->closeReason()); });
            } else {
                // The lean client hands over each message as the bytes it received, text or binary alike.
                if (!m_group)
                    m_group = std::make_unique<LeanWebSocketGroup>(this);
                raw->lean = std::make_unique<LeanWebSocket>(
                    *m_group,
                    LeanWebSocket::Callbacks{
                        hello, [this, raw](QByteArrayView bytes, bool binary) { onMessage(*raw, bytes, binary); },
                        disconnected});
            }
            if (plan.submitter)
                m_submitters.push_back(raw);
            m_stations.push_back(std::move(station));
            if (raw->qt)
                raw->qt->open(url);
            else
                raw->lean->open(url);
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
    StepStats takeStats() {
        for (const auto& station : m_stations)
            m_stats.stationArrivals.emplace_back(station->index, std::exchange(station->arrivals, 0));
        return std::exchange(m_stats, StepStats{});
    }

    /// Closes every connection (the lean ones wait up to two seconds for the server's close frames).
    void closeAll() {
        m_closing = true;
        m_tick->stop();
        m_ping->stop();
        for (const auto& station : m_stations) {
            if (station->qt) {
                station->qt->disconnect(this);
                station->qt->close();
            } else {
                station->lean->close();
            }
        }
        waitUntil(
            [this] {
                return std::all_of(m_stations.begin(), m_stations.end(),
                                   [](const auto& station) { return !station->lean || station->lean->isEnded(); });
            },
            2000);
    }

private:
    void onMessage(Station& station, QByteArrayView bytes, bool binary) {
        const qint64 arrivedNs = nowNs();
        if (binary == m_options.textFrames && !m_wrongKind) {
            m_wrongKind = true;
            m_stats.problem(u"workstation %1 got a %2 frame; it asked for %3 frames"_s.arg(station.index)
                                .arg(binary ? u"binary"_s : u"text"_s, binary ? u"text"_s : u"binary"_s));
        }
        // The encoder writes compact JSON with sorted keys, so an events frame ends with its "type"; its events
        // are found by their ids without decoding the whole frame (one in --verify-every is decoded strictly).
        if (bytes.endsWith(R"("type":"events"})")) {
            ++m_stats.eventsFrames;
            const qint64 found = scanEvents(station, bytes, arrivedNs);
            // Staggered by station, over the whole interval: every workstation receives the same frames at the same
            // moments, so checking the same frame number everywhere made all 200 decode at once, a pause of tens of
            // ms every --verify-every frames that the latencies showed as the server's; and a short run still
            // checks some frames of some workstations.
            if (m_options.verifyEvery > 0 && (++station.framesSeen + station.verifyOffset) % m_options.verifyEvery == 0)
                verify(station, bytes, found);
            return;
        }
        if (bytes.endsWith(ackTail) && scanAck(station, bytes, arrivedNs))
            return;
        auto decoded = protocol::decodeServerFrame(bytes);
        if (!decoded) {
            m_stats.problem(u"workstation %1: undecodable frame: %2"_s.arg(station.index).arg(decoded.error()));
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
            if (std::all_of(ack->results.begin(), ack->results.end(), [](const auto& result) { return result.ok(); }))
                m_stats.problem(u"workstation %1: an ack frame that refuses nothing did not fit the fast path: %2"_s
                                    .arg(station.index)
                                    .arg(QString::fromUtf8(bytes)));
            onAck(station, *ack, arrivedNs);
        } else if (const auto* error = std::get_if<protocol::ErrorFrame>(&frame)) {
            m_stats.problem(u"workstation %1: error %2: %3"_s.arg(station.index)
                                .arg(protocol::errorCodeName(error->code), error->message));
        } else if (std::holds_alternative<protocol::EventsFrame>(frame)) {
            m_stats.problem(u"an events frame did not end with its type; the fast path missed it"_s);
        }
    }

    /// Finds the bench events of an events frame by their ids, checks each one's payload and seq (strictly
    /// increasing per workstation, and the seq its ack gave) and records their latencies; returns how many.
    ///
    /// The encoder writes every event object with sorted keys: "author", "channel", "customer", "id", "identity",
    /// "kind", "occurred_at", "payload", "seq". A quote inside a JSON string is always escaped, so "id":" and
    /// "payload": with their quotes are keys, and the first "payload": after an id is that event's: only strings lie
    /// between them. A bench note's payload is known to the byte, so its own "seq" follows it right away (a "seq"
    /// in some other payload cannot be taken for it).
    qint64 scanEvents(Station& station, QByteArrayView bytes, qint64 arrivedNs) {
        const char* const end = bytes.data() + bytes.size();
        const char* at = bytes.data();
        const auto number = [&](qint64& value) {
            const char* const first = at;
            value = 0;
            while (at < end && *at >= '0' && *at <= '9' && at - first < 16)
                value = value * 10 + (*at++ - '0');
            return at > first;
        };
        qint64 found = 0;
        while ((at = find(at, end, m_marker)) != nullptr) {
            at += m_marker.size();
            // A bench event's number, then its id's closing quote; the setup's imports (bench-<run>-import-N) and
            // anything else under the prefix are not bench events.
            qint64 event = 0;
            if (!number(event) || at == end || *at != '"' || event >= m_ledger.capacity)
                continue;
            const char* payload = find(at, end, payloadKey);
            if (payload == nullptr || end - payload < payloadKey.size() + m_payloadTail.size() ||
                std::memcmp(payload + payloadKey.size(), m_payloadTail.constData(),
                            static_cast<size_t>(m_payloadTail.size())) != 0) {
                m_stats.problem(
                    u"workstation %1: event %2 has not the payload it was submitted with"_s.arg(station.index)
                        .arg(event));
                continue;
            }
            at = payload + payloadKey.size() + m_payloadTail.size();
            qint64 seq = 0;
            if (!number(seq) || at == end || *at != '}') {
                m_stats.problem(
                    u"workstation %1: event %2 has no seq after its payload"_s.arg(station.index).arg(event));
                continue;
            }
            if (seq <= station.lastSeq)
                m_stats.problem(u"workstation %1: seq %2 after %3 (event %4)"_s.arg(station.index)
                                    .arg(seq)
                                    .arg(station.lastSeq)
                                    .arg(event));
            station.lastSeq = seq;
            ++found;
            EventLedger::Slot& slot = m_ledger.at(event);
            if (const qint64 acked = slot.ackedNs.load(std::memory_order_acquire); acked > 0) {
                m_stats.acceptToArrival.record(arrivedNs - acked);
                if (const qint64 acknowledged = slot.seq.load(std::memory_order_relaxed); acknowledged != seq)
                    m_stats.problem(
                        u"workstation %1: event %2 arrived with seq %3, its ack said %4"_s.arg(station.index)
                            .arg(event)
                            .arg(seq)
                            .arg(acknowledged));
            } else {
                m_stats.beforeAck.push_back({event, arrivedNs, seq, station.index});
            }
            m_stats.sendToArrival.record(arrivedNs - slot.sentNs.load(std::memory_order_acquire));
        }
        if (found > 0) {
            station.arrivals += found;
            m_stats.lastArrivalNs = std::max(m_stats.lastArrivalNs, arrivedNs);
            arrivals.fetch_add(found, std::memory_order_relaxed);
        }
        return found;
    }

    /// The first \a needle in [\a from, \a end), or null. Its second byte is looked for with memchr ('i' of "id",
    /// 'p' of "payload", rare in an event between the places they are looked for), which is several times faster
    /// than memmem on these short needles.
    static const char* find(const char* from, const char* end, QByteArrayView needle) {
        const auto length = static_cast<size_t>(needle.size());
        for (const char* at = from + 1; at < end;) {
            const auto* hit = static_cast<const char*>(std::memchr(at, needle[1], static_cast<size_t>(end - at)));
            if (hit == nullptr)
                return nullptr;
            const char* start = hit - 1;
            if (static_cast<size_t>(end - start) < length)
                return nullptr;
            if (std::memcmp(start, needle.data(), length) == 0)
                return start;
            at = hit + 1;
        }
        return nullptr;
    }

    /// Decodes an events frame strictly, like a workstation, and checks the fast path against it.
    void verify(Station& station, QByteArrayView bytes, qint64 found) {
        ++m_stats.verifiedFrames;
        const auto decoded = protocol::decodeServerFrame(bytes);
        const auto* events = decoded ? std::get_if<protocol::EventsFrame>(&decoded.value()) : nullptr;
        if (!events) {
            m_stats.problem(u"workstation %1: an events frame failed strict decoding: %2"_s.arg(station.index)
                                .arg(decoded ? u"another type"_s : decoded.error()));
            return;
        }
        qint64 bench = 0;
        for (const core::Event& event : events->events) {
            if (event.seq <= station.lastVerifiedSeq)
                m_stats.problem(u"workstation %1: seq %2 after %3"_s.arg(station.index)
                                    .arg(event.seq)
                                    .arg(station.lastVerifiedSeq));
            station.lastVerifiedSeq = event.seq;
            if (isBenchId(event.id))
                ++bench;
        }
        // The server joins frames from separately encoded events; they must be exactly what the encoder writes.
        if (QByteArrayView(protocol::encode(*events)) != bytes)
            m_stats.problem(
                u"workstation %1: an events frame is not byte for byte what the encoder writes"_s.arg(station.index));
        if (bench != found)
            m_stats.problem(u"workstation %1: the fast path found %2 events, strict decoding %3"_s.arg(station.index)
                                .arg(found)
                                .arg(bench));
    }

    /// Whether \a id is a bench event's: the prefix, then its number (not the setup's bench-<run>-import-N).
    bool isBenchId(QStringView id) const {
        const QStringView number = id.mid(m_idPrefix.size());
        return id.startsWith(m_idPrefix) && !number.isEmpty() &&
               std::all_of(number.begin(), number.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    }

    /// The fast path for an ack that stores every event: {"results":[{"id":"<prefix>N","seq":S},…],"type":"ack"}
    /// (sorted keys). False for anything else — a refused event's result starts with "error" — which is then
    /// decoded strictly. One ack in --verify-every is decoded strictly as well and compared.
    bool scanAck(Station& station, QByteArrayView bytes, qint64 arrivedNs) {
        if (!bytes.startsWith(ackHead))
            return false;
        const char* at = bytes.data() + ackHead.size();
        const char* const end = bytes.data() + bytes.size() - ackTail.size();
        const auto expect = [&](QByteArrayView what) {
            if (end - at < what.size() || std::memcmp(at, what.data(), static_cast<size_t>(what.size())) != 0)
                return false;
            at += what.size();
            return true;
        };
        const auto number = [&](qint64& value) {
            const auto parsed = std::from_chars(at, end, value);
            if (parsed.ec != std::errc() || parsed.ptr == at || *at == '-')
                return false;
            at = parsed.ptr;
            return true;
        };
        m_ackResults.clear();
        while (at < end) {
            qint64 event = 0;
            qint64 seq = 0;
            if ((!m_ackResults.empty() && !expect(",")) || !expect(m_ackMarker) || !number(event) ||
                !expect(R"(","seq":)") || !number(seq) || !expect("}"))
                return false;
            m_ackResults.emplace_back(event, seq);
        }
        if (m_options.verifyEvery > 0 && ++m_ackFrames % m_options.verifyEvery == 0) {
            const auto decoded = protocol::decodeServerFrame(bytes);
            const auto* ack = decoded ? std::get_if<protocol::Ack>(&decoded.value()) : nullptr;
            bool same = ack != nullptr && static_cast<size_t>(ack->results.size()) == m_ackResults.size();
            for (size_t index = 0; same && index < m_ackResults.size(); ++index) {
                const protocol::AckResult& result = ack->results.at(static_cast<qsizetype>(index));
                same = result.ok() && result.seq == m_ackResults[index].second &&
                       result.id == benchId(m_idPrefix, m_ackResults[index].first);
            }
            if (!same)
                m_stats.problem(u"workstation %1: the ack fast path read another frame than strict decoding: %2"_s
                                    .arg(station.index)
                                    .arg(QString::fromUtf8(bytes)));
        }
        qint64 ok = 0;
        for (const auto& [event, seq] : m_ackResults) {
            if (event >= m_ledger.capacity || seq <= 0)
                continue;
            ++ok;
            EventLedger::Slot& slot = m_ledger.at(event);
            slot.seq.store(seq, std::memory_order_relaxed);
            slot.ackedNs.store(arrivedNs, std::memory_order_release);
            m_stats.sendToAck.record(arrivedNs - slot.sentNs.load(std::memory_order_acquire));
        }
        const auto results = static_cast<qint64>(m_ackResults.size());
        accepted.fetch_add(ok, std::memory_order_relaxed);
        station.outstanding -= results;
        outstanding.fetch_sub(results, std::memory_order_relaxed);
        return true;
    }

    void onAck(Station& station, const protocol::Ack& ack, qint64 arrivedNs) {
        qint64 ok = 0;
        for (const protocol::AckResult& result : ack.results) {
            bool numeric = false;
            const qint64 event = QStringView(result.id).mid(m_idPrefix.size()).toLongLong(&numeric);
            if (!numeric || event < 0 || event >= m_ledger.capacity)
                continue;
            if (!result.ok()) {
                m_stats.problem(u"event %1 refused: %2"_s.arg(result.id, result.error));
                ++refused;
                continue;
            }
            ++ok;
            EventLedger::Slot& slot = m_ledger.at(event);
            slot.seq.store(result.seq, std::memory_order_relaxed);
            slot.ackedNs.store(arrivedNs, std::memory_order_release);
            m_stats.sendToAck.record(arrivedNs - slot.sentNs.load(std::memory_order_acquire));
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

    /// Sends a frame the bench wrote (UTF-8 JSON) as a text message.
    static void send(Station& station, QByteArrayView frame) {
        if (station.qt)
            station.qt->sendTextMessage(QString::fromUtf8(frame));
        else
            station.lean->sendText(frame);
    }

    bool submit(Station& station, qint64 count) {
        const qint64 first = m_ledger.next.fetch_add(count);
        if (first + count > m_ledger.capacity) {
            m_stats.problem(u"the event ledger is full; the run offered more events than planned"_s);
            return false;
        }
        m_writer.write(m_submitFrame, first, count, QDateTime::currentMSecsSinceEpoch());
        const qint64 sentNs = nowNs();
        for (qint64 event = first; event < first + count; ++event)
            m_ledger.at(event).sentNs.store(sentNs, std::memory_order_release);
        station.sentInStep += count;
        station.outstanding += count;
        outstanding.fetch_add(count, std::memory_order_relaxed);
        ++m_stats.submitFrames;
        send(station, m_submitFrame);
        return true;
    }

    void pingAll() {
        for (const auto& station : m_stations)
            send(*station, m_pingFrame);
    }

    static constexpr QByteArrayView payloadKey{"\"payload\":"};
    static constexpr QByteArrayView ackHead{"{\"results\":["};
    static constexpr QByteArrayView ackTail{"],\"type\":\"ack\"}"};

    EventLedger& m_ledger;
    const Options& m_options;
    const SubmitWriter& m_writer;
    const QString m_idPrefix;
    /// "id":"bench-<run>- as UTF-8: what precedes each bench event's number in a frame.
    const QByteArray m_marker;
    /// {"id":"bench-<run>- : how an ack's result of a stored bench event starts.
    const QByteArray m_ackMarker;
    /// What follows "payload": in a bench event up to its seq's digits: {"text":"<note text>"},"seq":
    const QByteArray m_payloadTail;
    const QByteArray m_pingFrame;
    /// The submit frame being sent, and an ack's (event, seq) pairs (reused).
    QByteArray m_submitFrame;
    std::vector<std::pair<qint64, qint64>> m_ackResults;
    qint64 m_ackFrames = 0;
    /// The lean clients' epoll set and receive buffer (declared before the stations, which use it).
    std::unique_ptr<LeanWebSocketGroup> m_group;
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
    const QCommandLineOption verify(
        u"verify-every"_s,
        u"Decode every n-th events frame of each workstation strictly and compare it with the encoder's bytes "
        u"(default 1024; 0: never). A sample: the fast path checks every frame's events (their payload, and seqs "
        u"strictly increasing per workstation and equal to the acks'), and a decode costs a client far more."_s,
        u"n"_s);
    const QCommandLineOption textFrames(
        u"text-frames"_s,
        u"The workstations ask for text frames, as those of the first revision of protocol 1 did (default: binary)."_s);
    const QCommandLineOption qtClients(
        u"qt-clients"_s,
        u"Every workstation uses QWebSocket, as the workstation program does, instead of the bench's lean WebSocket "
        u"client (which costs the shared CPUs less per received frame)."_s);
    const QCommandLineOption database(
        u"db"_s, u"Database URL for the server (default: SQLite in a temporary directory)."_s, u"url"_s);
    const QCommandLineOption admin(u"admin-password"_s,
                                   u"The admin's password when the database is not new (no password is printed)."_s,
                                   u"password"_s);
    const QCommandLineOption serverEnvironment(
        u"server-env"_s, u"NAME=VALUE for the server's environment only, such as QT_NO_GLIB=1 (repeatable)."_s,
        u"setting"_s);
    parser.addOptions({workstations, threads, submitters, accounts, customers, rates, seconds, tick, window, text,
                       maxP99, targetP99, drain, verify, textFrames, qtClients, database, admin, serverEnvironment});
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
    options.qtClients = parser.isSet(qtClients);
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
    const QString text = u"bench note: "_s + QString(options.textBytes, u'x');
    const SubmitWriter writer(idPrefix, setup.customers, text);
    if (const QString differs = writer.check(); !differs.isEmpty())
        die(u"a spliced submit frame is not what the encoder writes\n"_s + differs);
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<ClientThread*> clients;
    // The submitters get a thread of their own, so that an ack is noted when it arrives, not after the thread
    // has handled the pushes to dozens of other workstations; the other workstations are spread over --threads.
    const int receivers = options.workstations - options.submitters;
    const int receiverThreads = std::max(1, std::min(options.threads, receivers));
    std::vector<QList<StationPlan>> plan(static_cast<size_t>(receiverThreads + 1));
    for (int station = 0; station < options.workstations; ++station) {
        const bool submitter = station < options.submitters;
        const size_t thread = submitter ? 0 : 1 + static_cast<size_t>(station % receiverThreads);
        plan[thread].append({station, setup.tokens.at(station % setup.tokens.size()), submitter});
    }
    for (int index = 0; index < static_cast<int>(plan.size()); ++index) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(index == 0 ? u"bench-submitters"_s : u"bench-client-%1"_s.arg(index));
        auto* client = new ClientThread(ledger, options, idPrefix, text, writer);
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
    if (warmup.moreProblems > 0)
        print(u"… and %1 more problems"_s.arg(warmup.moreProblems));

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
          u"max │ send→ack p99 │ ev/frame │ CPU % server bench other │ µs/arrival server bench │ load"_s);

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
        for (const EarlyArrival& early : result.stats.beforeAck) {
            const EventLedger::Slot& slot = ledger.at(early.event);
            const qint64 acked = slot.ackedNs.load();
            if (acked == 0)
                continue;
            if (early.arrivedNs < acked)
                ++result.arrivedBeforeAck;
            result.stats.acceptToArrival.record(early.arrivedNs - acked);
            if (slot.seq.load() != early.seq)
                result.stats.problem(
                    u"workstation %1: event %2 arrived with seq %3, its ack said %4"_s.arg(early.station)
                        .arg(early.event)
                        .arg(early.seq)
                        .arg(slot.seq.load()));
        }
        // Seqs increase strictly at every workstation (the fast path checks every frame), so each one received
        // every accepted event exactly once if it received as many as were accepted (a step that is behind names
        // the workstations that were).
        std::sort(result.stats.stationArrivals.begin(), result.stats.stationArrivals.end());
        for (const auto& [station, count] : result.stats.stationArrivals) {
            if (count != result.accepted)
                result.stats.problem(
                    u"workstation %1 received %2 of the step's %3 accepted events"_s.arg(station).arg(count).arg(
                        result.accepted));
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
        // The server's and the bench's CPU per (event, workstation) arrival: less at the mercy of other programs than
        // the latencies and the CPU shares.
        const auto perArrival = [&](double cpu) {
            return 1e6 * cpu / static_cast<double>(std::max<qint64>(1, send.count()));
        };
        print(u"%1 %2 %3 │ %4 %5 %6 %7 │ %8 %9 %10 │ %11 │ %12 │ %13 %14 %15 │ %16 %17 │ %18"_s.arg(rate, 10, 'f', 0)
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
                  .arg(perArrival(result.serverCpu), 17, 'f', 2)
                  .arg(perArrival(result.benchCpu), 5, 'f', 2)
                  .arg(result.load));
        for (const QString& problem : result.stats.problems.mid(0, 10))
            print(u"  problem: "_s + problem);
        if (const qint64 more = result.stats.problems.size() - 10 + result.stats.moreProblems; more > 0)
            print(u"  … and %1 more problems"_s.arg(more));
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
