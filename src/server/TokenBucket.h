#pragma once

#include <QtGlobal>

namespace tl::server {

/// A token bucket: holds up to \a burst tokens and refills at \a ratePerSecond; each take() spends some.
/// Times are monotonic milliseconds passed in by the caller, so tests need no clock.
class TokenBucket final {
public:
    TokenBucket(double ratePerSecond, double burst);

    /// Spends \a count tokens at time \a nowMs; false (and nothing spent) when there are not enough.
    [[nodiscard]] bool take(qint64 nowMs, double count = 1);
    /// True when the bucket is full at \a nowMs (an idle client; its bucket may be forgotten).
    [[nodiscard]] bool isFull(qint64 nowMs) const;

private:
    void refill(qint64 nowMs);

    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs = -1;
};

} // namespace tl::server
