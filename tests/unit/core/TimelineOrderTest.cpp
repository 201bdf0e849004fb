#include "core/Event.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace tl::core;

namespace {

Event event(const char* id, qint64 occurredAt, qint64 seq) {
    Event result;
    result.id = QString::fromLatin1(id);
    result.occurredAt = occurredAt;
    result.seq = seq;
    return result;
}

} // namespace

TEST(TimelineOrder, ByOccurredAtThenSeqThenId) {
    std::vector<Event> events{event("e", 2000, 1), event("d", 1000, 9), event("b", 1000, 3),
                              event("a", 1000, 3), event("c", 500, 99), event("f", 1000, 0)};
    std::sort(events.begin(), events.end(), timelineLess);
    QStringList order;
    for (const Event& e : events)
        order.append(e.id);
    EXPECT_EQ(order.join(QLatin1Char(',')), QStringLiteral("c,f,a,b,d,e"));
}

TEST(TimelineOrder, IsAStrictWeakOrder) {
    const Event a = event("a", 1, 1);
    EXPECT_FALSE(timelineLess(a, a));
    const Event b = event("b", 1, 1);
    EXPECT_TRUE(timelineLess(a, b));
    EXPECT_FALSE(timelineLess(b, a));
}
