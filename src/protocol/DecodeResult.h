#pragma once

#include "CloseCode.h"

#include <QString>

#include <optional>
#include <utility>

namespace tl::protocol {

/// A decoded frame, or why there is none and the close code to close the connection with. Like core::Result,
/// plus the close code.
template <typename T> class [[nodiscard]] DecodeResult final {
public:
    DecodeResult(T value)
        : m_value(std::move(value)) {}
    static DecodeResult failure(CloseCode closeCode, QString message) {
        DecodeResult result;
        result.m_closeCode = closeCode;
        result.m_error = std::move(message);
        return result;
    }

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    /// The frame; only valid when ok().
    [[nodiscard]] const T& value() const& { return *m_value; }
    [[nodiscard]] T& value() & { return *m_value; }
    [[nodiscard]] T&& value() && { return std::move(*m_value); }
    /// Why the frame was refused, for a person (and the error frame's message); empty when ok().
    [[nodiscard]] const QString& error() const { return m_error; }
    /// The code to close the connection with; CloseCode::Normal when ok().
    [[nodiscard]] CloseCode closeCode() const { return m_closeCode; }

private:
    DecodeResult() = default;
    std::optional<T> m_value;
    QString m_error;
    CloseCode m_closeCode = CloseCode::Normal;
};

} // namespace tl::protocol
