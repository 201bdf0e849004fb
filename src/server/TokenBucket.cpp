#include "TokenBucket.h"

#include <algorithm>

namespace tl::server {

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : m_rate(ratePerSecond)
    , m_burst(burst)
    , m_tokens(burst) {}

void TokenBucket::refill(qint64 nowMs) {
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = std::min(m_burst, m_tokens + m_rate * static_cast<double>(nowMs - m_lastMs) / 1000.0);
    if (nowMs > m_lastMs)
        m_lastMs = nowMs;
}

bool TokenBucket::take(qint64 nowMs, double count) {
    refill(nowMs);
    if (m_tokens < count)
        return false;
    m_tokens -= count;
    return true;
}

bool TokenBucket::isFull(qint64 nowMs) const {
    if (m_lastMs < 0)
        return true;
    const double tokens = m_tokens + m_rate * static_cast<double>(std::max<qint64>(0, nowMs - m_lastMs)) / 1000.0;
    return tokens >= m_burst;
}

} // namespace tl::server
