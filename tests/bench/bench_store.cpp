// bench_store: ingest throughput and timeline paging of the local cache (docs/store.md has the figures).
// THREADLINE_BENCH_EVENTS=N sets the number of events (default 1,000,000); THREADLINE_BENCH_BATCH the records per
// ingestBatch() transaction (default 50,000, a bulk import's size; the JSON Lines importer uses 5,000).
// BM_CtlIngest writes the same history as a JSON Lines file and times `threadline-ctl ingest` on it, end to end
// (--benchmark_filter=BM_CtlIngest runs it alone; THREADLINE_BENCH_CTL=path times another threadline-ctl).
// THREADLINE_BENCH_KEEP=1 keeps the databases and the JSON Lines file (the directory is printed).
#include "core/EventKind.h"
#include "core/ImportRecord.h"
#include "store/EventStore.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <random>

using namespace tl;
using namespace Qt::StringLiterals;

namespace {

qint64 envNumber(const char* name, qint64 fallback) {
    bool ok = false;
    const qint64 value = qEnvironmentVariable(name).toLongLong(&ok);
    return ok && value > 0 ? value : fallback;
}

/// Sentences of the four languages the product ships in, plus English.
const QStringList& sentences() {
    static const QStringList all{
        u"Dzień dobry, moje zamówienie nr 48213 jeszcze nie dotarło, a minął już tydzień."_s,
        u"Czy mogę zmienić adres dostawy? Będę w pracy do piątku."_s,
        u"Faktura VAT powinna być wystawiona na firmę, proszę o korektę."_s,
        u"Здравствуйте! Мой заказ до сих пор не доставлен, посылка потерялась на складе."_s,
        u"Подскажите, пожалуйста, когда будет возврат денег за отменённый заказ?"_s,
        u"سلام، سفارش من هنوز نرسیده است. می‌خواهم وضعیت ارسال را پیگیری کنم."_s,
        u"لطفاً فاکتور را دوباره برای من ارسال کنید."_s,
        u"你好，我的订单还没有到，请帮我查一下物流信息。"_s,
        u"我想修改收货地址，可以吗？谢谢。"_s,
        u"Hello, the package arrived damaged and I would like a replacement or a refund."_s,
        u"Thanks for the quick answer, that solved it."_s,
        u"Could you call me back after 5 pm? I am in meetings until then."_s,
    };
    return all;
}

/// Deterministic synthetic history: customers 1..N share (total - big) events, customer 0 gets `big` events.
class HistoryGenerator final {
public:
    HistoryGenerator(qint64 total, qint64 bigShare)
        : m_total(total)
        , m_big(bigShare) {
        m_customers = std::max<qint64>(1, (total - bigShare) / 91);
    }

    [[nodiscard]] qint64 total() const { return m_total; }
    [[nodiscard]] qint64 customers() const { return m_customers + 1; }
    [[nodiscard]] static QString emailOf(qint64 customer) { return u"email:customer%1@example.org"_s.arg(customer); }

