/* test_timeline.c - the timeline extractor, one pattern at a time, and the
 * calendar arithmetic under it (DST boundaries, leap years). */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/record.h"
#include "tag_timeline.h"
#include "polidex/util.h"

static pdx_record rec;

/* Extract text with a document context; returns the record's entries. */
static pdx_record *ex(const char *text, const char *published, const char *kind)
{
	for (size_t i = 0; i < rec.ntimes; i++)
		pdx_time_clear(&rec.times[i]);
	rec.ntimes = 0;
	timeline_ctx ctx;
	timeline_ctx_init(&ctx, published, kind);
	T_INT(timeline_extract(text, &ctx, &rec), PDX_OK, "extract: %s", text);
	return &rec;
}

/* The entry whose expression contains sub, or NULL. */
static const pdx_time *find(const pdx_record *r, const char *sub)
{
	for (size_t i = 0; i < r->ntimes; i++)
		if (r->times[i].expr && strstr(r->times[i].expr, sub))
			return &r->times[i];
	return NULL;
}

/* One expression: kind, value and precision. */
static void one(const char *text, const char *pub, const char *dkind, const char *sub,
		const char *kind, const char *value, const char *prec)
{
	const pdx_time *t = find(ex(text, pub, dkind), sub);
	T_OK(t != NULL, "found '%s'", sub);
	if (!t)
		return;
	T_STR(time_kind_name(t->kind), kind, "kind of '%s'", sub);
	T_STR(t->value, value, "value of '%s'", sub);
	T_STR(t->precision, prec, "precision of '%s'", sub);
}

static void test_calendar(void)
{
	pdx_date d;
	char buf[11];
	T_INT(pdx_date_parse("2025-02-28", &d), PDX_OK, "parse 2025-02-28");
	T_INT(pdx_date_parse("2025-02-30", &d), PDX_EFORMAT, "reject 2025-02-30");
	T_INT(pdx_date_parse("2025-2-3", &d), PDX_EFORMAT, "reject 2025-2-3");
	T_INT(pdx_date_parse("2025-13-01", &d), PDX_EFORMAT, "reject month 13");
	T_INT(pdx_date_parse("2024-02-29", &d), PDX_OK, "2024-02-29 exists");
	pdx_date_format(pdx_date_add_days(d, 365), buf);
	T_STR(buf, "2025-02-28", "2024-02-29 + 365 days");
	pdx_date_format(pdx_date_add_months(d, 12), buf);
	T_STR(buf, "2025-02-28", "2024-02-29 + 12 months clamps");
	pdx_date_parse("2025-01-31", &d);
	pdx_date_format(pdx_date_add_months(d, 1), buf);
	T_STR(buf, "2025-02-28", "2025-01-31 + 1 month");
	pdx_date_parse("1900-02-28", &d);
	pdx_date_format(pdx_date_add_days(d, 1), buf);
	T_STR(buf, "1900-03-01", "1900 is no leap year");
	T_INT(pdx_date_diff((pdx_date){ 2025, 7, 23 }, (pdx_date){ 2026, 1, 19 }), 180, "diff");
	T_INT(pdx_days_from_civil(1970, 1, 1), 0, "epoch");
	T_OK(!pdx_us_dst(2025, 3, 9, 1, 59), "not DST at 01:59 on 2025-03-09");
	T_OK(pdx_us_dst(2025, 3, 9, 3, 0), "DST at 03:00 on 2025-03-09");
	T_OK(pdx_us_dst(2025, 11, 2, 1, 30), "01:30 on 2025-11-02 read as daylight");
	T_OK(!pdx_us_dst(2025, 11, 3, 1, 30), "standard time on 2025-11-03");
	T_INT(pdx_us_offset(-480, 2025, 7, 1, 12, 0), -420, "Pacific in July");
	T_OK(pdx_us_dst(2006, 4, 10, 12, 0) && !pdx_us_dst(2006, 3, 20, 12, 0), "1987-2006 rule");
	char iso[48], loc[11];
	T_INT(pdx_iso_normalize("2025-07-23T18:51:23-04:00", iso, sizeof iso, loc), PDX_OK, "iso");
	T_STR(iso, "2025-07-23T22:51:23Z", "iso to UTC");
	T_STR(loc, "2025-07-23", "iso local date");
	T_INT(pdx_iso_normalize("2025-07-23 21:30:00-04:00", iso, sizeof iso, loc), PDX_OK, "iso space");
	T_STR(iso, "2025-07-24T01:30:00Z", "iso crosses midnight");
	T_INT(pdx_iso_normalize("2025-02-30", iso, sizeof iso, NULL), PDX_EFORMAT, "iso bad day");
}

