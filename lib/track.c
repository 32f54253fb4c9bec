/* track.c - a requirement's status as of a day (track.h): the analyst's
 * word first, then the evidence, then its due date; the time zones the
 * tracker knows; an event's state. No SQL: every command computes the
 * same status from the same rows. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "polidex/date.h"
#include "polidex/track.h"

const char *const pdx_req_statuses[] = {
	"done", "in_progress", "overdue", "due", "open", "not_verified", NULL
};

bool track_status_valid(const char *s)
{
	for (size_t i = 0; s && pdx_req_statuses[i]; i++)
		if (strcmp(s, pdx_req_statuses[i]) == 0)
			return true;
	return false;
}

static const pdx_zone zones[] = {
	{ "America/New_York", "ET", -300, true },
	{ "America/Chicago", "CT", -360, true },
	{ "America/Denver", "MT", -420, true },
	{ "America/Phoenix", "MST", -420, false },
	{ "America/Los_Angeles", "PT", -480, true },
	{ "UTC", "UTC", 0, false },
};

const pdx_zone *track_zone(const char *name)
{
	for (size_t i = 0; name && i < sizeof zones / sizeof *zones; i++)
		if (strcmp(zones[i].name, name) == 0 || strcmp(zones[i].abbr, name) == 0)
			return &zones[i];
	return NULL;
}

/* The local day and minute of the UTC day+minute (days since the epoch,
 * minutes into the day) in z. */
static void to_local(const pdx_zone *z, long days, int min, char day[11], int *minutes)
{
	long t = days * 1440 + min + z->std_offset;
	if (z->dst) {
		long lt = t + 60;	/* the wall clock if daylight time */
		pdx_date d = pdx_civil_from_days(lt >= 0 ? lt / 1440 : (lt - 1439) / 1440);
		long m = lt - (long)pdx_days_from_civil(d.y, d.m, d.d) * 1440;
		if (pdx_us_dst(d.y, d.m, d.d, (int)(m / 60), (int)(m % 60)))
			t = lt;
	}
	long ld = t >= 0 ? t / 1440 : (t - 1439) / 1440;
	pdx_date_format(pdx_civil_from_days(ld), day);
	if (minutes)
		*minutes = (int)(t - ld * 1440);
}

bool track_local(const pdx_zone *z, const char *instant, char day[11], int *minutes)
{
	int y, mo, d, hh, mi;
	if (!instant || strlen(instant) < 17 || instant[10] != 'T' ||
	    sscanf(instant, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &hh, &mi) != 5 ||
	    !pdx_date_valid(y, mo, d))
		return false;
	to_local(z, pdx_days_from_civil(y, mo, d), hh * 60 + mi, day, minutes);
	return true;
}

const pdx_zone *track_zone_of(const char *expr)
{
	static const char *const eastern[] = {
		"(ET)", " ET ", " ET,", " ET)", "Eastern", "eastern", "EDT", "EST", "东部时间",
		"東部時間", NULL
	};
	static const char *const central[] = { "(CT)", "Central", "CDT", "CST", NULL };
	static const char *const pacific[] = { "(PT)", "Pacific", "PDT", "PST", NULL };
	for (size_t i = 0; expr && eastern[i]; i++)
		if (strstr(expr, eastern[i]))
			return &zones[0];
	for (size_t i = 0; expr && central[i]; i++)
		if (strstr(expr, central[i]))
			return &zones[1];
	for (size_t i = 0; expr && pacific[i]; i++)
		if (strstr(expr, pacific[i]))
			return &zones[4];
	return &zones[5];
}

void track_today(const pdx_zone *z, char day[11])
{
	time_t now = time(NULL);
	long days = (long)(now / 86400);
	to_local(z, days, (int)((now % 86400) / 60), day, NULL);
}

static long day_diff(const char *a, const char *b)
{
	pdx_date x, y;
	if (pdx_date_parse(a, &x) || pdx_date_parse(b, &y))
		return 0;
	return pdx_date_diff(x, y);
}

static bool is_day(const char *s)
{
	pdx_date d;
	return s && strlen(s) == 10 && pdx_date_parse(s, &d) == 0;
}

