#include "RestApi.h"

#include "PasswordHasher.h"
#include "PasswordService.h"
#include "ServerMetrics.h"
#include "StoreThread.h"
#include "SyncHub.h"
#include "core/IdentityNormalizer.h"
#include "core/ImportRecord.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <optional>

namespace tl::server {

Q_LOGGING_CATEGORY(lcApi, "threadline.server.api")

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;
using store::Account;
using store::Role;

namespace {

/// Sign-ins waiting for the password pool beyond this are refused with 429 (each hash holds 64 MiB).
constexpr int maxPendingHashes = 32;
/// /healthz answers 503 when the database does not answer within this time.
constexpr int healthTimeoutMs = 3000;
/// Records per ingest call; an import is cut into such calls so that sync reads interleave.
constexpr qsizetype importBatch = 500;
/// The shortest password an admin may set.
constexpr qsizetype minPasswordLength = 8;

QJsonObject accountJson(const Account& account) {
    return {{u"login"_s, account.login},
            {u"name"_s, account.name},
            {u"role"_s, store::roleName(account.role)},
            {u"disabled"_s, account.disabled},
            {u"queues"_s, QJsonArray::fromStringList(account.queues)},
            {u"created_at"_s, core::eventjson::formatTimestamp(account.createdAt)}};
}

/// The password a request sets: its "password", or a generated one when it names none. Too short a password is
/// answered with 400 and gives nothing.
template <typename Respond> std::optional<QString> chosenPassword(const QJsonObject& body, const Respond& respond) {
    const QString password = body.value(QStringLiteral("password")).toString();
    if (password.isEmpty())
        return PasswordHasher::generatePassword();
    if (password.size() < minPasswordLength) {
        respond(HttpResponse::error(
            400, QStringLiteral("The password must have at least %1 characters.").arg(minPasswordLength)));
        return std::nullopt;
    }
    return password;
}

std::optional<QJsonObject> jsonObject(const QByteArray& body) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool readsAll(const Account& account) {
    return account.role == Role::Admin || account.role == Role::Supervisor;
}

store::Visibility visibilityOf(const Account& account) {
    store::Visibility visibility;
    visibility.all = readsAll(account);
    visibility.queues = account.queues;
    return visibility;
}

HttpResponse forbidden(const QString& what) {
    return HttpResponse::error(403, u"Your role may not %1."_s.arg(what));
}

/// An account looked up in the store: found, missing (404) or the store failed (503).
struct Lookup {
    std::optional<Account> account;
    QString error;
    bool unavailable = false;
};

Lookup lookUp(store::ServerStore& store, const QString& login) {
    Lookup lookup;
    auto account = store.account(login);
    if (account) {
        lookup.account = std::move(account).value();
        return lookup;
    }
    if (const auto head = store.head(); !head) {
        lookup.unavailable = true;
        lookup.error = head.error();
        return lookup;
    }
    lookup.error = u"There is no account \"%1\"."_s.arg(login);
    return lookup;
}

HttpResponse lookupFailure(const Lookup& lookup) {
    if (lookup.unavailable) {
        qCWarning(lcApi) << "the database failed:" << lookup.error;
        return HttpResponse::error(503, u"The database is unavailable."_s);
    }
    return HttpResponse::error(404, lookup.error);
}

/// What an import body held: the parsed records and the refused lines.
struct ParsedImport {
    QVector<core::ImportRecord> records;
    QVector<qsizetype> recordLines;
    QJsonArray refused;
    QString fatal;
};

ParsedImport parseImport(const QByteArray& body, const QString& region) {
    ParsedImport parsed;
    core::IdentityNormalizer normalizer(region);
    auto take = [&](qsizetype line, Result<core::ImportRecord> record) {
        if (record) {
            parsed.records.append(std::move(record).value());
            parsed.recordLines.append(line);
        } else {
            parsed.refused.append(QJsonObject{{u"line"_s, line}, {u"error"_s, record.error()}});
        }
    };
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('[')) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
        if (error.error != QJsonParseError::NoError || !document.isArray()) {
            parsed.fatal = u"The body is not a JSON array: %1."_s.arg(error.errorString());
            return parsed;
        }
        const QJsonArray array = document.array();
        for (qsizetype index = 0; index < array.size(); ++index) {
            if (!array.at(index).isObject())
                parsed.refused.append(QJsonObject{{u"line"_s, index + 1}, {u"error"_s, u"not a JSON object"_s}});
            else
                take(index + 1, core::eventjson::parseRecord(array.at(index).toObject(), normalizer));
        }
        return parsed;
    }
    qsizetype lineNumber = 0;
    for (const QByteArray& line : body.split('\n')) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        take(lineNumber, core::eventjson::parseRecord(line, normalizer));
    }
    return parsed;
}

} // namespace

