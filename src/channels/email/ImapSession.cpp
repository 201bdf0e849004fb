#include "ImapSession.h"

#include "TlsVerifier.h"

#include <QList>
#include <QLoggingCategory>

#include <libetpan/libetpan.h>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <utility>

namespace tl::email {

Q_LOGGING_CATEGORY(lcImap, "threadline.email.imap")

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

namespace {

bool succeeded(int code) {
    return code == MAILIMAP_NO_ERROR || code == MAILIMAP_NO_ERROR_AUTHENTICATED ||
           code == MAILIMAP_NO_ERROR_NON_AUTHENTICATED;
}

QString codeText(int code) {
    switch (code) {
    case MAILIMAP_ERROR_STREAM:
        return u"the connection broke or timed out"_s;
    case MAILIMAP_ERROR_PARSE:
        return u"the server's answer could not be read"_s;
    case MAILIMAP_ERROR_CONNECTION_REFUSED:
        return u"the connection was refused"_s;
    case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
        return u"the server does not accept connections"_s;
    case MAILIMAP_ERROR_LOGIN:
        return u"the login was refused"_s;
    case MAILIMAP_ERROR_SELECT:
        return u"the folder could not be selected"_s;
    case MAILIMAP_ERROR_STARTTLS:
        return u"STARTTLS failed"_s;
    case MAILIMAP_ERROR_SSL:
        return u"the TLS handshake failed"_s;
    case MAILIMAP_ERROR_UID_FETCH:
    case MAILIMAP_ERROR_FETCH:
        return u"the fetch failed"_s;
    case MAILIMAP_ERROR_EXTENSION:
        return u"the server does not support a needed extension"_s;
    default:
        return u"libetpan error %1"_s.arg(code);
    }
}

/// A UID set of \a uids, compressed into ranges.
mailimap_set* uidSet(const QVector<quint32>& uids) {
    mailimap_set* set = mailimap_set_new_empty();
    qsizetype index = 0;
    while (index < uids.size()) {
        qsizetype end = index;
        while (end + 1 < uids.size() && uids.at(end + 1) == uids.at(end) + 1)
            ++end;
        mailimap_set_add_interval(set, uids.at(index), uids.at(end));
        index = end + 1;
    }
    return set;
}

} // namespace

ImapSession::ImapSession() = default;

ImapSession::~ImapSession() {
    reset(nullptr);
}

void ImapSession::startGuard(int socket) {
    stopGuard();
    if (socket < 0)
        return;
    m_guardStop = false;
    m_guard = std::thread([this, socket] {
        while (!m_guardStop) {
            pollfd fd{socket, POLLRDHUP, 0};
            if (::poll(&fd, 1, 200) > 0 && (fd.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
                const std::lock_guard lock(m_streamMutex);
                if (!m_guardStop && m_imap && m_imap->imap_stream) {
                    qCDebug(lcImap) << "the server closed the connection; cancelling the read";
                    mailstream_cancel(m_imap->imap_stream);
                }
                return;
            }
        }
    });
}

void ImapSession::stopGuard() {
    m_guardStop = true;
    if (m_guard.joinable())
        m_guard.join();
}

void ImapSession::reset(mailimap* imap) {
    stopGuard();
    mailimap* old = nullptr;
    {
        const std::lock_guard lock(m_streamMutex);
        old = std::exchange(m_imap, imap);
        m_socket = -1;
    }
    if (old)
        mailimap_free(old);
}

QString ImapSession::describe(int code, const char* what) const {
    QString text = u"%1: %2"_s.arg(QLatin1StringView(what), codeText(code));
    if (m_imap && m_imap->imap_response && *m_imap->imap_response)
        text += u" (server: %1)"_s.arg(QString::fromUtf8(m_imap->imap_response).trimmed());
    return text;
}

void ImapSession::rememberSocket() {
    if (m_imap && m_imap->imap_stream)
        m_socket = mailstream_low_get_fd(mailstream_get_low(m_imap->imap_stream));
}

Status ImapSession::connect(const QString& host, quint16 port, Security security, int timeoutSeconds,
                            bool verifyCertificate, const QString& caFile) {
    if (m_aborted)
        return Status::failure(u"stopped"_s);
    reset(mailimap_new(0, nullptr));
    if (!m_imap)
        return Status::failure(u"out of memory"_s);
    mailimap_set_timeout(m_imap, timeoutSeconds);
    const QByteArray hostName = host.toUtf8();
    int code = security == Security::Tls ? mailimap_ssl_connect(m_imap, hostName.constData(), port)
                                         : mailimap_socket_connect(m_imap, hostName.constData(), port);
    if (!succeeded(code))
        return Status::failure(describe(code, security == Security::Tls ? "connecting with TLS" : "connecting"));
    rememberSocket();
    if (security == Security::StartTls) {
        code = mailimap_socket_starttls(m_imap);
        if (!succeeded(code))
            return Status::failure(describe(code, "STARTTLS"));
        rememberSocket();
    }
    startGuard(m_socket.load());
    if (security != Security::None && verifyCertificate) {
        // libetpan does not verify the peer: its chain is checked against the system's CAs (and caFile's) and the
        // host name.
        QList<QByteArray> chain;
        if (carray* certificates = mailstream_get_certificate_chain(m_imap->imap_stream)) {
            for (unsigned int i = 0; i < carray_count(certificates); ++i) {
                auto* der = static_cast<MMAPString*>(carray_get(certificates, i));
                chain.append(QByteArray(der->str, static_cast<qsizetype>(der->len)));
                mmap_string_free(der);
            }
            carray_free(certificates);
        }
        if (Status trusted = TlsVerifier::verify(chain, host, caFile); !trusted)
            return trusted;
    }
    return {};
}

Status ImapSession::login(const QString& user, const QString& password) {
    const int code = mailimap_login(m_imap, user.toUtf8().constData(), password.toUtf8().constData());
    if (!succeeded(code))
        return Status::failure(describe(code, "LOGIN"));
    // The capabilities after login (IDLE) — libetpan keeps them for mailimap_has_idle().
    mailimap_capability_data* capabilities = nullptr;
    if (succeeded(mailimap_capability(m_imap, &capabilities)) && capabilities)
        mailimap_capability_data_free(capabilities);
    return {};
}

Result<ImapSession::Folder> ImapSession::select(const QString& folder) {
    const int code = mailimap_select(m_imap, folder.toUtf8().constData());
    if (!succeeded(code))
        return Result<Folder>::failure(describe(code, "SELECT"));
    Folder selected;
    if (mailimap_selection_info* info = m_imap->imap_selection_info) {
        selected.uidValidity = info->sel_uidvalidity;
        selected.uidNext = info->sel_uidnext;
        selected.exists = info->sel_exists;
    }
    if (selected.uidValidity == 0)
        return Result<Folder>::failure(u"SELECT: the server reported no UIDVALIDITY"_s);
    return selected;
}

bool ImapSession::hasIdle() const {
    return m_imap && mailimap_has_idle(m_imap);
}

Result<QVector<quint32>> ImapSession::uidsFrom(quint32 first) {
    using R = Result<QVector<quint32>>;
    mailimap_set* set = mailimap_set_new_interval(std::max<quint32>(first, 1), 0);
    mailimap_fetch_type* type = mailimap_fetch_type_new_fetch_att_list_empty();
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_uid());
    clist* result = nullptr;
    const int code = mailimap_uid_fetch(m_imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (!succeeded(code))
        return R::failure(describe(code, "UID FETCH (UID)"));
    QVector<quint32> uids;
    for (clistiter* it = clist_begin(result); it; it = clist_next(it)) {
        auto* message = static_cast<mailimap_msg_att*>(clist_content(it));
        for (clistiter* item = clist_begin(message->att_list); item; item = clist_next(item)) {
            auto* attribute = static_cast<mailimap_msg_att_item*>(clist_content(item));
            if (attribute->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
                attribute->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID &&
                attribute->att_data.att_static->att_data.att_uid >= first)
                uids.append(attribute->att_data.att_static->att_data.att_uid);
        }
    }
    mailimap_fetch_list_free(result);
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    return uids;
}

Result<QVector<ImapSession::Message>> ImapSession::fetch(const QVector<quint32>& uids) {
    using R = Result<QVector<Message>>;
    if (uids.isEmpty())
        return QVector<Message>();
    mailimap_set* set = uidSet(uids);
    mailimap_fetch_type* type = mailimap_fetch_type_new_fetch_att_list_empty();
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(type,
                                               mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nullptr)));
    clist* result = nullptr;
    const int code = mailimap_uid_fetch(m_imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (!succeeded(code))
        return R::failure(describe(code, "UID FETCH (BODY.PEEK[])"));
    QVector<Message> messages;
    for (clistiter* it = clist_begin(result); it; it = clist_next(it)) {
        auto* attributes = static_cast<mailimap_msg_att*>(clist_content(it));
        Message message;
        bool hasBody = false;
        for (clistiter* item = clist_begin(attributes->att_list); item; item = clist_next(item)) {
            auto* attribute = static_cast<mailimap_msg_att_item*>(clist_content(item));
            if (attribute->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
                continue;
            mailimap_msg_att_static* value = attribute->att_data.att_static;
            if (value->att_type == MAILIMAP_MSG_ATT_UID) {
                message.uid = value->att_data.att_uid;
            } else if (value->att_type == MAILIMAP_MSG_ATT_BODY_SECTION && value->att_data.att_body_section) {
                const mailimap_msg_att_body_section* body = value->att_data.att_body_section;
                message.raw = body->sec_body_part
                                  ? QByteArray(body->sec_body_part, static_cast<qsizetype>(body->sec_length))
                                  : QByteArray();
                hasBody = true;
            }
        }
        // Untagged FETCH responses without a body (flag changes by another client) are not messages.
        if (message.uid != 0 && hasBody && std::binary_search(uids.cbegin(), uids.cend(), message.uid))
            messages.append(std::move(message));
    }
    mailimap_fetch_list_free(result);
    std::sort(messages.begin(), messages.end(), [](const Message& a, const Message& b) { return a.uid < b.uid; });
    return messages;
}

Result<ImapSession::IdleOutcome> ImapSession::idle(int wakeFd, int timeoutMs) {
    using R = Result<IdleOutcome>;
    int code = mailimap_idle(m_imap);
    if (!succeeded(code))
        return R::failure(describe(code, "IDLE"));
    pollfd fds[2] = {{mailimap_idle_get_fd(m_imap), POLLIN, 0}, {wakeFd, POLLIN, 0}};
    const int ready = ::poll(fds, wakeFd >= 0 ? 2 : 1, timeoutMs);
    IdleOutcome outcome = IdleOutcome::TimedOut;
    if (ready < 0)
        outcome = IdleOutcome::Woken;
    else if (ready > 0 && (fds[1].revents & POLLIN) && wakeFd >= 0)
        outcome = IdleOutcome::Woken;
    else if (ready > 0)
        outcome = IdleOutcome::Changed;
    code = mailimap_idle_done(m_imap);
    if (!succeeded(code))
        return R::failure(describe(code, "IDLE (DONE)"));
    return outcome;
}

void ImapSession::logout() {
    if (!m_imap)
        return;
    if (m_imap->imap_stream && !m_aborted)
        mailimap_logout(m_imap);
    reset(nullptr);
}

void ImapSession::abort() {
    m_aborted = true;
    const std::lock_guard lock(m_streamMutex);
    if (m_imap && m_imap->imap_stream)
        mailstream_cancel(m_imap->imap_stream);
    const int socket = m_socket.load();
    if (socket >= 0)
        ::shutdown(socket, SHUT_RDWR);
}

} // namespace tl::email
