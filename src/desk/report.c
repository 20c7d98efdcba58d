/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c - the periodic dossier and queue reports, their CSV and XLSX
 * files, and the supervisor's dashboard snapshot (see desk_report.h).
 *
 * The counting columns are declared once (DESK_REPORT_*_COLS) and expand
 * into the struct, the JSON keys, the CSV header and the XLSX headings. */
#include "desk_report.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "desk_internal.h"
#include "store_online.h"
#include "store_queue.h"
#include "store_report.h"

#define MAX_REPORT_DAYS 3660

static mc_status check_period(mc_date from, mc_date to, mc_error *err)
{
    if (mc_date_cmp(from, to) > 0)
        return mc_fail(err, MC_EINVAL, "from",
                       _("Ngày bắt đầu (--from) phải trước hoặc bằng ngày "
                         "kết thúc (--to)"));
    if (mc_date_to_days(to) - mc_date_to_days(from) > MAX_REPORT_DAYS)
        return mc_fail(err, MC_ELIMIT, "to",
                       _("Kỳ báo cáo dài tối đa %d ngày"), MAX_REPORT_DAYS);
    return MC_OK;
}

/* --- dossiers ---------------------------------------------------------- */

struct dctx {
    desk_report_dossiers *r;
    size_t cap;
    mc_ts end; /* the instant the period's end states are read at */
};

static desk_report_dossier_row *row_for(struct dctx *c, const char *code,
                                        const char *name, const char *field)
{
    desk_report_dossiers *r = c->r;
    for (size_t i = r->n_rows; i-- > 0;)
        if (strcmp(r->rows[i].procedure_code, code) == 0)
            return &r->rows[i];
    if (r->n_rows == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        r->rows = mc_xrealloc(r->rows, c->cap * sizeof *r->rows);
    }
    desk_report_dossier_row *row = &r->rows[r->n_rows++];
    memset(row, 0, sizeof *row);
    row->procedure_code = mc_xstrdup(code);
    row->procedure_name = mc_xstrdup(name ? name : "");
    row->field = field ? mc_xstrdup(field) : NULL;
    return row;
}

static void count_dossier(const store_report_row *s, void *ud)
{
    struct dctx *c = ud;
    desk_report_dossier_row *row =
        row_for(c, s->procedure_code ? s->procedure_code : "?",
                s->procedure_name, s->field);
    if (s->status_start) {
        row->carried++;
    } else {
        row->received++;
        if (s->channel == CHANNEL_POSTAL)
            row->received_postal++;
        else if (s->channel == CHANNEL_ONLINE)
            row->received_online++;
        else
            row->received_direct++;
    }
    row->supplement_requests += s->supplements;
    mc_dossier_status st = ST_RECEIVED;
    if (!status_parse(s->status_end, &st))
        st = ST_RECEIVED;
    switch (st) {
    case ST_DONE:
    case ST_RETURNED:
        row->resolved++;
        if (st == ST_RETURNED) {
            row->returned++;
            if (s->returned_via == RET_POST)
                row->returned_post++;
            else if (s->returned_via == RET_ELECTRONIC)
                row->returned_electronic++;
            else
                row->returned_desk++;
        } else if (s->result_sent_at > 0 && s->result_sent_at < c->end) {
            row->awaiting_delivery++;
        }
        if (s->due_at <= 0 || s->done_at <= s->due_at) {
            row->resolved_on_time++;
            if (s->due_at > 0 && mc_date_cmp(mc_ts_vn_date(s->done_at),
                                             mc_ts_vn_date(s->due_at)) < 0)
                row->resolved_early++;
        } else {
            row->resolved_late++;
        }
        break;
    case ST_REFUSED: row->refused++; break;
    case ST_WITHDRAWN: row->withdrawn++; break;
    case ST_STOPPED: row->stopped++; break;
    case ST_SUPPLEMENT_REQUESTED:
        row->in_progress++;
        row->in_progress_within++;
        row->waiting_supplement++;
        break;
    default: /* received, processing: the clock runs */
        row->in_progress++;
        if (s->due_at > 0 && s->due_at < c->end)
            row->in_progress_overdue++;
        else
            row->in_progress_within++;
        break;
    }
}