static void test_dates(void)
{
	const char *p = "2025-02-05";
	one("Registration starts on March 7, 2025.", p, "notice", "March 7, 2025", "opens", "2025-03-07", "day");
	one("It was announced Mar. 7, 2025 in a notice.", p, "notice", "Mar. 7, 2025", "other", "2025-03-07", "day");
	one("The hearing of 7 March 2025 was held.", p, "notice", "7 March 2025", "other", "2025-03-07", "day");
	one("Data as of 2025-03-07 were used.", p, "notice", "2025-03-07", "other", "2025-03-07", "day");
	one("The form dated 03/07/2025 was used.", p, "notice", "03/07/2025", "other", "2025-03-07", "day");
	one("The meeting happened on March 7.", p, "notice", "March 7", "other", "2025-03-07", "day");
	one("[Federal Register Volume 90, Number 185 (Friday, September 26, 2025)]", NULL, NULL,
	    "September 26, 2025", "published", "2025-09-26", "day");
	one("Layoffs were announced in July 2025 by the firm.", p, "news", "July 2025", "other", "2025-07", "month");
	one("It eliminated 1,000 jobs in February; more followed.", "2025-09-19", "proclamation",
	    "February", "other", "2025-02", "month");
	one("The workforce has shrunk since 2022 at the firm.", p, "news", "since 2022", "other", "2022", "year");
	one("Employment more than doubled between 2000 and 2019, it said.", p, "news",
	    "between 2000 and 2019", "other", "2000/2019", "year");
	T_INT(ex("Rules of 42 U.S.C. 2000 and section 2019 of the Act.", p, "news")->ntimes, 0,
	      "no year in U.S.C. or section numbers");
	one("The rule is effective February 27, 2026.", p, "notice", "February 27, 2026", "effective",
	    "2026-02-27", "day");
	one("We intend to notify by March 31 the selected registrants.", p, "press_release", "by March 31",
	    "notification", "2025-03-31", "day");
	one("If we receive registrations by March 24, we will select.", p, "press_release", "by March 24",
	    "closes", "2025-03-24", "day");
	one("Applicants must wait until March 7 to submit.", p, "press_release", "until March 7", "opens",
	    "2025-03-07", "day");
	one("The report shall be delivered by June 30, 2026.", p, "notice", "by June 30, 2026", "deadline",
	    "2026-06-30", "day");
	one("Guidance covers petitions with a start date prior to October 1, 2026.", p, "proclamation",
	    "October 1, 2026", "other", "2026-10-01", "day");
}

static void test_invalid(void)
{
	pdx_record *r = ex("The meeting on February 30, 2025 and the form 13/45/2025 and 2025-02-30.",
			   "2025-02-05", "notice");
	T_INT(r->ntimes, 0, "invalid dates give no entry");
	r = ex("", NULL, NULL);
	T_INT(r->ntimes, 0, "empty text");
	r = ex("March", NULL, NULL);
	T_OK(r->ntimes == 1 && r->times[0].value == NULL, "month without any year stays NULL");
	r = ex("Within 99999999999 days of ((( 2025年13月45日 12:99 p.m. ET on March 32", NULL, NULL);
	T_OK(1, "garbage does not crash (%zu entries)", r->ntimes);
}

