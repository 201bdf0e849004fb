// GET /api/v1/attachments/<sha256> against the real server, with curl-free HTTP and with the workstation's
// tl::sync::AttachmentClient; GET /api/v1/mailboxes through tl::sync::MailboxClient.

#include "ServerFixture.h"

#include "sync/AttachmentClient.h"
#include "sync/MailboxClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace tl;
using namespace tl::servertest;

namespace {

const QByteArray content = "%PDF-1.4 Reklamacja: żółta grzałka\n";

QString sha256(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

class AttachmentApi : public ServerFixture {
protected:
    /// Stores \a bytes where the server's mailboxes would: <database>.attachments/ab/cdef…
    QString storeOnServer(const QByteArray& bytes) {
        const QString hash = sha256(bytes);
        const QString directory = server.directory() + QStringLiteral("/server.sqlite.attachments/") + hash.left(2);
        EXPECT_TRUE(QDir().mkpath(directory));
        QFile file(directory + QLatin1Char('/') + hash.mid(2));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return hash;
    }

    QUrl attachmentUrl(const QString& hash) { return server.url(QStringLiteral("/api/v1/attachments/") + hash); }
};

} // namespace

TEST_F(AttachmentApi, ServesStoredAttachmentsToSignedInAccountsOnly) {
    const QString hash = storeOnServer(content);

    const HttpReply anonymous = http.get(attachmentUrl(hash));
    EXPECT_EQ(anonymous.status, 401);

    const HttpReply admin = http.get(attachmentUrl(hash), adminToken);
    ASSERT_EQ(admin.status, 200) << admin.body.toStdString();
    EXPECT_EQ(admin.body, content);
    EXPECT_EQ(admin.contentType, QByteArray("application/octet-stream"));

    // Any signed-in account: the hash is the capability (docs/email.md, "Workstation").
    createQueue(QStringLiteral("email"));
    const QByteArray agent = createAndSignIn(QStringLiteral("ola"), QStringLiteral("agent"), {QStringLiteral("email")});
    EXPECT_EQ(http.get(attachmentUrl(hash), agent).status, 200);

    EXPECT_EQ(http.get(attachmentUrl(sha256("not stored")), adminToken).status, 404);
    EXPECT_EQ(http.get(attachmentUrl(hash.toUpper()), adminToken).status, 400);
    // Nothing outside the store, however the path is spelled.
    EXPECT_NE(http.get(attachmentUrl(QStringLiteral("../../server.sqlite")), adminToken).status, 200);
    EXPECT_NE(http.get(attachmentUrl(QStringLiteral("..%2F..%2Fserver.sqlite")), adminToken).status, 200);
    EXPECT_EQ(http.get(attachmentUrl(QStringLiteral("server.sqlite")), adminToken).status, 400);
    EXPECT_EQ(http.post(attachmentUrl(hash), {}, adminToken).status, 405);
}

TEST_F(AttachmentApi, TheWorkstationClientFetchesAndChecksTheHash) {
    const QString hash = storeOnServer(content);
    QTemporaryDir local;
    ASSERT_TRUE(local.isValid());
    sync::AttachmentClient client;
    const QString target =
        local.path() + QStringLiteral("/cache.sqlite.attachments/") + hash.left(2) + QLatin1Char('/') + hash.mid(2);

    std::optional<core::Result<QString>> outcome;
    qint64 lastReceived = 0;
    client.fetch(
        server.url(QString()), QString::fromLatin1(adminToken), hash, target,
        [&](qint64 received, qint64) { lastReceived = received; }, [&](core::Result<QString> r) { outcome = r; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 15000));
    ASSERT_TRUE(outcome->ok()) << outcome->error().toStdString();
    EXPECT_EQ(outcome->value(), target);
    EXPECT_EQ(lastReceived, content.size());
    QFile file(target);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), content);

    // Missing on the server: an error, and no file left behind.
    const QString missing = sha256("never stored");
    const QString missingTarget = local.path() + QStringLiteral("/missing");
    outcome.reset();
    client.fetch(server.url(QString()), QString::fromLatin1(adminToken), missing, missingTarget, {},
                 [&](core::Result<QString> r) { outcome = r; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 15000));
    EXPECT_FALSE(outcome->ok());
    EXPECT_FALSE(QFileInfo::exists(missingTarget));

    // Contents that do not hash to their name are refused.
    const QString forged = sha256("another thing");
    {
        const QString directory = server.directory() + QStringLiteral("/server.sqlite.attachments/") + forged.left(2);
        ASSERT_TRUE(QDir().mkpath(directory));
        QFile tampered(directory + QLatin1Char('/') + forged.mid(2));
        ASSERT_TRUE(tampered.open(QIODevice::WriteOnly));
        tampered.write("tampered bytes");
    }
    const QString forgedTarget = local.path() + QStringLiteral("/forged");
    outcome.reset();
    client.fetch(server.url(QString()), QString::fromLatin1(adminToken), forged, forgedTarget, {},
                 [&](core::Result<QString> r) { outcome = r; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 15000));
    EXPECT_FALSE(outcome->ok());
    EXPECT_FALSE(QFileInfo::exists(forgedTarget));
}

TEST_F(AttachmentApi, TheMailboxClientReadsHealthForSupervisorsOnly) {
    sync::MailboxClient client;
    std::optional<core::Result<QList<sync::MailboxHealth>>> outcome;
    client.fetch(server.url(QString()), QString::fromLatin1(adminToken),
                 [&](core::Result<QList<sync::MailboxHealth>> r) { outcome = r; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 15000));
    ASSERT_TRUE(outcome->ok()) << outcome->error().toStdString();
    EXPECT_TRUE(outcome->value().isEmpty()); // no [mailbox.*] configured

    createQueue(QStringLiteral("email"));
    const QByteArray agent = createAndSignIn(QStringLiteral("ola"), QStringLiteral("agent"), {QStringLiteral("email")});
    outcome.reset();
    client.fetch(server.url(QString()), QString::fromLatin1(agent),
                 [&](core::Result<QList<sync::MailboxHealth>> r) { outcome = r; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 15000));
    EXPECT_FALSE(outcome->ok());
    EXPECT_TRUE(sync::MailboxClient::mayRead(QStringLiteral("supervisor")));
    EXPECT_FALSE(sync::MailboxClient::mayRead(QStringLiteral("agent")));
}
