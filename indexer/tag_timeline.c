/* timeline.c - temporal expressions in record text: dates, times with US
 * zones, fiscal years, relative deadlines, vague horizons; normalized to
 * ISO 8601 and classified (deadline, opens, closes, ...).
 *
 * Each record is scanned with a list of patterns in priority order; a
 * match that overlaps a span an earlier pattern took is skipped, so
 * "noon Eastern on March 7" is one time, not a time plus a date. What a
 * date means (a deadline, an opening, a background date) is read from
 * the words around it in the same sentence. Relative entries are
 * resolved against the document's signing, publication, effective,
 * opening and closing dates once the whole document has been seen. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "tag_timeline.h"
#include "polidex/util.h"

/* ---- patterns --------------------------------------------------------- */

#define MONTHS "January|February|March|April|May|June|July|August|September|October|November|December"
#define MON "(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?" \
	"|Sep(?:tember|t\\.?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)(?![A-Za-z])"
#define WD "(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?"
#define DAYYEAR "\\s+([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?:\\s*,?\\s+([0-9]{4})(?![0-9]))?"
#define TIME "(noon|midnight|([0-9]{1,2})(?::([0-9]{2}))?\\s*([apAP])\\.?\\s?[mM]\\.?)"
#define ZONE "(\\(?(?:[Ee]astern|[Cc]entral|[Mm]ountain|[Pp]acific)(?:\\s+(?:[Dd]aylight|[Ss]tandard|[Pp]revailing))?" \
	"(?:\\s+[Tt]ime)?\\)?|\\(?(?:ET|EDT|EST|CT|CDT|CST|MT|MDT|MST|PT|PDT|PST|UTC|GMT)\\)?(?![A-Za-z]))"
/* A count; possessive, as giving back a digit or letter cannot help: in
 * P_NEXT and P_REL what follows a count starts with a space or "(". */
#define NUM "([0-9]++|[A-Za-z]++(?:-[A-Za-z]++)?)"
#define YR "((?:19|20)[0-9]{2})"

enum {
	/* extraction, in priority order */
	P_SIGNFORM, P_INDEP, P_ZH_DATE, P_ZH_YM, P_ZH_Y, P_TIME_DATE, P_DATE_TIME,
	P_MDY, P_DMY, P_ISO, P_US, P_MY, P_FY_RANGE, P_FY, P_FY_ZH, P_FY_REL,
	P_VAGUE_EN, P_NEXT, P_REL, P_ZH_AFTER, P_EVENT, P_SINCE, P_YEAR_RANGE,
	P_YEAR, P_BARE_MONTH, P_DEICTIC, P_ZH_DEICTIC, P_VAGUE_ZH,
	/* context */
	C_OBLIG, C_NOTIFY, C_SUBMIT, C_WINDOW, C_LEAD, C_OPENS, C_EFFECTIVE,
	C_EXPIRE, C_REMAIN, C_ZH_OPENS, C_ZH_CLOSES, C_ZH_BY, C_ZH_EXT, C_ZH_EFF,
	C_PUB_VERB, C_SIGNED, C_WH, C_FRHEAD, C_DATELINE_ZH, C_DATELINE_ZH_END,
	C_DATELINE_EN, C_DASH, C_YEAR_EXCL, C_TEMPORAL, C_NOMINAL, C_THIS_DOC,
	C_EFF_ANCHOR, C_PUB_ANCHOR, C_ANC_WIN, C_ANC_OPEN, C_ANC_CLOSE, C_SUBSEC,
	C_ZH_ANNOUNCE, C_ONLY_DATE, C_ATSTART,
	NPAT
};

static const struct {
	const char *src;
	uint32_t opts;
} pat_src[NPAT] = {
	[P_SIGNFORM] = { "(?<![A-Za-z])((?:(?:twenty|thirty)[- ])?[a-z]+)\\s+day\\s+of\\s+(" MONTHS ")\\s*,?\\s+"
			 "in\\s+the\\s+year\\s+of\\s+our\\s+Lord\\s+([a-z]+(?:[\\s-]+[a-z]+){0,6}?)(?=\\s*[,.;]|\\s*$)",
			 PCRE2_CASELESS },
	[P_INDEP] = { "Independence\\s+of\\s+the\\s+United\\s+States(?:\\s+of\\s+America)?\\s*,?\\s+the\\s+"
		      "([a-z]+(?:[\\s-]+[a-z]+){0,6}?)(?=\\s*[,.;]|\\s*$)", PCRE2_CASELESS },
	[P_ZH_DATE] = { "(?<![0-9])(?:([0-9]{4})\\s*年\\s*|(次年|翌年|明年|来年|今年|去年)\\s*)?([0-9]{1,2})\\s*月\\s*"
			"([0-9]{1,2})\\s*[日号](?:\\s*(上午|下午|中午|晚上|凌晨|早上)?\\s*([0-9]{1,2})\\s*[点时:：]\\s*"
			"(?:([0-9]{1,2})\\s*分?|(半))?)?(?:\\s*[(（]?\\s*((?:美国?)?东部(?:夏令|标准)?时间|美东(?:夏令|标准)?时间"
			"|北京时间|ET|EST|EDT)\\s*[)）]?)?", 0 },
	[P_ZH_YM] = { "(?<![0-9])([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月(?!\\s*[0-9])", 0 },
	[P_ZH_Y] = { "(?<![0-9])([0-9]{4})\\s*年(?!\\s*[0-9])", 0 },
	[P_TIME_DATE] = { "(?<![\\w:.])" TIME "\\s*,?\\s*(?:" ZONE ")?\\s*,?\\s*(?:on\\s+)?" WD "(" MON ")" DAYYEAR, 0 },
	[P_DATE_TIME] = { "(?<![A-Za-z])" WD "(" MON ")" DAYYEAR "\\s*,?\\s+(?:at\\s+)?" TIME "(?:\\s*,?\\s*" ZONE ")?", 0 },
	[P_MDY] = { "(?<![A-Za-z])" WD "(" MON ")" DAYYEAR, 0 },
	[P_DMY] = { "(?<![0-9])([0-9]{1,2})\\s+(" MON ")\\s*,?\\s+([0-9]{4})(?![0-9])", 0 },
	[P_ISO] = { "(?<![0-9-])([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
		    "(?:\\.[0-9]+)?\\s*(Z|[+-][0-9]{2}:?[0-9]{2})?)?(?![0-9])", 0 },
	[P_US] = { "(?<![0-9/])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?![0-9/])", 0 },
	[P_MY] = { "(?<![A-Za-z])(" MON ")\\s*,?\\s+" YR "(?![0-9])", 0 },
	[P_FY_RANGE] = { "(?<![A-Za-z])(?:FY|[Ff]iscal\\s+[Yy]ears?)\\s*(?:\\(FY\\)\\s*)?([0-9]{4}|[0-9]{2})(?![0-9])\\s*"
			 "(?:–|—|-|to|through)\\s*(?:FY|[Ff]iscal\\s+[Yy]ear)?\\s*([0-9]{4}|[0-9]{2})(?![0-9])", 0 },
	[P_FY] = { "(?<![A-Za-z])(?:((?i:since|by|until|through|starting in|beginning in))\\s+)?"
		   "(?:FY|[Ff]iscal\\s+[Yy]ear)\\s*(?:\\(FY\\)\\s*)?([0-9]{4}|[0-9]{2})(?![0-9])", 0 },
	[P_FY_ZH] = { "(?<![0-9])([0-9]{4})\\s*(?:财年|财政年度|会计年度)(起)?", 0 },
	[P_FY_REL] = { "(?<![A-Za-z])(?:the\\s+)?(?:last|past|previous|prior|next|coming)\\s+([0-9]+|[a-z]+)\\s+fiscal\\s+years",
		       PCRE2_CASELESS },
	[P_VAGUE_EN] = { "(?<![A-Za-z])(?:(in\\s+recent\\s+(?:years|months|weeks|decades)|at\\s+the\\s+beginning\\s+of\\s+"
			 "(?:his|her|their|this|the)\\s+(?:administration|term|presidency))|(in\\s+the\\s+coming\\s+"
			 "(?:days|weeks|months|years)(?:\\s+and\\s+(?:weeks|months|years))?|in\\s+the\\s+(?:near\\s+)?future"
			 "|on\\s+a\\s+rolling\\s+basis|at\\s+any\\s+time|as\\s+soon\\s+as\\s+(?:possible|practicable|feasible)"
			 "|from\\s+time\\s+to\\s+time|until\\s+further\\s+notice|as\\s+and\\s+when\\s+[^,;.]{3,100}"
			 "|(?:following|after|within)\\s+a\\s+reasonable\\s+(?:period|time|amount\\s+of\\s+time)"
			 "(?:\\s+(?:to|of)\\s+[a-z]+)?))", PCRE2_CASELESS },
	[P_NEXT] = { "(?<![A-Za-z])(over|in|during|for|within)\\s+the\\s+(next|coming|following|past|last|previous|preceding)\\s+"
		     NUM "\\s+(days?|weeks?|months?|years?)(?![A-Za-z])", PCRE2_CASELESS },
	[P_REL] = { "(?<![\\w.])(?:((?i:within|no\\s+later\\s+than|not\\s+later\\s+than|no\\s+more\\s+than|not\\s+more\\s+than"
		    "|for(?:\\s+a\\s+period\\s+of)?|at\\s+least|up\\s+to))\\s+)?" NUM "(?:\\s*\\([0-9]+\\))?\\s+"
		    "((?i:(?:calendar\\s+|business\\s+|working\\s+)?days?|weeks?|months?|years?))"
		    "(?:\\s+((?i:of|after|following|from|before|prior\\s+to|preceding)))?(?![\\w-])", 0 },
	[P_ZH_AFTER] = { "在?([^，,。；;：:\\s]{2,16}?)(结束|截止|关闭|开启|开放|开始)(?:之)?后", 0 },
	[P_EVENT] = { "(?<![\\w-])((?i:before|prior\\s+to|after|following|upon|on\\s+the\\s+(?:day|date)(?:\\s+that|\\s+when|\\s+on\\s+which)?))\\s+(?=\\S)", 0 },
	[P_SINCE] = { "(?<![\\w])[Ss]ince\\s+(?![0-9]|FY\\b|then\\b|the\\b)(?:[A-Z][\\w.’'-]*\\s+){1,4}(?:returned|took|assumed"
		      "|entered|became|began|started|left|was\\s+(?:signed|sworn|elected|inaugurated))\\b[^,.;:]{0,30}", 0 },
	[P_YEAR_RANGE] = { "(?<![A-Za-z])(?:between\\s+" YR "\\s+and\\s+" YR "|from\\s+" YR "\\s+(?:to|through|until)\\s+" YR ")(?![0-9])",
			   PCRE2_CASELESS },
	[P_YEAR] = { "(?<![\\w.,$§/-])(?:((?i:since|by|until|through|before|after|as\\s+of))\\s+)?" YR
		     "(?![0-9A-Za-z%]|[-–][0-9]|[.,][0-9]|\\s*年|\\s*财年)", 0 },
	[P_BARE_MONTH] = { "(?<![\\w-])(?:((?i:since|by|until|through|before|after|in|during|early|late|mid-?))\\s*)?"
			   "(" MONTHS ")(?![\\w-])", 0 },
	[P_DEICTIC] = { "(?<![\\w’'])(today|tonight|yesterday|tomorrow|this\\s+year|last\\s+year|next\\s+year)(?![\\w-])",
			PCRE2_CASELESS },
	[P_ZH_DEICTIC] = { "(今天|今日|昨天|明天|今年|去年|明年)", 0 },
	[P_VAGUE_ZH] = { "(尽早|尽快|即将|未来|不久|今后|随时|近期|日后)|(近日|日前)|(\\p{Han}{2,3}?(?:时代|政府时期|执政时期))"
			 "|([A-Za-z0-9-]*\\p{Han}{0,2}?(?:申请|注册|抽签)季)", 0 },

	[C_OBLIG] = { "(?i:\\b(?:shall|must|will|should|may|is\\s+to|are\\s+to|required|requires|need\\s+to)\\b)|须|应|需要", 0 },
	[C_NOTIFY] = { "(?i:\\bnotif(?:y|ied|ies|ication|ications)\\b)|通知", 0 },
	[C_SUBMIT] = { "(?i:\\b(?:comments?|proposals?|applications?|registrations?|nominations?|submissions?|responses)\\b)"
		       "|提交|注册|申请", 0 },
	[C_WINDOW] = { "(?i:\\b(?:open|opens|opening|registration|period|window|comments?|submissions?|applications?)\\b)", 0 },
	[C_LEAD] = { "(?i:(on\\s+or\\s+before|no\\s+later\\s+than|not\\s+later\\s+than|wait\\s+until|by|before|prior\\s+to"
		     "|until|till|through|thru|after|since|from|beginning|starting|effective|as\\s+of)\\s+(?:at\\s+)?)$", 0 },
	[C_OPENS] = { "(?i:\\b(?:open|opens|opening|begin|begins|beginning|start|starts|starting|commence|commences|launch|launches)\\b)", 0 },
	[C_EFFECTIVE] = { "(?i:\\beffective\\b|\\btakes?\\s+effect\\b)", 0 },
	[C_EXPIRE] = { "(?i:\\b(?:expire|expires|expiring|expiration|terminate|terminates|sunset)\\b)|到期|失效", 0 },
	[C_REMAIN] = { "(?i:\\b(?:remain|remains|continue|continues|in\\s+effect|in\\s+force|valid|extended|extend)\\b)", 0 },
	[C_ZH_OPENS] = { "\\G\\s*(?:正式)?(?:开启|开放|开始|启动)", 0 },
	[C_ZH_CLOSES] = { "\\G\\s*(?:正式)?(?:截止|结束|关闭)", 0 },
	[C_ZH_BY] = { "\\G\\s*(?:之前|以前|前)", 0 },
	[C_ZH_EXT] = { "(?:延长至|延至|延期至|延长到)\\s*$", 0 },
	[C_ZH_EFF] = { "\\G\\s*(?:起)?(?:正式)?生效", 0 },
	[C_PUB_VERB] = { "(?i:\\b(?:released|announced|published|unveiled|issued|signed)\\b)|发布|宣布|公布|印发|签署", 0 },
	[C_SIGNED] = { "(?i:\\bsigned\\b)|签署", 0 },
	[C_WH] = { "(?i:the\\s+white\\s+house)\\s*,?\\s*$", 0 },
	[C_FRHEAD] = { "\\[Federal\\s+Register\\s+Volume\\s+[0-9]+,\\s+Number\\s+[0-9]+\\s+\\($", 0 },
	[C_DATELINE_ZH] = { "【[^】]*$", 0 },
	[C_DATELINE_ZH_END] = { "\\G\\s*】", 0 },
	[C_DATELINE_EN] = { "\\G\\s*[A-Z][A-Z .]{2,30},\\s*$", 0 },
	[C_DASH] = { "\\G\\s*(?:—|--|–|-)", 0 },
	[C_YEAR_EXCL] = { "(?i:U\\.S\\.C\\.|Stat\\.|No\\.|Number|Volume|Vol\\.|Order|Proclamation|sections?|Law|Pages?|pp?\\."
			  "|Form|Docket|Act\\s+of)\\s*$", 0 },
	[C_TEMPORAL] = { "(?i:\\b(?:date|day|period|window|deadline|lottery|log\\s*in|login|start|end|close|closes|closing"
			 "|opening|opens|completion|issuance|publication|expiration|effective|next|registration|filing"
			 "|submission|receipt|enactment|signing|termination|conclusion|beginning)\\b)", 0 },
	[C_NOMINAL] = { "\\G(?i:(?:the\\s+)?(?:[a-z]+(?:ion|ment|al)|receipt|completion|request\\s+of)\\b)", 0 },
	[C_THIS_DOC] = { "\\G(?i:the\\s+(?:date|signing|issuance)\\s+of\\s+this\\s+(?:order|proclamation|memorandum|directive)"
			 "|this\\s+(?:order|proclamation|memorandum)|the\\s+date\\s+hereof)", 0 },
	[C_EFF_ANCHOR] = { "\\G(?i:the\\s+effective\\s+date\\b)", 0 },
	[C_PUB_ANCHOR] = { "\\G(?i:(?:the\\s+)?(?:date\\s+of\\s+)?publication\\b)", 0 },
	[C_ANC_WIN] = { "(?i:\\b(?:period|window)\\b)|窗口|注册期|申请期", 0 },
	[C_ANC_OPEN] = { "(?i:\\b(?:start|starts|opening|opens|open|begin|begins|beginning|commencement)\\b)|开启|开放|开始", 0 },
	[C_ANC_CLOSE] = { "(?i:\\b(?:close|closes|closing|closed|end|ends)\\b)|结束|截止|关闭", 0 },
	[C_SUBSEC] = { "(?i:\\bsubsection\\s+\\(([a-z]+)\\))", 0 },
	[C_ZH_ANNOUNCE] = { "\\G.{0,8}?(?:宣布|发布|公布|表示|称)", 0 },
	[C_ONLY_DATE] = { "\\G\\s*\\.?\\s*$", 0 },
	[C_ATSTART] = { "\\G\\s*(?:(?i:on)\\s+|于|在)?$", 0 },
};

