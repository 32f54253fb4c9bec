/* tag_timeline_patterns.c - the timeline extractor's patterns: the
 * extraction patterns in priority order and the context patterns that
 * classify what they find; for each extraction pattern, what any match
 * must contain, so that a record without it is not scanned; compiling
 * them once, on first use. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "tag_timeline_int.h"
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
/* a zone in Chinese text, simplified or traditional, or as in English */
#define ZH_ZONE "(?:美国?|美國?)?(?:东部|東部)(?:夏令|标准|標準)?(?:时间|時間)|(?:美东|美東)(?:夏令|标准|標準)?(?:时间|時間)" \
	"|北京(?:时间|時間)|ET|EST|EDT"

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
			"([0-9]{1,2})\\s*[日号號](?:\\s*[(（]?\\s*(" ZH_ZONE ")\\s*[)）]?(?=\\s*(?:上午|下午|中午|晚上|凌晨|早上|[0-9])))?"
			"(?:\\s*(上午|下午|中午|晚上|凌晨|早上)?\\s*([0-9]{1,2})\\s*[点时點時:：]\\s*"
			"(?:([0-9]{1,2})\\s*分?|(半))?(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?)?)?"
			"(?:\\s*[(（]?\\s*(" ZH_ZONE ")\\s*[)）]?)?", 0 },
	/* a date in Chinese numerals: 十月卅一日, 二〇二五年九月二十三日 */
	[P_ZH_DATE_CN] = { "(?<![0-9〇零一二三四五六七八九十廿卅])(?:([〇零一二三四五六七八九]{4})\\s*年\\s*|(次年|翌年|明年|来年|今年|去年)\\s*)?"
			   "(十[一二]?|[一二三四五六七八九])\\s*月\\s*([一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?"
			   "|[一二三四五六七八九])\\s*[日号號]", 0 },
	/* the end of a year: 年底前, 2026年底, 明年年底 */
	[P_ZH_YEAR_END] = { "(?:(?<![0-9])([0-9]{4})\\s*年\\s*|(今年|明年|去年|当年|當年)\\s*)?(?<!财|財)(?:年底|年末|年终|年終)"
			    /* a fiscal year's end: 2025财年末 */
			    "|(?<![0-9])([0-9]{4})\\s*(?:财年|財年|财政年度|財政年度|会计年度|會計年度)\\s*(?:末|底|结束|結束)", 0 },
	/* a quarter: 明年第一季度, 2026年第三季度 */
	[P_ZH_QUARTER] = { "(?:(?<![0-9])([0-9]{4})\\s*年\\s*|(今年|明年|去年)\\s*)?第?\\s*([一二三四1-4])\\s*(?:季度|季)(?!\\p{Han}{0,1}申请)", 0 },
	[P_ZH_YM] = { "(?<![0-9])([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月(?!\\s*[0-9])", 0 },
	[P_ZH_Y] = { "(?<![0-9])([0-9]{4})\\s*年(?!\\s*[0-9])", 0 },
	[P_TIME_DATE] = { "(?<![\\w:.])" TIME "\\s*,?\\s*(?:" ZONE ")?\\s*,?\\s*(?:on\\s+)?" WD "(" MON ")" DAYYEAR, 0 },
	[P_DATE_TIME] = { "(?<![A-Za-z])" WD "(" MON ")" DAYYEAR "\\s*,?\\s+(?:at\\s+)?" TIME "(?:\\s*,?\\s*" ZONE ")?", 0 },
	[P_MDY] = { "(?<![A-Za-z])" WD "(" MON ")" DAYYEAR, 0 },
	[P_DMY] = { "(?<![0-9])([0-9]{1,2})\\s+(" MON ")\\s*,?\\s+([0-9]{4})(?![0-9])", 0 },
	[P_ISO] = { "(?<![0-9-])([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
		    "(?:\\.[0-9]+)?(?:\\s*(Z|[+-][0-9]{2}:?[0-9]{2})|\\s+(UTC|GMT|ET|EST|EDT)\\b)?)?(?![0-9])", 0 },
	[P_US] = { "(?<![0-9/])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?![0-9/])", 0 },
	/* the last day of a year, fiscal year or month: "by the end of
	 * calendar year 2026", "the end of FY 2027", "end of March 2026" */
	[P_END_OF] = { "(?<![A-Za-z])(?i:the\\s+)?(?i:end)\\s+of\\s+(?:(?i:the\\s+)?(?:((?i:calendar\\s+year|CY))|((?i:fiscal\\s+year|FY)))\\s*)?"
		       "(?:(" MON ")\\s*,?\\s+)?" YR "(?![0-9])", 0 },
	/* a quarter of a fiscal or calendar year: "Q3 FY2026", "the second
	 * quarter of fiscal year 2027", "the fourth quarter of 2026" */
	[P_QUARTER] = { "(?<![A-Za-z])(?:Q([1-4])|(?i:(?:the\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\s+of))\\s*"
			"(?:(?i:the\\s+)?((?i:fiscal\\s+year|FY))|(?i:calendar\\s+year|CY))?\\s*((?:19|20)?[0-9]{2})(?![0-9])", 0 },
	/* a time of day with its zone and no date: "5:00 p.m. Eastern Time";
	 * a range of two sharing the zone: "from 9 a.m. to 5 p.m. EDT" */
	[P_TIME_ZONE] = { "(?<![\\w:.])(?:" TIME "\\s*(?:to|until|till|through|and|-|\xe2\x80\x93|\xe2\x80\x94)\\s*)?"
			  TIME "\\s*,?\\s*" ZONE, 0 },
	/* "noon Eastern Time", "by midnight ET" */
	[P_TIME_NOON] = { "(?<![\\w:.])((?i:noon|midnight))\\s*,?\\s*" ZONE, 0 },
	/* the same in Chinese, the zone before or after: "美东时间上午9点",
	 * "下午5点(美东时间)" */
	[P_ZH_TIME] = { "(?:(" ZH_ZONE ")\\s*)?(上午|下午|中午|晚上|凌晨|早上)?\\s*(?<![0-9])([0-9]{1,2})\\s*[点时點時:：]\\s*"
			"(?:([0-9]{1,2})(?![0-9])\\s*分?|(半))?(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?)?"
			"(?:\\s*[(（]?\\s*(" ZH_ZONE ")\\s*[)）]?)?", 0 },
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
			 "|(?:within|over|in)\\s+the\\s+(?:next|coming)\\s+decades?"
			 "|(?<=\\s)regularly(?=[\\s,.;])"
			 "|(?:throughout|in|over)\\s+the\\s+(?:year|months|weeks)\\s+ahead"
			 "|on\\s+a\\s+rolling\\s+basis|at\\s+any\\s+time|as\\s+soon\\s+as\\s+(?:possible|practicable|feasible)"
			 "|from\\s+time\\s+to\\s+time|until\\s+further\\s+notice|as\\s+and\\s+when\\s+[^,;.]{3,100}"
			 "|(?:following|after|within)\\s+a\\s+reasonable\\s+(?:period|time|amount\\s+of\\s+time)"
			 "(?:\\s+(?:to|of)\\s+[a-z]+)?))", PCRE2_CASELESS },
	[P_NEXT] = { "(?<![A-Za-z])(over|in|during|for|within)\\s+the\\s+(next|coming|following|past|last|previous|preceding)\\s+"
		     NUM "\\s+(days?|weeks?|months?|years?)(?![A-Za-z])", PCRE2_CASELESS },
	/* "on the third anniversary of the effective date" */
	[P_ANNIV] = { "(?<![A-Za-z])(?i:the\\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
		      "[0-9]{1,2}(?:st|nd|rd|th))\\s+anniversary\\s+of)\\s+(?=\\S)", 0 },
	[P_REL] = { "(?<![\\w.])(?:((?i:within|no\\s+later\\s+than|not\\s+later\\s+than|no\\s+more\\s+than|not\\s+more\\s+than"
		    "|for(?:\\s+a\\s+period\\s+of)?|at\\s+least|up\\s+to))\\s+)?" NUM "(?:\\s*\\([0-9]+\\))?\\s+"
		    "((?i:(?:calendar\\s+|business\\s+|working\\s+)?days?|weeks?|months?|years?))"
		    "(?:\\s+((?i:of|after|following|from|before|prior\\s+to|preceding)))?(?![\\w-])", 0 },
	[P_ZH_AFTER] = { "在?([^，,。；;：:\\s]{2,16}?)(结束|截止|关闭|开启|开放|开始)(?:之)?后", 0 },
	[P_EVENT] = { "(?<![\\w-])((?i:before|prior\\s+to|after|following|upon|on\\s+the\\s+(?:day|date)(?:\\s+that|\\s+when|\\s+on\\s+which)?"
		      "|(?:beginning|starting|commencing)\\s+(?:on|with|upon|from)))\\s+(?=\\S)", 0 },
	/* recurring: "annually thereafter", "every 90 days", "at least twice a year", 每年 */
	[P_RECUR] = { "(?<![A-Za-z])(?:(?i:(annually|yearly|quarterly|monthly|semi-?annually|biennially)(?:\\s+thereafter)?"
		      /* "on an annual basis", "an annual report thereafter" */
		      "|(?|on\\s+an?\\s+(annual|yearly|quarterly|monthly|semi-?annual|biennial)\\s+basis(?:\\s+thereafter)?"
		      "|an?\\s+(annual|yearly|quarterly|monthly|semi-?annual|biennial)\\s+[a-z]+\\s+thereafter)"
		      "|every\\s+([0-9]+|[a-z]+)\\s+(days?|weeks?|months?|years?)(?:\\s+thereafter)?"
		      "|at\\s+least\\s+(once|twice|three\\s+times|four\\s+times)\\s+(?:a|per|each|every)\\s+(year|quarter|month)"
		      "|(?:each|every)\\s+(year|quarter|month)(?:\\s+thereafter)?"
		      "|(bi-?annually|half-?yearly|twice\\s+(?:a\\s+year|yearly|annually|per\\s+year)|weekly))(?![A-Za-z])|每(年|季度|月|半年))", 0 },
	/* immediate: "shall promptly", 立即 */
	[P_IMMED] = { "(?<![A-Za-z])(?i:immediately|promptly|forthwith|without\\s+delay)(?![A-Za-z])|立即|立刻|即日起", 0 },
	/* conditional: "until such action is finalized", "during periods when ...",
	 * "during the performance period", "pending the completion of ..." */
	[P_COND] = { "(?<![A-Za-z])(?i:(?:until|unless)\\s+((?:such|the|it|they|this|that|any|an?)\\s+[a-z][^,;.:0-9]{0,100}?"
		     "\\s+(?:is|are|has|have|been|be)\\s+(?:[a-z]+ly\\s+)?[a-z]+(?:ed|en))(?![a-z])"
		     "|during\\s+((?:the\\s+)?(?:[a-z-]+\\s+){0,2}periods?\\s+(?:when|in\\s+which|that)\\s+[^,;.:0-9]{3,150})"
		     "|during\\s+(the\\s+(?!same\\b|this\\b|that\\b)(?:[a-z-]+\\s+){1,2}period)(?![a-z])"
		     /* "pending the completion of a review": until an event */
		     "|pending\\s+((?:the\\s+)?(?:completion|outcome|conclusion|resolution|results?|issuance|"
		     "finalization|adoption)\\s+of\\s+[^,;.:0-9]{3,150}))", 0 },
	/* Chinese relative deadlines and spans: 在30天内, 三个月内, 簽署後90天內, 为期6个月 */
	[P_ZH_REL] = { "(?:(?:在|于|於)\\s*)?(?:(签署|簽署|发布|發布|公布|生效|实施|實施)(?:之)?(?:后|後)\\s*)?"
		       "((?:[0-9]++|[一二三四五六七八九十百两兩廿卅]++))\\s*(?:个|個)?\\s*(天|日|周|週|星期|月|年)\\s*(?:之|以)?(?:内|內)"
		       "|(为期|為期)\\s*((?:[0-9]++|[一二三四五六七八九十百两兩廿卅]++))\\s*(?:个|個)?\\s*(天|日|周|週|星期|月|年)"
		       /* 自公告发布之日起30日后: an offset after an event */
		       "|(?:(签署|簽署|发布|發布|公布|生效|实施|實施)之日)?起\\s*((?:[0-9]++|[一二三四五六七八九十百两兩廿卅]++))"
		       "\\s*(?:个|個)?\\s*(天|日|周|週|星期|月|年)\\s*(?:之|以)?(?:后|後)", 0 },
	/* a day-only date: 24日, 二十三日, 廿三日 (month and year from the document's date) */
	[P_ZH_DAY] = { "(?:(本月|当月|當月|下月|下个月|下個月|上月|上个月|上個月)\\s*|(?<![0-9月年一二三四五六七八九十廿卅]))"
		       "([0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
		       "|卅一?|[二三四五六七八九])\\s*(?:日|号|號)(?!本|元|圆|圓|内|內|以内)", 0 },
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
	[C_PUB_VERB] = { "(?i:\\b(?:released|announced|published|unveiled|issued|signed)\\b)|发布|宣布|公布|印发|签署"
			 "|發布|宣佈|公佈|印發|簽署", 0 },
	[C_SIGNED] = { "(?i:\\bsigned\\b)|签署|簽署", 0 },
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
	[C_NOMINAL] = { "\\G(?i:(?:the\\s+)?(?:[a-z]+(?:ion|ment|al|ance|ence|ure)|receipt|completion|request\\s+of)\\b)", 0 },
	[C_THIS_DOC] = { "\\G(?i:the\\s+(?:date|signing|issuance)\\s+of\\s+this\\s+(?:order|proclamation|memorandum|directive)"
			 "|this\\s+(?:order|proclamation|memorandum)|the\\s+date\\s+hereof)", 0 },
	[C_THIS_NOTICE] = { "\\G(?i:the\\s+(?:date|issuance|publication)\\s+of\\s+this\\s+(?:notice|document|(?:interim\\s+)?(?:final\\s+)?rule"
			    "|announcement|guidance|bulletin|release|alert|update)|this\\s+(?:notice|document|announcement))", 0 },
	[C_EFF_ANCHOR] = { "\\G(?i:the\\s+effective\\s+date\\b)", 0 },
	[C_PUB_ANCHOR] = { "\\G(?i:(?:the\\s+)?(?:date\\s+of\\s+)?publication\\b)", 0 },
	[C_ANC_WIN] = { "(?i:\\b(?:period|window)\\b)|窗口|注册期|申请期", 0 },
	[C_ANC_OPEN] = { "(?i:\\b(?:start|starts|opening|opens|open|begin|begins|beginning|commencement)\\b)|开启|开放|开始", 0 },
	[C_ANC_CLOSE] = { "(?i:\\b(?:close|closes|closing|closed|end|ends)\\b)|结束|截止|关闭", 0 },
	[C_SUBSEC] = { "(?i:\\bsubsection\\s+\\(([a-z]+)\\))", 0 },
	[C_ZH_ANNOUNCE] = { "\\G.{0,8}?(?:宣布|发布|公布|表示|称)", 0 },
	[C_ONLY_DATE] = { "\\G\\s*\\.?\\s*$", 0 },
	/* the end of a range of times, with the zone both share:
	 * 上午9点至下午5点(美东时间) */
	[C_ZH_RANGE_ZONE] = { "\\G\\s*(?:至|到|-|\xe2\x80\x93|~|～)\\s*(?:上午|下午|中午|晚上|凌晨|早上)?\\s*[0-9]{1,2}\\s*[点时點時:：]"
			      "\\s*(?:[0-9]{1,2}\\s*分?|半)?\\s*[(（]?\\s*(" ZH_ZONE ")", 0 },
	/* what joins the two ends of a range: "from 9 a.m. to 5 p.m." */
	[C_RANGE_GAP] = { "^\\s*(?:(?i:to|until|till|through|and)|-|\xe2\x80\x93|\xe2\x80\x94|至|到|~|～)\\s*$", 0 },
	/* a Federal Register document's signature line: "Dated: September 24, 2025." */
	[C_DATED] = { "^\\s*(?:Dated|Signed)\\s*:\\s*$", 0 },
	[C_ZH_ZONE_END] = { "(" ZH_ZONE ")\\s*$", 0 },
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
	[P_ZH_DATE_CN] = { 0, { W("月"), W("日", "号", "號") } },
	[P_ZH_YEAR_END] = { 0, { W("年底", "年末", "年终", "年終") } },
	[P_ZH_QUARTER] = { 0, { W("季") } },
	[P_ZH_YM] = { R_DIGIT, { W("年"), W("月") } },
	[P_ZH_Y] = { R_DIGIT, { W("年") } },
	[P_TIME_DATE] = { R_DIGIT | R_MONTH, { NULL } },
	[P_DATE_TIME] = { R_DIGIT | R_MONTH, { NULL } },
	[P_MDY] = { R_DIGIT | R_MONTH, { NULL } },
	[P_DMY] = { R_DIGIT | R_MONTH, { NULL } },
	[P_ISO] = { R_DIGIT, { W("-") } },
	[P_US] = { R_DIGIT, { W("/") } },
	[P_END_OF] = { R_DIGIT, { W("end"), W("19", "20") } },
	[P_QUARTER] = { R_DIGIT, { W("q1", "q2", "q3", "q4", "quarter") } },
	[P_TIME_ZONE] = { R_DIGIT, { NULL } },
	[P_TIME_NOON] = { 0, { W("noon", "midnight") } },
	[P_ZH_TIME] = { R_DIGIT, { W("时间", "時間", "et", "est", "edt") } },
	[P_MY] = { R_DIGIT | R_MONTH, { W("19", "20") } },	/* YR */
	[P_FY_RANGE] = { R_DIGIT, { W("fy", "fiscal") } },
	[P_FY] = { R_DIGIT, { W("fy", "fiscal") } },
	[P_FY_ZH] = { R_DIGIT, { W("财年", "财政年度", "会计年度") } },
	[P_FY_REL] = { 0, { W("last", "past", "previous", "prior", "next", "coming"), W("fiscal"), W("year") } },
	[P_VAGUE_EN] = { 0, { W("recent", "beginning", "coming", "future", "rolling", "time", "soon", "notice",
				"when", "reasonable", "decade", "regularly", "ahead") } },
	[P_NEXT] = { 0, { W("the"), W("next", "coming", "following", "past", "last", "previous", "preceding"),
			  UNITS } },
	[P_ANNIV] = { 0, { W("anniversary") } },
	[P_REL] = { 0, { UNITS } },
	[P_ZH_AFTER] = { 0, { W("结束", "截止", "关闭", "开启", "开放", "开始"), W("后") } },
	[P_EVENT] = { 0, { W("before", "prior", "after", "following", "upon", "day", "date", "beginning", "starting",
			      "commencing") } },	/* on the day|date */
	[P_RECUR] = { 0, { W("annual", "yearly", "quarterly", "monthly", "biennial", "every", "each", "once", "twice", "times", "weekly",
			      "每") } },
	[P_IMMED] = { 0, { W("immediately", "promptly", "forthwith", "delay", "立即", "立刻", "即日起") } },
	[P_COND] = { 0, { W("until", "unless", "during", "pending") } },
	[P_ZH_REL] = { 0, { W("内", "內", "为期", "為期", "后", "後") } },
	[P_ZH_DAY] = { 0, { W("日", "号", "號") } },
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
 * first byte. NWORDS is in tag_timeline_int.h. */
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