RestApi::RestApi(StoreThread& store, PasswordService& passwords, SyncHub& hub, ServerMetrics& metrics,
                 Settings settings, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_passwords(passwords)
    , m_hub(hub)
    , m_metrics(metrics)
    , m_settings(std::move(settings)) {}

void RestApi::handle(const HttpRequest& request, const Respond& respond) {
    const QString& path = request.path;
    const QByteArray& method = request.method;
    auto only = [&](const char* allowed) {
        if (method == allowed)
            return true;
        respond(HttpResponse::error(405, u"%1 does not take %2."_s.arg(path, QString::fromLatin1(method))));
        return false;
    };

    if (path == u"/healthz") {
        if (only("GET"))
            health(respond);
        return;
    }
    if (path == u"/metrics") {
        if (only("GET"))
            metrics(request, respond);
        return;
    }
    if (path == u"/api/v1/login") {
        if (only("POST"))
            login(request, respond);
        return;
    }
    if (path == u"/api/v1/logout") {
        if (only("POST"))
            logout(request, respond);
        return;
    }
    if (!path.startsWith(u"/api/v1/")) {
        respond(HttpResponse::error(404, u"There is nothing at %1."_s.arg(path)));
        return;
    }

    const QStringList parts = path.mid(8).split(QLatin1Char('/'));
    const QString resource = parts.value(0);
    auto routed = [this, request, respond, parts, resource, method](const Account& caller, const QByteArray&) {
        auto only2 = [&](const char* allowed) {
            if (method == allowed)
                return true;
            respond(HttpResponse::error(405, u"%1 does not take %2."_s.arg(request.path, QString::fromLatin1(method))));
            return false;
        };
        if (resource == u"me" && parts.size() == 1) {
            if (only2("GET"))
                respond(HttpResponse::json(QJsonObject{{u"account"_s, accountJson(caller)}}));
        } else if (resource == u"agents" && parts.size() == 1) {
            if (method == "GET")
                listAgents(caller, respond);
            else if (only2("POST"))
                createAgent(caller, request, respond);
        } else if (resource == u"agents" && parts.size() == 3) {
            if (only2("POST"))
                agentAction(caller, parts.at(1), parts.at(2), request, respond);
        } else if (resource == u"queues" && parts.size() == 1) {
            if (method == "GET")
                listQueues(caller, respond);
            else if (only2("POST"))
                createQueue(caller, request, respond);
        } else if (resource == u"colleagues" && parts.size() == 1) {
            if (only2("GET"))
                listColleagues(caller, request, respond);
        } else if (resource == u"mailboxes" && parts.size() == 1) {
            if (only2("GET"))
                listMailboxes(caller, respond);
        } else if (resource == u"attachments" && parts.size() == 2) {
            if (only2("GET"))
                sendAttachment(parts.at(1), respond);
        } else if (resource == u"customers" && parts.size() == 1) {
            if (only2("GET"))
                listCustomers(caller, request, respond);
        } else if (resource == u"timeline" && parts.size() == 1) {
            if (only2("GET"))
                timeline(caller, request, respond);
        } else if (resource == u"events" && parts.size() == 1) {
            if (only2("POST"))
                importEvents(caller, request, respond);
        } else {
            respond(HttpResponse::error(404, u"There is nothing at %1."_s.arg(request.path)));
        }
    };
    authenticate(request, respond, routed);
}

void RestApi::authenticate(const HttpRequest& request, const Respond& respond, AccountHandler next) {
    const QByteArray token = request.bearerToken();
    if (token.isEmpty()) {
        respond(HttpResponse::error(401, u"Sign in first and send the token as \"Authorization: Bearer TOKEN\"."_s));
        return;
    }
    m_store.call(
        this,
        [token](store::ServerStore& store) {
            Lookup lookup;
            auto account = store.accountForToken(token);
            if (account) {
                lookup.account = std::move(account).value();
            } else if (const auto head = store.head(); !head) {
                lookup.unavailable = true;
                lookup.error = head.error();
            } else {
                lookup.error = account.error();
            }
            return lookup;
        },
        [respond, next = std::move(next), token](const Lookup& lookup) {
            if (lookup.account) {
                next(*lookup.account, token);
            } else if (lookup.unavailable) {
                qCWarning(lcApi) << "cannot check a session:" << lookup.error;
                respond(HttpResponse::error(503, u"The database is unavailable."_s));
            } else {
                respond(HttpResponse::error(401, u"The session is not valid (signed out, revoked or unknown); sign "
                                                 u"in again."_s));
            }
        });
}

bool RestApi::allowLogin(const QString& address) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_loginBuckets.size() > 10000) {
        // Forget the addresses that have been quiet long enough to be full again.
        for (auto it = m_loginBuckets.begin(); it != m_loginBuckets.end();)
            it = it->isFull(now) ? m_loginBuckets.erase(it) : std::next(it);
    }
    auto it = m_loginBuckets.find(address);
    if (it == m_loginBuckets.end())
        it = m_loginBuckets.insert(
            address, TokenBucket(m_settings.loginsPerMinute / 60.0, std::max(1.0, m_settings.loginsPerMinute)));
    return it->take(now);
}