/* ---- what a pattern cannot match without ------------------------------------ */

/* Most records give most extraction patterns nothing to match, and a
 * pattern that fails still walks the whole record. So each extraction
 * pattern lists what any match of it must contain, and is not run over a
 * record that lacks it. Two kinds of requirement:
 *
 *   facts, all required:
 *     R_DIGIT  an ASCII digit (the pattern needs [0-9]; \d is not used);
 *     R_MONTH  one of Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec, case
 *              as given: MON and MONTHS in a case-sensitive pattern;
 *   words: up to three lists, from each of which one word must occur in
 *     the record folded as need_scan says, so a word is lowercase ASCII
 *     (or Chinese) whether the pattern is caseless or not: "FY" and
 *     "[Ff]iscal" need "fy" and "fiscal".
 *
 * A requirement must hold for every match, through every alternative of
 * the pattern; where one alternative needs "time" and another "when",
 * the list names both. Words are taken from literals only, never across
 * \s (which under UCP also matches non-ASCII spaces). Requiring less than
 * a pattern needs only costs time; requiring more loses matches, so when
 * in doubt leave a requirement out. */
enum { R_DIGIT = 1, R_MONTH = 2 };

#define W(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define UNITS W("day", "week", "month", "year")	/* days?|weeks?|months?|years? */

static const struct {
	unsigned facts;
	const char *const *words[3];
} pat_need[P_VAGUE_ZH + 1] = {
	[P_SIGNFORM] = { 0, { W("day"), W("year"), W("lord") } },
	[P_INDEP] = { 0, { W("independence") } },
	[P_ZH_DATE] = { R_DIGIT, { W("月"), W("日", "号") } },
	[P_ZH_YM] = { R_DIGIT, { W("年"), W("月") } },
	[P_ZH_Y] = { R_DIGIT, { W("年") } },
	[P_TIME_DATE] = { R_DIGIT | R_MONTH, { NULL } },
	[P_DATE_TIME] = { R_DIGIT | R_MONTH, { NULL } },
	[P_MDY] = { R_DIGIT | R_MONTH, { NULL } },
	[P_DMY] = { R_DIGIT | R_MONTH, { NULL } },
	[P_ISO] = { R_DIGIT, { W("-") } },
	[P_US] = { R_DIGIT, { W("/") } },
	[P_MY] = { R_DIGIT | R_MONTH, { W("19", "20") } },	/* YR */
	[P_FY_RANGE] = { R_DIGIT, { W("fy", "fiscal") } },
	[P_FY] = { R_DIGIT, { W("fy", "fiscal") } },
	[P_FY_ZH] = { R_DIGIT, { W("财年", "财政年度", "会计年度") } },
	[P_FY_REL] = { 0, { W("last", "past", "previous", "prior", "next", "coming"), W("fiscal"), W("year") } },
	[P_VAGUE_EN] = { 0, { W("recent", "beginning", "coming", "future", "rolling", "time", "soon", "notice",
				"when", "reasonable") } },
	[P_NEXT] = { 0, { W("the"), W("next", "coming", "following", "past", "last", "previous", "preceding"),
			  UNITS } },
	[P_REL] = { 0, { UNITS } },
	[P_ZH_AFTER] = { 0, { W("结束", "截止", "关闭", "开启", "开放", "开始"), W("后") } },
	[P_EVENT] = { 0, { W("before", "prior", "after", "following", "upon", "day", "date") } },	/* on the day|date */
	[P_SINCE] = { 0, { W("since") } },
	[P_YEAR_RANGE] = { R_DIGIT, { W("between", "from"), W("19", "20") } },
	[P_YEAR] = { R_DIGIT, { W("19", "20") } },
	[P_BARE_MONTH] = { R_MONTH, { NULL } },
	[P_DEICTIC] = { 0, { W("today", "tonight", "yesterday", "tomorrow", "year") } },	/* this|last|next year */
	[P_ZH_DEICTIC] = { 0, { W("今天", "今日", "昨天", "明天", "今年", "去年", "明年") } },
	/* 时期 in 政府时期|执政时期; 季 ends the fourth alternative */
	[P_VAGUE_ZH] = { 0, { W("尽早", "尽快", "即将", "未来", "不久", "今后", "随时", "近期", "日后", "近日", "日前",
				    "时代", "时期", "季") } },
};

