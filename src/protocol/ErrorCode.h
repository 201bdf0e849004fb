#pragma once

#include "CloseCode.h"

#include <QString>

#include <array>
#include <optional>

namespace tl::protocol {

/// What an error frame's "code" names; each has one close code that follows it.
enum class ErrorCode { Unauthorized, UnsupportedProtocol, BadFrame, TooLarge, RateLimited, Forbidden, Internal };

inline constexpr std::array<ErrorCode, 7> allErrorCodes{
    ErrorCode::Unauthorized, ErrorCode::UnsupportedProtocol, ErrorCode::BadFrame, ErrorCode::TooLarge,
    ErrorCode::RateLimited,  ErrorCode::Forbidden,           ErrorCode::Internal};

/// "unauthorized", "unsupported_protocol", "bad_frame", "too_large", "rate_limited", "forbidden", "internal".
[[nodiscard]] QString errorCodeName(ErrorCode code);
/// The code named \a name (exactly, lower case), or nothing.
[[nodiscard]] std::optional<ErrorCode> errorCodeFromName(QStringView name);
/// The close code that follows an error frame with \a code.
[[nodiscard]] CloseCode closeCodeFor(ErrorCode code);
/// The error code to send before closing with \a closeCode; Internal for the standard codes (1000, 1001, 1011),
/// which are normally sent without an error frame.
[[nodiscard]] ErrorCode errorCodeFor(CloseCode closeCode);

} // namespace tl::protocol