void RestApi::login(const HttpRequest& request, const Respond& respond) {
    const auto body = jsonObject(request.body);
    if (!body || !body->value(u"login"_s).isString() || !body->value(u"password"_s).isString()) {
        respond(HttpResponse::error(400, u"Send {\"login\": \"...\", \"password\": \"...\"} as JSON."_s));
        return;
    }
    if (!allowLogin(request.remoteAddress.toString())) {
        respond(HttpResponse::error(429, u"Too many sign-in attempts; wait a minute."_s));
        return;
    }
    if (m_passwords.pending() >= maxPendingHashes) {
        respond(HttpResponse::error(429, u"The server is busy signing others in; try again in a moment."_s));
        return;
    }
    const QString login = body->value(u"login"_s).toString().trimmed();
    const QString password = body->value(u"password"_s).toString();

    struct Stored {
        Lookup lookup;
        QString hash;
    };
    m_store.call(
        this,
        [login](store::ServerStore& store) {
            Stored stored{lookUp(store, login), {}};
            if (stored.lookup.account) {
                const auto hash = store.passwordHash(login);
                stored.hash = hash ? hash.value() : QString();
            }
            return stored;
        },
        [this, respond, login, password](const Stored& stored) {
            if (stored.lookup.unavailable) {
                respond(lookupFailure(stored.lookup));
                return;
            }
            // An unknown login is verified against a throwaway hash: it takes as long as a wrong password.
            m_passwords.verify(
                this, stored.hash, password,
                [this, respond, login, password, account = stored.lookup.account](bool matches, bool needsRehash) {
                    if (!matches || !account || account->disabled) {
                        m_metrics.loginFailed();
                        qCInfo(lcApi).noquote() << "refused a sign-in as" << login;
                        respond(HttpResponse::error(401, u"Wrong login or password."_s));
                        return;
                    }
                    const QByteArray token = PasswordHasher::randomToken();
                    m_store.call(
                        this, [login, token](store::ServerStore& store) { return store.addSession(login, token); },
                        [respond, token, account = *account](const Status& added) {
                            if (!added) {
                                qCWarning(lcApi) << "cannot store a session:" << added.error();
                                respond(HttpResponse::error(503, u"The database is unavailable."_s));
                                return;
                            }
                            qCInfo(lcApi).noquote() << account.login << "signed in";
                            respond(HttpResponse::json(QJsonObject{{u"token"_s, QString::fromLatin1(token)},
                                                                   {u"account"_s, accountJson(account)}}));
                        });
                    if (needsRehash) {
                        m_passwords.hash(this, password, [this, login](Result<QString> hashed) {
                            if (!hashed)
                                return;
                            m_store.call(
                                this,
                                [login, hash = hashed.value()](store::ServerStore& store) {
                                    return store.setPasswordHash(login, hash);
                                },
                                [](const Status&) {});
                        });
                    }
                });
        });
}

void RestApi::logout(const HttpRequest& request, const Respond& respond) {
    authenticate(request, respond, [this, respond](const Account& account, const QByteArray& token) {
        m_store.call(
            this, [token](store::ServerStore& store) { return store.revokeSession(token); },
            [this, respond, token, login = account.login](const Status& revoked) {
                if (!revoked) {
                    respond(HttpResponse::error(503, u"The database is unavailable."_s));
                    return;
                }
                m_hub.closeSession(token);
                emit sessionClosed(QCryptographicHash::hash(token, QCryptographicHash::Sha256));
                qCInfo(lcApi).noquote() << login << "signed out";
                respond(HttpResponse::json(QJsonObject{{u"status"_s, u"signed out"_s}}));
            });
    });
}

void RestApi::health(const Respond& respond) {
    // The answer is whichever comes first: the database's, or the timeout's.
    auto timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, timer, [respond, timer] {
        respond(HttpResponse::json(QJsonObject{{u"status"_s, u"unavailable"_s}, {u"db"_s, u"timeout"_s}}, 503));
        timer->deleteLater();
    });
    timer->start(healthTimeoutMs);
    m_store.call(
        timer, [](store::ServerStore& store) { return store.head(); },
        [respond, timer](const Result<qint64>& head) {
            if (head) {
                respond(HttpResponse::json(
                    QJsonObject{{u"status"_s, u"ok"_s}, {u"db"_s, u"ok"_s}, {u"head"_s, head.value()}}));
            } else {
                qCWarning(lcApi) << "health check: the database failed:" << head.error();
                respond(HttpResponse::json(QJsonObject{{u"status"_s, u"unavailable"_s}, {u"db"_s, head.error()}}, 503));
            }
            timer->deleteLater();
        });
}