/* Evidence dated after asof moved past r->nev, each side in its order. */
static void hide_later(pdx_requirement *r, const char *asof)
{
	size_t n = r->nev + r->nlater, k = 0;
	if (!n)
		return;
	pdx_evidence *later = malloc(n * sizeof *later);
	size_t nl = 0;
	if (!later)
		return;	/* out of memory: listed as read; the status below skips them */
	for (size_t i = 0; i < n; i++) {
		if (is_day(r->ev[i].date) && strcmp(r->ev[i].date, asof) > 0)
			later[nl++] = r->ev[i];
		else
			r->ev[k++] = r->ev[i];
	}
	if (nl)
		memcpy(r->ev + k, later, nl * sizeof *later);
	r->nev = k;
	r->nlater = nl;
	free(later);
}

void track_status(pdx_requirement *r, const char *asof, const pdx_zone *z,
		  pdx_track_status *st)
{
	memset(st, 0, sizeof *st);
	hide_later(r, asof);
	if (is_day(r->due))
		snprintf(st->due_day, sizeof st->due_day, "%s", r->due);
	/* a stated time is judged on its instant: its day where the reader
	 * counts the days (11:59 p.m. ET is the next day in UTC) */
	char day[11];
	const pdx_zone *stated = track_zone(r->due_tz);
	if (r->due_at && z && stated && z != stated && track_local(z, r->due_at, day, NULL))
		snprintf(st->due_day, sizeof st->due_day, "%s", day);
	const char *limit = st->due_day[0] ? st->due_day : is_day(r->due_by) ? r->due_by : NULL;
	/* what the analyst or a document says counts from its day on: as of
	 * an earlier day it has not happened yet */
	bool manual = r->m_status && !(is_day(r->m_date) && strcmp(r->m_date, asof) > 0);
	if (manual) {
		st->status = r->m_status;
		st->source = "manual";
		if (r->m_status && strcmp(r->m_status, "done") == 0 && is_day(r->m_date))
			snprintf(st->done_on, sizeof st->done_on, "%s", r->m_date);
	} else {
		st->source = "inferred";
		const char *first_done = NULL;
		bool started = false;
		for (size_t i = 0; i < r->nev; i++) {
			if (is_day(r->ev[i].date) && strcmp(r->ev[i].date, asof) > 0)
				continue;
			started = true;
			if (r->ev[i].completes && is_day(r->ev[i].date) &&
			    (!first_done || strcmp(r->ev[i].date, first_done) < 0))
				first_done = r->ev[i].date;
		}
		if (first_done) {
			st->status = "done";
			snprintf(st->done_on, sizeof st->done_on, "%s", first_done);
		} else if (started) {
			st->status = "in_progress";
		} else if (st->due_day[0]) {
			st->status = strcmp(asof, st->due_day) > 0 ? "overdue" : "due";
		} else if (limit && strcmp(asof, limit) > 0) {
			st->status = "overdue";	/* past even the latest it could be due */
		} else {
			st->status = "open";
		}
	}
	if (limit) {
		st->has_days = true;
		st->days = day_diff(asof, limit);
	}
	if (strcmp(st->status, "done") == 0 && st->done_on[0] && limit) {
		long late = day_diff(limit, st->done_on);
		st->timeliness = late > 0 ? "late" : "on_time";
		st->days_late = late > 0 ? late : 0;
	}
}

const char *track_event_state(const char *kind, const char *day, const char *asof)
{
	if (!kind || !day || !asof)
		return NULL;
	int c = strcmp(asof, day);	/* > 0: the day has passed */
	if (strcmp(kind, "opens") == 0)
		return c < 0 ? "upcoming" : "open";
	if (strcmp(kind, "closes") == 0)
		return c <= 0 ? "open" : "closed";
	if (strcmp(kind, "effective") == 0)
		return c < 0 ? "upcoming" : "in_effect";
	if (strcmp(kind, "expires") == 0)
		return c <= 0 ? "in_effect" : "expired";
	if (strcmp(kind, "deadline") == 0 || strcmp(kind, "notification") == 0 ||
	    strcmp(kind, "start") == 0)
		return c <= 0 ? "upcoming" : "closed";
	return NULL;
}
