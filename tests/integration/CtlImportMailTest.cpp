// threadline-ctl import-mail end to end: the real binary importing an mbox file and a Maildir (data/mail) into a
// fresh temporary database per test — counts, the rejected message named, re-import, threads, attachments, search.
#include "CtlProcess.h"

#include "TempDatabase.h"

#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

using tl::integration::CtlOutput;
using tl::integration::CtlProcess;

namespace {

QString mailData(const QString& name) {
    return QDir(QStringLiteral(THREADLINE_CTL_TEST_DATA "/mail")).filePath(name);
}

std::string describe(const CtlOutput& output) {
    return (QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(output.exitCode).arg(output.out, output.err))
        .toStdString();
}

QJsonObject eventById(const QJsonArray& events, const QString& id) {
    for (const QJsonValue& value : events) {
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    }
    return {};
}

class CtlImportMailTest : public ::testing::Test {
protected:
    tl::testsupport::TempDatabase m_database;
    CtlProcess m_ctl{m_database.path()};

    CtlOutput importMail(const QString& path, const QStringList& extra = {}) {
        return m_ctl.run(QStringList{QStringLiteral("import-mail"), path} + extra);
    }

    QJsonArray jsonOf(const QStringList& arguments) {
        const CtlOutput output = m_ctl.run(arguments + QStringList{QStringLiteral("--json")});
        EXPECT_EQ(output.exitCode, 0) << describe(output);
        return output.json().array();
    }
};

} // namespace

TEST_F(CtlImportMailTest, ImportsAnMboxAndNamesTheUnreadableMessage) {
    const CtlOutput output = importMail(mailData(QStringLiteral("support.mbox")),
                                        {QStringLiteral("--mailbox-address"), QStringLiteral("pomoc@sklep.example")});
    EXPECT_EQ(output.exitCode, 1) << describe(output); // one message rejected
    EXPECT_EQ(output.out.trimmed(), QStringLiteral("imported 4, duplicates 0, rejected 1")) << describe(output);
    EXPECT_TRUE(output.err.contains(QRegularExpression(QStringLiteral("message 4 \\(byte \\d+\\): no sender address"))))
        << describe(output);

    // The Polish customer's thread: their mail in, the team's reply out (with its ">From " line unescaped).
    const QJsonArray jan = jsonOf({QStringLiteral("timeline"), QStringLiteral("email:jan.kowalski@example.pl")});
    const QJsonObject in = eventById(jan, QStringLiteral("email:<CAF4471.jk@mail.example.pl>"));
    ASSERT_FALSE(in.isEmpty()) << describe(output);
    EXPECT_EQ(in.value(QStringLiteral("kind")).toString(), QStringLiteral("message.in"));
    EXPECT_EQ(in.value(QStringLiteral("occurred_at")).toString(), QStringLiteral("2026-11-03T09:20:00.000Z"));
    const QJsonObject inPayload = in.value(QStringLiteral("payload")).toObject();
    EXPECT_EQ(inPayload.value(QStringLiteral("subject")).toString(),
              QStringLiteral("Re: Zamówienie 4471 — gdzie jest paczka?"));
    EXPECT_FALSE(inPayload.value(QStringLiteral("text")).toString().contains(QStringLiteral("czwartek")));
    EXPECT_TRUE(inPayload.value(QStringLiteral("text_full")).toString().contains(QStringLiteral("czwartek")));
    const QJsonObject out = eventById(jan, QStringLiteral("email:<tl-4471-2@sklep.example>"));
    ASSERT_FALSE(out.isEmpty());
    EXPECT_EQ(out.value(QStringLiteral("kind")).toString(), QStringLiteral("message.out"));
    EXPECT_TRUE(out.value(QStringLiteral("payload"))
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("\nFrom the tracking: the parcel is in Łódź.")));

    // The Russian mail's attachment is stored beside the database, under its SHA-256.
    const QJsonArray igor = jsonOf({QStringLiteral("timeline"), QStringLiteral("email:igor.petrov@example.ru")});
    const QJsonObject refund = eventById(igor, QStringLiteral("email:<cp1251-6031@example.ru>"));
    const QJsonArray attachments =
        refund.value(QStringLiteral("payload")).toObject().value(QStringLiteral("attachments")).toArray();
    ASSERT_EQ(attachments.size(), 1) << describe(output);
    const QJsonObject receipt = attachments.at(0).toObject();
    EXPECT_EQ(receipt.value(QStringLiteral("name")).toString(), QStringLiteral("Чек.jpg"));
    QFile stored(QDir(m_database.path() + QStringLiteral(".attachments"))
                     .filePath(receipt.value(QStringLiteral("path")).toString()));
    ASSERT_TRUE(stored.open(QIODevice::ReadOnly)) << stored.fileName().toStdString();
    EXPECT_EQ(QString::fromLatin1(QCryptographicHash::hash(stored.readAll(), QCryptographicHash::Sha256).toHex()),
              receipt.value(QStringLiteral("sha256")).toString());

    // KOI8-R text is searchable as Russian.
    const QJsonArray hits = jsonOf({QStringLiteral("search"), QStringLiteral("кофемолку")});
    ASSERT_EQ(hits.size(), 1);
    EXPECT_EQ(hits.at(0).toObject().value(QStringLiteral("id")).toString(),
              QStringLiteral("email:<koi8-5120@example.ru>"));
}