void RestApi::metrics(const HttpRequest& request, const Respond& respond) {
    authenticate(request, respond, [this, respond](const Account& caller, const QByteArray&) {
        if (!readsAll(caller)) {
            respond(forbidden(u"read the server's metrics"_s));
            return;
        }
        respond(HttpResponse::text(m_metrics.prometheusText(), "text/plain; version=0.0.4; charset=utf-8"));
    });
}

void RestApi::listAgents(const Account& caller, const Respond& respond) {
    if (!readsAll(caller)) {
        respond(forbidden(u"list accounts"_s));
        return;
    }
    m_store.call(
        this, [](store::ServerStore& store) { return store.accounts(); },
        [respond](const Result<QVector<Account>>& accounts) {
            if (!accounts) {
                respond(HttpResponse::error(503, u"The database is unavailable."_s));
                return;
            }
            QJsonArray list;
            for (const Account& account : accounts.value())
                list.append(accountJson(account));
            respond(HttpResponse::json(QJsonObject{{u"agents"_s, list}}));
        });
}

void RestApi::createAgent(const Account& caller, const HttpRequest& request, const Respond& respond) {
    if (caller.role != Role::Admin) {
        respond(forbidden(u"create accounts"_s));
        return;
    }
    const auto body = jsonObject(request.body);
    if (!body || !body->value(u"login"_s).isString()) {
        respond(HttpResponse::error(400, u"Send {\"login\": \"...\", \"name\": \"...\", \"role\": \"agent\", "
                                         u"\"queues\": [...], \"password\": \"...\"} as JSON (name, role, queues and "
                                         u"password are optional)."_s));
        return;
    }
    Account account;
    account.login = body->value(u"login"_s).toString().trimmed();
    account.name = body->value(u"name"_s).toString().trimmed();
    const QString roleText = body->value(u"role"_s).toString(u"agent"_s);
    const auto role = store::roleFromName(roleText);
    if (!role) {
        respond(HttpResponse::error(400, u"\"role\": \"%1\" is not agent, supervisor or admin."_s.arg(roleText)));
        return;
    }
    account.role = *role;
    for (const QJsonValue& queue : body->value(u"queues"_s).toArray())
        account.queues.append(queue.toString());
    const bool generated = body->value(u"password"_s).toString().isEmpty();
    const std::optional<QString> password = chosenPassword(*body, respond);
    if (!password)
        return;
    m_passwords.hash(this, *password,
                     [this, respond, account, password = *password, generated](Result<QString> hashed) {
                         if (!hashed) {
                             respond(HttpResponse::error(500, hashed.error()));
                             return;
                         }
                         struct Outcome {
                             int status = 201;
                             QString error;
                             Account created;
                         };
                         m_store.call(
                             this,
                             [account, hash = hashed.value()](store::ServerStore& store) {
                                 Outcome outcome;
                                 if (store.account(account.login)) {
                                     outcome.status = 409;
                                     outcome.error = u"There already is an account \"%1\"."_s.arg(account.login);
                                     return outcome;
                                 }
                                 if (const Status added = store.addAccount(account, hash); !added) {
                                     outcome.status = store.head() ? 400 : 503;
                                     outcome.error = added.error();
                                     return outcome;
                                 }
                                 auto created = store.account(account.login);
                                 outcome.created = created ? created.value() : account;
                                 return outcome;
                             },
                             [respond, password, generated](const Outcome& outcome) {
                                 if (!outcome.error.isEmpty()) {
                                     respond(HttpResponse::error(outcome.status, outcome.error));
                                     return;
                                 }
                                 qCInfo(lcApi).noquote() << "created the account" << outcome.created.login;
                                 QJsonObject answer{{u"account"_s, accountJson(outcome.created)}};
                                 if (generated)
                                     answer.insert(u"password"_s, password);
                                 respond(HttpResponse::json(answer, 201));
                             });
                     });
}