    std::vector<core::ImportRecord> next(qint64 count) {
        std::vector<core::ImportRecord> batch;
        batch.reserve(static_cast<size_t>(count));
        for (qint64 i = 0; i < count && m_made < m_total; ++i, ++m_made)
            batch.push_back(make());
        return batch;
    }

private:
    core::ImportRecord make() {
        std::uniform_int_distribution<qint64> anyCustomer(1, m_customers);
        std::uniform_int_distribution<int> percent(0, 99);
        const bool big = std::uniform_int_distribution<qint64>(0, m_total - 1)(m_random) < m_big;
        const qint64 customer = big ? 0 : anyCustomer(m_random);
        m_clock += std::uniform_int_distribution<int>(1, 20'000)(m_random);

        const int kindRoll = percent(m_random);
        const QString& kind = kindRoll < 55   ? core::kinds::MessageIn
                              : kindRoll < 90 ? core::kinds::MessageOut
                              : kindRoll < 94 ? core::kinds::Note
                              : kindRoll < 97 ? core::kinds::StatusChanged
                                              : core::kinds::CallMissed;
        const int channelRoll = percent(m_random);
        core::Channel channel = channelRoll < 50   ? core::Channel::Email
                                : channelRoll < 75 ? core::Channel::Chat
                                                   : core::Channel::Sms;
        if (kind == core::kinds::Note)
            channel = core::Channel::Note;
        else if (kind == core::kinds::StatusChanged)
            channel = core::Channel::System;
        else if (kind == core::kinds::CallMissed)
            channel = core::Channel::Voice;

        const QString email = emailOf(customer);
        const QString phone = u"phone:+48%1"_s.arg(600'000'000 + customer);
        const QString chat = u"chat:visitor-%1"_s.arg(customer);
        core::ImportRecord record;
        core::Event& event = record.event;
        event.id = u"%1:%2"_s.arg(core::channelName(channel)).arg(m_random(), 16, 16, QLatin1Char('0'));
        event.kind = kind;
        event.channel = channel;
        event.occurredAt = m_clock;
        event.identity = channel == core::Channel::Sms || channel == core::Channel::Voice ? phone
                         : channel == core::Channel::Chat                                 ? chat
                                                                                          : email;
        // A customer's first contact often names another identity (a pre-chat form asks for the e-mail address,
        // a signature holds a phone number), which links it; later, now and then, a record names all three and
        // proves two customers made from different channels to be one person, which merges them.
        if (!m_seen.contains(customer)) {
            m_seen.insert(customer);
            if (customer % 2 == 0)
                record.identities = {email, phone};
        } else if (std::uniform_int_distribution<int>(0, 999)(m_random) < 2) {
            record.identities = {email, phone, chat};
        }
        if (percent(m_random) < 10)
            record.name = u"Customer %1"_s.arg(customer);
        event.author = core::kinds::isInbound(kind) ? event.identity : u"agent.%1"_s.arg(customer % 40);
        if (kind == core::kinds::StatusChanged) {
            static const QStringList states{u"open"_s, u"pending"_s, u"resolved"_s};
            event.payload.insert(u"state"_s, states.at(percent(m_random) % 3));
        } else if (kind != core::kinds::CallMissed) {
            QString text;
            const int parts = std::uniform_int_distribution<int>(1, 4)(m_random);
            for (int part = 0; part < parts; ++part) {
                text += sentences().at(std::uniform_int_distribution<qsizetype>(0, sentences().size() - 1)(m_random));
                text += u' ';
            }
            event.payload.insert(u"text"_s, text.trimmed());
            if (channel == core::Channel::Email)
                event.payload.insert(u"subject"_s, u"Re: order %1"_s.arg(customer));
        }
        return record;
    }

    qint64 m_total;
    qint64 m_big;
    qint64 m_customers;
    qint64 m_made = 0;
    QSet<qint64> m_seen;
    qint64 m_clock = 1'700'000'000'000LL;
    std::mt19937_64 m_random{20260101};
};

struct BenchState final {
    QTemporaryDir dir;
    std::unique_ptr<store::EventStore> store;
    QString bigCustomer;
};
BenchState* state = nullptr;

QString databasePath() {
    return state->dir.filePath(u"bench.sqlite"_s);
}

void BM_Ingest(benchmark::State& benchState) {
    const qint64 total = envNumber("THREADLINE_BENCH_EVENTS", 1'000'000);
    const qint64 batchSize = envNumber("THREADLINE_BENCH_BATCH", 50'000);
    for (auto _ : benchState) {
        state->store.reset();
        QFile::remove(databasePath());
        auto opened = store::EventStore::open(databasePath());
        if (!opened) {
            benchState.SkipWithError(opened.error().toUtf8().constData());
            return;
        }
        state->store = std::move(opened).value();
        HistoryGenerator generator(total, total / 10);
        double seconds = 0;
        for (;;) {
            const std::vector<core::ImportRecord> batch = generator.next(batchSize);
            if (batch.empty())
                break;
            QElapsedTimer timer;
            timer.start();
            const auto stats = state->store->ingestBatch(batch);
            seconds += static_cast<double>(timer.nsecsElapsed()) / 1e9;
            if (!stats) {
                benchState.SkipWithError(stats.error().toUtf8().constData());
                return;
            }
        }
        benchState.SetIterationTime(seconds);
        benchState.counters["events"] = static_cast<double>(total);
        benchState.counters["stored_incl_generated"] = static_cast<double>(state->store->eventCount());
        benchState.counters["events_per_s"] = static_cast<double>(total) / seconds;
        benchState.counters["batch"] = static_cast<double>(batchSize);
        benchState.counters["customers"] = static_cast<double>(generator.customers());
        benchState.counters["db_MiB"] =
            static_cast<double>(QFileInfo(databasePath()).size() + QFileInfo(databasePath() + u"-wal"_s).size()) /
            (1024.0 * 1024.0);
    }
    state->bigCustomer = state->store->canonicalCustomer(*state->store->customerOf(HistoryGenerator::emailOf(0)));
    benchState.counters["big_customer_events"] =
        static_cast<double>(state->store->timeline(state->bigCustomer).value().size());
}
BENCHMARK(BM_Ingest)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

bool ready(benchmark::State& benchState) {
    if (!state->store) {
        benchState.SkipWithError("run BM_Ingest first (it builds the database)");
        return false;
    }
    return true;
}

void BM_TimelineNewestCold(benchmark::State& benchState) {
    if (!ready(benchState))
        return;
    // A fresh connection per iteration: what opening the workstation and clicking the customer costs.
    for (auto _ : benchState) {
        benchState.PauseTiming();
        state->store.reset();
        state->store = std::move(store::EventStore::open(databasePath())).value();
        benchState.ResumeTiming();
        auto page = state->store->timelineNewest(state->bigCustomer, static_cast<int>(benchState.range(0)));
        benchmark::DoNotOptimize(page);
    }
}
BENCHMARK(BM_TimelineNewestCold)->Arg(100)->Iterations(20)->Unit(benchmark::kMillisecond);

void BM_TimelineNewest(benchmark::State& benchState) {
    if (!ready(benchState))
        return;
    for (auto _ : benchState) {
        auto page = state->store->timelineNewest(state->bigCustomer, static_cast<int>(benchState.range(0)));
        if (!page || page.value().events.size() != benchState.range(0))
            benchState.SkipWithError("short page");
        benchmark::DoNotOptimize(page);
    }
}
BENCHMARK(BM_TimelineNewest)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_TimelineBefore(benchmark::State& benchState) {
    if (!ready(benchState))
        return;
    // Page back from the middle of the big timeline.
    const auto all = state->store->timeline(state->bigCustomer).value();
    const store::TimelineKey key = store::TimelineKey::of(all.at(all.size() / 2));
    for (auto _ : benchState) {
        auto page = state->store->timelineBefore(state->bigCustomer, key, static_cast<int>(benchState.range(0)));
        benchmark::DoNotOptimize(page);
    }
}
BENCHMARK(BM_TimelineBefore)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_Search(benchmark::State& benchState) {
    if (!ready(benchState))
        return;
    const QStringList queries{u"zamowienie"_s, u"посылка"_s, u"پیگیری"_s, u"订单"_s, u"refund"_s};
    qsizetype index = 0;
    for (auto _ : benchState) {
        auto hits = state->store->search(queries.at(index++ % queries.size()), 200);
        benchmark::DoNotOptimize(hits);
    }
}
BENCHMARK(BM_Search)->Unit(benchmark::kMillisecond);

void BM_CustomerList(benchmark::State& benchState) {
    if (!ready(benchState))
        return;
    for (auto _ : benchState) {
        auto customers = state->store->customers({});
        benchmark::DoNotOptimize(customers);
    }
}
BENCHMARK(BM_CustomerList)->Unit(benchmark::kMillisecond);

/// The record as a line of docs/import-format.md.
QByteArray jsonLineOf(const core::ImportRecord& record) {
    const core::Event& event = record.event;
    QJsonObject object{
        {u"id"_s, event.id},
        {u"channel"_s, core::channelName(event.channel)},
        {u"kind"_s, event.kind},
        {u"occurred_at"_s, core::eventjson::formatTimestamp(event.occurredAt)},
        {u"identity"_s, event.identity},
        {u"author"_s, event.author.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(event.author)},
        {u"payload"_s, event.payload},
    };
    if (!record.identities.isEmpty())
        object.insert(u"identities"_s, QJsonArray::fromStringList(record.identities));
    if (!record.name.isEmpty())
        object.insert(u"name"_s, record.name);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

void BM_CtlIngest(benchmark::State& benchState) {
    const qint64 total = envNumber("THREADLINE_BENCH_EVENTS", 1'000'000);
    const QString input = state->dir.filePath(u"bench.jsonl"_s);
    const QString database = state->dir.filePath(u"ctl.sqlite"_s);
    {
        QFile file(input);
        if (!file.open(QIODevice::WriteOnly)) {
            benchState.SkipWithError("cannot write the JSON Lines file");
            return;
        }
        HistoryGenerator generator(total, total / 10);
        for (;;) {
            const std::vector<core::ImportRecord> batch = generator.next(10'000);
            if (batch.empty())
                break;
            for (const core::ImportRecord& record : batch)
                file.write(jsonLineOf(record));
        }
    }
    for (auto _ : benchState) {
        for (const QString& suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(database + suffix);
        QProcess ctl;
        ctl.setStandardErrorFile(QProcess::nullDevice());
        QElapsedTimer timer;
        timer.start();
        const QString program = qEnvironmentVariable("THREADLINE_BENCH_CTL", QStringLiteral(THREADLINE_CTL_PATH));
        ctl.start(program, {u"--db"_s, database, u"--region"_s, u"PL"_s, u"--json"_s, u"ingest"_s, input});
        if (!ctl.waitForFinished(-1) || ctl.exitStatus() != QProcess::NormalExit || ctl.exitCode() != 0) {
            benchState.SkipWithError("threadline-ctl ingest failed");
            return;
        }
        const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        benchState.SetIterationTime(seconds);
        const QJsonObject report = QJsonDocument::fromJson(ctl.readAllStandardOutput()).object();
        benchState.counters["events"] = static_cast<double>(total);
        benchState.counters["imported"] = report.value("imported"_L1).toDouble();
        benchState.counters["rejected"] = report.value("rejected"_L1).toDouble();
        benchState.counters["events_per_s"] = static_cast<double>(total) / seconds;
        benchState.counters["jsonl_MiB"] = static_cast<double>(QFileInfo(input).size()) / (1024.0 * 1024.0);
    }
    if (state->dir.autoRemove())
        QFile::remove(input);
}
BENCHMARK(BM_CtlIngest)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    BenchState benchState;
    state = &benchState;
    if (qEnvironmentVariableIntValue("THREADLINE_BENCH_KEEP") != 0) {
        benchState.dir.setAutoRemove(false);
        qInfo("keeping the databases in %s", qPrintable(benchState.dir.path()));
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    benchState.store.reset();
    state = nullptr;
    return 0;
}
