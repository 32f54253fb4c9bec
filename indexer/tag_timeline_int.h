/* tag_timeline_int.h - what the files of the timeline extractor share,
 * and nothing outside indexer/tag_timeline*.c may include:
 *
 *   tag_timeline_patterns.c  the pattern table, what each pattern cannot
 *                            match without, compiling them once;
 *   tag_timeline_scan.c      the scan of one record: candidates, sentences
 *                            and clauses, numbers in words, zones, values,
 *                            and what a date means from the words around it;
 *   tag_timeline_absolute.c  dates, times and fiscal years, English and
 *                            Chinese;
 *   tag_timeline_relative.c  relative deadlines and their anchors, events,
 *                            bare years and months, deictic and vague times;
 *   tag_timeline.c           the driver: the patterns in priority order over
 *                            a record, missing years, entries emitted, and
 *                            the document pass that resolves relative ones.
 *
 * Shared functions carry a tl_ prefix (they are global in the indexer). */
#ifndef POLIDEX_TAG_TIMELINE_INT_H
#define POLIDEX_TAG_TIMELINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx.h"
#include "tag_timeline.h"

/* ---- patterns (tag_timeline_patterns.c) -------------------------------- */

enum {
	/* extraction, in priority order */
	P_SIGNFORM, P_INDEP, P_ZH_DATE, P_ZH_DATE_CN, P_ZH_YEAR_END, P_ZH_QUARTER, P_ZH_YM, P_ZH_Y, P_TIME_DATE, P_DATE_TIME,
	P_MDY, P_DMY, P_ISO, P_US, P_END_OF, P_QUARTER, P_TIME_ZONE, P_TIME_NOON, P_ZH_TIME, P_MY, P_FY_RANGE, P_FY, P_FY_ZH, P_FY_REL,
	P_VAGUE_EN, P_NEXT, P_ANNIV, P_REL, P_ZH_AFTER, P_EVENT, P_RECUR, P_IMMED, P_COND,
	P_ZH_REL, P_ZH_DAY, P_SINCE, P_YEAR_RANGE,
	P_YEAR, P_BARE_MONTH, P_DEICTIC, P_ZH_DEICTIC, P_VAGUE_ZH,
	/* context */
	C_OBLIG, C_NOTIFY, C_SUBMIT, C_WINDOW, C_LEAD, C_OPENS, C_EFFECTIVE,
	C_EXPIRE, C_REMAIN, C_ZH_OPENS, C_ZH_CLOSES, C_ZH_BY, C_ZH_EXT, C_ZH_EFF,
	C_PUB_VERB, C_SIGNED, C_WH, C_FRHEAD, C_DATELINE_ZH, C_DATELINE_ZH_END,
	C_DATELINE_EN, C_DASH, C_YEAR_EXCL, C_TEMPORAL, C_NOMINAL, C_THIS_DOC, C_THIS_NOTICE,
	C_EFF_ANCHOR, C_PUB_ANCHOR, C_ANC_WIN, C_ANC_OPEN, C_ANC_CLOSE, C_SUBSEC,
	C_ZH_ANNOUNCE, C_ONLY_DATE, C_ATSTART, C_ZH_ZONE_END, C_ZH_RANGE_ZONE, C_RANGE_GAP, C_DATED,
	NPAT
};

/* The compiled patterns, by id; set by tl_pats_init. */
extern pdx_rx *tl_pats[NPAT];

/* Compile the patterns on first use (thread-safe). Returns PDX_OK or
 * PDX_ERR when one fails to compile. */
int tl_pats_init(void);

/* What a record has: its facts and the words the patterns need in it. */
#define NWORDS 192
typedef struct {
	unsigned facts;
	uint64_t words[NWORDS / 64];
} need_info;

/* Facts and words of the NUL-terminated t of length len. */
void tl_need_scan(need_info *ni, const char *t, size_t len);
/* Can extraction pattern id match the record ni describes at all? */
bool tl_may_match(const need_info *ni, int id);

/* ---- the scan of one record (tag_timeline_scan.c) ---------------------- */

/* A candidate's form: its value set by the handler (READY), or computed
 * from y, m, d (hh, mi, zone) by tl_cand_finish once the year is known. */
enum { F_READY, F_DAY, F_MONTH, F_TIME };
/* Where a candidate's year comes from: the text (GIVEN); a dated
 * neighbour in the sentence, else the document (CONTEXT); the year after
 * an earlier date (FOLLOWING, 次年); the document's year -1, 0, +1
 * (去年, 今年, 明年). */
enum { Y_GIVEN, Y_CONTEXT, Y_FOLLOWING, Y_CTX_PREV, Y_CTX_SAME, Y_CTX_NEXT, Y_DAY_CONTEXT };
/* Y_DAY_CONTEXT: a time of day with its zone and no date ("by 5:00 p.m.
 * Eastern Time", "美东时间上午9点"): its day (and year) is the nearest
 * dated neighbour's in its sentence, else in its record; none: it is
 * unresolved. */

/* One expression found in a record, before it becomes a pdx_time. */
typedef struct {
	size_t s, e;		/* expression span */
	pdx_time_kind kind;	/* PDX_TIME_NONE: span taken, nothing emitted
				 * (invalid date) */
	const char *prec;
	char value[48];		/* "" = NULL */
	int form, year_rel;
	int y, m, d, hh, mi, ss;
	bool has_sec, dst_rule;
	int std_off;		/* minutes east of UTC */
	bool has_days, has_months;
	int days, months;
	char anchor[160];
} cand;