static void count_slips(const char *code, int n, void *ud)
{
    struct dctx *c = ud;
    for (size_t i = 0; i < c->r->n_rows; i++)
        if (strcmp(c->r->rows[i].procedure_code, code) == 0) {
            c->r->rows[i].guide_slips += n;
            return;
        }
    /* a procedure with slips but no dossier in the period */
    desk_report_dossier_row *row = row_for(c, code, NULL, NULL);
    row->guide_slips += n;
}

static int cmp_rows(const void *a, const void *b)
{
    const desk_report_dossier_row *x = a, *y = b;
    int f = strcmp(x->field ? x->field : "", y->field ? y->field : "");
    return f ? f : strcmp(x->procedure_code, y->procedure_code);
}

/* The sums every row must satisfy; false names the first one broken. */
static bool row_balances(const desk_report_dossier_row *r, const char **what)
{
    if (r->carried + r->received != r->resolved + r->in_progress + r->refused +
                                        r->withdrawn + r->stopped)
        *what = "carried + received = resolved + in_progress + finals";
    else if (r->resolved != r->resolved_on_time + r->resolved_late)
        *what = "resolved = on_time + late";
    else if (r->resolved_early > r->resolved_on_time || r->returned > r->resolved)
        *what = "early <= on_time, returned <= resolved";
    else if (r->returned !=
             r->returned_desk + r->returned_post + r->returned_electronic)
        *what = "returned = desk + post + electronic";
    else if (r->in_progress != r->in_progress_within + r->in_progress_overdue)
        *what = "in_progress = within + overdue";
    else if (r->received !=
             r->received_direct + r->received_postal + r->received_online)
        *what = "received = direct + postal + online";
    else
        return true;
    return false;
}

mc_status desk_report_dossiers_make(mc_desk *d, mc_date from, mc_date to,
                                    desk_report_dossiers *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_LEAD, _("lập báo cáo"), err);
    if (rc || (rc = check_period(from, to, err)))
        return rc;
    out->from = from;
    out->to = to;
    mc_ts p0 = mc_ts_from_vn(from, 0);
    mc_ts p1 = mc_ts_from_vn(mc_date_add(to, 1), 0);
    mc_ts now = desk_now(d);
    struct dctx c = {out, 0, p1 < now + 1 ? p1 : now + 1};
    if ((rc = store_read_begin(d->store, err)))
        return rc;
    rc = store_report_dossiers(d->store, p0, c.end, count_dossier, &c, err);
    if (!rc)
        rc = store_report_slips(d->store, p0, c.end, count_slips, &c, err);
    store_rollback(d->store);
    if (rc) {
        desk_report_dossiers_free(out);
        return rc;
    }
    if (out->n_rows)
        qsort(out->rows, out->n_rows, sizeof *out->rows, cmp_rows);
    for (size_t i = 0; i < out->n_rows; i++) {
        const char *what = NULL;
        const desk_report_dossier_row *r = &out->rows[i];
        if (!row_balances(r, &what)) {
            assert(!"dossier report does not balance");
            mc_status e = mc_fail(err, MC_EDB, "report",
                                  _("Báo cáo không cân ở thủ tục %s: %s"),
                                  r->procedure_code, what);
            desk_report_dossiers_free(out);
            return e;
        }
#define X(m, k, h) out->total.m += r->m;
        DESK_REPORT_DOSSIER_COLS(X)
#undef X
    }
    return MC_OK;
}

