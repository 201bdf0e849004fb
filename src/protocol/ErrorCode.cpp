#include "ErrorCode.h"

namespace tl::protocol {

QString errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::UnsupportedProtocol:
        return QStringLiteral("unsupported_protocol");
    case ErrorCode::BadFrame:
        return QStringLiteral("bad_frame");
    case ErrorCode::TooLarge:
        return QStringLiteral("too_large");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

std::optional<ErrorCode> errorCodeFromName(QStringView name) {
    for (ErrorCode code : allErrorCodes) {
        if (name == errorCodeName(code))
            return code;
    }
    return std::nullopt;
}

CloseCode closeCodeFor(ErrorCode code) {
    switch (code) {
    case ErrorCode::Unauthorized:
        return CloseCode::Unauthorized;
    case ErrorCode::UnsupportedProtocol:
        return CloseCode::UnsupportedProtocol;
    case ErrorCode::BadFrame:
        return CloseCode::BadFrame;
    case ErrorCode::TooLarge:
        return CloseCode::TooLarge;
    case ErrorCode::RateLimited:
        return CloseCode::RateLimited;
    case ErrorCode::Forbidden:
        return CloseCode::Forbidden;
    case ErrorCode::Internal:
        return CloseCode::InternalError;
    }
    return CloseCode::InternalError;
}

ErrorCode errorCodeFor(CloseCode closeCode) {
    for (ErrorCode code : allErrorCodes) {
        if (closeCodeFor(code) == closeCode)
            return code;
    }
    return ErrorCode::Internal;
}

} // namespace tl::protocol