void RestApi::agentAction(const Account& caller, const QString& login, const QString& action,
                          const HttpRequest& request, const Respond& respond) {
    if (caller.role != Role::Admin) {
        respond(forbidden(u"manage accounts"_s));
        return;
    }
    if (action == u"password") {
        setPassword(login, request, respond);
        return;
    }
    std::function<Status(store::ServerStore&)> change;
    if (action == u"disable" || action == u"enable") {
        const bool disable = action == u"disable";
        if (disable && login == caller.login) {
            respond(HttpResponse::error(409, u"You cannot disable your own account."_s));
            return;
        }
        change = [login, disable](store::ServerStore& store) {
            return store.setDisabled(login, disable);
        };
    } else if (action == u"queues") {
        const auto body = jsonObject(request.body);
        if (!body || !body->value(u"queues"_s).isArray()) {
            respond(HttpResponse::error(400, u"Send {\"queues\": [\"...\"]} as JSON."_s));
            return;
        }
        QStringList queues;
        for (const QJsonValue& queue : body->value(u"queues"_s).toArray())
            queues.append(queue.toString());
        change = [login, queues](store::ServerStore& store) {
            return store.setQueues(login, queues);
        };
    } else {
        respond(
            HttpResponse::error(404, u"Unknown action \"%1\"; use disable, enable, password or queues."_s.arg(action)));
        return;
    }
    struct Outcome {
        Lookup lookup;
        QString error;
    };
    m_store.call(
        this,
        [login, change](store::ServerStore& store) {
            Outcome outcome{lookUp(store, login), {}};
            if (!outcome.lookup.account)
                return outcome;
            if (const Status changed = change(store); !changed) {
                outcome.error = changed.error();
                return outcome;
            }
            outcome.lookup = lookUp(store, login);
            return outcome;
        },
        [this, respond, login, action](const Outcome& outcome) {
            if (!outcome.lookup.account) {
                respond(lookupFailure(outcome.lookup));
                return;
            }
            if (!outcome.error.isEmpty()) {
                respond(HttpResponse::error(400, outcome.error));
                return;
            }
            qCInfo(lcApi).noquote() << "account" << login << action;
            if (action == u"disable") {
                m_hub.closeSessionsOf(login);
                emit sessionsOfClosed(login);
            } else if (action == u"queues") {
                m_hub.reconnectSessionsOf(login);
                emit accountChanged(login);
            }
            respond(HttpResponse::json(QJsonObject{{u"account"_s, accountJson(*outcome.lookup.account)}}));
        });
}

void RestApi::setPassword(const QString& login, const HttpRequest& request, const Respond& respond) {
    const auto body = jsonObject(request.body.trimmed().isEmpty() ? QByteArray("{}") : request.body);
    if (!body) {
        respond(HttpResponse::error(400, u"Send {\"password\": \"...\"} as JSON, or {} for a generated one."_s));
        return;
    }
    const bool generated = body->value(u"password"_s).toString().isEmpty();
    const std::optional<QString> password = chosenPassword(*body, respond);
    if (!password)
        return;
    m_passwords.hash(this, *password, [this, respond, login, password = *password, generated](Result<QString> hashed) {
        if (!hashed) {
            respond(HttpResponse::error(500, hashed.error()));
            return;
        }
        struct Outcome {
            Lookup lookup;
            QString error;
        };
        m_store.call(
            this,
            [login, hash = hashed.value()](store::ServerStore& store) {
                Outcome outcome{lookUp(store, login), {}};
                if (!outcome.lookup.account)
                    return outcome;
                // A new password ends the sessions signed in with the old one.
                Status changed = store.setPasswordHash(login, hash);
                if (changed)
                    changed = store.revokeSessionsOf(login);
                if (!changed)
                    outcome.error = changed.error();
                return outcome;
            },
            [this, respond, login, password, generated](const Outcome& outcome) {
                if (!outcome.lookup.account) {
                    respond(lookupFailure(outcome.lookup));
                    return;
                }
                if (!outcome.error.isEmpty()) {
                    respond(HttpResponse::error(503, outcome.error));
                    return;
                }
                m_hub.closeSessionsOf(login);
                emit sessionsOfClosed(login);
                qCInfo(lcApi).noquote() << "set a new password for" << login;
                QJsonObject answer{{u"account"_s, accountJson(*outcome.lookup.account)}};
                if (generated)
                    answer.insert(u"password"_s, password);
                respond(HttpResponse::json(answer));
            });
    });
}

void RestApi::listQueues(const Account& caller, const Respond& respond) {
    m_store.call(
        this, [](store::ServerStore& store) { return store.queues(); },
        [respond, caller](const Result<QVector<store::Queue>>& queues) {
            if (!queues) {
                respond(HttpResponse::error(503, u"The database is unavailable."_s));
                return;
            }
            QJsonArray list;
            for (const store::Queue& queue : queues.value()) {
                if (readsAll(caller) || caller.queues.contains(queue.name))
                    list.append(QJsonObject{{u"name"_s, queue.name}, {u"description"_s, queue.description}});
            }
            respond(HttpResponse::json(QJsonObject{{u"queues"_s, list}}));
        });
}

