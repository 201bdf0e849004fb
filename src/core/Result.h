#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace tl::core {

/// A value, or a human-readable reason why there is none. Used instead of exceptions at every boundary.
template <typename T> class [[nodiscard]] Result final {
public:
    Result(T value)
        : m_value(std::move(value)) {}
    static Result failure(QString error) {
        Result result;
        result.m_error = std::move(error);
        return result;
    }

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    /// The value; only valid when ok().
    [[nodiscard]] const T& value() const& { return *m_value; }
    [[nodiscard]] T& value() & { return *m_value; }
    [[nodiscard]] T&& value() && { return std::move(*m_value); }
    /// Why there is no value; empty when ok().
    [[nodiscard]] const QString& error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

/// Result of an operation that has no value to return.
class [[nodiscard]] Status final {
public:
    Status() = default;
    static Status failure(QString error) { return Status(std::move(error)); }
    [[nodiscard]] bool ok() const { return m_error.isEmpty(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const QString& error() const { return m_error; }

private:
    explicit Status(QString error)
        : m_error(error.isEmpty() ? QStringLiteral("unknown error") : std::move(error)) {}
    QString m_error;
};

} // namespace tl::core
