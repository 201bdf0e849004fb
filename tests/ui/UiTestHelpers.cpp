#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

namespace tl::uitest {

using core::Channel;
namespace kinds = core::kinds;

core::ImportRecord record(const QString& id, Channel channel, const QString& kind, qint64 occurredAt,
                          const QString& identity, const QString& text, const QString& subject, const QString& name,
                          const QString& author) {
    core::ImportRecord result;
    result.event.id = id;
    result.event.channel = channel;
    result.event.kind = kind;
    result.event.occurredAt = occurredAt;
    result.event.identity = identity;
    result.event.author = author;
    if (!text.isEmpty())
        result.event.payload.insert(QStringLiteral("text"), text);
    if (!subject.isEmpty())
        result.event.payload.insert(QStringLiteral("subject"), subject);
    result.name = name;
    return result;
}

std::unique_ptr<store::EventStore> openStore(const QString& path) {
    auto opened = store::EventStore::open(path);
    if (!opened.ok()) {
        ADD_FAILURE() << "cannot open " << path.toStdString() << ": " << opened.error().toStdString();
        return nullptr;
    }
    return std::move(opened).value();
}

void fillStandardCustomers(store::EventStore& store) {
    const qint64 minute = 60'000;
    const QString jan = QStringLiteral("chat:visitor-jan");
    const QString janMail = QStringLiteral("email:jan@example.pl");
    const QString janPhone = QStringLiteral("phone:+48601234567");

    std::vector<core::ImportRecord> records;
    core::ImportRecord first =
        record(QStringLiteral("chat:jan-1"), Channel::Chat, kinds::MessageIn, baseTime, jan,
               QStringLiteral("Hello, my parcel has not arrived."), {}, QStringLiteral("Jan Kowalski"));
    first.identities = QStringList{janMail, janPhone};
    records.push_back(first);
    records.push_back(record(QStringLiteral("chat:jan-2"), Channel::Chat, kinds::MessageOut, baseTime + minute, jan,
                             QStringLiteral("Let me check the tracking number."), {}, {}, QStringLiteral("anna")));
    records.push_back(record(QStringLiteral("email:<jan-3@example.pl>"), Channel::Email, kinds::MessageIn,
                             baseTime + 10 * minute, janMail, QStringLiteral("The tracking number is 4711."),
                             QStringLiteral("Parcel 4711")));
    core::ImportRecord call = record(QStringLiteral("call:jan-4:ended"), Channel::Voice, kinds::CallEnded,
                                     baseTime + 20 * minute, janPhone, {});
    call.event.payload.insert(QStringLiteral("duration"), 252);
    call.event.payload.insert(QStringLiteral("direction"), QStringLiteral("inbound"));
    records.push_back(call);
    records.push_back(record(QStringLiteral("sms:gw:jan-5"), Channel::Sms, kinds::MessageIn, baseTime + 30 * minute,
                             janPhone, QStringLiteral("Thanks, it arrived!")));

    records.push_back(record(QStringLiteral("sms:gw:maria-1"), Channel::Sms, kinds::MessageIn, baseTime + 5 * minute,
                             QStringLiteral("phone:+48700100200"), QStringLiteral("Is the shop open on Sunday?"), {},
                             QStringLiteral("Maria Nowak")));
    records.push_back(record(QStringLiteral("email:<li-1@example.cn>"), Channel::Email, kinds::MessageIn,
                             baseTime + 2 * minute, QStringLiteral("email:li@example.cn"),
                             QStringLiteral("Invoice attached, please confirm the refund."), QStringLiteral("Refund"),
                             QStringLiteral("Li Wei")));

    // Case states as imported status changes, so that every time in the list stays in the past.
    core::ImportRecord pending =
        record(QStringLiteral("status:maria-2"), Channel::System, kinds::StatusChanged, baseTime + 6 * minute,
               QStringLiteral("phone:+48700100200"), {}, {}, {}, QStringLiteral("anna"));
    pending.event.payload.insert(QStringLiteral("state"), QStringLiteral("pending"));
    records.push_back(pending);
    core::ImportRecord resolved =
        record(QStringLiteral("status:li-2"), Channel::System, kinds::StatusChanged, baseTime + 3 * minute,
               QStringLiteral("email:li@example.cn"), {}, {}, {}, QStringLiteral("anna"));
    resolved.event.payload.insert(QStringLiteral("state"), QStringLiteral("resolved"));
    records.push_back(resolved);

    const auto ingested = store.ingestBatch(records);
    ASSERT_TRUE(ingested.ok()) << ingested.error().toStdString();
    const std::optional<QString> maria = store.customerOf(QStringLiteral("phone:+48700100200"));
    const std::optional<QString> li = store.customerOf(QStringLiteral("email:li@example.cn"));
    ASSERT_TRUE(maria && li);
    ASSERT_EQ(store.customer(*maria).value().state, core::CaseState::Pending);
    ASSERT_EQ(store.customer(*li).value().state, core::CaseState::Resolved);
}

} // namespace tl::uitest
