#pragma once

#include "ChatFrames.h"

#include <QString>

#include <optional>
#include <utility>

namespace tl::chat {

/// A decoded visitor frame, or why there is none and the error code to close the connection with.
class [[nodiscard]] ChatDecodeResult final {
public:
    ChatDecodeResult(ChatClientFrame frame)
        : m_frame(std::move(frame)) {}
    static ChatDecodeResult failure(ChatErrorCode code, QString message) {
        ChatDecodeResult result;
        result.m_code = code;
        result.m_error = std::move(message);
        return result;
    }

    [[nodiscard]] bool ok() const { return m_frame.has_value(); }
    explicit operator bool() const { return ok(); }
    /// The frame; only valid when ok().
    [[nodiscard]] const ChatClientFrame& value() const { return *m_frame; }
    /// Why the frame was refused (English, for the error frame and the logs); empty when ok().
    [[nodiscard]] const QString& error() const { return m_error; }
    /// The error to send before closing; meaningless when ok().
    [[nodiscard]] ChatErrorCode code() const { return m_code; }

private:
    ChatDecodeResult() = default;
    std::optional<ChatClientFrame> m_frame;
    QString m_error;
    ChatErrorCode m_code = ChatErrorCode::BadFrame;
};

} // namespace tl::chat
