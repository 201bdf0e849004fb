// Fuzz target: one frame of a web chat visitor (docs/chat.md, "The visitor protocol"), the only input of the server
// that anyone on the internet may send without signing in. Whatever the bytes, the decoder must return a frame or a
// reason with an error code that closes the connection, never crash; a frame it accepts must encode to bytes that
// decode to the same frame; and a smaller size limit may only refuse more, with too_large.
#include "channels/chat/ChatFrameCodec.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstdlib>

namespace {

using tl::chat::ChatCloseCode;
using tl::chat::ChatDecodeResult;
using tl::chat::ChatErrorCode;

/// A limit below most real frames, so that the size check meets the fuzzer's inputs often.
constexpr qsizetype smallLimit = 96;

void checkRefusal(const ChatDecodeResult& decoded) {
    // A refusal must say why, and its code must close the connection with one of the protocol's 4xxx codes.
    if (decoded.error().isEmpty())
        std::abort();
    const auto close = static_cast<quint16>(tl::chat::chatCloseCodeFor(decoded.code()));
    if (close < 4000 && decoded.code() != ChatErrorCode::Internal)
        std::abort();
    if (tl::chat::chatErrorCodeName(decoded.code()).isEmpty())
        std::abort();
}

void checkRoundTrip(const ChatDecodeResult& decoded) {
    if (!decoded.ok()) {
        checkRefusal(decoded);
        return;
    }
    const QByteArray encoded = tl::chat::encodeChatFrame(decoded.value());
    const ChatDecodeResult again = tl::chat::decodeChatClientFrame(encoded);
    if (!again.ok() || !(again.value() == decoded.value()))
        std::abort(); // what was accepted must survive encoding unchanged
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const ChatDecodeResult decoded = tl::chat::decodeChatClientFrame(bytes);
    checkRoundTrip(decoded);
    const ChatDecodeResult small = tl::chat::decodeChatClientFrame(bytes, smallLimit);
    checkRoundTrip(small);
    // The limit decides nothing but the size: under it both agree, over it the smaller one says too_large.
    if (bytes.size() <= smallLimit) {
        if (small.ok() != decoded.ok() || (small.ok() && !(small.value() == decoded.value())))
            std::abort();
    } else if (small.ok() || small.code() != ChatErrorCode::TooLarge) {
        std::abort();
    }
    return 0;
}