void desk_report_dossiers_free(desk_report_dossiers *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_rows; i++) {
        free(r->rows[i].procedure_code);
        free(r->rows[i].procedure_name);
        free(r->rows[i].field);
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

static json_t *dossier_row_json(const desk_report_dossier_row *r)
{
    json_t *o = json_object();
    if (r->procedure_code) {
        json_object_set_new(o, "procedure_code",
                            json_string(r->procedure_code));
        json_object_set_new(o, "procedure_name",
                            json_string(r->procedure_name));
        json_object_set_new(o, "field", r->field ? json_string(r->field)
                                                 : json_null());
    }
#define X(m, k, h) json_object_set_new(o, k, json_integer(r->m));
    DESK_REPORT_DOSSIER_COLS(X)
#undef X
    return o;
}

static void put_period(json_t *o, mc_date from, mc_date to)
{
    char a[11], b[11];
    mc_date_format(from, a);
    mc_date_format(to, b);
    json_object_set_new(o, "from", json_string(a));
    json_object_set_new(o, "to", json_string(b));
}

json_t *desk_report_dossiers_json(const desk_report_dossiers *r)
{
    json_t *o = json_object();
    put_period(o, r->from, r->to);
    json_t *rows = json_array();
    for (size_t i = 0; i < r->n_rows; i++)
        json_array_append_new(rows, dossier_row_json(&r->rows[i]));
    json_object_set_new(o, "rows", rows);
    json_object_set_new(o, "total", dossier_row_json(&r->total));
    return o;
}

/* --- queue ------------------------------------------------------------- */

struct qctx {
    desk_report_queue *r;
    size_t cap_s, cap_c;
    char today[11];
};

static desk_report_queue_row *qrow(desk_report_queue_row **v, size_t *n,
                                   size_t *cap, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].key, key) == 0)
            return &(*v)[i];
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *v = mc_xrealloc(*v, *cap * sizeof **v);
    }
    desk_report_queue_row *row = &(*v)[(*n)++];
    memset(row, 0, sizeof *row);
    mc_strlcpy(row->key, key, sizeof row->key);
    return row;
}