#define NOV 12

/* The scan of one record: its text, the document context, the
 * candidates so far, and the groups of the last match (G_* below). */
typedef struct {
	const char *t;
	size_t len;
	timeline_ctx *ctx;
	cand *c;
	size_t n, cap;
	size_t ov[2 * NOV];
	/* the spans taken, for tl_overlaps once there are many: a Fenwick
	 * tree over start positions 0..len of the greatest end (fw[1..fwn]),
	 * NULL while there are few or without memory (then a linear scan) */
	size_t *fw, fwn;
	bool capped;		/* TL_MAX_CANDS reached: the rest is skipped */
} scan;

/* Candidates kept per record (paragraph); past it the record's other
 * dates are not looked for and the document says so (dates_capped). */
#define TL_MAX_CANDS TIMELINE_MAX_DATES

#define G_SET(sc, i) ((sc)->ov[2 * (i)] != (size_t)-1)
#define G_S(sc, i) ((sc)->ov[2 * (i)])
#define G_E(sc, i) ((sc)->ov[2 * (i) + 1])
#define G_LEN(sc, i) (G_E(sc, i) - G_S(sc, i))

/* Is the document kind an order (executive order, proclamation,
 * memorandum), whose own relative times count from its signing? */
bool tl_is_order_kind(const char *k);
/* Does [s, e) overlap a span a candidate already took? */
bool tl_overlaps(const scan *sc, size_t s, size_t e);
/* A new zeroed candidate spanning [s, e), or NULL without memory. */
cand *tl_cand_add(scan *sc, size_t s, size_t e);
/* The candidate added last. */
cand *tl_last(scan *sc);
/* Move the start of the candidate added last back to s (<= its start). */
void tl_last_widen(scan *sc, size_t s);
/* Does pattern id match in t[from..to)? Lookbehind may see before from. */
bool tl_ctx_has(const scan *sc, int id, size_t from, size_t to);
/* i moved forward to the start of a UTF-8 character of t[0..len). */
size_t tl_align_fwd(const char *t, size_t i, size_t len);
/* The value of the ASCII digits among the first n (at most 6) of s. */
int tl_num(const char *s, size_t n);
/* Does s[0..n) start with the lowercase ASCII w, in any case? */
bool tl_starts_ci(const char *s, size_t n, const char *w);

/* Sentence and (Chinese) clause bounds around pos. */
size_t tl_sent_start(const scan *sc, size_t pos);
size_t tl_sent_end(const scan *sc, size_t pos);
size_t tl_clause_start(const scan *sc, size_t pos);
size_t tl_clause_end(const scan *sc, size_t pos);

/* "two hundred and fiftieth": the value, or -1 when a word is no number. */
long tl_words_number(const char *s, size_t n);
/* A count in digits or words, -1 if neither. */
long tl_count_value(const char *s, size_t n);
/* Standard offset and whether the US DST rule applies; false if unknown. */
bool tl_zone_parse(const char *z, size_t n, int *std, bool *rule);

/* Set c->value to v as stored (pdx_value_format). */
void tl_set_value(cand *c, pdx_value v);
/* Compute c->value from its (now complete) fields. False: no such date. */
bool tl_cand_finish(cand *c);
/* The local date of c as "YYYY-MM-DD". */
void tl_local_date(const cand *c, char out[11]);

/* The year of the document (publication, else the hint), 0 if none. */
int tl_ctx_year(const scan *sc);
/* Kind of a window-bound or deadline phrase; see tag_timeline_scan.c. */
pdx_time_kind tl_by_kind(const scan *sc, size_t from, size_t to, size_t os, size_t oe);
/* What an absolute date or time at [s, e) means; *ls the start of a lead
 * phrase worth keeping. */
pdx_time_kind tl_date_kind(scan *sc, size_t s, size_t e, size_t *ls);
/* Add a candidate for a date of the given form, its kind from context. */
int tl_add_dated(scan *sc, size_t s, size_t e, int form, int y, int year_rel, int m, int d);

/* ---- handlers: PDX_OK, PDX_ENOMEM, or 1 for a match rejected ----------- */

/* tag_timeline_absolute.c: P_SIGNFORM .. P_FY_REL */
int tl_handle_absolute(scan *sc, int id);
/* tag_timeline_relative.c: P_NEXT, P_REL, P_ZH_AFTER, P_EVENT */
int tl_handle_relative(scan *sc, int id);
/* tag_timeline_relative.c: the rest */
int tl_handle_misc(scan *sc, int id);
/* tag_timeline_kinds.c: P_RECUR, P_IMMED, P_COND, P_ZH_REL, P_ZH_DAY */
int tl_handle_kinds(scan *sc, int id);
/* A count in digits or Chinese numerals (十, 廿, 卅, 两): the value, or -1. */
long tl_zh_number(const char *s, size_t n);
/* The anchor of a relative time the text gives none for: "signing" in an
 * order or once the document has given a signing date, else "published". */
const char *tl_default_anchor(const scan *sc);
/* Is anchor a named document event (signing, published, ...)? */
bool tl_anchor_is_event(const char *a);

#endif
