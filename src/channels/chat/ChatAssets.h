#pragma once

#include "server/HttpRequest.h"
#include "server/HttpResponse.h"

#include <QString>

namespace tl::chat {

/// Serves the chat widget's public files (no sign-in): GET /chat (a plain demo page embedding the widget),
/// /chat/widget.js and /chat/widget.css, compiled in from resources/chat. Thread: any (it only reads resources).
class ChatAssets final {
public:
    /// The WebSocket path of the visitor protocol.
    static constexpr QStringView webSocketPath = u"/chat/ws";

    /// True for the paths under /chat that these files (and the WebSocket) own.
    [[nodiscard]] static bool handles(const QString& path);
    /// The answer to \a request: the file with its headers, 404 for other /chat paths, 405 for other methods.
    [[nodiscard]] static server::HttpResponse respond(const server::HttpRequest& request);
};

} // namespace tl::chat
