#include "ChatAssets.h"

#include <QFile>

namespace tl::chat {

using namespace Qt::StringLiterals;
using server::HttpResponse;

namespace {

struct Asset {
    QString resource;
    QByteArray contentType;
    QByteArray cacheControl;
    bool page = false;
};

std::optional<Asset> assetFor(const QString& path) {
    if (path == u"/chat" || path == u"/chat/")
        return Asset{u":/chat/chat.html"_s, "text/html; charset=utf-8", "no-cache", true};
    if (path == u"/chat/widget.js")
        return Asset{u":/chat/widget.js"_s, "text/javascript; charset=utf-8", "public, max-age=300", false};
    if (path == u"/chat/widget.css")
        return Asset{u":/chat/widget.css"_s, "text/css; charset=utf-8", "public, max-age=300", false};
    return std::nullopt;
}

/// The demo page runs only its own files and talks only to its own server.
constexpr auto pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

} // namespace

bool ChatAssets::handles(const QString& path) {
    return path == u"/chat" || path.startsWith(u"/chat/");
}

HttpResponse ChatAssets::respond(const server::HttpRequest& request) {
    const std::optional<Asset> asset = assetFor(request.path);
    if (!asset) {
        if (request.path == webSocketPath)
            return HttpResponse::error(400, u"%1 is the chat's WebSocket; open it as one."_s.arg(request.path));
        return HttpResponse::error(404, u"There is nothing at %1."_s.arg(request.path));
    }
    if (request.method != "GET")
        return HttpResponse::error(405, u"%1 takes only GET."_s.arg(request.path));
    QFile file(asset->resource);
    if (!file.open(QIODevice::ReadOnly))
        return HttpResponse::error(500, u"The chat widget is missing from this build."_s);
    HttpResponse response = HttpResponse::text(file.readAll(), asset->contentType);
    response.headers.emplaceBack("Cache-Control", asset->cacheControl);
    response.headers.emplaceBack("X-Content-Type-Options", "nosniff");
    if (asset->page) {
        response.headers.emplaceBack("Content-Security-Policy", pagePolicy);
        response.headers.emplaceBack("Referrer-Policy", "no-referrer");
    } else {
        // The widget is meant to be loaded by other sites' pages.
        response.headers.emplaceBack("Cross-Origin-Resource-Policy", "cross-origin");
    }
    return response;
}

} // namespace tl::chat
