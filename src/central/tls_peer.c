/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tls_peer.c - who is on the other end of a TLS connection.
 *
 * libmicrohttpd (built with GnuTLS) asks the client for a certificate when
 * a trust list is given (MHD_OPTION_HTTPS_MEM_TRUST) but leaves the
 * verification to the application.  We verify it against that list
 * (gnutls_certificate_verify_peers2: signature chain, validity dates) and
 * read the Common Name, which is the office code.
 */
#include "central.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <string.h>

central_peer central_tls_peer(void *session, char *cn, size_t cn_size,
                              char *detail, size_t dn)
{
    cn[0] = '\0';
    detail[0] = '\0';
    if (!session) {
        snprintf(detail, dn, "no TLS session");
        return PEER_ERROR;
    }
    gnutls_session_t s = session;
    unsigned int count = 0;
    const gnutls_datum_t *certs = gnutls_certificate_get_peers(s, &count);
    if (!certs || count == 0) {
        snprintf(detail, dn, "the client presented no certificate");
        return PEER_NONE;
    }
    unsigned int status = 0;
    int rc = gnutls_certificate_verify_peers2(s, &status);
    if (rc == GNUTLS_E_NO_CERTIFICATE_FOUND) {
        snprintf(detail, dn, "the client presented no certificate");
        return PEER_NONE;
    }
    if (rc < 0) {
        snprintf(detail, dn, "verifying the client certificate: %s",
                 gnutls_strerror(rc));
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
    if (gnutls_x509_crt_init(&crt) < 0)
        return PEER_ERROR;
    central_peer res = PEER_OK;
    size_t size = cn_size;
    if (gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0 ||
        gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &size) <
            0) {
        snprintf(detail, dn, "the client certificate has no Common Name");
        cn[0] = '\0';
        res = PEER_UNTRUSTED;
    }
    gnutls_x509_crt_deinit(crt);
    return res;
}
