// workstation_sim: a headless workstation for the chaos test (ChaosTest.cpp). It opens a cache through the
// StoreClient, signs in with a session token and runs the real SyncClient, and writes agent actions into the
// outbox the way the workstation's windows do (StoreClient::appendOutbound as the Composer, setState as the
// customer card; each commits its event and its outbox row in one transaction), on customers the server sent.
// It may be SIGKILLed at any moment: started again on the same cache it resumes the stream after its last seq,
// delivers what the outbox still holds, and writes only the actions still missing up to --actions.
//
// What it prints, one line each, flushed at once:
//   wrote <event id>                          an action committed to the cache (printed after the commit)
//   write-failed <reason>                     an action the cache refused; the next tick tries again
//   state <offline|connecting|syncing|online|disconnected> [detail]
//   status written=W pending=P refused=R seq=S state=NAME
//                                             read from the cache every --status-ms when something changed:
//                                             W actions by --agent, P outbox entries on their way, R refused ones,
//                                             S the last server seq applied
//   signed-out <reason>                       the token was refused (then it exits with 3)

#include "store/StoreClient.h"
#include "sync/SyncClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace {

using namespace Qt::StringLiterals;
using tl::sync::ConnectionState;

void say(const QString& line) {
    std::fputs(line.toUtf8().append('\n').constData(), stdout);
    std::fflush(stdout);
}

QString stateName(ConnectionState state) {
    switch (state) {
    case ConnectionState::Offline:
        return u"offline"_s;
    case ConnectionState::Connecting:
        return u"connecting"_s;
    case ConnectionState::Syncing:
        return u"syncing"_s;
    case ConnectionState::Online:
        return u"online"_s;
    case ConnectionState::Disconnected:
        return u"disconnected"_s;
    }
    return u"unknown"_s;
}

/// The simulated agent: one action per tick until the cache holds --actions of them. Thread: main.
class SimulatedAgent final : public QObject {
public:
    SimulatedAgent(tl::store::StoreClient& store, tl::sync::SyncClient& sync, QString databasePath, int actions,
                   int intervalMs)
        : m_store(store)
        , m_sync(sync)
        , m_databasePath(std::move(databasePath))
        , m_actions(actions)
        , m_intervalMs(intervalMs) {}

    ~SimulatedAgent() override {
        m_reader = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"workstation-sim-status"_s);
    }

    /// Opens the status connection and counts what earlier runs wrote; false when the cache cannot be read.
    bool begin() {
        m_reader = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"workstation-sim-status"_s);
        m_reader.setDatabaseName(m_databasePath);
        if (!m_reader.open()) {
            say(u"error cannot read the cache: "_s + m_reader.lastError().text());
            return false;
        }
        const Status status = readStatus();
        if (!status.valid)
            return false;
        m_written = status.written;
        return true;
    }

    void reportStatus() {
        const Status status = readStatus();
        if (!status.valid)
            return;
        const QString line = u"status written=%1 pending=%2 refused=%3 seq=%4 state=%5"_s.arg(status.written)
                                 .arg(status.pending)
                                 .arg(status.refused)
                                 .arg(status.seq)
                                 .arg(stateName(m_sync.state()));
        if (line != m_lastStatus) {
            m_lastStatus = line;
            say(line);
        }
    }

    /// One action (after refreshing the customers now and then), then the next tick.
    void step() {
        if (m_written >= m_actions)
            return;
        if (m_customers.isEmpty() || m_written - m_refreshedAt >= 25) {
            tl::store::CustomerFilter filter;
            filter.limit = 200;
            m_store.customers(filter, this, [this](tl::core::Result<QVector<tl::core::Customer>> customers) {
                if (customers) {
                    m_customers.clear();
                    for (const tl::core::Customer& customer : customers.value()) {
                        if (!customer.identities.isEmpty())
                            m_customers.append(customer.id);
                    }
                    m_refreshedAt = m_written;
                }
                if (m_customers.isEmpty())
                    next(); // nothing received yet
                else
                    write();
            });
            return;
        }
        write();
    }