#undef UNITS
#undef W

/* The word index: the words of pat_need, each once, for one pass over a
 * record to find all that occur in it. A word is looked for only where the record has
 * two bytes a word starts with (a one-byte word: its byte and any
 * other), and there compared, 8 bytes at once, with each word of that
 * first byte. */
#define NWORDS 128

static struct {
	int n;					/* 0: not set up yet */
	const char *w[NWORDS];			/* by first byte */
	size_t len[NWORDS];
	uint64_t head[NWORDS], head_mask[NWORDS];	/* first 8 bytes, as loaded from the text */
	unsigned char from[256], count[256];	/* w[from[c]..] start with byte c */
	uint64_t pair[65536 / 64];		/* first byte << 8 | second byte */
	uint64_t need[P_VAGUE_ZH + 1][3][NWORDS / 64];	/* each list as a set of words */
} wx;

static int need_init(void)
{
	const char *all[NWORDS];
	int n = 0;
	for (int id = 0; id <= P_VAGUE_ZH; id++)
		for (int k = 0; k < 3 && pat_need[id].words[k]; k++)
			for (const char *const *w = pat_need[id].words[k]; *w; w++) {
				int dup = 0;
				for (int i = 0; i < n && !dup; i++)
					dup = !strcmp(all[i], *w);
				if (dup)
					continue;
				if (n == NWORDS)
					return PDX_ERR;	/* a programming error: raise NWORDS */
				all[n++] = *w;
			}
	int m = 0;
	for (int c = 0; c < 256; c++) {
		wx.from[c] = (unsigned char)m;
		for (int i = 0; i < n; i++)
			if ((unsigned char)all[i][0] == c)
				wx.w[m++] = all[i];
		wx.count[c] = (unsigned char)(m - wx.from[c]);
	}
	for (int i = 0; i < n; i++) {
		unsigned char h[8] = { 0 }, hm[8] = { 0 };
		wx.len[i] = strlen(wx.w[i]);
		size_t hl = wx.len[i] < 8 ? wx.len[i] : 8;
		memcpy(h, wx.w[i], hl);
		memset(hm, 0xFF, hl);
		memcpy(&wx.head[i], h, 8);
		memcpy(&wx.head_mask[i], hm, 8);
		unsigned a = (unsigned char)wx.w[i][0];
		for (unsigned b = 0; b < 256; b++)
			if (wx.len[i] == 1 || b == (unsigned char)wx.w[i][1])
				wx.pair[(a << 8 | b) / 64] |= (uint64_t)1 << ((a << 8 | b) % 64);
	}
	for (int id = 0; id <= P_VAGUE_ZH; id++)
		for (int k = 0; k < 3 && pat_need[id].words[k]; k++)
			for (const char *const *w = pat_need[id].words[k]; *w; w++) {
				int i = 0;
				while (strcmp(wx.w[i], *w))
					i++;
				wx.need[id][k][i / 64] |= (uint64_t)1 << (i % 64);
			}
	wx.n = n;
	return PDX_OK;
}

/* What a record has: its facts and the words of pat_need in it. */
typedef struct {
	unsigned facts;
	uint64_t words[NWORDS / 64];
} need_info;

/* Does the NUL-terminated p start with a month abbreviation, as cased? */
static bool month_abbr_at(const char *p)
{
	static const char mo[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	for (size_t i = 0; i < sizeof mo - 1; i += 3)
		if (p[0] == mo[i] && p[1] == mo[i + 1] && p[2] == mo[i + 2])
			return true;
	return false;
}

/* Facts and words of the NUL-terminated t of length len. Words are
 * looked for in a copy of t folded the way a caseless pattern compares:
 * ASCII lowercased, and the only two non-ASCII characters that PCRE2
 * (UTF mode) takes for an ASCII letter, K U+212A KELVIN SIGN and ſ
 * U+017F LONG S, written as k and s. Every other character is copied as
 * it is, Chinese included. Without memory for the copy of a long record
 * every requirement counts as met. */
static void need_scan(need_info *ni, const char *t, size_t len)
{
	char buf[1024];
	char *f = len + 8 <= sizeof buf ? buf : malloc(len + 8);
	size_t n = 0;
	memset(ni, 0, sizeof *ni);
	if (!f) {
		ni->facts = ~0u;
		memset(ni->words, 0xFF, sizeof ni->words);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c >= '0' && c <= '9') {
			ni->facts |= R_DIGIT;
		} else if (c >= 'A' && c <= 'Z') {
			if (!(ni->facts & R_MONTH) && month_abbr_at(t + i))
				ni->facts |= R_MONTH;
			c = (unsigned char)(c - 'A' + 'a');
		} else if (c == 0xC5 && (unsigned char)t[i + 1] == 0xBF) {
			c = 's';
			i += 1;
		} else if (c == 0xE2 && (unsigned char)t[i + 1] == 0x84 && (unsigned char)t[i + 2] == 0xAA) {
			c = 'k';
			i += 2;
		}
		f[n++] = (char)c;
	}
	memset(f + n, 0, 8);	/* the NUL, and room to load 8 bytes anywhere */
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)f[i];
		unsigned key = a << 8 | (unsigned char)f[i + 1];
		if (!(wx.pair[key / 64] >> (key % 64) & 1))
			continue;
		uint64_t h;
		memcpy(&h, f + i, 8);
		for (int k = wx.from[a]; k < wx.from[a] + wx.count[a]; k++)
			if ((h & wx.head_mask[k]) == wx.head[k] &&
			    (wx.len[k] <= 8 || (i + wx.len[k] <= n && !memcmp(f + i + 8, wx.w[k] + 8, wx.len[k] - 8))))
				ni->words[k / 64] |= (uint64_t)1 << (k % 64);
	}
	if (f != buf)
		free(f);
}

/* Can extraction pattern id match the record at all? */
static bool may_match(const need_info *ni, int id)
{
	if ((pat_need[id].facts & ni->facts) != pat_need[id].facts)
		return false;
	for (int k = 0; k < 3 && pat_need[id].words[k]; k++) {
		uint64_t any = 0;
		for (int i = 0; i < NWORDS / 64; i++)
			any |= wx.need[id][k][i] & ni->words[i];
		if (!any)
			return false;
	}
	return true;
}

static pdx_rx *pats[NPAT];
/* The patterns are compiled on first use, by whichever thread comes
 * first (the indexer parses on several); the others wait for it. */
static pthread_mutex_t pats_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool pats_ready;

static int pats_init(void)
{
	if (atomic_load_explicit(&pats_ready, memory_order_acquire))
		return PDX_OK;
	int rc = PDX_OK;
	pthread_mutex_lock(&pats_lock);
	if (!wx.n && need_init() != PDX_OK)
		rc = PDX_ERR;
	for (int i = 0; rc == PDX_OK && i < NPAT; i++) {
		if (!pats[i] && !(pats[i] = rx_new(pat_src[i].src, pat_src[i].opts)))
			rc = PDX_ERR;
	}
	if (rc == PDX_OK)
		atomic_store_explicit(&pats_ready, true, memory_order_release);
	pthread_mutex_unlock(&pats_lock);
	return rc;
}

void timeline_cleanup(void)
{
	pthread_mutex_lock(&pats_lock);
	atomic_store(&pats_ready, false);
	for (int i = 0; i < NPAT; i++) {
		rx_free(pats[i]);
		pats[i] = NULL;
	}
	pthread_mutex_unlock(&pats_lock);
}

/* ---- scan state --------------------------------------------------------- */

enum { F_READY, F_DAY, F_MONTH, F_TIME };
enum { Y_GIVEN, Y_CONTEXT, Y_FOLLOWING, Y_CTX_PREV, Y_CTX_SAME, Y_CTX_NEXT };

typedef struct {
	size_t s, e;		/* expression span */
	const char *kind;	/* NULL: span taken, nothing emitted (invalid date) */
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

typedef struct {
	const char *t;
	size_t len;
	timeline_ctx *ctx;
	cand *c;
	size_t n, cap;
	size_t ov[2 * NOV];
} scan;

#define G_SET(sc, i) ((sc)->ov[2 * (i)] != (size_t)-1)
#define G_S(sc, i) ((sc)->ov[2 * (i)])
#define G_E(sc, i) ((sc)->ov[2 * (i) + 1])
#define G_LEN(sc, i) (G_E(sc, i) - G_S(sc, i))

static bool is_order_kind(const char *k)
{
	return k && (strcmp(k, "executive_order") == 0 || strcmp(k, "proclamation") == 0 ||
		     strcmp(k, "memorandum") == 0);
}

static bool overlaps(const scan *sc, size_t s, size_t e)
{
	for (size_t i = 0; i < sc->n; i++)
		if (s < sc->c[i].e && sc->c[i].s < e)
			return true;
	return false;
}

static cand *cand_add(scan *sc, size_t s, size_t e)
{
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 16;
		cand *v = realloc(sc->c, cap * sizeof *v);
		if (!v)
			return NULL;
		sc->c = v;
		sc->cap = cap;
	}
	cand *c = &sc->c[sc->n++];
	memset(c, 0, sizeof *c);
	c->s = s;
	c->e = e;
	return c;
}

/* Does pattern id match in t[from..to)? Lookbehind may see before from. */
static bool ctx_has(const scan *sc, int id, size_t from, size_t to)
{
	size_t ov[2];
	if (from > to)
		return false;
	return rx_match(pats[id], sc->t, to, from, ov, 1) > 0;
}

static size_t align_fwd(const char *t, size_t i, size_t len)
{
	while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n && i < 6; i++)
		if (s[i] >= '0' && s[i] <= '9')
			v = v * 10 + (s[i] - '0');
	return v;
}

static bool starts_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return false;
	return true;
}

/* ---- sentences ------------------------------------------------------------ */

/* A period ends a sentence unless it closes an abbreviation or initial
 * (U.S.C., a.m., Sec., Mar.). */
