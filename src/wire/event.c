/* SPDX-License-Identifier: GPL-3.0-or-later */
/* event.c - build, print and validate one sync event (see event.h). */
#include "event.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "date.h"
#include "dossier_code.h"
#include "mc_error.h"
#include "status.h"

static const struct {
    const char *kind;
    bool needs_dossier;
    bool changes_status;
} kinds[] = {
#define X(k, d, s) {k, d, s},
    WIRE_KIND_LIST(X)
#undef X
};
#define N_KINDS (sizeof kinds / sizeof *kinds)

static int kind_index(const char *kind)
{
    if (!kind)
        return -1;
    for (size_t i = 0; i < N_KINDS; i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return (int)i;
    return -1;
}

bool wire_kind_known(const char *kind)
{
    return kind_index(kind) >= 0;
}

const char *wire_kind_names(void)
{
    /* ", intake, refuse, ..." from the one list, without the first ", " */
    static const char names[] =
#define X(k, d, s) ", " k
        WIRE_KIND_LIST(X)
#undef X
        ;
    return names + 2;
}

json_t *wire_event_new(const char *kind, const char *office, const char *at,
                       const char *actor, const char *dossier_code,
                       json_t *data)
{
    json_t *o = json_object();
    json_object_set_new(o, "v", json_integer(WIRE_EVENT_VERSION));
    json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "office", json_string(office));
    json_object_set_new(o, "at", json_string(at));
    json_object_set_new(o, "actor", json_string(actor));
    json_object_set_new(o, "dossier",
                        dossier_code ? json_string(dossier_code) : json_null());
    json_object_set_new(o, "data", data ? data : json_object());
    return o;
}

char *wire_dump(const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    if (!s)
        s = mc_xstrdup("null");
    return s;
}