void RestApi::listColleagues(const Account& caller, const HttpRequest& request, const Respond& respond) {
    const QString queue = request.query.queryItemValue(u"queue"_s, QUrl::FullyDecoded).trimmed();
    if (queue.isEmpty()) {
        respond(HttpResponse::error(400, u"Name the queue: GET /api/v1/colleagues?queue=NAME."_s));
        return;
    }
    if (!readsAll(caller) && !caller.queues.contains(queue)) {
        respond(HttpResponse::error(
            403,
            u"You do not work the queue \"%1\"; you may list the colleagues of your own queues only."_s.arg(queue)));
        return;
    }
    struct Directory {
        bool unavailable = false;
        bool queueExists = false;
        QVector<Account> accounts;
    };
    m_store.call(
        this,
        [queue](store::ServerStore& store) {
            Directory directory;
            const auto queues = store.queues();
            const auto accounts = store.accounts();
            if (!queues || !accounts) {
                directory.unavailable = true;
                return directory;
            }
            directory.queueExists = std::any_of(queues.value().cbegin(), queues.value().cend(),
                                                [&queue](const store::Queue& known) { return known.name == queue; });
            directory.accounts = accounts.value();
            return directory;
        },
        [this, respond, queue, caller = caller.login](const Directory& directory) {
            if (directory.unavailable) {
                respond(HttpResponse::error(503, u"The database is unavailable."_s));
                return;
            }
            if (!directory.queueExists) {
                respond(HttpResponse::error(404, u"There is no queue \"%1\"."_s.arg(queue)));
                return;
            }
            // Who may take the chat: enabled accounts that see the queue's customers. The caller is left out (a
            // chat is not transferred to oneself). Online: a ready /sync connection on this instance.
            const QSet<QString> online = m_hub.readyLogins();
            QVector<Account> colleagues;
            for (const Account& account : directory.accounts) {
                if (account.disabled || account.login == caller)
                    continue;
                if (account.role == Role::Agent && !account.queues.contains(queue))
                    continue;
                colleagues.append(account);
            }
            std::sort(colleagues.begin(), colleagues.end(), [&online](const Account& left, const Account& right) {
                const bool leftOnline = online.contains(left.login);
                const bool rightOnline = online.contains(right.login);
                if (leftOnline != rightOnline)
                    return leftOnline;
                const QString leftName = left.name.isEmpty() ? left.login : left.name;
                const QString rightName = right.name.isEmpty() ? right.login : right.name;
                if (const int order = leftName.localeAwareCompare(rightName); order != 0)
                    return order < 0;
                return left.login < right.login;
            });
            QJsonArray list;
            for (const Account& account : colleagues) {
                list.append(QJsonObject{{u"login"_s, account.login},
                                        {u"name"_s, account.name},
                                        {u"role"_s, store::roleName(account.role)},
                                        {u"online"_s, online.contains(account.login)}});
            }
            respond(HttpResponse::json(QJsonObject{{u"queue"_s, queue}, {u"colleagues"_s, list}}));
        });
}

void RestApi::listMailboxes(const Account& caller, const Respond& respond) {
    if (!readsAll(caller)) {
        respond(forbidden(u"see the shared mailboxes"_s));
        return;
    }
    QJsonArray list;
    const auto optionalTime = [](qint64 ms) {
        return ms > 0 ? QJsonValue(ms) : QJsonValue(QJsonValue::Null);
    };
    for (const MailboxHealth& health : m_metrics.mailboxes()) {
        list.append(QJsonObject{
            {u"name"_s, health.name},
            {u"address"_s, health.address},
            {u"queue"_s, health.queue},
            {u"folder"_s, health.folder},
            {u"connected"_s, health.connected},
            {u"last_sync_at"_s, optionalTime(health.lastSyncAt)},
            {u"last_error"_s, health.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(health.lastError)},
            {u"last_error_at"_s, optionalTime(health.lastErrorAt)},
            {u"stored"_s, health.stored},
            {u"rejected"_s, health.rejected},
            {u"errors"_s, health.errors}});
    }
    respond(HttpResponse::json(QJsonObject{{u"mailboxes"_s, list}}));
}

void RestApi::sendAttachment(const QString& sha256, const Respond& respond) {
    // Content-addressed: the name is the SHA-256 of the bytes, so only someone who was sent the event knows it.
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    if (!hex.match(sha256).hasMatch()) {
        respond(HttpResponse::error(400, u"An attachment is named by its SHA-256: 64 lower-case hex digits."_s));
        return;
    }
    if (m_settings.attachmentsDir.isEmpty()) {
        respond(HttpResponse::error(404, u"This server stores no attachments."_s));
        return;
    }
    const QString path = u"%1/%2/%3"_s.arg(m_settings.attachmentsDir, sha256.left(2), sha256.mid(2));
    // Read on a pool thread: a large file must not hold up the event loop.
    QtConcurrent::run([path] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return std::optional<QByteArray>();
        return std::optional<QByteArray>(file.readAll());
    }).then(this, [respond, sha256](std::optional<QByteArray> content) {
        if (!content) {
            respond(HttpResponse::error(404, u"There is no attachment %1 on this server."_s.arg(sha256)));
            return;
        }
        HttpResponse response = HttpResponse::text(*content, "application/octet-stream");
        response.headers.append({"Content-Disposition", "attachment; filename=\"" + sha256.toLatin1() + '"'});
        respond(response);
    });
}