static bool is_abbrev(const char *t, size_t dot)
{
	static const char *const ab[] = { "sec", "no", "mr", "mrs", "ms", "dr", "st", "inc", "co", "vol",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"seq", "stat", "gen", "jr", "sr", "pp", "fig", NULL };
	size_t b = dot;
	while (b > 0 && (isalpha((unsigned char)t[b - 1]) || t[b - 1] == '.'))
		b--;
	size_t n = dot - b;
	if (n == 0)
		return false;
	if (n == 1 || memchr(t + b, '.', n))
		return true;
	for (int i = 0; ab[i]; i++)
		if (strlen(ab[i]) == n && starts_ci(t + b, n, ab[i]))
			return true;
	return false;
}

/* Length of a sentence terminator ending at or starting at i, 0 if none. */
static size_t term_at(const char *t, size_t len, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if (c == ';' || c == '!' || c == '?')
		return 1;
	if (c == '.' && (i + 1 == len || isspace((unsigned char)t[i + 1])) && !is_abbrev(t, i))
		return 1;
	/* 。！？；：as full-width forms: E3 80 82, EF BC 81, EF BC 9F, EF BC 9B */
	if (i + 2 < len && c == 0xE3 && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0x82)
		return 3;
	if (i + 2 < len && c == 0xEF && (unsigned char)t[i + 1] == 0xBC &&
	    ((unsigned char)t[i + 2] == 0x81 || (unsigned char)t[i + 2] == 0x9F || (unsigned char)t[i + 2] == 0x9B))
		return 3;
	return 0;
}

/* How far a sentence is looked for on each side of a match: a record with
 * no sentence ends (a 50 MB line) must not make every match scan it all. */
#define SENT_WINDOW 2000

/* Move i forward to the start of a UTF-8 character. */
static size_t char_boundary(const scan *sc, size_t i)
{
	while (i < sc->len && ((unsigned char)sc->t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static size_t sent_start(const scan *sc, size_t pos)
{
	size_t floor_ = pos > SENT_WINDOW ? char_boundary(sc, pos - SENT_WINDOW) : 0;
	for (size_t i = pos; i > floor_; i--) {
		size_t k = i >= 3 ? 3 : i;
		for (size_t w = 1; w <= k; w++) {
			size_t tl = term_at(sc->t, sc->len, i - w);
			if (tl == w)
				return i;
		}
	}
	return floor_;
}

static size_t sent_end(const scan *sc, size_t pos)
{
	size_t end = sc->len - pos > SENT_WINDOW ? char_boundary(sc, pos + SENT_WINDOW) : sc->len;
	for (size_t i = pos; i < end; i++) {
		size_t tl = term_at(sc->t, sc->len, i);
		if (tl)
			return i;
	}
	return end;
}

/* Clause start for Chinese: after the last comma, colon or sentence end. */
static size_t clause_start(const scan *sc, size_t pos)
{
	size_t ss = sent_start(sc, pos);
	for (size_t i = pos; i > ss; i--) {
		const char *p = sc->t + i;
		if (p[-1] == ',' || p[-1] == ':' ||
		    (i >= ss + 3 && (memcmp(p - 3, "，", 3) == 0 || memcmp(p - 3, "：", 3) == 0 ||
				     memcmp(p - 3, "【", 3) == 0)))
			return i;
	}
	return ss;
}

static size_t clause_end(const scan *sc, size_t pos)
{
	size_t se = sent_end(sc, pos);
	for (size_t i = pos; i < se; i++) {
		const char *p = sc->t + i;
		if (*p == ',' || (i + 3 <= se && (memcmp(p, "，", 3) == 0 || memcmp(p, "】", 3) == 0)))
			return i;
	}
	return se;
}

/* ---- numbers in words ------------------------------------------------------ */

/* "two hundred and fiftieth", "nineteenth", "two thousand twenty-five":
 * the value, or -1 when a word is not a number. */
static long words_number(const char *s, size_t n)
{
	static const char *const unit[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen" };
	static const char *const unit_ord[] = { "zeroth", "first", "second", "third", "fourth", "fifth",
		"sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
		"fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth" };
	static const char *const tens[] = { "", "", "twenty", "thirty", "forty", "fifty", "sixty",
		"seventy", "eighty", "ninety" };
	static const char *const tens_ord[] = { "", "", "twentieth", "thirtieth", "fortieth", "fiftieth",
		"sixtieth", "seventieth", "eightieth", "ninetieth" };
	long total = 0, cur = 0;
	int words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		size_t b = i;
		while (i < n && isalpha((unsigned char)s[i]))
			i++;
		if (i == b)
			break;
		char w[16];
		size_t wl = i - b;
		if (wl >= sizeof w)
			return -1;
		for (size_t k = 0; k < wl; k++)
			w[k] = (char)tolower((unsigned char)s[b + k]);
		w[wl] = 0;
		if (strcmp(w, "and") == 0 || strcmp(w, "a") == 0)
			continue;
		int found = 0;
		for (int k = 0; k < 20 && !found; k++)
			if (strcmp(w, unit[k]) == 0 || strcmp(w, unit_ord[k]) == 0)
				cur += k, found = 1;
		for (int k = 2; k < 10 && !found; k++)
			if (strcmp(w, tens[k]) == 0 || strcmp(w, tens_ord[k]) == 0)
				cur += 10L * k, found = 1;
		if (!found && (strcmp(w, "hundred") == 0 || strcmp(w, "hundredth") == 0))
			cur = (cur ? cur : 1) * 100, found = 1;
		if (!found && (strcmp(w, "thousand") == 0 || strcmp(w, "thousandth") == 0))
			total += (cur ? cur : 1) * 1000, cur = 0, found = 1;
		if (!found)
			return -1;
		words++;
	}
	return words ? total + cur : -1;
}

static long count_value(const char *s, size_t n)
{
	if (n && isdigit((unsigned char)s[0]))
		return n > 6 ? -1 : num(s, n);
	return words_number(s, n);
}

static int month_of(const char *s, size_t n)
{
	static const char *const mo[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
		"sep", "oct", "nov", "dec" };
	for (int i = 0; i < 12; i++)
		if (starts_ci(s, n, mo[i]))
			return i + 1;
	return 0;
}

/* ---- zones ------------------------------------------------------------------ */

/* Standard offset and whether the US DST rule applies; false if unknown. */
static bool zone_parse(const char *z, size_t n, int *std, bool *rule)
{
	char b[48];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof b; i++)
		if (z[i] != '(' && z[i] != ')')
			b[k++] = (char)tolower((unsigned char)z[i]);
	b[k] = 0;
	static const struct { const char *name; int std; } us[] = {
		{ "eastern", -300 }, { "central", -360 }, { "mountain", -420 }, { "pacific", -480 },
		{ "东部", -300 }, { "美东", -300 } };
	static const struct { const char *abbr; int off; bool rule; } ab[] = {
		{ "et", -300, true }, { "edt", -240, false }, { "est", -300, false },
		{ "ct", -360, true }, { "cdt", -300, false }, { "cst", -360, false },
		{ "mt", -420, true }, { "mdt", -360, false }, { "mst", -420, false },
		{ "pt", -480, true }, { "pdt", -420, false }, { "pst", -480, false },
		{ "utc", 0, false }, { "gmt", 0, false } };
	for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++)
		if (strcmp(b, ab[i].abbr) == 0) {
			*std = ab[i].off;
			*rule = ab[i].rule;
			return true;
		}
	if (strstr(b, "北京")) {
		*std = 480;
		*rule = false;
		return true;
	}
	for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
		if (!strstr(b, us[i].name))
			continue;
		*std = us[i].std;
		*rule = true;
		/* an explicit "daylight"/"standard" is respected, whatever the date */
		if (strstr(b, "daylight") || strstr(b, "夏令")) {
			*std += 60;
			*rule = false;
		} else if (strstr(b, "standard") || strstr(b, "标准")) {
			*rule = false;
		}
		return true;
	}
	return false;
}

/* ---- values --------------------------------------------------------------------- */

static void set_value_date(cand *c, int y, int m, int d)
{
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

static void fy_value(char *out, size_t n, int fy_from, int fy_to)
{
	snprintf(out, n, "%04d-10-01/%04d-09-30", (fy_from - 1) % 10000, fy_to % 10000);
}

static int fy_year(const char *s, size_t n)
{
	int v = num(s, n);
	return n == 2 ? 2000 + v : v;
}

/* Compute c->value from its (now complete) fields. False: no such date. */
static bool cand_finish(cand *c)
{
	if (c->form == F_READY)
		return true;
	if (c->form == F_MONTH) {
		if (c->y <= 0 || c->m < 1 || c->m > 12)
			return false;
		snprintf(c->value, sizeof c->value, "%04d-%02d", c->y % 10000, c->m % 100);
		return true;
	}
	if (!timeline_date_valid(c->y, c->m, c->d))
		return false;
	if (c->form == F_DAY) {
		set_value_date(c, c->y, c->m, c->d);
		return true;
	}
	if (c->hh > 23 || c->mi > 59 || c->ss > 59)
		return false;
	int off = c->dst_rule ? timeline_us_offset(c->std_off, c->y, c->m, c->d, c->hh, c->mi) : c->std_off;
	long t = timeline_days_from_civil(c->y, c->m, c->d) * 1440 + c->hh * 60 + c->mi - off;
	long days = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	long mins = t - days * 1440;
	pdx_date u = timeline_civil_from_days(days);
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02dT%02ld:%02ld:%02dZ", u.y % 10000, u.m % 100,
		 u.d % 100, mins / 60, mins % 60, c->ss % 60);
	return true;
}

static void local_date(const cand *c, char out[11])
{
	timeline_date_format((pdx_date){ c->y, c->m, c->d }, out);
}

