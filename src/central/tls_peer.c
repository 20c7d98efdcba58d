/* tls_peer.c - who is on the other end of a TLS connection.
 *
 * libmicrohttpd (built with GnuTLS) asks the client for a certificate when
 * a trust list is given (MHD_OPTION_HTTPS_MEM_TRUST) but leaves the
 * verification to the application.  We verify it against that list
 * (gnutls_certificate_verify_peers2: signature chain, validity dates) and
 * read the Common Name, which is the office code.
 *
 * The GnuTLS functions are looked up in the already loaded libgnutls (a
 * dependency of libmicrohttpd) because the build does not link GnuTLS
 * directly yet; when it does, these become plain calls.
 */
#include "central.h"

#include <dlfcn.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef int (*verify_peers2_fn)(gnutls_session_t, unsigned int *);
typedef const gnutls_datum_t *(*get_peers_fn)(gnutls_session_t,
                                              unsigned int *);
typedef int (*crt_init_fn)(gnutls_x509_crt_t *);
typedef void (*crt_deinit_fn)(gnutls_x509_crt_t);
typedef int (*crt_import_fn)(gnutls_x509_crt_t, const gnutls_datum_t *,
                             gnutls_x509_crt_fmt_t);
typedef int (*crt_get_dn_by_oid_fn)(gnutls_x509_crt_t, const char *,
                                    unsigned, unsigned, void *, size_t *);
typedef const char *(*strerror_fn)(int);

static struct {
    verify_peers2_fn verify_peers2;
    get_peers_fn get_peers;
    crt_init_fn crt_init;
    crt_deinit_fn crt_deinit;
    crt_import_fn crt_import;
    crt_get_dn_by_oid_fn get_dn_by_oid;
    strerror_fn strerror;
    bool ok;
} g;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

#define LOOKUP(field, name) (*(void **)&g.field = dlsym(RTLD_DEFAULT, name))

static void load(void)
{
    g.ok = LOOKUP(verify_peers2, "gnutls_certificate_verify_peers2") &&
           LOOKUP(get_peers, "gnutls_certificate_get_peers") &&
           LOOKUP(crt_init, "gnutls_x509_crt_init") &&
           LOOKUP(crt_deinit, "gnutls_x509_crt_deinit") &&
           LOOKUP(crt_import, "gnutls_x509_crt_import") &&
           LOOKUP(get_dn_by_oid, "gnutls_x509_crt_get_dn_by_oid") &&
           LOOKUP(strerror, "gnutls_strerror");
}

bool central_tls_available(char *why, size_t n)
{
    pthread_once(&g_once, load);
    if (!g.ok)
        snprintf(why, n, "GnuTLS functions not found in the process: %s",
                 dlerror() ? dlerror() : "unknown");
    return g.ok;
}

central_peer central_tls_peer(void *session, char *cn, size_t cn_size,
                              char *detail, size_t dn)
{
    cn[0] = '\0';
    detail[0] = '\0';
    pthread_once(&g_once, load);
    if (!g.ok || !session) {
        snprintf(detail, dn, "no TLS session");
        return PEER_ERROR;
    }
    gnutls_session_t s = session;
    unsigned int count = 0;
    const gnutls_datum_t *certs = g.get_peers(s, &count);
    if (!certs || count == 0) {
        snprintf(detail, dn, "the client presented no certificate");
        return PEER_NONE;
    }
    unsigned int status = 0;
    int rc = g.verify_peers2(s, &status);
    if (rc == GNUTLS_E_NO_CERTIFICATE_FOUND) {
        snprintf(detail, dn, "the client presented no certificate");
        return PEER_NONE;
    }
    if (rc < 0) {
        snprintf(detail, dn, "verifying the client certificate: %s",
                 g.strerror(rc));
        return PEER_ERROR;
    }
    if (status & GNUTLS_CERT_EXPIRED) {
        snprintf(detail, dn, "the client certificate has expired");
        return PEER_EXPIRED;
    }
    if (status) {
        snprintf(detail, dn,
                 "the client certificate is not signed by the trusted "
                 "client CA (or is not valid yet, or revoked)");
        return PEER_UNTRUSTED;
    }
    gnutls_x509_crt_t crt;
    if (g.crt_init(&crt) < 0)
        return PEER_ERROR;
    central_peer res = PEER_OK;
    size_t size = cn_size;
    if (g.crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0 ||
        g.get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &size) <
            0) {
        snprintf(detail, dn, "the client certificate has no Common Name");
        cn[0] = '\0';
        res = PEER_UNTRUSTED;
    }
    g.crt_deinit(crt);
    return res;
}