void RestApi::createQueue(const Account& caller, const HttpRequest& request, const Respond& respond) {
    if (caller.role != Role::Admin) {
        respond(forbidden(u"create queues"_s));
        return;
    }
    const auto body = jsonObject(request.body);
    if (!body || !body->value(u"name"_s).isString() || body->value(u"name"_s).toString().trimmed().isEmpty()) {
        respond(HttpResponse::error(400, u"Send {\"name\": \"...\", \"description\": \"...\"} as JSON."_s));
        return;
    }
    store::Queue queue{body->value(u"name"_s).toString().trimmed(), body->value(u"description"_s).toString()};
    struct Outcome {
        int status = 201;
        QString error;
    };
    m_store.call(
        this,
        [queue](store::ServerStore& store) {
            const auto queues = store.queues();
            if (!queues)
                return Outcome{503, queues.error()};
            for (const store::Queue& existing : queues.value()) {
                if (existing.name == queue.name)
                    return Outcome{409, u"There already is a queue \"%1\"."_s.arg(queue.name)};
            }
            if (const Status added = store.addQueue(queue); !added)
                return Outcome{400, added.error()};
            return Outcome{};
        },
        [respond, queue](const Outcome& outcome) {
            if (!outcome.error.isEmpty()) {
                respond(HttpResponse::error(outcome.status, outcome.error));
                return;
            }
            qCInfo(lcApi).noquote() << "created the queue" << queue.name;
            respond(HttpResponse::json(
                QJsonObject{{u"queue"_s, QJsonObject{{u"name"_s, queue.name}, {u"description"_s, queue.description}}}},
                201));
        });
}

void RestApi::listCustomers(const Account& caller, const HttpRequest& request, const Respond& respond) {
    bool limitOk = true;
    const QString limitText = request.query.queryItemValue(u"limit"_s);
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&limitOk);
    if (!limitOk || limit < 1 || limit > 10000) {
        respond(HttpResponse::error(400, u"\"limit\" must be a number from 1 to 10000."_s));
        return;
    }
    const QString queue = request.query.queryItemValue(u"queue"_s);
    store::Visibility visibility = visibilityOf(caller);
    if (!queue.isEmpty()) {
        if (!visibility.all && !visibility.queues.contains(queue)) {
            respond(HttpResponse::error(403, u"The queue \"%1\" is not one of yours."_s.arg(queue)));
            return;
        }
        visibility.all = false;
        visibility.queues = {queue};
    }
    m_store.call(
        this, [visibility, limit](store::ServerStore& store) { return store.customers(visibility, limit); },
        [respond](const Result<QVector<store::CustomerSummary>>& customers) {
            if (!customers) {
                respond(HttpResponse::error(503, u"The database is unavailable."_s));
                return;
            }
            QJsonArray list;
            for (const store::CustomerSummary& customer : customers.value())
                list.append(QJsonObject{{u"id"_s, customer.id},
                                        {u"name"_s, customer.name},
                                        {u"queue"_s, customer.queue},
                                        {u"identities"_s, QJsonArray::fromStringList(customer.identities)},
                                        {u"created_at"_s, core::eventjson::formatTimestamp(customer.createdAt)}});
            respond(HttpResponse::json(QJsonObject{{u"customers"_s, list}}));
        });
}

void RestApi::timeline(const Account& caller, const HttpRequest& request, const Respond& respond) {
    const QString text = request.query.queryItemValue(u"identity"_s, QUrl::FullyDecoded);
    if (text.isEmpty()) {
        respond(HttpResponse::error(400, u"Name the customer: ?identity=KIND:VALUE, such as email:jan@example.pl."_s));
        return;
    }
    core::IdentityNormalizer normalizer(m_settings.defaultRegion);
    const auto identity = normalizer.normalize(text);
    if (!identity) {
        respond(HttpResponse::error(400, u"\"%1\": %2"_s.arg(text, identity.error())));
        return;
    }
    struct Outcome {
        int status = 200;
        QString error;
        QString customer;
        QString queue;
        QVector<core::Event> events;
    };
    const store::Visibility visibility = visibilityOf(caller);
    m_store.call(
        this,
        [identity = identity.value().toString(), visibility](store::ServerStore& store) {
            Outcome outcome;
            const auto customer = store.customerOfIdentity(identity);
            if (!customer)
                return Outcome{503, customer.error(), {}, {}, {}};
            if (customer.value().isEmpty())
                return Outcome{404, u"No customer has the identity %1."_s.arg(identity), {}, {}, {}};
            outcome.customer = customer.value();
            const auto queue = store.queueOf(outcome.customer);
            if (!queue)
                return Outcome{503, queue.error(), {}, {}, {}};
            outcome.queue = queue.value();
            if (!visibility.all && !visibility.queues.contains(outcome.queue))
                return Outcome{403, u"The customer with %1 is not in your queues."_s.arg(identity), {}, {}, {}};
            const auto head = store.head();
            if (!head)
                return Outcome{503, head.error(), {}, {}, {}};
            auto events = store.customerEvents(outcome.customer, head.value());
            if (!events)
                return Outcome{503, events.error(), {}, {}, {}};
            outcome.events = std::move(events).value();
            return outcome;
        },
        [respond, identity = identity.value().toString()](Outcome outcome) {
            if (outcome.status != 200) {
                if (outcome.status == 503)
                    qCWarning(lcApi) << "timeline: the database failed:" << outcome.error;
                respond(HttpResponse::error(outcome.status,
                                            outcome.status == 503 ? u"The database is unavailable."_s : outcome.error));
                return;
            }
            std::sort(outcome.events.begin(), outcome.events.end(), core::timelineLess);
            QJsonArray events;
            for (const core::Event& event : outcome.events)
                events.append(core::eventjson::toJson(event));
            respond(HttpResponse::json(QJsonObject{{u"identity"_s, identity},
                                                   {u"customer"_s, outcome.customer},
                                                   {u"queue"_s, outcome.queue},
                                                   {u"events"_s, events}}));
        });
}