private:
    struct Status final {
        bool valid = false;
        int written = 0;
        int pending = 0;
        int refused = 0;
        qint64 seq = 0;
    };

    Status readStatus() {
        QSqlQuery query(m_reader);
        query.prepare(u"SELECT (SELECT count(*) FROM events WHERE author = ?),"
                      u" (SELECT count(*) FROM outbox WHERE error IS NULL),"
                      u" (SELECT count(*) FROM outbox WHERE error IS NOT NULL),"
                      u" (SELECT value FROM sync_state WHERE name = 'last_server_seq')"_s);
        query.bindValue(0, m_store.agentLogin());
        Status status;
        if (!query.exec() || !query.next()) {
            say(u"error reading the cache: "_s + query.lastError().text());
            return status;
        }
        status.valid = true;
        status.written = query.value(0).toInt();
        status.pending = query.value(1).toInt();
        status.refused = query.value(2).toInt();
        status.seq = query.value(3).toLongLong();
        return status;
    }

    /// Notes mostly, an e-mail reply every third action, a status change every seventh: what an agent does.
    void write() {
        const int index = m_written;
        const QString customer = m_customers.at(index % m_customers.size());
        const auto done = [this](tl::core::Result<tl::core::Event> event) {
            if (event) {
                ++m_written;
                say(u"wrote "_s + event.value().id);
            } else {
                say(u"write-failed "_s + event.error());
            }
            next();
        };
        if (index % 7 == 6) {
            const tl::core::CaseState state = index % 2 == 0 ? tl::core::CaseState::Pending : tl::core::CaseState::Open;
            m_store.setState(customer, state, this, done);
        } else if (index % 3 == 2) {
            m_store.appendOutbound(customer, tl::core::Channel::Email, u"message.out"_s,
                                   QJsonObject{{u"text"_s, u"Reply %1 from the chaos agent."_s.arg(index)}}, this,
                                   done);
        } else {
            m_store.appendOutbound(customer, tl::core::Channel::Note, u"note"_s,
                                   QJsonObject{{u"text"_s, u"Note %1 from the chaos agent."_s.arg(index)}}, this, done);
        }
    }

    void next() {
        QTimer::singleShot(m_intervalMs, this, [this] { step(); });
    }

    tl::store::StoreClient& m_store;
    tl::sync::SyncClient& m_sync;
    QString m_databasePath;
    int m_actions = 0;
    int m_intervalMs = 0;
    int m_written = 0;
    int m_refreshedAt = 0;
    QStringList m_customers;
    QSqlDatabase m_reader;
    QString m_lastStatus;
};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"workstation_sim"_s);
    QCoreApplication::setApplicationVersion(u"test"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"A headless Threadline workstation for the chaos test."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(u"db"_s, u"The local cache."_s, u"file"_s);
    const QCommandLineOption serverOption(u"server"_s, u"The server's base URL (http://127.0.0.1:PORT)."_s, u"url"_s);
    const QCommandLineOption tokenOption(u"token"_s, u"A session token of the agent."_s, u"token"_s);
    const QCommandLineOption agentOption(u"agent"_s, u"The agent's login (the author of its actions)."_s, u"login"_s);
    const QCommandLineOption actionsOption(u"actions"_s, u"How many actions the cache should hold in the end."_s,
                                           u"count"_s, u"100"_s);
    const QCommandLineOption intervalOption(u"interval-ms"_s, u"The pause between two actions."_s, u"ms"_s, u"5"_s);
    const QCommandLineOption statusOption(u"status-ms"_s, u"How often the status line is checked."_s, u"ms"_s, u"25"_s);
    parser.addOptions(
        {databaseOption, serverOption, tokenOption, agentOption, actionsOption, intervalOption, statusOption});
    parser.process(app);
    for (const QCommandLineOption& required : {databaseOption, serverOption, tokenOption, agentOption}) {
        if (!parser.isSet(required)) {
            std::fprintf(stderr, "workstation_sim: --%s is required\n", qPrintable(required.names().first()));
            return 2;
        }
    }
    const QString databasePath = parser.value(databaseOption);

    tl::store::StoreClient store(databasePath, parser.value(agentOption));
    tl::sync::SyncClient sync(databasePath);
    // As app/threadline/main.cpp wires them: a committed write flushes the outbox, the sync's writes refresh views.
    QObject::connect(&sync, &tl::sync::SyncClient::customersChanged, &store, &tl::store::StoreClient::notifyChanged);
    QObject::connect(&store, &tl::store::StoreClient::customersChanged, &sync, &tl::sync::SyncClient::flushOutbox);
    QObject::connect(&sync, &tl::sync::SyncClient::stateChanged, &app,
                     [](ConnectionState state, const QString& detail) {
                         say((u"state "_s + stateName(state) + u' ' + detail).trimmed());
                     });
    QObject::connect(&sync, &tl::sync::SyncClient::signedOut, &app, [](const QString& reason) {
        say(u"signed-out "_s + reason);
        QCoreApplication::exit(3);
    });

    SimulatedAgent agent(store, sync, databasePath, parser.value(actionsOption).toInt(),
                         parser.value(intervalOption).toInt());
    QTimer statusTimer;
    QObject::connect(&statusTimer, &QTimer::timeout, &agent, [&agent] { agent.reportStatus(); });
    QObject::connect(&store, &tl::store::StoreClient::openFailed, &app, [](const QString& error) {
        say(u"error "_s + error);
        QCoreApplication::exit(1);
    });
    // Signing in comes after the cache is open, as in the workstation (the login dialog follows the window).
    QObject::connect(&store, &tl::store::StoreClient::opened, &app, [&] {
        if (!agent.begin()) {
            QCoreApplication::exit(1);
            return;
        }
        agent.reportStatus();
        statusTimer.start(parser.value(statusOption).toInt());
        sync.start(QUrl(parser.value(serverOption)), parser.value(tokenOption));
        agent.step();
    });
    return QCoreApplication::exec();
}