static void push(double **v, size_t *n, double x)
{
    /* grow by powers of two: realloc when n reaches one */
    if ((*n & (*n - 1)) == 0)
        *v = mc_xrealloc(*v, (*n ? *n * 2 : 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

/* A ticket still open on an earlier day counts as not served: the next
 * write of the queue closes it so (the rollover). */
static void qcount(desk_report_queue_row *row, const store_ticket *t,
                   const char *today)
{
    row->issued++;
    if (strcmp(t->state, "done") == 0)
        row->served++;
    else if (strcmp(t->state, "no_show") == 0)
        row->no_show++;
    else if (strcmp(t->state, "not_served") == 0 || strcmp(t->day, today) < 0)
        row->not_served++;
    else
        row->open++;
    if (t->rating) {
        if (strcmp(t->rating, "satisfied") == 0)
            row->satisfied++;
        else if (strcmp(t->rating, "normal") == 0)
            row->normal++;
        else
            row->not_satisfied++;
    }
    if (t->called_at > 0)
        push(&row->waits, &row->n_waits, (double)(t->called_at - t->issued_at));
    if (strcmp(t->state, "done") == 0 && t->started_at > 0)
        push(&row->services, &row->n_services,
             (double)(t->finished_at - t->started_at));
}

static void count_ticket(const store_ticket *t, void *ud)
{
    struct qctx *c = ud;
    desk_report_queue *r = c->r;
    qcount(qrow(&r->by_service, &r->n_service, &c->cap_s, t->issued_service),
           t, c->today);
    if (t->clerk)
        qcount(qrow(&r->by_clerk, &r->n_clerk, &c->cap_c, t->clerk), t,
               c->today);
    qcount(&r->total, t, c->today);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void stats(double *v, size_t n, double *avg, double *p90)
{
    *avg = *p90 = 0.0;
    if (!n)
        return;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    *avg = sum / (double)n;
    qsort(v, n, sizeof *v, cmp_double); /* n > 0: v is not NULL */
    size_t rank = (size_t)((9 * n + 9) / 10); /* ceil(0.9 n) */
    *p90 = v[(rank ? rank : 1) - 1];
}

static void finish_row(desk_report_queue_row *r)
{
    stats(r->waits, r->n_waits, &r->wait_avg, &r->wait_p90);
    stats(r->services, r->n_services, &r->service_avg, &r->service_p90);
    free(r->waits);
    free(r->services);
    r->waits = r->services = NULL;
}

struct svc_names {
    desk_report_queue *r;
    struct qctx *c;
};

static void name_service(const store_service *sv, void *ud)
{
    struct svc_names *s = ud;
    desk_report_queue_row *row =
        qrow(&s->r->by_service, &s->r->n_service, &s->c->cap_s, sv->code);
    free(row->name);
    row->name = mc_xstrdup(sv->name);
}

static int cmp_qrow(const void *a, const void *b)
{
    return strcmp(((const desk_report_queue_row *)a)->key,
                  ((const desk_report_queue_row *)b)->key);
}

mc_status desk_report_queue_make(mc_desk *d, mc_date from, mc_date to,
                                 desk_report_queue *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_LEAD, _("lập báo cáo"), err);
    if (rc || (rc = check_period(from, to, err)))
        return rc;
    out->from = from;
    out->to = to;
    char a[11], b[11];
    mc_date_format(from, a);
    mc_date_format(to, b);
    struct qctx c = {out, 0, 0, ""};
    desk_queue_day(desk_now(d), c.today);
    struct svc_names sn = {out, &c};
    if ((rc = store_read_begin(d->store, err)))
        return rc;
    rc = store_queue_each(d->store, a, b, count_ticket, &c, err);
    if (!rc) /* every group gets a row, with its name */
        rc = store_queue_service_each(d->store, name_service, &sn, err);
    store_rollback(d->store);
    for (size_t i = 0; i < out->n_service; i++)
        finish_row(&out->by_service[i]);
    for (size_t i = 0; i < out->n_clerk; i++)
        finish_row(&out->by_clerk[i]);
    finish_row(&out->total);
    if (rc) {
        desk_report_queue_free(out);
        return rc;
    }
    if (out->n_service)
        qsort(out->by_service, out->n_service, sizeof *out->by_service,
              cmp_qrow);
    if (out->n_clerk)
        qsort(out->by_clerk, out->n_clerk, sizeof *out->by_clerk, cmp_qrow);
    return MC_OK;
}

void desk_report_queue_free(desk_report_queue *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_service; i++)
        free(r->by_service[i].name);
    free(r->by_service);
    free(r->by_clerk);
    memset(r, 0, sizeof *r);
}

static json_t *queue_row_json(const desk_report_queue_row *r, const char *key)
{
    json_t *o = json_object();
    if (key)
        json_object_set_new(o, key, json_string(r->key));
    if (r->name)
        json_object_set_new(o, "name", json_string(r->name));
#define X(m, k, h) json_object_set_new(o, k, json_integer(r->m));
    DESK_REPORT_QUEUE_COUNTS(X)
#undef X
#define X(m, k, h) json_object_set_new(o, k, json_real(r->m));
    DESK_REPORT_QUEUE_TIMES(X)
#undef X
    return o;
}

json_t *desk_report_queue_json(const desk_report_queue *r)
{
    json_t *o = json_object();
    put_period(o, r->from, r->to);
    json_t *sv = json_array(), *cl = json_array();
    for (size_t i = 0; i < r->n_service; i++)
        json_array_append_new(sv, queue_row_json(&r->by_service[i], "service"));
    for (size_t i = 0; i < r->n_clerk; i++)
        json_array_append_new(cl, queue_row_json(&r->by_clerk[i], "clerk"));
    json_object_set_new(o, "by_service", sv);
    json_object_set_new(o, "by_clerk", cl);
    json_object_set_new(o, "total", queue_row_json(&r->total, NULL));
    return o;
}

/* --- CSV --------------------------------------------------------------- */

static void csv_field(FILE *f, const char *s, bool last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

static mc_status csv_open(const char *path, FILE **f, mc_error *err)
{
    *f = fopen(path, "w");
    if (!*f)
        return mc_fail(err, MC_EIO, "csv", _("Không ghi được tệp %s: %s"), path,
                       strerror(errno));
    return MC_OK;
}

static mc_status csv_close(FILE *f, const char *path, mc_error *err)
{
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad)
        return mc_fail(err, MC_EIO, "csv", _("Không ghi được tệp %s: %s"), path,
                       strerror(errno));
    return MC_OK;
}

static void csv_dossier_row(FILE *f, const desk_report_dossier_row *r)
{
    csv_field(f, r->field ? r->field : "", false);
    csv_field(f, r->procedure_code ? r->procedure_code : "TỔNG CỘNG", false);
    csv_field(f, r->procedure_name ? r->procedure_name : "", false);
    const int64_t v[] = {
#define X(m, k, h) r->m,
        DESK_REPORT_DOSSIER_COLS(X)
#undef X
    };
    size_t n = sizeof v / sizeof *v;
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%lld%c", (long long)v[i], i + 1 == n ? '\n' : ',');
}

mc_status desk_report_dossiers_csv(const desk_report_dossiers *r,
                                   const char *path, mc_error *err)
{
    FILE *f;
    mc_status rc = csv_open(path, &f, err);
    if (rc)
        return rc;
    static const char *const heads[] = {
        "Lĩnh vực", "Mã thủ tục", "Tên thủ tục",
#define X(m, k, h) h,
        DESK_REPORT_DOSSIER_COLS(X)
#undef X
    };
    size_t n = sizeof heads / sizeof *heads;
    for (size_t i = 0; i < n; i++)
        csv_field(f, heads[i], i + 1 == n);
    for (size_t i = 0; i < r->n_rows; i++)
        csv_dossier_row(f, &r->rows[i]);
    csv_dossier_row(f, &r->total);
    return csv_close(f, path, err);
}

static void csv_queue_row(FILE *f, const char *kind,
                          const desk_report_queue_row *r)
{
    csv_field(f, kind, false);
    csv_field(f, r->key[0] ? r->key : "TỔNG CỘNG", false);
    csv_field(f, r->name ? r->name : "", false);
#define X(m, k, h) fprintf(f, "%lld,", (long long)r->m);
    DESK_REPORT_QUEUE_COUNTS(X)
#undef X
    fprintf(f, "%.1f,%.1f,%.1f,%.1f\n", r->wait_avg, r->wait_p90,
            r->service_avg, r->service_p90);
}

mc_status desk_report_queue_csv(const desk_report_queue *r, const char *path,
                                mc_error *err)
{
    FILE *f;
    mc_status rc = csv_open(path, &f, err);
    if (rc)
        return rc;
    static const char *const heads[] = {
        "Theo", "Mã", "Tên",
#define X(m, k, h) h,
        DESK_REPORT_QUEUE_COUNTS(X) DESK_REPORT_QUEUE_TIMES(X)
#undef X
    };
    size_t n = sizeof heads / sizeof *heads;
    for (size_t i = 0; i < n; i++)
        csv_field(f, heads[i], i + 1 == n);
    for (size_t i = 0; i < r->n_service; i++)
        csv_queue_row(f, "Nhóm dịch vụ", &r->by_service[i]);
    for (size_t i = 0; i < r->n_clerk; i++)
        csv_queue_row(f, "Cán bộ", &r->by_clerk[i]);
    csv_queue_row(f, "Tổng", &r->total);
    return csv_close(f, path, err);
}

/* --- XLSX -------------------------------------------------------------- */

#ifdef HAVE_XLSXWRITER
typedef struct xl {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *title, *head, *bold;
} xl;

static void xl_open(xl *x, const char *path, const char *sheet)
{
    x->wb = workbook_new(path);
    if (!x->wb)
        return;
    x->ws = workbook_add_worksheet(x->wb, sheet);
    x->title = workbook_add_format(x->wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    x->head = workbook_add_format(x->wb);
    format_set_bold(x->head);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_CENTER);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(x->head, LXW_BORDER_THIN);
    format_set_bg_color(x->head, 0xDDEBF7);
    x->bold = workbook_add_format(x->wb);
    format_set_bold(x->bold);
}

static void xl_titles(xl *x, const char *office, const char *title,
                      mc_date from, mc_date to)
{
    char a[11], b[11], line[160];
    mc_date_format_vn(from, a);
    mc_date_format_vn(to, b);
    worksheet_write_string(x->ws, 0, 0, office ? office : "", x->bold);
    worksheet_write_string(x->ws, 1, 0, title, x->title);
    snprintf(line, sizeof line, "Kỳ báo cáo: từ ngày %s đến ngày %s", a, b);
    worksheet_write_string(x->ws, 2, 0, line, NULL);
}

static mc_status xl_close(xl *x, const char *path, mc_error *err)
{
    lxw_error e = workbook_close(x->wb);
    if (e != LXW_NO_ERROR)
        return mc_fail(err, MC_EIO, "xlsx", _("Không ghi được tệp %s: %s"),
                       path, lxw_strerror(e));
    return MC_OK;
}

static void xl_dossier_row(xl *x, lxw_row_t row, const desk_report_dossier_row *r)
{
    lxw_format *f = r->procedure_code ? NULL : x->bold;
    worksheet_write_string(x->ws, row, 0, r->field ? r->field : "", f);
    worksheet_write_string(x->ws, row, 1,
                           r->procedure_code ? r->procedure_code : "Tổng cộng",
                           f);
    worksheet_write_string(x->ws, row, 2,
                           r->procedure_name ? r->procedure_name : "", f);
    lxw_col_t col = 3;
#define X(m, k, h) worksheet_write_number(x->ws, row, col++, (double)r->m, f);
    DESK_REPORT_DOSSIER_COLS(X)
#undef X
}
#endif

mc_status desk_report_dossiers_xlsx(const desk_report_dossiers *r,
                                    const char *office, const char *path,
                                    mc_error *err)
{
#ifdef HAVE_XLSXWRITER
    xl x = {0};
    xl_open(&x, path, "Hồ sơ");
    if (!x.wb || !x.ws)
        return mc_fail(err, MC_EIO, "xlsx", _("Không tạo được tệp %s"), path);
    xl_titles(&x, office,
              "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC "
              "HÀNH CHÍNH",
              r->from, r->to);
    static const char *const heads[] = {
        "Lĩnh vực", "Mã thủ tục", "Tên thủ tục",
#define X(m, k, h) h,
        DESK_REPORT_DOSSIER_COLS(X)
#undef X
    };
    lxw_row_t row = 4;
    for (lxw_col_t c = 0; c < sizeof heads / sizeof *heads; c++)
        worksheet_write_string(x.ws, row, c, heads[c], x.head);
    worksheet_set_row(x.ws, row, 45, NULL);
    worksheet_set_column(x.ws, 0, 0, 22, NULL);
    worksheet_set_column(x.ws, 1, 1, 12, NULL);
    worksheet_set_column(x.ws, 2, 2, 50, NULL);
    worksheet_set_column(x.ws, 3, 3 + 20, 12, NULL);
    worksheet_freeze_panes(x.ws, row + 1, 3);
    for (size_t i = 0; i < r->n_rows; i++)
        xl_dossier_row(&x, ++row, &r->rows[i]);
    xl_dossier_row(&x, ++row, &r->total);
    return xl_close(&x, path, err);
#else
    (void)r;
    (void)office;
    (void)path;
    return mc_fail(err, MC_EINVAL, "xlsx",
                   _("Bản motcua này được biên dịch không có libxlsxwriter: "
                     "không xuất được XLSX (hãy dùng --csv)"));
#endif
}

#ifdef HAVE_XLSXWRITER
static void xl_queue_row(xl *x, lxw_row_t row, const char *kind,
                         const desk_report_queue_row *r)
{
    lxw_format *f = r->key[0] ? NULL : x->bold;
    worksheet_write_string(x->ws, row, 0, kind, f);
    worksheet_write_string(x->ws, row, 1, r->key[0] ? r->key : "Tổng cộng", f);
    worksheet_write_string(x->ws, row, 2, r->name ? r->name : "", f);
    lxw_col_t col = 3;
#define X(m, k, h) worksheet_write_number(x->ws, row, col++, (double)r->m, f);
    DESK_REPORT_QUEUE_COUNTS(X)
    DESK_REPORT_QUEUE_TIMES(X)
#undef X
}
#endif

mc_status desk_report_queue_xlsx(const desk_report_queue *r,
                                 const char *office, const char *path,
                                 mc_error *err)
{
#ifdef HAVE_XLSXWRITER
    xl x = {0};
    xl_open(&x, path, "Xếp hàng");
    if (!x.wb || !x.ws)
        return mc_fail(err, MC_EIO, "xlsx", _("Không tạo được tệp %s"), path);
    xl_titles(&x, office, "BÁO CÁO XẾP HÀNG, GỌI SỐ VÀ MỨC ĐỘ HÀI LÒNG",
              r->from, r->to);
    static const char *const heads[] = {
        "Theo", "Mã", "Tên",
#define X(m, k, h) h,
        DESK_REPORT_QUEUE_COUNTS(X) DESK_REPORT_QUEUE_TIMES(X)
#undef X
    };
    lxw_row_t row = 4;
    for (lxw_col_t c = 0; c < sizeof heads / sizeof *heads; c++)
        worksheet_write_string(x.ws, row, c, heads[c], x.head);
    worksheet_set_row(x.ws, row, 45, NULL);
    worksheet_set_column(x.ws, 0, 1, 14, NULL);
    worksheet_set_column(x.ws, 2, 2, 40, NULL);
    worksheet_set_column(x.ws, 3, 3 + 12, 12, NULL);
    for (size_t i = 0; i < r->n_service; i++)
        xl_queue_row(&x, ++row, "Nhóm dịch vụ", &r->by_service[i]);
    for (size_t i = 0; i < r->n_clerk; i++)
        xl_queue_row(&x, ++row, "Cán bộ", &r->by_clerk[i]);
    xl_queue_row(&x, ++row, "Tổng", &r->total);
    return xl_close(&x, path, err);
#else
    (void)r;
    (void)office;
    (void)path;
    return mc_fail(err, MC_EINVAL, "xlsx",
                   _("Bản motcua này được biên dịch không có libxlsxwriter: "
                     "không xuất được XLSX (hãy dùng --csv)"));
#endif
}

/* --- dashboard ---------------------------------------------------------- */

mc_status desk_dashboard_get(mc_desk *d, desk_dashboard *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = desk_queue_state_get(d, &out->queue, err);
    if (rc)
        return rc;
    mc_ts now = out->queue.now;
    mc_date today = mc_ts_vn_date(now);
    mc_date first = {today.y, today.m, 1};
    store_dash_counts c;
    if (!(rc = store_read_begin(d->store, err))) {
        rc = store_dash_counts_get(
            d->store, mc_ts_from_vn(today, 0),
            mc_ts_from_vn(mc_date_add(today, 1), 0), out->queue.day, now,
            mc_ts_from_vn(first, 0), &c, err);
        if (!rc)
            rc = store_online_count(d->store, "waiting", &out->online_waiting,
                                    err);
        store_rollback(d->store);
    }
    if (rc) {
        desk_dashboard_free(out);
        return rc;
    }
    out->received_today = c.received_today;
    out->due_today = c.due_today;
    out->overdue = c.overdue;
    out->resolved_month = c.resolved_month;
    out->resolved_month_on_time = c.resolved_month_on_time;
    out->outbox_pending = c.outbox_pending;
    out->outbox_oldest = c.outbox_oldest;
    out->prints_failed_today = c.prints_failed_today;
    return MC_OK;
}

void desk_dashboard_free(desk_dashboard *db)
{
    if (!db)
        return;
    desk_queue_state_free(&db->queue);
    memset(db, 0, sizeof *db);
}

json_t *desk_dashboard_json(const desk_dashboard *db)
{
    json_t *o = json_object();
    json_object_set_new(o, "queue", desk_queue_state_json(&db->queue));
    json_t *ds = json_pack(
        "{s:I, s:I, s:I, s:I, s:I}", "received_today",
        (json_int_t)db->received_today, "due_today", (json_int_t)db->due_today,
        "overdue", (json_int_t)db->overdue, "resolved_month",
        (json_int_t)db->resolved_month, "resolved_month_on_time",
        (json_int_t)db->resolved_month_on_time);
    json_object_set_new(ds, "on_time_rate",
                        db->resolved_month
                            ? json_real((double)db->resolved_month_on_time /
                                        (double)db->resolved_month)
                            : json_null());
    json_object_set_new(o, "dossiers", ds);
    json_t *sy = json_pack("{s:I}", "outbox_pending",
                           (json_int_t)db->outbox_pending);
    if (db->outbox_oldest > 0) {
        char buf[26];
        mc_ts_format_vn(db->outbox_oldest, buf);
        json_object_set_new(sy, "oldest_unsent", json_string(buf));
    } else {
        json_object_set_new(sy, "oldest_unsent", json_null());
    }
    json_object_set_new(o, "sync", sy);
    json_object_set_new(o, "prints_failed_today",
                        json_integer(db->prints_failed_today));
    json_object_set_new(o, "online", json_pack("{s:I}", "waiting",
                                               (json_int_t)db->online_waiting));
    return o;
}
