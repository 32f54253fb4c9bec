/* report_status.c - the report's status interface: how each requirement
 * stands as of the report's date. The rest of the report reads only the
 * fields this file fills (rp_req: status, status_source, done_on,
 * timeliness, days_late, ev), so the requirement tracker of issue 17
 * plugs in here and nowhere else: replace the body of rp_status_fill
 * with a call to the tracker's read side (the rows `status -f json`
 * prints: status, status_source, done_on, timeliness, days_late,
 * evidence with date, how, confidence, text, document) and copy them
 * into the rp_req of the same record (d->x[rec].req); and let
 * rp_is_requirement take the tracker's requirements (its due date, or
 * due_by, into due and due_day). Until then the
 * status is derived from the deadlines alone and says so: a due date
 * passed is "overdue", one ahead is "due", none is "open"; nothing is
 * done or in progress, and there is no evidence. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

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

bool rp_is_requirement(const pdx_hit *h, const rp_rec *x, rp_req *r)
{
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

int rp_status_fill(rp_data *d)
{
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