void RestApi::importEvents(const Account& caller, const HttpRequest& request, const Respond& respond) {
    if (caller.role != Role::Admin) {
        respond(forbidden(u"import events"_s));
        return;
    }
    const QString queue =
        request.query.queryItemValue(u"queue"_s).isEmpty() ? u"general"_s : request.query.queryItemValue(u"queue"_s);
    // Parsing a large import takes a while: off the event loop, like the hashing.
    QtConcurrent::run([body = request.body, region = m_settings.defaultRegion] {
        return parseImport(body, region);
    }).then(this, [this, respond, queue](ParsedImport parsed) {
        if (!parsed.fatal.isEmpty()) {
            respond(HttpResponse::error(400, parsed.fatal));
            return;
        }
        if (parsed.records.isEmpty()) {
            respond(HttpResponse::json(
                QJsonObject{{u"error"_s, u"No event in the body could be read."_s}, {u"refused"_s, parsed.refused}},
                400));
            return;
        }
        // The queue must exist: an import into a mistyped queue would hide its customers from every agent.
        m_store.call(
            this, [](store::ServerStore& store) { return store.queues(); },
            [this, respond, queue, parsed = std::move(parsed)](const Result<QVector<store::Queue>>& queues) mutable {
                if (!queues) {
                    respond(HttpResponse::error(503, u"The database is unavailable."_s));
                    return;
                }
                if (std::none_of(queues.value().cbegin(), queues.value().cend(),
                                 [&](const store::Queue& known) { return known.name == queue; })) {
                    respond(HttpResponse::error(404, u"There is no queue \"%1\"."_s.arg(queue)));
                    return;
                }
                struct Progress {
                    ParsedImport parsed;
                    qsizetype next = 0;
                    qint64 accepted = 0;
                    QString failure;
                };
                auto progress = std::make_shared<Progress>();
                progress->parsed = std::move(parsed);
                // One ingest call per batch, each posted when the previous one is done, so that sync reads
                // and other requests interleave with a large import.
                auto step = std::make_shared<std::function<void()>>();
                // The running ingest call holds the only strong reference to the step; the step itself only
                // a weak one, so the chain frees itself when it ends.
                *step = [this, respond, queue, progress, weakStep = std::weak_ptr(step)] {
                    const qsizetype total = progress->parsed.records.size();
                    if (progress->next >= total || !progress->failure.isEmpty()) {
                        m_metrics.eventsAccepted(u"import"_s, progress->accepted);
                        m_metrics.eventsRefused(u"import"_s, progress->parsed.refused.size());
                        if (progress->accepted > 0)
                            m_hub.eventsAppended();
                        if (!progress->failure.isEmpty()) {
                            qCWarning(lcApi) << "import failed:" << progress->failure;
                            respond(HttpResponse::json(
                                QJsonObject{
                                    {u"error"_s, u"The database failed during the import: %1"_s.arg(progress->failure)},
                                    {u"accepted"_s, progress->accepted}},
                                503));
                            return;
                        }
                        qCInfo(lcApi) << "imported" << progress->accepted << "events into" << queue;
                        respond(HttpResponse::json(QJsonObject{{u"accepted"_s, progress->accepted},
                                                               {u"refused"_s, progress->parsed.refused}}));
                        return;
                    }
                    const qsizetype start = progress->next;
                    const qsizetype count = std::min(importBatch, total - start);
                    progress->next += count;
                    m_store.call(
                        this,
                        [records = progress->parsed.records.mid(start, count), queue](store::ServerStore& store) {
                            return store.ingest(records, queue);
                        },
                        [progress, step = weakStep.lock(), start](const Result<QVector<store::Applied>>& applied) {
                            if (!applied) {
                                progress->failure = applied.error();
                            } else {
                                for (qsizetype index = 0; index < applied.value().size(); ++index) {
                                    const store::Applied& result = applied.value().at(index);
                                    if (result.seq > 0) {
                                        ++progress->accepted;
                                    } else {
                                        progress->parsed.refused.append(
                                            QJsonObject{{u"line"_s, progress->parsed.recordLines.value(start + index)},
                                                        {u"error"_s, result.error}});
                                    }
                                }
                            }
                            (*step)();
                        });
                };
                (*step)();
            });
    });
}

} // namespace tl::server