/* Facts and words of the NUL-terminated t of length len. Words are
 * looked for in a copy of t folded the way a caseless pattern compares:
 * ASCII lowercased, and the only two non-ASCII characters that PCRE2
 * (UTF mode) takes for an ASCII letter, K U+212A KELVIN SIGN and ſ
 * U+017F LONG S, written as k and s. Every other character is copied as
 * it is, Chinese included. Without memory for the copy of a long record
 * every requirement counts as met. */
void tl_need_scan(need_info *ni, const char *t, size_t len)
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
			if (!(ni->facts & R_MONTH) && pdx_month_abbr_at(t + i))
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
bool tl_may_match(const need_info *ni, int id)
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

pdx_rx *tl_pats[NPAT];
/* The patterns are compiled on first use, by whichever thread comes
 * first (the indexer parses on several); the others wait for it. */
static pthread_mutex_t pats_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool pats_ready;

int tl_pats_init(void)
{
	if (atomic_load_explicit(&pats_ready, memory_order_acquire))
		return PDX_OK;
	int rc = PDX_OK;
	pthread_mutex_lock(&pats_lock);
	if (!wx.n && need_init() != PDX_OK)
		rc = PDX_ERR;
	for (int i = 0; rc == PDX_OK && i < NPAT; i++) {
		if (!tl_pats[i] && !(tl_pats[i] = rx_new(pat_src[i].src, pat_src[i].opts)))
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
		rx_free(tl_pats[i]);
		tl_pats[i] = NULL;
	}
	pthread_mutex_unlock(&pats_lock);
}
