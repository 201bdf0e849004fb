#include "SqliteStatement.h"

#include <QStringEncoder>

#include <sqlite3.h>

#include <utility>

namespace tl::store {

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_statement);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr))
    , m_text(std::move(other.m_text)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_text = std::move(other.m_text);
    }
    return *this;
}

core::Status SqliteStatement::prepare(sqlite3* db, QByteArrayView sql) {
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &m_statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return core::Status::failure(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    m_text.assign(static_cast<size_t>(sqlite3_bind_parameter_count(m_statement)) + 1, QByteArray());
    return {};
}

QByteArray& SqliteStatement::buffer(int parameter) {
    return m_text[static_cast<size_t>(parameter)];
}

void SqliteStatement::bind(int parameter, qint64 value) {
    sqlite3_bind_int64(m_statement, parameter, value);
}

void SqliteStatement::bind(int parameter, QStringView text) {
    // Encode into the parameter's buffer, reusing its capacity: no allocation once the buffers have grown.
    QByteArray& utf8 = buffer(parameter);
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    utf8.resize(encoder.requiredSpace(text.size()));
    char* const end = encoder.appendToBuffer(utf8.data(), text);
    utf8.truncate(end - utf8.constData());
    sqlite3_bind_text(m_statement, parameter, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_STATIC);
}

void SqliteStatement::bindUtf8(int parameter, QByteArray utf8) {
    QByteArray& kept = buffer(parameter);
    kept = std::move(utf8);
    sqlite3_bind_text(m_statement, parameter, kept.constData(), static_cast<int>(kept.size()), SQLITE_STATIC);
}

void SqliteStatement::bindNull(int parameter) {
    sqlite3_bind_null(m_statement, parameter);
}

core::Result<bool> SqliteStatement::step() {
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return true;
    case SQLITE_DONE:
        return false;
    default: {
        const QString error = errorMessage();
        sqlite3_reset(m_statement);
        return core::Result<bool>::failure(error);
    }
    }
}

core::Status SqliteStatement::execute() {
    for (;;) {
        const core::Result<bool> row = step();
        if (!row)
            return core::Status::failure(row.error());
        if (!row.value())
            break;
    }
    sqlite3_reset(m_statement);
    return {};
}

void SqliteStatement::reset() {
    sqlite3_reset(m_statement);
}

qint64 SqliteStatement::int64(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

QString SqliteStatement::text(int column) const {
    const auto* utf8 = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column));
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteStatement::changes() const {
    return sqlite3_changes64(sqlite3_db_handle(m_statement));
}

qint64 SqliteStatement::lastInsertRowid() const {
    return sqlite3_last_insert_rowid(sqlite3_db_handle(m_statement));
}

QString SqliteStatement::errorMessage() const {
    return QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement)));
}

} // namespace tl::store