TEST_F(CtlImportMailTest, ReimportingChangesNothing) {
    const QStringList own{QStringLiteral("--mailbox-address"), QStringLiteral("pomoc@sklep.example")};
    ASSERT_EQ(importMail(mailData(QStringLiteral("support.mbox")), own).exitCode, 1);
    const QJsonArray before = jsonOf({QStringLiteral("customers")});
    const QJsonArray janBefore = jsonOf({QStringLiteral("timeline"), QStringLiteral("email:jan.kowalski@example.pl")});

    const CtlOutput again =
        importMail(mailData(QStringLiteral("support.mbox")), own + QStringList{QStringLiteral("--json")});
    EXPECT_EQ(again.exitCode, 1) << describe(again);
    const QJsonObject counts = again.json().object();
    EXPECT_EQ(counts.value(QStringLiteral("messages")).toInt(), 5) << describe(again);
    EXPECT_EQ(counts.value(QStringLiteral("imported")).toInt(), 0);
    EXPECT_EQ(counts.value(QStringLiteral("duplicates")).toInt(), 4);
    EXPECT_EQ(counts.value(QStringLiteral("rejected")).toInt(), 1);
    EXPECT_EQ(jsonOf({QStringLiteral("customers")}), before);
    EXPECT_EQ(jsonOf({QStringLiteral("timeline"), QStringLiteral("email:jan.kowalski@example.pl")}), janBefore);
}

TEST_F(CtlImportMailTest, ImportsAMaildirWithItsSubfolders) {
    const CtlOutput output = importMail(mailData(QStringLiteral("Maildir")),
                                        {QStringLiteral("--mailbox-address"), QStringLiteral("support@shop.example")});
    EXPECT_EQ(output.exitCode, 1) << describe(output);
    EXPECT_EQ(output.out.trimmed(), QStringLiteral("imported 4, duplicates 0, rejected 1")) << describe(output);
    EXPECT_TRUE(output.err.contains(QStringLiteral("1763026300.M4P100.mail.shop.example: no sender address")))
        << describe(output);

    // The Chinese customer's mail and the team's reply from .Sent share one thread.
    const QJsonArray li = jsonOf({QStringLiteral("timeline"), QStringLiteral("email:li.zhe@example.cn")});
    const QJsonObject in = eventById(li, QStringLiteral("email:<20261116101000.7719@mail.example.cn>"));
    const QJsonObject out = eventById(li, QStringLiteral("email:<tl-7719-1@shop.example>"));
    ASSERT_FALSE(in.isEmpty()) << describe(output);
    ASSERT_FALSE(out.isEmpty());
    EXPECT_EQ(in.value(QStringLiteral("payload")).toObject().value(QStringLiteral("subject")).toString(),
              QStringLiteral("咖啡机漏水，申请退换"));
    EXPECT_EQ(out.value(QStringLiteral("kind")).toString(), QStringLiteral("message.out"));

    const QJsonArray customers = jsonOf({QStringLiteral("customers")});
    QStringList names;
    for (const QJsonValue& customer : customers)
        names.append(customer.toObject().value(QStringLiteral("name")).toString());
    EXPECT_TRUE(names.contains(QStringLiteral("李喆"))) << names.join(u',').toStdString();
    EXPECT_TRUE(names.contains(QStringLiteral("陳志明")));
    EXPECT_TRUE(names.contains(QStringLiteral("مريم احمدي")));

    EXPECT_EQ(jsonOf({QStringLiteral("search"), QStringLiteral("咖啡豆")}).size(), 1);
}

TEST_F(CtlImportMailTest, RefusesWhatIsNotAMailbox) {
    const CtlOutput missing = importMail(mailData(QStringLiteral("no-such.mbox")));
    EXPECT_EQ(missing.exitCode, 2) << describe(missing);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("cannot read"))) << describe(missing);

    const CtlOutput directory = importMail(mailData(QString()));
    EXPECT_EQ(directory.exitCode, 2) << describe(directory);
    EXPECT_TRUE(directory.err.contains(QStringLiteral("not a Maildir"))) << describe(directory);

    const CtlOutput address = importMail(mailData(QStringLiteral("support.mbox")),
                                         {QStringLiteral("--mailbox-address"), QStringLiteral("nobody")});
    EXPECT_EQ(address.exitCode, 2) << describe(address);
    EXPECT_TRUE(address.err.contains(QStringLiteral("--mailbox-address nobody"))) << describe(address);

    const CtlOutput misplaced =
        m_ctl.run({QStringLiteral("customers"), QStringLiteral("--mailbox-address"), QStringLiteral("a@b.example")});
    EXPECT_EQ(misplaced.exitCode, 2) << describe(misplaced);
}
