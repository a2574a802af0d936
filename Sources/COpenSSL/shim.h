// Thin, fixed-arity wrappers over OpenSSL 3 macros that Swift cannot import.
// Every symbol defined here is prefixed `copenssl_`. No logic lives here.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

/// `OPENSSL_free` is a macro.
static inline void copenssl_free(void *pointer) {
    OPENSSL_free(pointer);
}

/// `BIO_get_mem_data` is a macro over `BIO_ctrl`.
static inline long copenssl_bio_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// The `STACK_OF(X509)` accessors are macros.
static inline STACK_OF(X509) *copenssl_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

static inline int copenssl_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

/// Frees the stack only; the certificates stay owned by their Swift wrappers.
static inline void copenssl_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

/// `XN_FLAG_RFC2253` is a macro of casts and ORs.
static inline unsigned long copenssl_xn_flag_rfc2253(void) {
    return XN_FLAG_RFC2253;
}

/// The library's version text, e.g. "OpenSSL 3.0.19 27 Jan 2026".
static inline const char *copenssl_version_text(void) {
    return OpenSSL_version(OPENSSL_VERSION);
}

#endif
