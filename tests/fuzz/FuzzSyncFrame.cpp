// Fuzz target: one sync frame (docs/protocol.md), read as a client's and as a server's. Whatever the bytes, the
// decoders must return a frame or a reason with a close code, never crash; a frame they accept must encode to
// bytes that decode to the same frame.
#include "protocol/FrameCodec.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstdlib>

namespace {

template <typename Frame> void checkRoundTrip(const tl::protocol::DecodeResult<Frame>& decoded) {
    using tl::protocol::CloseCode;
    if (!decoded.ok()) {
        if (decoded.error().isEmpty() || decoded.closeCode() == CloseCode::Normal)
            std::abort(); // a refusal must say why and how to close
        return;
    }
    const QByteArray encoded = tl::protocol::encode(decoded.value());
    tl::protocol::DecodeResult<Frame> again = [&] {
        if constexpr (std::is_same_v<Frame, tl::protocol::ClientFrame>)
            return tl::protocol::decodeClientFrame(encoded);
        else
            return tl::protocol::decodeServerFrame(encoded);
    }();
    if (!again.ok() || !(again.value() == decoded.value()))
        std::abort(); // what was accepted must survive encoding unchanged
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    checkRoundTrip(tl::protocol::decodeClientFrame(bytes));
    checkRoundTrip(tl::protocol::decodeServerFrame(bytes));
    return 0;
}
