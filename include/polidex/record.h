/* record.h - policy-action records: what segmentation cuts a document into
 * and what the taggers (pillar, agencies, timeline) annotate. */
#ifndef POLIDEX_RECORD_H
#define POLIDEX_RECORD_H

#include <stddef.h>
#include <stdbool.h>

typedef enum {
	PDX_ROLE_MENTIONED = 1,
	PDX_ROLE_SUPPORT = 2,
	PDX_ROLE_LEAD = 3,
} pdx_role;

const char *pdx_role_name(pdx_role r);		/* "lead", ... */
int pdx_role_parse(const char *s);			/* -1 if unknown */

/* What a record is (the column actions.kind). */
typedef enum {
	PDX_REC_NONE = 0,		/* unset or not one of these */
	PDX_REC_RECOMMENDED_ACTION,	/* a numbered item of a plan */
	PDX_REC_KEY_POLICY,
	PDX_REC_ORDER_SECTION,
	PDX_REC_NOTICE_EVENT,		/* a notice's paragraph with a dated event */
	PDX_REC_HEADING,
	PDX_REC_PARAGRAPH,
	PDX_REC_LIST_ITEM,
	PDX_REC_NKINDS
} pdx_record_kind;

/* "recommended_action", ...; NULL for PDX_REC_NONE or out of range. */
const char *record_kind_name(pdx_record_kind k);
/* The kind named s; PDX_REC_NONE for NULL or a name not above. */
pdx_record_kind record_kind_parse(const char *s);

/* What a timeline entry is (the column timeline.kind). The order is the
 * one polidex-query deadlines lists them in (its --kind error message). */
typedef enum {
	PDX_TIME_NONE = 0,		/* unset or not one of these */
	PDX_TIME_DEADLINE,
	PDX_TIME_OPENS,
	PDX_TIME_CLOSES,
	PDX_TIME_EFFECTIVE,
	PDX_TIME_EXPIRES,
	PDX_TIME_NOTIFICATION,
	PDX_TIME_START,
	PDX_TIME_RECURRING,		/* 'at least twice per year' */
	PDX_TIME_IMMEDIATE,		/* 'immediately', 'upon signing' */
	PDX_TIME_CONDITIONAL,		/* 'when the Secretary determines' */
	PDX_TIME_PUBLISHED,
	PDX_TIME_SIGNED,
	PDX_TIME_FISCAL_YEAR,
	PDX_TIME_VAGUE,
	PDX_TIME_OTHER,
	PDX_TIME_NKINDS
} pdx_time_kind;

/* "deadline", ...; NULL for PDX_TIME_NONE or out of range. */
const char *time_kind_name(pdx_time_kind k);
/* The kind named s; PDX_TIME_NONE for NULL or a name not above. */
pdx_time_kind time_kind_parse(const char *s);
/* Its title in text output ("Deadline"; "" for none); whether `deadlines`
 * follows it by default; whether its passing closes something (a
 * deadline, a window's end, an expiry). */
const char *time_kind_title(pdx_time_kind k);
bool time_kind_tracked(pdx_time_kind k);
bool time_kind_closing(pdx_time_kind k);

typedef struct {
	char *id;		/* canonical gazetteer id, e.g. "nist" */
	pdx_role role;
} pdx_agency_ref;

typedef struct {
	pdx_time_kind kind;
	char *expr;		/* the expression verbatim */
	char *value;		/* normalized ISO 8601 or NULL (unresolved) */
	char *precision;	/* minute, day, month, year, fiscal_year,
				 * relative, vague */
	bool has_offset_days, has_offset_months;
	int offset_days, offset_months;
	char *anchor;		/* signing, published, effective, a key, or text */
} pdx_time;

typedef struct {
	char *key;		/* stable: aiap:I.3.2, eo-14318:sec5(a), ... */
	pdx_record_kind kind;
	int pillar;		/* 1..3, 0 = none */
	char *pillar_source;	/* "structure", "inferred" or NULL */
	double pillar_score;
	char *section;		/* enclosing section heading, verbatim */
	char *label;		/* "Sec. 4(a)" for order sections, else NULL */
	char *text;
	char *lang;
	int line;
	int page;		/* 1-based PDF page; 0 when the source has none */
	int ordinal;		/* position in the document, from 1 */
	pdx_agency_ref *agencies;
	size_t nagencies, agencies_cap;
	pdx_time *times;
	size_t ntimes, times_cap;
} pdx_record;

typedef struct {
	pdx_record *v;
	size_t n, cap;
} pdx_records;

/* Append an empty record; returns it (owned by the list) or NULL. */
pdx_record *records_add(pdx_records *l);
void records_clear(pdx_records *l);

/* Add id with role; if the body is already there, keep the stronger role. */
int record_add_agency(pdx_record *r, const char *id, pdx_role role);
/* Append a timeline entry; the strings are copied (NULL allowed).
 * Returns the stored entry or NULL. */
pdx_time *record_add_time(pdx_record *r, pdx_time_kind kind, const char *expr,
			  const char *value, const char *precision);
void pdx_time_clear(pdx_time *t);

#endif
