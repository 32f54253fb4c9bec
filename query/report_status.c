/* report_status.c - the report's status interface: how each requirement
 * stands as of the report's date. The rest of the report reads only the
 * fields this file fills (rp_req: status, status_source, done_on,
 * timeliness, days_late, ev), so the requirement tracker of issue 17
 * plugs in here and nowhere else: replace the body of rp_status_fill
 * with a call to the tracker's read side (the rows `status -f json`
 * prints: status, status_source, done_on, timeliness, days_late,
 * evidence with date, how, confidence, text, document) and copy them
 * into the rp_req of the same record (d->x[rec].req). Until then the
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