static void test_times(void)
{
	const char *p = "2025-02-05";
	one("Registration will open at noon Eastern on March 7 and run through noon Eastern on "
	    "March 24, 2025.", p, "press_release", "noon Eastern on March 7", "opens", "2025-03-07T17:00:00Z", "minute");
	T_STR(time_kind_name(find(&rec, "March 24")->kind), "closes", "window end is closes");
	T_STR(find(&rec, "March 24")->value, "2025-03-24T16:00:00Z", "window end in EDT");
	T_STR(find(&rec, "March 24")->expr, "through noon Eastern on March 24, 2025", "expr keeps 'through'");
	one("Noted at noon Eastern on March 8, 2025.", p, "notice", "noon", "other", "2025-03-08T17:00:00Z", "minute");
	one("Noted at noon Eastern on March 10, 2025.", p, "notice", "noon", "other", "2025-03-10T16:00:00Z", "minute");
	one("Noted at 1:30 a.m. ET on November 2, 2025.", p, "notice", "1:30", "other", "2025-11-02T05:30:00Z", "minute");
	one("Noted at 1:30 a.m. ET on November 3, 2025.", p, "notice", "1:30", "other", "2025-11-03T06:30:00Z", "minute");
	one("Noted at noon EST on July 1, 2025.", p, "notice", "noon", "other", "2025-07-01T17:00:00Z", "minute");
	one("Noted at noon EDT on January 10, 2025.", p, "notice", "noon", "other", "2025-01-10T16:00:00Z", "minute");
	one("Noted at 9:00 a.m. Pacific on July 1, 2025.", p, "notice", "9:00", "other", "2025-07-01T16:00:00Z", "minute");
	one("The effective date of this proclamation shall be 12:01 a.m. eastern daylight time on "
	    "September 21, 2025.", "2025-09-19", "proclamation", "12:01", "effective", "2025-09-21T04:01:00Z", "minute");
	one("Interested persons are invited to submit comments on or before 11:59 p.m. (ET) October 27, 2025.",
	    "2025-09-26", "notice", "11:59", "closes", "2025-10-28T03:59:00Z", "minute");
	T_STR(find(&rec, "11:59")->expr, "on or before 11:59 p.m. (ET) October 27, 2025", "expr keeps lead");
	one("初始注册期将于2025年3月7日中午12点(东部时间)开启,并于2025年3月24日中午12点（东部时间）截止。",
	    p, "news", "3月7日", "opens", "2025-03-07T17:00:00Z", "minute");
	T_STR(time_kind_name(find(&rec, "3月24日")->kind), "closes", "zh window end");
	T_STR(find(&rec, "3月24日")->value, "2025-03-24T16:00:00Z", "zh full-width parentheses, EDT");
	one("March 7, 2025, at 5 p.m. ET is the start date.", p, "notice", "5 p.m.", "other",
	    "2025-03-07T22:00:00Z", "minute");
}

static void test_zh(void)
{
	const char *p = "2025-02-05";
	one("2026财年H-1B申请3月7日开启", p, "news", "3月7日", "opens", "2025-03-07", "day");
	one("计划在2025年3月31日前通过在线账户通知获选者。", p, "news", "2025年3月31日", "notification",
	    "2025-03-31", "day");
	one("Cap-Gap期限将从10月1日延长至次年4月1日。", p, "news", "次年4月1日", "expires", "2026-04-01", "day");
	T_STR(find(&rec, "10月1日")->value, "2025-10-01", "year from the document");
	one("2026财年起实施", p, "news", "2026财年", "fiscal_year", "2025-10-01/2026-09-30", "fiscal_year");
	one("建议雇主尽早完成账户创建", p, "news", "尽早", "vague", NULL, "vague");
	one("申请窗口即将开启", p, "news", "即将", "vague", NULL, "vague");
	one("USCIS近日宣布新规", p, "news", "近日", "published", NULL, "vague");
	one("在注册窗口结束后,将进行抽签。", p, "news", "结束后", "start", NULL, "relative");
	one("概要:2025年7月23日,白宫发布计划。", "2025-07-23", "news", "2025年7月23日", "published",
	    "2025-07-23", "day");
}

static void test_fiscal(void)
{
	const char *p = "2025-02-05";
	one("Funding for FY 2026 is set.", p, "notice", "FY 2026", "fiscal_year", "2025-10-01/2026-09-30", "fiscal_year");
	one("The fiscal year 2026 cap.", p, "notice", "fiscal year 2026", "fiscal_year", "2025-10-01/2026-09-30", "fiscal_year");
	one("The share in Fiscal Year (FY) 2003 was low.", p, "notice", "Fiscal Year (FY) 2003", "fiscal_year",
	    "2002-10-01/2003-09-30", "fiscal_year");
	one("Accounts for the FY 2021 – FY 2024 seasons.", p, "notice", "FY 2021", "fiscal_year",
	    "2020-10-01/2024-09-30", "fiscal_year");
	T_INT(rec.ntimes, 1, "a fiscal-year range is one entry");
	one("over 65 percent in the last 5 fiscal years.", "2025-09-19", "proclamation", "last 5 fiscal years",
	    "fiscal_year", NULL, "relative");
}

