#include "TlsVerifier.h"

#include <QFile>
#include <QHostAddress>

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace tl::email {

using namespace Qt::StringLiterals;
using core::Status;

namespace {

struct X509Deleter final {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
struct StoreDeleter final {
    void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
struct ContextDeleter final {
    void operator()(X509_STORE_CTX* context) const { X509_STORE_CTX_free(context); }
};
struct StackDeleter final {
    void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};

std::unique_ptr<X509, X509Deleter> fromDer(const QByteArray& der) {
    const auto* data = reinterpret_cast<const unsigned char*>(der.constData());
    return std::unique_ptr<X509, X509Deleter>(d2i_X509(nullptr, &data, static_cast<long>(der.size())));
}

} // namespace

Status TlsVerifier::verify(const QList<QByteArray>& derChain, const QString& host, const QString& caFile) {
    if (derChain.isEmpty())
        return Status::failure(u"TLS: the server sent no certificate"_s);
    const auto leaf = fromDer(derChain.first());
    if (!leaf)
        return Status::failure(u"TLS: the server's certificate could not be read"_s);
    std::unique_ptr<STACK_OF(X509), StackDeleter> intermediates(sk_X509_new_null());
    for (qsizetype i = 1; i < derChain.size(); ++i) {
        if (auto certificate = fromDer(derChain.at(i)))
            sk_X509_push(intermediates.get(), certificate.release());
    }
    std::unique_ptr<X509_STORE, StoreDeleter> store(X509_STORE_new());
    if (!store || X509_STORE_set_default_paths(store.get()) != 1)
        return Status::failure(u"TLS: the system's CA certificates could not be loaded"_s);
    if (!caFile.isEmpty()) {
        if (!QFile::exists(caFile))
            return Status::failure(u"TLS: the CA file %1 does not exist"_s.arg(caFile));
        if (X509_STORE_load_locations(store.get(), QFile::encodeName(caFile).constData(), nullptr) != 1)
            return Status::failure(u"TLS: the CA file %1 holds no PEM certificate"_s.arg(caFile));
    }
    std::unique_ptr<X509_STORE_CTX, ContextDeleter> context(X509_STORE_CTX_new());
    if (!context || X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), intermediates.get()) != 1)
        return Status::failure(u"TLS: out of memory"_s);
    X509_VERIFY_PARAM* parameters = X509_STORE_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_purpose(parameters, X509_PURPOSE_SSL_SERVER);
    const QByteArray name = host.toUtf8();
    if (QHostAddress(host).isNull())
        X509_VERIFY_PARAM_set1_host(parameters, name.constData(), static_cast<size_t>(name.size()));
    else
        X509_VERIFY_PARAM_set1_ip_asc(parameters, name.constData());
    if (X509_verify_cert(context.get()) != 1) {
        const int error = X509_STORE_CTX_get_error(context.get());
        if (error == X509_V_ERR_HOSTNAME_MISMATCH || error == X509_V_ERR_IP_ADDRESS_MISMATCH)
            return Status::failure(u"TLS: the server's certificate is not valid for the host name %1"_s.arg(host));
        return Status::failure(u"TLS: the server's certificate is not trusted: %1"_s.arg(
            QString::fromUtf8(X509_verify_cert_error_string(error))));
    }
    return {};
}

} // namespace tl::email