static bool fail(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *why, size_t n, const char *fmt, ...)
{
    if (why && n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static const char *str_of(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A short printable copy of untrusted text for a reason message. */
static const char *clip(const char *s, char buf[static 48])
{
    size_t i = 0;
    for (; s[i] && i < 40; i++)
        buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
    buf[i] = '\0';
    if (s[i])
        mc_strlcpy(buf + i, "...", 4);
    return buf;
}

bool wire_portal_ref_valid(const char *ref, char *why, size_t n)
{
    if (!ref || !*ref)
        return fail(why, n, "missing, empty or not a string");
    size_t len = strlen(ref);
    if (len > WIRE_PORTAL_REF_MAX)
        return fail(why, n, "longer than %d bytes", WIRE_PORTAL_REF_MAX);
    if (ref[0] == '.' || ref[0] == '-' || ref[0] == '_')
        return fail(why, n, "must start with a letter or a digit");
    for (size_t i = 0; i < len; i++) {
        char c = ref[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
            return fail(why, n, "character %zu is not one of A-Z a-z 0-9 "
                        ". - _", i + 1);
    }
    return true;
}

/* An array of up to WIRE_DECISION_MAX_ITEMS non-empty strings; absent,
 * null or empty only when need_one is false. */
static bool text_list(const json_t *data, const char *key, bool need_one,
                      char *why, size_t n)
{
    json_t *a = json_object_get(data, key);
    if (!a || json_is_null(a)) {
        if (need_one)
            return fail(why, n, "data.%s: missing (a list of at least one "
                        "text)", key);
        return true;
    }
    if (!json_is_array(a))
        return fail(why, n, "data.%s: not an array of texts", key);
    if (json_array_size(a) > WIRE_DECISION_MAX_ITEMS)
        return fail(why, n, "data.%s: more than %d items", key,
                    WIRE_DECISION_MAX_ITEMS);
    if (need_one && json_array_size(a) == 0)
        return fail(why, n, "data.%s: empty (at least one is needed)", key);
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x)
    {
        const char *s = json_string_value(x);
        if (!s || !*s || strlen(s) > WIRE_DECISION_MAX_TEXT)
            return fail(why, n, "data.%s[%zu]: not a text of 1..%d bytes",
                        key, i, WIRE_DECISION_MAX_TEXT);
    }
    return true;
}

/* data of an online_decision: {"portal_ref", "decision":"supplement" |
 * "refuse", "reasons":[...], "missing":[...], "form_pdf":"base64"}. */
static bool online_decision_ok(const json_t *data, char *why, size_t n)
{
    char b[48], r[128];
    const char *ref = str_of(data, "portal_ref");
    if (!wire_portal_ref_valid(ref, r, sizeof r))
        return fail(why, n, "data.portal_ref: %s", r);
    const char *dec = str_of(data, "decision");
    if (!dec)
        return fail(why, n, "data.decision: missing or not a string");
    bool supplement = strcmp(dec, "supplement") == 0;
    if (!supplement && strcmp(dec, "refuse") != 0)
        return fail(why, n, "data.decision: \"%s\" is not \"supplement\" "
                    "or \"refuse\"", clip(dec, b));
    if (!text_list(data, "reasons", true, why, n))
        return false;
    if (!text_list(data, "missing", supplement, why, n))
        return false;
    json_t *pj = json_object_get(data, "form_pdf");
    const char *pdf = json_string_value(pj);
    if (!pdf || !*pdf)
        return fail(why, n, "data.form_pdf: missing or not a base64 text "
                    "(the Mẫu %s PDF)", supplement ? "02" : "03");
    size_t len = json_string_length(pj);
    if (wire_b64_decoded_size(pdf, len) > WIRE_FORM_PDF_MAX)
        return fail(why, n, "data.form_pdf: larger than %u bytes",
                    WIRE_FORM_PDF_MAX);
    unsigned char *bytes;
    size_t nb, bad;
    if (!wire_b64_decode(pdf, len, &bytes, &nb, &bad))
        return fail(why, n, "data.form_pdf: not base64 (at byte %zu)", bad);
    bool is_pdf = nb >= 5 && memcmp(bytes, "%PDF-", 5) == 0;
    free(bytes);
    if (!is_pdf)
        return fail(why, n, "data.form_pdf: not a PDF (no %%PDF- header)");
    return true;
}

bool wire_event_validate(const json_t *ev, const char *office, char *why,
                         size_t n)
{
    char b[48];
    if (!json_is_object(ev))
        return fail(why, n, "event: must be a JSON object");
    json_t *v = json_object_get(ev, "v");
    if (!json_is_integer(v))
        return fail(why, n, "v: missing or not an integer");
    if (json_integer_value(v) != WIRE_EVENT_VERSION)
        return fail(why, n, "v: version %lld is not supported (this reader "
                    "knows %d)", (long long)json_integer_value(v),
                    WIRE_EVENT_VERSION);
    const char *kind = str_of(ev, "kind");
    if (!kind)
        return fail(why, n, "kind: missing or not a string");
    int k = kind_index(kind);
    if (k < 0)
        return fail(why, n, "kind: unknown event kind \"%s\" (known: %s)",
                    clip(kind, b), wire_kind_names());
    const char *off = str_of(ev, "office");
    if (!off)
        return fail(why, n, "office: missing or not a string");
    if (office && strcmp(off, office) != 0)
        return fail(why, n, "office: event of office \"%s\" in a batch of "
                    "office \"%s\"", clip(off, b), office);
    const char *at = str_of(ev, "at");
    mc_ts ts;
    if (!at)
        return fail(why, n, "at: missing or not a string");
    if (!mc_ts_parse(at, &ts))
        return fail(why, n, "at: \"%s\" is not an ISO 8601 time",
                    clip(at, b));
    const char *actor = str_of(ev, "actor");
    if (!actor || !*actor || strlen(actor) > 64)
        return fail(why, n, "actor: missing, empty or longer than 64 bytes");
    json_t *dj = json_object_get(ev, "dossier");
    const char *code = json_string_value(dj);
    if (kinds[k].needs_dossier) {
        dcode_parts parts;
        if (!code)
            return fail(why, n, "dossier: a \"%s\" event needs a dossier code",
                        kind);
        if (!dcode_parse(code, &parts))
            return fail(why, n, "dossier: \"%s\" is not a dossier code",
                        clip(code, b));
    } else if (strcmp(kind, "online_decision") == 0) {
        if (dj && !json_is_null(dj))
            return fail(why, n, "dossier: an online_decision event has no "
                        "dossier code (null)");
    } else if (dj && !json_is_null(dj) && !code) {
        return fail(why, n, "dossier: must be a string or null");
    }
    json_t *data = json_object_get(ev, "data");
    if (!json_is_object(data))
        return fail(why, n, "data: missing or not an object");
    mc_dossier_status st;
    if (kinds[k].changes_status) {
        const char *to = str_of(data, "to");
        if (!to || !status_parse(to, &st))
            return fail(why, n, "data.to: missing or not a status name");
        const char *from = str_of(data, "from");
        json_t *fj = json_object_get(data, "from");
        if (fj && !json_is_null(fj) && (!from || !status_parse(from, &st)))
            return fail(why, n, "data.from: not a status name");
    }
    if (strcmp(kind, "intake") == 0) {
        json_t *snap = json_object_get(data, "dossier");
        if (!json_is_object(snap))
            return fail(why, n, "data.dossier: an intake event carries the "
                        "dossier snapshot as an object");
        const char *scode = str_of(snap, "code");
        if (!scode || strcmp(scode, code) != 0)
            return fail(why, n, "data.dossier.code: does not match dossier");
        const char *sst = str_of(snap, "status");
        if (!sst || !status_parse(sst, &st))
            return fail(why, n, "data.dossier.status: missing or not a "
                        "status name");
        json_t *pr = json_object_get(snap, "portal_ref");
        if (pr && !json_is_null(pr)) {
            char r[128];
            if (!wire_portal_ref_valid(json_string_value(pr), r, sizeof r))
                return fail(why, n, "data.dossier.portal_ref: %s", r);
            const char *ch = str_of(snap, "channel");
            if (ch && strcmp(ch, "online") != 0)
                return fail(why, n, "data.dossier.channel: an intake with a "
                            "portal_ref has channel \"online\", not "
                            "\"%s\"", clip(ch, b));
        }
    }
    if (strcmp(kind, "online_decision") == 0 &&
        !online_decision_ok(data, why, n))
        return false;
    return true;
}

const char *wire_event_target_status(const json_t *ev)
{
    int k = kind_index(str_of(ev, "kind"));
    if (k < 0 || !kinds[k].changes_status)
        return NULL;
    return str_of(json_object_get(ev, "data"), "to");
}