static void test_relative(void)
{
	const char *p = "2025-07-23";
	one("Within 10 days of the date of this order, each agency shall identify exclusions.", NULL,
	    "executive_order", "Within 10 days", "deadline", NULL, "relative");
	const pdx_time *t = find(&rec, "Within");
	T_OK(t->has_offset_days && t->offset_days == 10, "offset 10 days");
	T_STR(t->anchor, "signing", "anchor signing");
	T_STR(t->value, NULL, "unresolved before the signature is known");

	/* resolution against a signing date known to the context */
	for (size_t i = 0; i < rec.ntimes; i++)
		pdx_time_clear(&rec.times[i]);
	rec.ntimes = 0;
	timeline_ctx ctx;
	timeline_ctx_init(&ctx, NULL, "executive_order");
	memcpy(ctx.signed_date, "2025-07-23", 11);
	timeline_extract("Within 180 days, the Administrator shall develop guidance.", &ctx, &rec);
	T_STR(rec.ntimes ? rec.times[0].value : NULL, "2026-01-19", "Within 180 days resolved from signing");

	one("The Director may, within 30 days of the date that a project is identified to FPISC by a "
	    "relevant agency, designate it.", p, "executive_order", "within 30 days", "deadline", NULL, "relative");
	T_STR(find(&rec, "within 30")->anchor, "the date that a project is identified to FPISC by a relevant agency",
	      "text anchor");
	one("Commerce shall require proposals to be submitted no later than 90 days after the public call "
	    "for proposals is issued.", p, "executive_order", "no later than 90 days", "closes", NULL, "relative");
	one("The recommendation is due no later than 30 days following the completion of the lottery.", p,
	    "proclamation", "no later than 30 days", "deadline", NULL, "relative");
	one("This restriction shall expire, absent extension, 12 months after the effective date of this "
	    "proclamation, which shall be 12:01 a.m. eastern daylight time on September 21, 2025.",
	    "2025-09-19", "proclamation", "12 months after", "expires", "2026-09-21", "relative");
	t = find(&rec, "12 months after");
	T_OK(t->has_offset_months && t->offset_months == 12, "offset 12 months");
	T_STR(t->anchor, "effective", "anchor effective");
	one("Agencies shall, within 90 days of the issuance of the guidance in subsection (a), adopt rules.",
	    p, "executive_order", "within 90 days", "deadline", NULL, "relative");
	one("It covers entries after the effective date of this proclamation.", p, "proclamation",
	    "after the effective date", "start", NULL, "relative");
	one("Employers shall, prior to filing an H-1B petition, obtain proof.", p, "proclamation",
	    "prior to filing", "deadline", NULL, "relative");
	one("Upon identification of sites by the Secretary, the agency shall consult.", p, "executive_order",
	    "Upon identification of sites", "start", NULL, "relative");
	one("Activities that will occur over the next 10 years are covered.", p, "executive_order",
	    "over the next 10 years", "other", NULL, "relative");
	T_OK(find(&rec, "next 10")->offset_months == 120, "10 years = 120 months");
	one("Sales grew within 30 days of launch.", p, "news", "within 30 days", "other", NULL, "relative");
}

static void test_vague_and_deictic(void)
{
	one("The actions will be taken in the coming weeks and months.", "2025-07-23", "press_release",
	    "in the coming weeks and months", "vague", NULL, "vague");
	one("Proposals are considered on a rolling basis.", NULL, NULL, "on a rolling basis", "vague", NULL, "vague");
	one("The White House today released the plan.", "2025-07-23", "press_release", "today", "published",
	    "2025-07-23", "day");
	one("Today, President Trump signed a Proclamation.", "2025-09-19T19:10:47-04:00", "fact_sheet", "Today",
	    "signed", "2025-09-19", "day");
	one("It laid off staff this year.", "2025-09-19", "fact_sheet", "this year", "other", "2025", "year");
	one("Unlike last year during the same period.", "2025-09-19", "fact_sheet", "last year", "other",
	    "2024", "year");
	T_INT(ex("In today’s world nothing waits.", "2025-09-19", "fact_sheet")->ntimes, 0,
	      "today's is no date");
}

