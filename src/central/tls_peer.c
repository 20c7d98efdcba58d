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

/* --- the portal connector's CA ------------------------------------------ */

static gnutls_x509_trust_list_t g_connector_tl;

bool central_tls_connector_ca(const char *pem, char *why, size_t n)
{
    central_tls_connector_free();
    if (gnutls_x509_trust_list_init(&g_connector_tl, 0) < 0) {
        snprintf(why, n, "cannot make a trust list");
        return false;
    }
    gnutls_datum_t d = {(unsigned char *)pem, (unsigned)strlen(pem)};
    int rc = gnutls_x509_trust_list_add_trust_mem(g_connector_tl, &d, NULL,
                                                  GNUTLS_X509_FMT_PEM, 0, 0);
    if (rc <= 0) {
        snprintf(why, n, "--connector-ca: no CA certificate in it (%s)",
                 rc < 0 ? gnutls_strerror(rc) : "empty");
        central_tls_connector_free();
        return false;
    }
    return true;
}

bool central_tls_by_connector_ca(void *session)
{
    if (!g_connector_tl || !session)
        return false;
    unsigned int count = 0;
    const gnutls_datum_t *certs =
        gnutls_certificate_get_peers((gnutls_session_t)session, &count);
    if (!certs || count == 0)
        return false;
    if (count > 8)
        count = 8;
    gnutls_x509_crt_t list[8];
    unsigned int n = 0;
    bool ok = true;
    for (; n < count; n++) {
        if (gnutls_x509_crt_init(&list[n]) < 0) {
            ok = false;
            break;
        }
        if (gnutls_x509_crt_import(list[n], &certs[n], GNUTLS_X509_FMT_DER) <
            0) {
            n++;
            ok = false;
            break;
        }
    }
    unsigned int status = 1;
    if (ok && gnutls_x509_trust_list_verify_crt(g_connector_tl, list, n, 0,
                                                &status, NULL) < 0)
        ok = false;
    for (unsigned int i = 0; i < n; i++)
        gnutls_x509_crt_deinit(list[i]);
    return ok && status == 0;
}

void central_tls_connector_free(void)
{
    if (g_connector_tl)
        gnutls_x509_trust_list_deinit(g_connector_tl, 1);
    g_connector_tl = NULL;
}
