/* report_status.c - the report's status interface: how each requirement
 * stands as of the report's date. The rest of the report reads only the
 * fields this file fills (rp_req: status, status_source, done_on,
 * timeliness, days_late, ev). They come from the requirement tracker
 * (lib/track.c, the rows `status -f json` prints): its requirements are
 * the report's, its statuses as of the report's day in America/New_York
 * are theirs, with the evidence. A database without the tracker's tables
 * (indexed by an older polidex) falls back to the deadlines alone and
 * says so ("deadline only"): a due date passed is "overdue", one ahead is
 * "due", none is "open"; nothing is done, and there is no evidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static pdx_requirements *trk_of(const rp_data *d)
{
	return d->trk;
}

typedef struct {
	int64_t id;
	size_t i;
} id_index;

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const id_index *)a)->id, y = ((const id_index *)b)->id;
	return x < y ? -1 : x > y;
}

/* The tracker's requirement of record id, or NULL. */
static pdx_requirement *trk_find(const rp_data *d, int64_t id)
{
	pdx_requirements *t = trk_of(d);
	size_t lo = 0, hi = t ? t->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		pdx_requirement *r = &t->v[d->trk_by_id[mid]];
		if (r->id == id)
			return r;
		if (r->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int rp_status_load(rp_data *d)
{
	if (!db_track_ready(d->db))
		return 0;
	d->trk = calloc(1, sizeof *d->trk);
	if (!d->trk)
		goto nomem;
	if (db_track_requirements(d->db, NULL, 0, NULL, d->trk)) {
		fprintf(stderr, PROG ": report: cannot read the requirements: %s\n", db_errmsg(d->db));
		return -1;
	}
	d->trk_by_id = malloc((d->trk->n ? d->trk->n : 1) * sizeof *d->trk_by_id);
	if (!d->trk_by_id)
		goto nomem;
	id_index *ix = malloc((d->trk->n ? d->trk->n : 1) * sizeof *ix);
	if (!ix)
		goto nomem;
	for (size_t i = 0; i < d->trk->n; i++)
		ix[i] = (id_index){ d->trk->v[i].id, i };
	qsort(ix, d->trk->n, sizeof *ix, cmp_id);
	for (size_t i = 0; i < d->trk->n; i++)
		d->trk_by_id[i] = ix[i].i;
	free(ix);
	return 0;
nomem:
	fprintf(stderr, PROG ": out of memory\n");
	return -1;
}

static const struct {
	const char *name, *title;
} statuses[RP_NSTATUS] = {
	[RP_DONE] = { "done", "Done" },
	[RP_IN_PROGRESS] = { "in_progress", "In progress" },
	[RP_OVERDUE] = { "overdue", "Overdue" },
	[RP_DUE] = { "due", "Due" },
	[RP_OPEN] = { "open", "Open" },
};

/* The Eastern day of a stored value (a time's day in New York), or false
 * when it has no day. */
static bool value_day(const char *value, pdx_date *out)
{
	pdx_value v;
	if (!value || pdx_value_parse(value, &v))
		return false;
	if (v.shape == PDX_VALUE_TIME) {
		long mins = (long)v.hh * 60 + v.mi - 240;	/* EDT first */
		pdx_date l = pdx_date_add_days(v.start, mins < 0 ? -1 : 0);
		long lm = (mins + 1440) % 1440;
		if (!pdx_us_dst(l.y, l.m, l.d, (int)(lm / 60), (int)(lm % 60))) {
			mins -= 60;
			l = pdx_date_add_days(v.start, mins < 0 ? -1 : 0);
		}
		*out = l;
		return true;
	}
	if (v.shape == PDX_VALUE_DAY) {
		*out = v.start;
		return true;
	}
	/* a month, a year or a range is due by its last day */
	*out = v.end;
	return true;
}

/* The tracker's status of tr as of the report's day, in New York. */
static void trk_status(const rp_data *d, pdx_requirement *tr, pdx_track_status *st)
{
	track_status(tr, d->asof_s, track_zone("America/New_York"), st);
}

bool rp_is_requirement(const rp_data *d, const pdx_hit *h, const rp_rec *x, rp_req *r)
{
	if (d->trk) {
		pdx_requirement *tr = trk_find(d, h->id);
		memset(r, 0, sizeof *r);
		if (!tr)
			return false;
		pdx_track_status st;
		trk_status(d, tr, &st);
		const char *due = tr->due && *tr->due ? tr->due : tr->due_by;
		if (st.due_day[0] && pdx_date_parse(st.due_day, &r->due_day) == PDX_OK) {
			r->has_due = true;
			snprintf(r->due, sizeof r->due, "%s", due ? due : st.due_day);
		} else if (tr->due_by && pdx_date_parse(tr->due_by, &r->due_day) == PDX_OK) {
			r->has_due = true;
			snprintf(r->due, sizeof r->due, "%s", tr->due_by);
		}
		return true;
	}
	bool is_req = strcmp(h->kind, "recommended_action") == 0 ||
		      strcmp(h->kind, "order_section") == 0;
	memset(r, 0, sizeof *r);
	for (size_t k = 0; k < x->nt; k++) {
		const pdx_time *t = &x->t[k];
		if (t->kind != PDX_TIME_DEADLINE)
			continue;
		is_req = true;
		pdx_date day;
		if (!value_day(t->value, &day))
			continue;
		if (!r->has_due || pdx_date_diff(day, r->due_day) > 0) {
			r->has_due = true;
			r->due_day = day;
			snprintf(r->due, sizeof r->due, "%s", t->value);
		}
	}
	return is_req;
}

const char *rp_status_name(rp_status s)
{
	return s < RP_NSTATUS ? statuses[s].name : "open";
}

const char *rp_status_title(rp_status s)
{
	return s < RP_NSTATUS ? statuses[s].title : "Open";
}

static rp_status status_of(const char *s)
{
	for (int k = 0; k < RP_NSTATUS; k++)
		if (s && strcmp(s, statuses[k].name) == 0)
			return (rp_status)k;
	return RP_OPEN;	/* an analyst's not_verified: no claim either way */
}

static char *dup_or_null(const char *s)
{
	return s ? pdx_strdup(s) : NULL;
}

/* The tracker's answer for each requirement, with its evidence. */
static int fill_from_tracker(rp_data *d)
{
	d->status_provider = "tracker";
	for (size_t i = 0; i < d->nreqs; i++) {
		rp_req *r = &d->reqs[i];
		pdx_requirement *tr = trk_find(d, d->recs.v[r->rec].id);
		pdx_track_status st;
		if (!tr)
			continue;
		trk_status(d, tr, &st);
		r->status = status_of(st.status);
		r->status_source = st.source;
		snprintf(r->done_on, sizeof r->done_on, "%s", st.done_on);
		r->timeliness = !st.timeliness ? RP_TIME_UNKNOWN :
				strcmp(st.timeliness, "late") == 0 ? RP_LATE : RP_ON_TIME;
		r->days_late = st.days_late;
		r->ev = tr->nev ? calloc(tr->nev, sizeof *r->ev) : NULL;
		if (tr->nev && !r->ev)
			return -1;
		for (size_t k = 0; k < tr->nev; k++) {
			const pdx_evidence *e = &tr->ev[k];
			/* what happens after the report's day is no evidence yet */
			if (e->date && strcmp(e->date, d->asof_s) > 0)
				continue;
			rp_evidence *o = &r->ev[r->nev++];
			o->confidence = e->confidence;
			if ((e->date && !(o->date = pdx_strdup(e->date))) ||
			    (e->how && !(o->how = pdx_strdup(e->how))) ||
			    (e->text && !(o->text = pdx_strdup(e->text))) ||
			    (e->key && !(o->key = pdx_strdup(e->key))) ||
			    (e->path && !(o->doc_path = pdx_strdup(e->path))) ||
			    (e->title && !(o->doc_title = dup_or_null(e->title))))
				return -1;
		}
	}
	return 0;
}

int rp_status_fill(rp_data *d)
{
	if (d->trk) {
		if (fill_from_tracker(d) == 0)
			return 0;
		fprintf(stderr, PROG ": out of memory\n");
		return -1;
	}
	d->status_provider = "deadline only";
	for (size_t i = 0; i < d->nreqs; i++) {
		rp_req *r = &d->reqs[i];
		r->status_source = "deadline only";
		r->done_on[0] = '\0';
		r->timeliness = RP_TIME_UNKNOWN;
		r->days_late = 0;
		r->ev = NULL;
		r->nev = 0;
		if (!r->has_due)
			r->status = RP_OPEN;
		else if (pdx_date_diff(d->asof, r->due_day) < 0)
			r->status = RP_OVERDUE;
		else
			r->status = RP_DUE;
	}
	return 0;
}

void rp_status_clear(rp_data *d)
{
	if (d->trk) {
		requirements_free(d->trk);
		free(d->trk);
		d->trk = NULL;
	}
	free(d->trk_by_id);
	d->trk_by_id = NULL;
	for (size_t i = 0; d->reqs && i < d->nreqs; i++) {
		rp_req *r = &d->reqs[i];
		for (size_t k = 0; k < r->nev; k++) {
			rp_evidence *e = &r->ev[k];
			free(e->date);
			free(e->how);
			free(e->text);
			free(e->key);
			free(e->doc_path);
			free(e->doc_title);
			free(e->url);
		}
		free(r->ev);
		r->ev = NULL;
		r->nev = 0;
	}
}