int timeline_normalize_iso(const char *s, char *out, size_t outlen, char *local)
{
	scan sc = { .t = s };
	if (!s || pats_init() != PDX_OK)
		return PDX_EFORMAT;
	sc.len = strlen(s);
	while (sc.len && isspace((unsigned char)s[sc.len - 1]))
		sc.len--;
	if (rx_match(pats[P_ISO], s, sc.len, 0, sc.ov, NOV) <= 0 || G_S(&sc, 0) != 0 || G_E(&sc, 0) != sc.len)
		return PDX_EFORMAT;
	cand c = { .form = F_DAY };
	c.y = num(s + G_S(&sc, 1), 4);
	c.m = num(s + G_S(&sc, 2), 2);
	c.d = num(s + G_S(&sc, 3), 2);
	if (G_SET(&sc, 4)) {
		c.form = F_TIME;
		c.hh = num(s + G_S(&sc, 4), 2);
		c.mi = num(s + G_S(&sc, 5), 2);
		if (G_SET(&sc, 6))
			c.ss = num(s + G_S(&sc, 6), 2);
		if (G_SET(&sc, 7) && s[G_S(&sc, 7)] != 'Z') {
			const char *z = s + G_S(&sc, 7);
			int hh = num(z + 1, 2), mm = num(z + (z[3] == ':' ? 4 : 3), 2);
			c.std_off = (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
		}
	}
	if (!cand_finish(&c))
		return PDX_EFORMAT;
	if (local)
		local_date(&c, local);
	snprintf(out, outlen, "%s", c.value);
	return PDX_OK;
}

/* ---- classification ------------------------------------------------------------- */

static int ctx_year(const scan *sc)
{
	return sc->ctx->pub_date[0] ? num(sc->ctx->pub_date, 4) : sc->ctx->year_hint;
}

/* The lead word right before s in the sentence ("by", "through", ...),
 * lowercased into out, with *ls its start; "" if none. */
static void lead_before(const scan *sc, size_t s, char *out, size_t outlen, size_t *ls)
{
	size_t ss = sent_start(sc, s);
	size_t from = s > ss + 40 ? align_fwd(sc->t, s - 40, s) : ss;
	size_t ov[4];	/* our own: sc->ov still holds the caller's match */
	out[0] = 0;
	*ls = s;
	if (rx_match(pats[C_LEAD], sc->t, s, from, ov, 2) > 0) {
		size_t k = 0;
		for (size_t i = ov[2]; i < ov[3] && k + 1 < outlen; i++)
			out[k++] = isspace((unsigned char)sc->t[i]) ? ' ' : (char)tolower((unsigned char)sc->t[i]);
		out[k] = 0;
		*ls = ov[0];
	}
}

/* Kind of a window-bound or deadline phrase ("by", "within", 前) whose
 * context is t[from..to): notification, closes (a public submission
 * window), or deadline when the sentence [os, oe) obliges someone, else
 * other: a date after "by" that nobody has to meet is no deadline. */
static const char *by_kind(const scan *sc, size_t from, size_t to, size_t os, size_t oe)
{
	if (ctx_has(sc, C_NOTIFY, from, to))
		return "notification";
	if (ctx_has(sc, C_SUBMIT, from, to))
		return "closes";
	return ctx_has(sc, C_OBLIG, os, oe) ? "deadline" : "other";
}

static bool only_date_in_record(const scan *sc, size_t s, size_t e)
{
	for (size_t i = 0; i < s; i++)
		if (!isspace((unsigned char)sc->t[i]))
			return false;
	return ctx_has(sc, C_ONLY_DATE, e, sc->len);
}

/* What an absolute date or time at [s, e) means. *ls is moved left over a
 * lead phrase worth keeping in the expression. */
static const char *date_kind(scan *sc, size_t s, size_t e, size_t *ls)
{
	const timeline_ctx *ctx = sc->ctx;
	size_t ss = sent_start(sc, s), se = sent_end(sc, e);
	size_t cs = clause_start(sc, s), ce = clause_end(sc, e);
	char lead[32];

	*ls = s;
	if (only_date_in_record(sc, s, e)) {
		if (is_order_kind(ctx->doc_kind) ||
		    (ctx->prev_text && rx_test(pats[C_WH], ctx->prev_text)))
			return "signed";
		return "published";
	}
	if (ctx_has(sc, C_WH, 0, s))
		return "signed";
	if (ctx_has(sc, C_FRHEAD, 0, s))
		return "published";
	if ((ctx_has(sc, C_DATELINE_ZH, 0, s) && ctx_has(sc, C_DATELINE_ZH_END, e, sc->len)) ||
	    (ctx_has(sc, C_DATELINE_EN, 0, s) && ctx_has(sc, C_DASH, e, sc->len)))
		return "published";

	lead_before(sc, s, lead, sizeof lead, ls);
	if (!strcmp(lead, "on or before") || !strcmp(lead, "no later than") ||
	    !strcmp(lead, "not later than") || !strcmp(lead, "by"))
		return by_kind(sc, ss, *ls, ss, se);
	if (ctx_has(sc, C_ZH_BY, e, ce))
		return by_kind(sc, cs, ce, ss, se);
	if (!strcmp(lead, "wait until"))
		return "opens";
	if (!strcmp(lead, "until") || !strcmp(lead, "till"))
		return ctx_has(sc, C_REMAIN, ss, *ls) ? "expires" : "other";
	if (!strcmp(lead, "through") || !strcmp(lead, "thru"))
		return ctx_has(sc, C_WINDOW, ss, *ls) ? "closes" : "other";
	if (!strcmp(lead, "effective"))
		return "effective";
	if (ctx_has(sc, C_ZH_OPENS, e, ce))
		return "opens";
	if (ctx_has(sc, C_ZH_CLOSES, e, ce))
		return "closes";
	if (ctx_has(sc, C_ZH_EFF, e, ce))
		return "effective";
	if (ctx_has(sc, C_ZH_EXT, cs, s))
		return "expires";
	if (strcmp(lead, "before") && strcmp(lead, "prior to") && strcmp(lead, "after") &&
	    strcmp(lead, "since") && strcmp(lead, "from")) {
		size_t w = s > ss + 80 ? align_fwd(sc->t, s - 80, s) : ss;
		if (ctx_has(sc, C_EFFECTIVE, w, s))
			return "effective";
		if (ctx_has(sc, C_EXPIRE, w, s))
			return "expires";
		w = s > ss + 40 ? align_fwd(sc->t, s - 40, s) : ss;
		if (ctx_has(sc, C_OPENS, w, s))
			return "opens";
	}
	/* "On July 23, 2025, the White House released ...", "2025年7月23日,白宫发布" */
	if (!lead[0] && ctx_has(sc, C_ATSTART, cs, s)) {
		size_t w = e + 60 < se ? align_fwd(sc->t, e + 60, sc->len) : se;
		if (ctx_has(sc, C_PUB_VERB, e, w))
			return ctx_has(sc, C_SIGNED, e, w) ? "signed" : "published";
	}
	/* keep meaningful leads in the expression, drop the rest */
	if (strcmp(lead, "before") && strcmp(lead, "prior to") && strcmp(lead, "after") &&
	    strcmp(lead, "since") && strcmp(lead, "until") && strcmp(lead, "till") &&
	    strcmp(lead, "through") && strcmp(lead, "thru") && strcmp(lead, "wait until"))
		*ls = s;
	return "other";
}

/* ---- handlers ----------------------------------------------------------------------- */

static int add_dated(scan *sc, size_t s, size_t e, int form, int y, int year_rel, int m, int d)
{
	size_t ls;
	const char *kind = date_kind(sc, s, e, &ls);
	/* keep "wait until" out: "until March 7" is the expression */
	if (ls < s && starts_ci(sc->t + ls, s - ls, "wait"))
		ls = align_fwd(sc->t, ls + 5, s);
	cand *c = cand_add(sc, ls, e);
	if (!c)
		return PDX_ENOMEM;
	c->kind = kind;
	c->form = form;
	c->prec = form == F_MONTH ? "month" : form == F_TIME ? "minute" : "day";
	c->y = y;
	c->year_rel = year_rel;
	c->m = m;
	c->d = d;
	return PDX_OK;
}

static cand *last(scan *sc)
{
	return &sc->c[sc->n - 1];
}

/* Hour and minute of an English TIME group set starting at group g. */
static bool en_time(scan *sc, int g, int *hh, int *mi)
{
	const char *t = sc->t;
	if (starts_ci(t + G_S(sc, g), G_LEN(sc, g), "noon")) {
		*hh = 12, *mi = 0;
		return true;
	}
	if (starts_ci(t + G_S(sc, g), G_LEN(sc, g), "midnight")) {
		*hh = 0, *mi = 0;
		return true;
	}
	int h = num(t + G_S(sc, g + 1), G_LEN(sc, g + 1));
	int m = G_SET(sc, g + 2) ? num(t + G_S(sc, g + 2), 2) : 0;
	if (h < 1 || h > 12 || m > 59)
		return false;
	bool pm = tolower((unsigned char)t[G_S(sc, g + 3)]) == 'p';
	*hh = (h % 12) + (pm ? 12 : 0);
	*mi = m;
	return true;
}

/* English date with an optional time: groups for month, day, year, time
 * (4 groups: time, hh, mi, am/pm) and zone; 0 when absent. */
static int handle_en(scan *sc, int gm, int gd, int gy, int gt, int gz)
{
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	int m = month_of(sc->t + G_S(sc, gm), G_LEN(sc, gm));
	int d = num(sc->t + G_S(sc, gd), G_LEN(sc, gd));
	bool has_y = G_SET(sc, gy);
	int y = has_y ? num(sc->t + G_S(sc, gy), 4) : 0;
	int hh = 0, mi = 0, std = 0;
	bool rule = false, timed = false;
	if (gt && G_SET(sc, gt) && gz && G_SET(sc, gz) &&
	    zone_parse(sc->t + G_S(sc, gz), G_LEN(sc, gz), &std, &rule))
		timed = en_time(sc, gt, &hh, &mi);
	if (m < 1 || d < 1 || d > 31 || (has_y && !timeline_date_valid(y, m, d)) ||
	    (!has_y && !timeline_date_valid(2024, m, d))) {
		cand *c = cand_add(sc, s, e);	/* no such day: take the span, say nothing */
		return c ? PDX_OK : PDX_ENOMEM;
	}
	int rc = add_dated(sc, s, e, timed ? F_TIME : F_DAY, y, has_y ? Y_GIVEN : Y_CONTEXT, m, d);
	if (rc == PDX_OK && timed) {
		cand *c = last(sc);
		c->hh = hh, c->mi = mi, c->std_off = std, c->dst_rule = rule;
	}
	return rc;
}

static int handle(scan *sc, int id)
{
	const char *t = sc->t;
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	cand *c;

	switch (id) {
	case P_SIGNFORM: {
		long d = words_number(t + G_S(sc, 1), G_LEN(sc, 1));
		long y = words_number(t + G_S(sc, 3), G_LEN(sc, 3));
		int m = month_of(t + G_S(sc, 2), G_LEN(sc, 2));
		if (d < 1 || y < 1000 || y > 9999 || !timeline_date_valid((int)y, m, (int)d))
			return 1;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "signed";
		c->prec = "day";
		c->form = F_DAY;
		c->y = (int)y, c->m = m, c->d = (int)d;
		return PDX_OK;
	}
	case P_INDEP: {
		long n = words_number(t + G_S(sc, 1), G_LEN(sc, 1));
		if (n < 1 || n > 1000)
			return 1;
		if (overlaps(sc, G_S(sc, 1), G_E(sc, 1)))
			return 1;
		if (!(c = cand_add(sc, G_S(sc, 1), G_E(sc, 1))))
			return PDX_ENOMEM;
		/* the n-th year of Independence runs from July 4 to July 3 */
		c->kind = "other";
		c->prec = "year";
		snprintf(c->value, sizeof c->value, "%04ld-07-04/%04ld-07-03", (1775 + n) % 10000, (1776 + n) % 10000);
		return PDX_OK;
	}
	case P_ZH_DATE: {
		int m = num(t + G_S(sc, 3), G_LEN(sc, 3)), d = num(t + G_S(sc, 4), G_LEN(sc, 4));
		int y = G_SET(sc, 1) ? num(t + G_S(sc, 1), 4) : 0, yr = Y_CONTEXT;
		if (G_SET(sc, 1))
			yr = Y_GIVEN;
		else if (G_SET(sc, 2)) {
			const char *w = t + G_S(sc, 2);
			yr = !strncmp(w, "去年", 6) ? Y_CTX_PREV : !strncmp(w, "今年", 6) ? Y_CTX_SAME
			   : !strncmp(w, "明年", 6) ? Y_CTX_NEXT : Y_FOLLOWING;
		}
		if (!timeline_date_valid(yr == Y_GIVEN ? y : 2024, m, d)) {
			c = cand_add(sc, s, e);
			return c ? PDX_OK : PDX_ENOMEM;
		}
		int hh = 0, mi = 0, std = 0;
		bool rule = false, timed = false;
		if (G_SET(sc, 6) && G_SET(sc, 9) && zone_parse(t + G_S(sc, 9), G_LEN(sc, 9), &std, &rule)) {
			hh = num(t + G_S(sc, 6), G_LEN(sc, 6));
			mi = G_SET(sc, 7) ? num(t + G_S(sc, 7), G_LEN(sc, 7)) : G_SET(sc, 8) ? 30 : 0;
			if (G_SET(sc, 5)) {
				const char *ap = t + G_S(sc, 5);
				bool pm = !strncmp(ap, "下午", 6) || !strncmp(ap, "晚上", 6);
				if (pm && hh < 12)
					hh += 12;
				if (!strncmp(ap, "凌晨", 6) && hh == 12)
					hh = 0;
			}
			timed = hh <= 23 && mi <= 59;
		}
		int rc = add_dated(sc, s, e, timed ? F_TIME : F_DAY, y, yr, m, d);
		if (rc == PDX_OK && timed) {
			c = last(sc);
			c->hh = hh, c->mi = mi, c->std_off = std, c->dst_rule = rule;
		}
		return rc;
	}
	case P_ZH_YM:
		return add_dated(sc, s, e, F_MONTH, num(t + G_S(sc, 1), 4), Y_GIVEN, num(t + G_S(sc, 2), G_LEN(sc, 2)), 1);
	case P_ZH_Y:
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "other";
		c->prec = "year";
		snprintf(c->value, sizeof c->value, "%.4s", t + G_S(sc, 1));
		return PDX_OK;
	case P_TIME_DATE:
		return handle_en(sc, 6, 7, 8, 1, 5);
	case P_DATE_TIME:
		return handle_en(sc, 1, 2, 3, 4, 8);
	case P_MDY:
		return handle_en(sc, 1, 2, 3, 0, 0);
	case P_DMY:
		return handle_en(sc, 2, 1, 3, 0, 0);
	case P_ISO: {
		int y = num(t + G_S(sc, 1), 4), m = num(t + G_S(sc, 2), 2), d = num(t + G_S(sc, 3), 2);
		if (!timeline_date_valid(y, m, d)) {
			c = cand_add(sc, s, e);
			return c ? PDX_OK : PDX_ENOMEM;
		}
		char buf[48], loc[11];
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%.*s", (int)(e - s), t + s);
		if (timeline_normalize_iso(tmp, buf, sizeof buf, loc) != PDX_OK)
			return 1;
		size_t ls;
		const char *kind = date_kind(sc, s, e, &ls);
		if (!(c = cand_add(sc, ls, e)))
			return PDX_ENOMEM;
		c->kind = kind;
		c->prec = strchr(buf, 'T') ? "minute" : "day";
		snprintf(c->value, sizeof c->value, "%s", buf);
		c->y = y, c->m = m, c->d = d;
		return PDX_OK;
	}
	case P_US: {
		int m = num(t + G_S(sc, 1), G_LEN(sc, 1)), d = num(t + G_S(sc, 2), G_LEN(sc, 2));
		int y = num(t + G_S(sc, 3), 4);
		if (!timeline_date_valid(y, m, d)) {
			c = cand_add(sc, s, e);
			return c ? PDX_OK : PDX_ENOMEM;
		}
		return add_dated(sc, s, e, F_DAY, y, Y_GIVEN, m, d);
	}
	case P_MY:
		return add_dated(sc, s, e, F_MONTH, num(t + G_S(sc, 2), 4), Y_GIVEN,
				 month_of(t + G_S(sc, 1), G_LEN(sc, 1)), 1);
	case P_FY_RANGE: {
		int a = fy_year(t + G_S(sc, 1), G_LEN(sc, 1)), b = fy_year(t + G_S(sc, 2), G_LEN(sc, 2));
		if (b < a || b - a > 50)
			return 1;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "fiscal_year";
		c->prec = "fiscal_year";
		fy_value(c->value, sizeof c->value, a, b);
		return PDX_OK;
	}
	case P_FY:
	case P_FY_ZH: {
		int g = id == P_FY ? 2 : 1;
		int a = fy_year(t + G_S(sc, g), G_LEN(sc, g));
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "fiscal_year";
		c->prec = "fiscal_year";
		fy_value(c->value, sizeof c->value, a, a);
		return PDX_OK;
	}
	case P_FY_REL: {
		long n = count_value(t + G_S(sc, 1), G_LEN(sc, 1));
		if (n < 1)
			return 1;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "fiscal_year";
		c->prec = "relative";
		snprintf(c->anchor, sizeof c->anchor, "%s", is_order_kind(sc->ctx->doc_kind) ? "signing" : "published");
		c->value[0] = 0;
		/* which years "the last 5" means is not certain: left unresolved */
		return PDX_OK;
	}
	default:
		return 1;
	}
}

/* Where an anchor phrase starting at s ends: at punctuation, at "of this
 * section" or "as set forth", or after max_words words. */
static size_t phrase_end(const scan *sc, size_t s, int max_words, bool short_np)
{
	static const char *const stops[] = { " of this section", " as set forth", " as described",
		" as provided", " pursuant to", NULL };
	/* an event named without an offset is a short noun phrase: "prior to
	 * filing an H-1B petition on behalf of ..." names "filing an H-1B
	 * petition" */
	static const char *const np_stops[] = { " by ", " on behalf of ", " with respect to ",
		" in order to ", " in accordance ", NULL };
	size_t i = s;
	int words = 0;
	bool in_word = false;
	while (i < sc->len) {
		char ch = sc->t[i];
		if (ch == ',' || ch == ';' || ch == ':' || (unsigned char)ch == 0xEF || (unsigned char)ch == 0xE3)
			break;
		if (ch == '.' && (i + 1 == sc->len || isspace((unsigned char)sc->t[i + 1])))
			break;
		if (ch == ' ' || ch == '\n' || ch == '\t') {
			for (int k = 0; stops[k]; k++)
				if (!strncmp(sc->t + i, stops[k], strlen(stops[k])))
					goto out;
			for (int k = 0; short_np && np_stops[k]; k++)
				if (!strncmp(sc->t + i, np_stops[k], strlen(np_stops[k])))
					goto out;
			if (in_word && ++words >= max_words)
				break;
			in_word = false;
		} else {
			in_word = true;
		}
		i++;
	}
out:
	while (i > s && isspace((unsigned char)sc->t[i - 1]))
		i--;
	return i;
}

/* Name the anchor phrase [s, e): a document event or the text itself. */
static void anchor_name(const scan *sc, size_t s, size_t e, char *out, size_t n)
{
	if (ctx_has(sc, C_THIS_DOC, s, e))
		snprintf(out, n, "signing");
	else if (ctx_has(sc, C_EFF_ANCHOR, s, e))
		snprintf(out, n, "effective");
	else if (ctx_has(sc, C_PUB_ANCHOR, s, e))
		snprintf(out, n, "published");
	else if (ctx_has(sc, C_ANC_WIN, s, e) && ctx_has(sc, C_ANC_OPEN, s, e))
		snprintf(out, n, "opens");
	else if (ctx_has(sc, C_ANC_WIN, s, e) && ctx_has(sc, C_ANC_CLOSE, s, e))
		snprintf(out, n, "closes");
	else {
		size_t k = e - s < n - 1 ? e - s : n - 1;
		while (k > 0 && ((unsigned char)sc->t[s + k] & 0xC0) == 0x80)
			k--;	/* never cut a character in two */
		memcpy(out, sc->t + s, k);
		out[k] = 0;
		squeeze_space(out);
	}
}

static bool anchor_is_event(const char *a)
{
	return !strcmp(a, "signing") || !strcmp(a, "published") || !strcmp(a, "effective") ||
	       !strcmp(a, "opens") || !strcmp(a, "closes");
}

static void set_offset(cand *c, long n, const char *unit)
{
	char u = (char)tolower((unsigned char)unit[0]);
	if (u == 'w')
		c->has_days = true, c->days = (int)(n * 7);
	else if (u == 'm')
		c->has_months = true, c->months = (int)n;
	else if (u == 'y')
		c->has_months = true, c->months = (int)(n * 12);
	else
		c->has_days = true, c->days = (int)n;
}

static const char *unit_word(const scan *sc, size_t s, size_t e)
{
	/* skip "calendar"/"business" */
	const char *p = sc->t + s, *end = sc->t + e;
	const char *sp = memchr(p, ' ', (size_t)(end - p));
	return sp ? sp + 1 : p;
}

static int handle_rel(scan *sc, int id)
{
	const char *t = sc->t;
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	size_t ss = sent_start(sc, s), se = sent_end(sc, e);
	cand *c;

	if (id == P_NEXT) {
		long n = count_value(t + G_S(sc, 3), G_LEN(sc, 3));
		if (n < 1)
			return 1;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "relative";
		set_offset(c, n, t + G_S(sc, 4));
		bool within = starts_ci(t + G_S(sc, 1), G_LEN(sc, 1), "within");
		c->kind = within && ctx_has(sc, C_OBLIG, ss, se) ? "deadline" : "other";
		if (within)
			snprintf(c->anchor, sizeof c->anchor, "%s",
				 is_order_kind(sc->ctx->doc_kind) ? "signing" : "published");
		return PDX_OK;
	}
	if (id == P_REL) {
		bool lead = G_SET(sc, 1), rel = G_SET(sc, 4);
		long n = count_value(t + G_S(sc, 2), G_LEN(sc, 2));
		if (n < 1 || n > 100000 || (!lead && !rel))
			return 1;
		const char *lw = lead ? t + G_S(sc, 1) : "";
		size_t ll = lead ? G_LEN(sc, 1) : 0;
		bool within = starts_ci(lw, ll, "within") || starts_ci(lw, ll, "no") || starts_ci(lw, ll, "not");
		bool dur = starts_ci(lw, ll, "for");
		if (lead && !within && !dur)
			return 1;	/* "at least 30 days", "up to 5 years": amounts, not times */
		char anchor[160] = "";
		size_t ae = e;
		if (rel) {
			size_t as = e;
			while (as < sc->len && isspace((unsigned char)t[as]))
				as++;
			ae = phrase_end(sc, as, 16, false);
			if (ae <= as)
				return 1;
			anchor_name(sc, as, ae, anchor, sizeof anchor);
		} else if (within) {
			snprintf(anchor, sizeof anchor, "%s", is_order_kind(sc->ctx->doc_kind) ? "signing" : "published");
		} else {
			return 1;
		}
		if (overlaps(sc, s, ae))
			return 1;
		if (!(c = cand_add(sc, s, ae)))
			return PDX_ENOMEM;
		c->prec = "relative";
		set_offset(c, n, unit_word(sc, G_S(sc, 3), G_E(sc, 3)));
		if (rel && (starts_ci(t + G_S(sc, 4), 6, "before") || starts_ci(t + G_S(sc, 4), 5, "prior") ||
			    starts_ci(t + G_S(sc, 4), 9, "preceding"))) {
			c->days = -c->days;
			c->months = -c->months;
		}
		snprintf(c->anchor, sizeof c->anchor, "%s", anchor);
		if (within) {
			c->kind = by_kind(sc, ss, s, ss, se);
			/* in an order, list items inherit the "shall" of their
			 * lead-in: "(b) Each agency head shall: ... (iii) within
			 * 90 days of ..., adopt procedures" */
			if (!strcmp(c->kind, "other") && is_order_kind(sc->ctx->doc_kind))
				c->kind = "deadline";
		}
		else if (dur || ctx_has(sc, C_EXPIRE, ss, s))
			c->kind = "expires";
		else if (ctx_has(sc, C_EFFECTIVE, ss, s))
			c->kind = "effective";
		else
			c->kind = "other";
		return PDX_OK;
	}
	if (id == P_ZH_AFTER) {
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "start";
		c->prec = "relative";
		anchor_name(sc, G_S(sc, 1), G_E(sc, 2), c->anchor, sizeof c->anchor);
		return PDX_OK;
	}
	/* P_EVENT: before/after/upon/following/on the day + an event */
	const char *lw = t + G_S(sc, 1);
	size_t ll = G_LEN(sc, 1);
	size_t as = e;
	bool upon = starts_ci(lw, ll, "upon");
	bool following = starts_ci(lw, ll, "following");
	bool onday = starts_ci(lw, ll, "on");
	bool after = starts_ci(lw, ll, "after");
	size_t ae = phrase_end(sc, as, 12, true);
	if (ae <= as)
		return 1;
	/* "the following two principles" is not a time */
	if (following && s >= 4 && starts_ci(t + s - 4, 4, "the "))
		return 1;
	if (upon ? !ctx_has(sc, C_NOMINAL, as, ae) : !onday && !ctx_has(sc, C_TEMPORAL, as, ae))
		return 1;
	if (overlaps(sc, s, ae))
		return 1;
	char anchor[160];
	anchor_name(sc, as, ae, anchor, sizeof anchor);
	if (!(c = cand_add(sc, s, ae)))
		return PDX_ENOMEM;
	c->prec = "relative";
	snprintf(c->anchor, sizeof c->anchor, "%s", anchor);
	if (upon || following)
		c->kind = "start";
	else if (onday)
		c->kind = "other";
	else if (after)
		c->kind = anchor_is_event(anchor) ? "start" : "other";
	else
		c->kind = ctx_has(sc, C_OBLIG, ss, se) ? "deadline" : "other";
	return PDX_OK;
}

static int handle_misc(scan *sc, int id)
{
	const char *t = sc->t;
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	size_t se = sent_end(sc, e);
	int cy = ctx_year(sc);
	cand *c;

	switch (id) {
	case P_SINCE:
		while (e > s && isspace((unsigned char)t[e - 1]))
			e--;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "other";
		c->prec = "relative";
		anchor_name(sc, s + 6, e, c->anchor, sizeof c->anchor);
		return PDX_OK;
	case P_YEAR_RANGE: {
		int g = G_SET(sc, 1) ? 1 : 3;
		int a = num(t + G_S(sc, g), 4), b = num(t + G_S(sc, g + 1), 4);
		if (b < a)
			return 1;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "other";
		c->prec = "year";
		snprintf(c->value, sizeof c->value, "%04d/%04d", a, b);
		return PDX_OK;
	}
	case P_YEAR: {
		size_t ys = G_S(sc, 2);
		size_t from = ys > 24 ? align_fwd(t, ys - 24, ys) : 0;
		if (ctx_has(sc, C_YEAR_EXCL, from, G_SET(sc, 1) ? s : ys))
			return 1;
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = "other";
		c->prec = "year";
		snprintf(c->value, sizeof c->value, "%.4s", t + ys);
		return PDX_OK;
	}
	case P_BARE_MONTH: {
		size_t ms = G_S(sc, 2);
		bool lead = G_SET(sc, 1);
		const char *lw = lead ? t + G_S(sc, 1) : "";
		if (!lead && !strncmp(t + ms, "May", 3))
			return 1;	/* the verb */
		bool keep = lead && !starts_ci(lw, 2, "in") && !starts_ci(lw, 6, "during") &&
			    !starts_ci(lw, 5, "early") && !starts_ci(lw, 4, "late") && !starts_ci(lw, 3, "mid");
		int rc = add_dated(sc, ms, e, F_MONTH, 0, Y_CONTEXT, month_of(t + ms, e - ms), 1);
		if (rc == PDX_OK && keep)
			last(sc)->s = s;
		return rc;
	}
	case P_DEICTIC:
	case P_ZH_DEICTIC: {
		const char *w = t + G_S(sc, 1);
		size_t wl = G_LEN(sc, 1);
		if (e < sc->len && (t[e] == '\'' || !strncmp(t + e, "’", 3)) && starts_ci(w, wl, "today"))
			return 1;	/* "today's world" */
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "day";
		c->kind = "other";
		snprintf(c->anchor, sizeof c->anchor, "published");
		bool today = starts_ci(w, wl, "today") || starts_ci(w, wl, "tonight") ||
			     !strncmp(w, "今天", 6) || !strncmp(w, "今日", 6);
		int dd = starts_ci(w, wl, "yesterday") || !strncmp(w, "昨天", 6) ? -1
		       : starts_ci(w, wl, "tomorrow") || !strncmp(w, "明天", 6) ? 1 : 0;
		int dy = starts_ci(w, wl, "last") || !strncmp(w, "去年", 6) ? -1
		       : starts_ci(w, wl, "next") || !strncmp(w, "明年", 6) ? 1 : 0;
		bool year = strstr(w, "year") ? (size_t)(strstr(w, "year") - w) < wl : false;
		year = year || !strncmp(w, "今年", 6) || !strncmp(w, "去年", 6) || !strncmp(w, "明年", 6);
		if (today) {
			size_t we = e + 80 < se ? align_fwd(t, e + 80, sc->len) : se;
			c->kind = ctx_has(sc, C_SIGNED, e, we) ? "signed" : "published";
		}
		pdx_date pd;
		if (timeline_date_parse(sc->ctx->pub_date, &pd) != PDX_OK)
			return PDX_OK;	/* no document date: stays unresolved */
		if (year) {
			c->prec = "year";
			snprintf(c->value, sizeof c->value, "%04d", (cy + dy) % 10000);
		} else {
			pd = timeline_date_add_days(pd, dd);
			timeline_date_format(pd, c->value);
		}
		return PDX_OK;
	}
	case P_VAGUE_EN:
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "vague";
		c->kind = G_SET(sc, 1) ? "other" : "vague";
		if (G_SET(sc, 1) ? starts_ci(t + s, 9, "in recent") :
		    (starts_ci(t + s, 6, "in the") || starts_ci(t + s, 5, "as soon")))
			snprintf(c->anchor, sizeof c->anchor, "published");
		return PDX_OK;
	case P_VAGUE_ZH:
		if (!(c = cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "vague";
		c->kind = G_SET(sc, 3) || G_SET(sc, 4) ? "other" : "vague";
		if (G_SET(sc, 1) || G_SET(sc, 2))
			snprintf(c->anchor, sizeof c->anchor, "published");
		/* 近日宣布: "recently announced" dates the announcement, vaguely */
		if (G_SET(sc, 2) && ctx_has(sc, C_ZH_ANNOUNCE, e, se))
			c->kind = "published";
		return PDX_OK;
	default:
		return 1;
	}
}

/* Run pattern id over the text, handing each non-overlapping match on. */
static int run(scan *sc, int id)
{
	size_t start = 0;
	while (start <= sc->len) {
		if (rx_match(pats[id], sc->t, sc->len, start, sc->ov, NOV) <= 0)
			break;
		size_t s = G_S(sc, 0), e = G_E(sc, 0);
		int rc = 1;
		if (e > s && !overlaps(sc, s, e)) {
			if (id <= P_FY_REL)
				rc = handle(sc, id);
			else if (id == P_NEXT || id == P_REL || id == P_ZH_AFTER || id == P_EVENT)
				rc = handle_rel(sc, id);
			else
				rc = handle_misc(sc, id);
			if (rc < 0)
				return rc;
		}
		/* after a rejected match, look again one character on: a shorter
		 * match may start inside it */
		size_t next = (rc == 1 || e == s) ? align_fwd(sc->t, s + 1, sc->len) : e;
		if (next <= start)
			next = start + 1;
		start = next;
	}
	return PDX_OK;
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Fill in years the text leaves out: from a later (else earlier) date of
 * the same sentence that has one, else from the document. */
static void fix_years(scan *sc)
{
	int cy = ctx_year(sc);
	for (size_t i = 0; i < sc->n; i++) {
		cand *c = &sc->c[i];
		if (!c->kind || c->form == F_READY || c->year_rel == Y_GIVEN)
			continue;
		size_t ss = sent_start(sc, c->s);
		int y = 0;
		if (c->year_rel == Y_CONTEXT) {
			for (size_t j = i + 1; j < sc->n && !y; j++)
				if (sc->c[j].kind && sc->c[j].year_rel == Y_GIVEN && sc->c[j].y &&
				    sc->c[j].form != F_READY && sent_start(sc, sc->c[j].s) == ss)
					y = sc->c[j].y;
			for (size_t j = i; j-- > 0 && !y;)
				if (sc->c[j].kind && sc->c[j].y && sc->c[j].form != F_READY &&
				    sent_start(sc, sc->c[j].s) == ss)
					y = sc->c[j].y;
			if (!y)
				y = cy;
		} else if (c->year_rel == Y_FOLLOWING) {
			for (size_t j = i; j-- > 0 && !y;)
				if (sc->c[j].kind && sc->c[j].y && sc->c[j].form != F_READY &&
				    sent_start(sc, sc->c[j].s) == ss)
					y = sc->c[j].y;
			if (!y)
				y = cy;
			if (y)
				y++;
		} else if (cy) {
			y = cy + (c->year_rel == Y_CTX_PREV ? -1 : c->year_rel == Y_CTX_NEXT ? 1 : 0);
		}
		c->y = y;
		c->year_rel = Y_GIVEN;
	}
}

static void note_event(timeline_ctx *ctx, const cand *c)
{
	char d[11];
	if (c->form == F_MONTH || !c->value[0] || !c->y)
		return;
	local_date(c, d);
	if (!strcmp(c->kind, "signed") && !ctx->signed_date[0])
		memcpy(ctx->signed_date, d, 11);
	else if (!strcmp(c->kind, "effective") && !ctx->effective[0])
		memcpy(ctx->effective, d, 11);
	else if (!strcmp(c->kind, "opens") && !ctx->opens[0])
		memcpy(ctx->opens, d, 11);
	else if (!strcmp(c->kind, "closes") && !ctx->closes[0])
		memcpy(ctx->closes, d, 11);
}

static int emit(scan *sc, pdx_record *r)
{
	for (size_t i = 0; i < sc->n; i++) {
		cand *c = &sc->c[i];
		if (!c->kind)
			continue;
		if (c->form != F_READY && (!c->y || !cand_finish(c))) {
			if (c->y)
				continue;	/* no such day */
			c->value[0] = 0;	/* no year anywhere: unresolved */
		}
		note_event(sc->ctx, c);
		char *expr = xstrndup(sc->t + c->s, c->e - c->s);
		if (!expr)
			return PDX_ENOMEM;
		pdx_time *tm = record_add_time(r, c->kind, expr, c->value[0] ? c->value : NULL, c->prec);
		free(expr);
		if (!tm)
			return PDX_ENOMEM;
		tm->has_offset_days = c->has_days;
		tm->offset_days = c->days;
		tm->has_offset_months = c->has_months;
		tm->offset_months = c->months;
		if (c->anchor[0] && !(tm->anchor = xstrdup(c->anchor)))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

void timeline_ctx_init(timeline_ctx *ctx, const char *published, const char *doc_kind)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->published = published;
	ctx->doc_kind = doc_kind;
	char norm[48];
	if (published && timeline_normalize_iso(published, norm, sizeof norm, ctx->pub_date) != PDX_OK)
		ctx->pub_date[0] = 0;
}

int timeline_extract(const char *text, timeline_ctx *ctx, pdx_record *r)
{
	int rc = pats_init();
	if (rc != PDX_OK)
		return rc;
	if (!text)
		return PDX_OK;
	scan sc = { .t = text, .len = strlen(text), .ctx = ctx };
	need_info ni;
	need_scan(&ni, text, sc.len);
	for (int id = 0; id <= P_VAGUE_ZH && rc == PDX_OK; id++)
		if (may_match(&ni, id))
			rc = run(&sc, id);
	if (rc == PDX_OK) {
		if (sc.n)	/* qsort(NULL, 0) is undefined */
			qsort(sc.c, sc.n, sizeof *sc.c, cand_cmp);
		fix_years(&sc);
		rc = emit(&sc, r);
	}
	free(sc.c);
	if (rc == PDX_OK)
		rc = timeline_resolve(ctx, r);
	return rc;
}

static const char *event_date(const timeline_ctx *ctx, const char *a)
{
	const char *d = !strcmp(a, "signing") ? ctx->signed_date : !strcmp(a, "published") ? ctx->pub_date
		      : !strcmp(a, "effective") ? ctx->effective : !strcmp(a, "opens") ? ctx->opens
		      : !strcmp(a, "closes") ? ctx->closes : "";
	return d[0] ? d : NULL;
}

int timeline_resolve(const timeline_ctx *ctx, pdx_record *r)
{
	for (size_t i = 0; i < r->ntimes; i++) {
		pdx_time *tm = &r->times[i];
		if (tm->value || !tm->anchor || !tm->precision || strcmp(tm->precision, "relative"))
			continue;
		/* an open-ended span ("the last 5 fiscal years") is not a date */
		if (tm->kind && !strcmp(tm->kind, "fiscal_year"))
			continue;
		const char *ad = event_date(ctx, tm->anchor);
		pdx_date d;
		if (!ad || timeline_date_parse(ad, &d) != PDX_OK)
			continue;
		if (tm->has_offset_months)
			d = timeline_date_add_months(d, tm->offset_months);
		if (tm->has_offset_days)
			d = timeline_date_add_days(d, tm->offset_days);
		/* a span of years with no anchor of its own stays open */
		char buf[11];
		timeline_date_format(d, buf);
		if (!(tm->value = xstrdup(buf)))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* "subsection (a)" in the anchor of a record labelled "Sec. 4(b)(iii)"
 * names the record labelled "Sec. 4(a)": point the anchor at its key. */
static int anchor_labels(pdx_records *recs, pdx_record *r)
{
	if (!r->label || strncmp(r->label, "Sec. ", 5))
		return PDX_OK;
	for (size_t i = 0; i < r->ntimes; i++) {
		pdx_time *tm = &r->times[i];
		size_t ov[4];
		if (!tm->anchor || tm->value || anchor_is_event(tm->anchor) ||
		    rx_match(pats[C_SUBSEC], tm->anchor, strlen(tm->anchor), 0, ov, 2) <= 0)
			continue;
		char label[64];
		int secn = (int)strspn(r->label + 5, "0123456789");
		snprintf(label, sizeof label, "Sec. %.*s(%.*s)", secn, r->label + 5,
			 (int)(ov[3] - ov[2]), tm->anchor + ov[2]);
		for (size_t k = 0; k < recs->n; k++) {
			pdx_record *o = &recs->v[k];
			if (o != r && o->label && !strcmp(o->label, label)) {
				char *a = xstrdup(o->key ? o->key : o->label);
				if (!a)
					return PDX_ENOMEM;
				free(tm->anchor);
				tm->anchor = a;
				break;
			}
		}
	}
	return PDX_OK;
}

/* A document without a publication date (a news clipping) takes the year
 * of its first full date for the dates it gives without one: "3月7日"
 * beside "2025年3月24日". Returns the year or 0. */
static int first_full_year(const pdx_records *recs, const char *kind)
{
	timeline_ctx c;
	timeline_ctx_init(&c, NULL, kind);
	int year = 0;
	for (size_t i = 0; i < recs->n && !year; i++) {
		pdx_records tmp = { 0 };
		pdx_record *r = records_add(&tmp);
		if (!r)
			return 0;
		c.prev_text = i ? recs->v[i - 1].text : NULL;
		if (timeline_extract(recs->v[i].text, &c, r) == PDX_OK)
			for (size_t k = 0; k < r->ntimes && !year; k++)
				if (r->times[k].value && r->times[k].precision &&
				    (!strcmp(r->times[k].precision, "day") ||
				     !strcmp(r->times[k].precision, "minute")))
					year = num(r->times[k].value, 4);
		records_free(&tmp);
	}
	return year;
}

int timeline_tag_document(pdx_doc *doc, pdx_records *recs)
{
	timeline_ctx ctx;
	int rc;
	timeline_ctx_init(&ctx, doc->published, doc->kind);
	if (!ctx.pub_date[0])
		ctx.year_hint = first_full_year(recs, doc->kind);
	for (size_t i = 0; i < recs->n; i++) {
		ctx.prev_text = i ? recs->v[i - 1].text : NULL;
		if ((rc = timeline_extract(recs->v[i].text, &ctx, &recs->v[i])) != PDX_OK)
			return rc;
	}
	/* an order without a signature block was signed the day it was published */
	if (!ctx.signed_date[0] && is_order_kind(doc->kind) && ctx.pub_date[0])
		memcpy(ctx.signed_date, ctx.pub_date, 11);
	if (ctx.signed_date[0] && (rc = doc_set(&doc->signed_date, ctx.signed_date)) != PDX_OK)
		return rc;
	bool pub_in_text = false;
	for (size_t i = 0; i < recs->n; i++) {
		if ((rc = anchor_labels(recs, &recs->v[i])) != PDX_OK ||
		    (rc = timeline_resolve(&ctx, &recs->v[i])) != PDX_OK)
			return rc;
		for (size_t k = 0; k < recs->v[i].ntimes; k++) {
			const pdx_time *tm = &recs->v[i].times[k];
			if (tm->kind && !strcmp(tm->kind, "published") && tm->value &&
			    !strncmp(tm->value, ctx.pub_date, 10))
				pub_in_text = true;
		}
	}
	/* The metadata publication time, unless the text already gives it. */
	char norm[48];
	if (doc->published && recs->n && !pub_in_text &&
	    timeline_normalize_iso(doc->published, norm, sizeof norm, NULL) == PDX_OK) {
		pdx_time *tm = record_add_time(&recs->v[0], "published", doc->published, norm,
					       strchr(norm, 'T') ? "minute" : "day");
		if (!tm)
			return PDX_ENOMEM;
	}
	return PDX_OK;
}
