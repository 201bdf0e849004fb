#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tl::store {

/// One prepared statement on the SQLite C API, for the store's ingest path, where QSqlQuery's per-value QVariants
/// and result caching cost more than the work itself. Owns the statement (finalized in the destructor, which must
/// run before the connection closes). Parameters are numbered from 1 and columns from 0, as in SQLite.
class SqliteStatement final {
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;

    /// Compiles \a sql for repeated use on \a db.
    [[nodiscard]] core::Status prepare(sqlite3* db, QByteArrayView sql);

    void bind(int parameter, qint64 value);
    /// Binds \a text as UTF-8 text (an empty string, never NULL); kept until the parameter is bound again.
    void bind(int parameter, QStringView text);
    /// Binds UTF-8 text the caller already has; kept until the parameter is bound again.
    void bindUtf8(int parameter, QByteArray utf8);
    void bindNull(int parameter);

    /// Runs one step: true when a row is ready to be read, false when the statement has finished.
    [[nodiscard]] core::Result<bool> step();
    /// Runs the statement to its end and resets it.
    [[nodiscard]] core::Status execute();
    /// Makes the statement ready to run again; the bindings stay.
    void reset();

    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] bool isNull(int column) const;

    /// Rows changed by the last INSERT, UPDATE or DELETE on the connection.
    [[nodiscard]] qint64 changes() const;
    /// The rowid of the last successful INSERT on the connection.
    [[nodiscard]] qint64 lastInsertRowid() const;

private:
    [[nodiscard]] QString errorMessage() const;
    QByteArray& buffer(int parameter);

    sqlite3_stmt* m_statement = nullptr;
    /// The UTF-8 text bound to each parameter (SQLite reads it in place).
    std::vector<QByteArray> m_text;
};

} // namespace tl::store
