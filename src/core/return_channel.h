/* SPDX-License-Identifier: GPL-3.0-or-later */
/* return_channel.h - where the result goes back to the citizen (Decision
 * 352 Art. 14.3.a): at the desk, by public postal service, or
 * electronically (a result file through the portal or by email).
 *
 * The channel is chosen at intake (printed on the receipt, carried in the
 * intake snapshot as "return_channel"); the channel the result actually
 * went by is recorded when it is returned (the citizen who chose the post
 * may still come to the desk).  An electronic return is "sent, awaiting
 * delivery" until the centre confirms the delivery. */
#ifndef MOTCUA_RETURN_CHANNEL_H
#define MOTCUA_RETURN_CHANNEL_H

#include <stdbool.h>

#include "mc_error.h" /* N_() */

/* X(enum, name in the CLI, JSON and database, Vietnamese label,
 *   Vietnamese text on the printed forms (never translated)) */
#define MC_RETURN_CHANNEL_LIST(X)                                              \
    X(RET_DESK, "desk", N_("Trực tiếp tại Bộ phận Một cửa"),                   \
      "Trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả")                        \
    X(RET_POST, "post", N_("Qua dịch vụ bưu chính công ích"),                  \
      "Qua dịch vụ bưu chính công ích")                                        \
    X(RET_ELECTRONIC, "electronic", N_("Trực tuyến (bản điện tử)"),            \
      "Trực tuyến (bản điện tử)")

typedef enum mc_return_channel {
    RET_NONE = 0, /* not returned yet (returned_via) */
#define X(e, n, l, p) e,
    MC_RETURN_CHANNEL_LIST(X)
#undef X
        RET__END
} mc_return_channel;

const char *return_channel_name(unsigned ch);  /* "post"; NULL for none */
const char *return_channel_label(unsigned ch); /* translated label */
const char *return_channel_label_vi(unsigned ch); /* for printed forms */
bool return_channel_parse(const char *name, unsigned *out);

/* A postal tracking number as Vietnam Post and the couriers print it:
 * 4..40 characters, letters, digits and '-' only, at least one digit
 * (e.g. "EA123456789VN").  Upper-cases it into out (size >= 41). */
bool return_tracking_check(const char *in, char out[41]);

#endif