/* A whole order: the signature block comes last, yet dates the deadlines. */
static void test_document(void)
{
	pdx_doc *doc = doc_new("eo.md");
	pdx_records recs = { 0 };
	doc_set(&doc->kind, "executive_order");
	doc_set(&doc->published, "2025-07-23T18:51:23-04:00");
	static const char *const texts[] = {
		"Sec. 4. Implementation. (a) Within 120 days of the date of this order, OMB shall issue guidance.",
		"(iii) within 90 days of the OMB guidance issued under subsection (a) of this section, adopt procedures.",
		"THE WHITE HOUSE,",
		"July 21, 2025.",
	};
	static const char *const labels[] = { "Sec. 4(a)", "Sec. 4(b)(iii)", NULL, NULL };
	for (size_t i = 0; i < 4; i++) {
		pdx_record *r = records_add(&recs);
		r->text = pdx_strdup(texts[i]);
		r->label = pdx_strdup(labels[i]);
		r->key = labels[i] ? pdx_strdup(i == 0 ? "eo:sec4(a)" : "eo:sec4(b)(iii)") : NULL;
	}
	T_INT(timeline_tag_document(doc, &recs), PDX_OK, "tag document");
	T_STR(doc->signed_date, "2025-07-21", "signed date from the signature block");
	const pdx_time *t = find(&recs.v[0], "Within 120");
	T_STR(t ? t->value : NULL, "2025-11-18", "resolved against the signature (second pass)");
	t = find(&recs.v[1], "within 90");
	T_STR(t ? t->anchor : NULL, "eo:sec4(a)", "subsection (a) anchors to the record's key");
	T_STR(t ? t->value : NULL, NULL, "an undated anchor stays NULL");
	t = find(&recs.v[3], "July 21");
	T_STR(t ? time_kind_name(t->kind) : NULL, "signed", "signature date is signed");
	t = find(&recs.v[0], "2025-07-23T18:51:23-04:00");
	T_STR(t ? t->value : NULL, "2025-07-23T22:51:23Z", "metadata published on the first record");
	records_clear(&recs);
	doc_free(doc);

	/* without a signature block, an order was signed when published */
	doc = doc_new("eo2.md");
	doc_set(&doc->kind, "executive_order");
	doc_set(&doc->published, "2025-07-23");
	pdx_record *r = records_add(&recs);
	r->text = pdx_strdup("Within 90 days of the date of this order, Commerce shall act.");
	T_INT(timeline_tag_document(doc, &recs), PDX_OK, "tag document 2");
	T_STR(doc->signed_date, "2025-07-23", "signed falls back to published");
	T_STR(recs.v[0].times[0].value, "2025-10-21", "resolved from the fallback");
	records_clear(&recs);
	doc_free(doc);

	/* proclamation formula */
	doc = doc_new("p.md");
	doc_set(&doc->kind, "proclamation");
	r = records_add(&recs);
	r->text = pdx_strdup("IN WITNESS WHEREOF, I have hereunto set my hand this nineteenth day of September, in the "
			  "year of our Lord two thousand twenty-five, and of the Independence of the United States "
			  "of America the two hundred and fiftieth.");
	T_INT(timeline_tag_document(doc, &recs), PDX_OK, "tag proclamation");
	T_STR(doc->signed_date, "2025-09-19", "signed from the formula");
	t = find(&recs.v[0], "two hundred and fiftieth");
	T_STR(t ? t->value : NULL, "2025-07-04/2026-07-03", "250th year of Independence");
	records_clear(&recs);
	doc_free(doc);
}

int main(void)
{
	test_calendar();
	test_dates();
	test_invalid();
	test_times();
	test_zh();
	test_fiscal();
	test_relative();
	test_vague_and_deictic();
	test_document();
	for (size_t i = 0; i < rec.ntimes; i++)
		pdx_time_clear(&rec.times[i]);
	free(rec.times);
	timeline_cleanup();
	return t_done();
}
