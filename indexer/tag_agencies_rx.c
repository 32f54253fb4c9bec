/* tag_agencies_rx.c - the agency tagger's patterns and their compilation:
 * the tagger made from a gazetteer (tagger_new).
 *
 * The patterns are PCRE2. Most are fixed: the trigger words before a list
 * of names ("Led by", "in collaboration with") and after it ("should",
 * "shall", "-led"). Two are made from the gazetteer's short names of
 * departments: the coordinated forms ("the Commerce and State
 * Departments"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tag_agencies_int.h"
#include "rx.h"
#include "polidex/util.h"

/* Filler words between a trigger and the list it governs: "Through
 * collaboration with industry, NIST", "agencies such as the FDA". */
#define FILL "(?:(?:[\\w'\xe2\x80\x99&-]+\\s){0,5}[\\w'\xe2\x80\x99&-]+,?\\s(?:(?:and|or)\\s)?" \
	"(?:(?:to\\sinclude:?|including|such\\sas|like|namely|particularly|especially|notably)\\s)?)?(?:the\\s)?"

/* The office of a body's head: "instructs the Director of the" OMB. */
#define TITLE "(?:(?:assistant\\sto\\sthe\\spresident(?:\\sfor\\s[\\w\\s]{3,40}?)?\\sand\\s)?" \
	"(?:assistant\\s|deputy\\s|under\\s|executive\\s)?(?:director|administrator|secretary|" \
	"chair|chairman|chairperson|head|commissioner)\\s(?:of|for)\\s(?:the\\s)?" \
	/* a title before the name an article calls its holder by ("Director Kratsios") */ \
	"|(?-i:(?:Director|Secretary|Administrator|Chair|Chairman|Commissioner|Ambassador|Under\\sSecretary)\\s)" \
	/* a title that is the name, qualified ("Under Secretary of State") */ \
	"|(?-i:(?:Under|Deputy|Assistant|Acting)\\s))?"
/* Punctuation that may open a clause before its subject. */
#define OPEN "[\\s\"'\xe2\x80\x9c\xe2\x80\x98\xe3\x80\x90\\[*\xe2\x80\x94\xe2\x80\x93-]*"
/* "The U.S. Department of Treasury". */
#define US "(?:(?:U\\.S\\.|US|United\\sStates|White\\sHouse|America's|America\xe2\x80\x99s)\\s)?"

#define SUPPORT_WITH \
	"\\b(?:collaborations?|coordination|consultations?|partnerships?|cooperation|conjunction|concert|engagement)" \
	"(?:\\s(?:and|or)\\s(?:collaboration|coordination|consultation|partnership|cooperation))?\\s(?:with|between|among)\\s"
#define SUPPORT_FROM \
	"(?:\\b(?:with|subject\\sto)\\s(?:the\\s)?(?:support|input|assistance|help|participation|advice|contributions?|" \
	"involvement|cooperation|concurrence|approval|feedback|expertise|guidance)\\s(?:of|from)\\s" \
	"|\\b(?:after|following|upon)\\s(?:the\\s)?(?:review|approval)\\s(?:by|of)\\s)"
#define SUPPORT_VERB \
	"\\b(?:collaborat|coordinat|consult|partner|work|cooperat|engag|liais|team)\\w*\\s" \
	"(?:closely\\s|together\\s|jointly\\s|directly\\s)?with\\s"

static const char *const patterns[RX_COUNT] = {
	[RX_GAP] =
	"^(?!.*\\bincluding\\s(?:members|representatives|participants|staff|officials|experts))(?:"
	/* "DOC's revamped CHIPS Program Office": one modifier may stand
	 * between the owner and the office it owns */
	"(?:'s|\xe2\x80\x99s)\\s(?:[a-z][\\w-]*\\s)?"
	/* "the Secretary of Commerce, through NOAA, and ...": the office
	 * acted through takes the role of the one acting */
	"|,\\s(?:acting\\s)?(?:through|via)\\s(?:the\\s)?" TITLE
	/* the holder named between two titles: "Under Secretary of State
	 * Jacob Helberg, Under Secretary of Commerce William Kimmitt" */
	"|(?-i:(?:\\s[A-Z][a-z\x27\xe2\x80\x99-]+){1,3}),\\s(?:and\\s)?(?:the\\s)?" TITLE
	"|(?:'s|\xe2\x80\x99s)?\\s(?:at|within|in|through|via|under|inside|of)\\s"
	"(?:(?:its|their|the)\\s(?:[\\w&-]+\\s){0,6}?(?:at|within|in|of)\\s)?(?:the\\s)?"
	"|\\s?(?:[,;/\xe2\x80\x93-]|\xe3\x80\x81|\xef\xbc\x8c)?\\s?"
	"(?:(?:and|or|as\\swell\\sas|and/or|plus|together\\swith|along\\swith)\\s|和|与|與|及|以及|或)?"
	"(?:including\\s)?"
	"(?:(?:other|all|relevant|appropriate|members\\sof|member\\sagencies\\sof|components\\sof|"
	"elements\\sof|the|its|their|(?:assistant\\s|deputy\\s|under\\s|executive\\s)?"
	"(?:director|administrator|secretary|chair|chairman|chairperson|head|commissioner|members?)"
	"(?:\\sof)?)\\s)*"
	/* "..., Under Secretary of Commerce": a title that is the name, qualified */
	"(?:(?:under|deputy|assistant|acting)\\s)?"
	")\\z",

	[RX_PRE_LEAD] =
	"(?:\\b(?:led|managed|overseen|run|headed|chaired|administered|coordinated|conducted|implemented|"
	"executed|operated|sponsored|enabled|spearheaded|convened|hosted|carried\\sout|undertaken|"
	"performed|championed|driven|steered|staffed|housed)\\sby\\s" FILL
	"|\\bunder\\sthe\\s(?:auspices|leadership|direction|aegis|stewardship|oversight)\\sof\\s(?:the\\s)?"
	"|\\b(?:establish|create|launch|develop|set\\sup|stand\\sup|build|form|house|pilot|institute|"
	"convene|locate|situate)(?:s|es|ed|d)?\\b[^;:]*?\\s(?:at|within|under|inside)\\s(?:the\\s)?"
	"|\\b(?:direct|instruct|task|charge|call\\son|authorize|empower|delegate\\sto|assign\\sto)"
	"(?:s|es|ed|d|ing)?\\s(?:the\\s)?"
	/* "the Secretary of Commerce, acting through the Director of NIST":
	 * the office acted through acts too */
	"|\\bacting\\sthrough\\s(?:the\\s)?"
	/* an attribution after a quotation: "said Secretary of Education Linda
	 * McMahon", "said Michael Kratsios, Director of the", "said Brian
	 * Stone, performing the duties of the NSF director" */
	"|\\b(?:said|says|added|noted|stated)\\s(?:(?-i:(?:[A-Z][\\w.\x27\xe2\x80\x99-]*\\s){0,3}[A-Z][\\w\x27\xe2\x80\x99-]*),"
	"\\s(?:(?:performing|exercising)\\sthe\\s(?:duties|functions)\\sof\\s)?)?(?:the\\s)?(?:U\\.S\\.\\s)?"
	/* "it is imperative that the Department of War prioritize" */
	"|\\b(?:imperative|essential|necessary)\\sthat\\s(?:the\\s)?"
	/* 責成能源部, 要求美國司法部長: the body ordered to act */
	"|(?:责成|責成|要求|指示|指令|授权|授權|命令)(?:美国|美國)?"
	"|由)" TITLE "\\z",

	[RX_PRE_THROUGH] =
	"\\b(?:through|via)\\s(?:(?:close\\s|continued\\s)?(?:collaboration|coordination|cooperation|"
	"partnerships?|work|efforts?|engagement|consultation)\\s(?:with|between|among|of|by)\\s)?" FILL TITLE "\\z",

	[RX_PRE_SUBJ] = "^" OPEN "(?:\\(\\w{1,5}\\)\\s)?(?:[A-Z][A-Za-z]*:\\s)?(?:the\\s)?" US TITLE "\\z",

	[RX_POST_MODAL] = "^(?!['\xe2\x80\x99]s)[^;:]{0,600}?\\b(?:shall|should|must)\\b"
	"(?!\\sbe\\s(?:\\w+ly\\s)?\\w{2,}(?:ed|en|wn|un|lt|nt|ne)\\b(?!\\sto\\s))",

	[RX_PRE_INIT] = "^" OPEN "(?:at|within|under|in)\\s(?:the\\s)?" TITLE "\\z",

	[RX_PRE_SUPPORT] =
	"(?:" SUPPORT_WITH "(?:the\\s)?|" SUPPORT_FROM "(?:the\\s)?|" SUPPORT_VERB "(?:the\\s)?"
	"|\\bincluding\\s(?:members|representatives|participants|staff|experts|officials)\\s(?:of|from)\\s(?:the\\s)?"
	"|\\bconsult(?:s|ing|ed)?\\s(?:the\\s)?"
	"|\\bjoined\\sby\\s(?:the\\s)?"
	"|\\b(?:supported|assisted|advised|aided)\\sby\\s(?:the\\s)?"
	/* "share information with X": X receives */
	"|\\b(?<!information\\s)(?<!data\\s)(?<!consistent\\s)(?<!accordance\\s)(?<!compliance\\s)(?<!comply\\s)(?<!complies\\s)"
	"(?<!line\\s)(?<!filed\\s)(?<!file\\s)(?<!register\\s)(?<!registered\\s)(?<!contract\\s)"
	"(?<!contracts\\s)(?<!compared\\s)(?<!associated\\s)(?<!agreement\\s)with\\s(?:the\\s)?"
	"|会同|协同|協同|配合|联合|聯合)" TITLE "\\z",

	[RX_PRE_SUPPORT_LOOSE] =
	"(?:" SUPPORT_WITH "|" SUPPORT_FROM "|" SUPPORT_VERB ")" FILL TITLE "\\z",

	/* the partners' clause goes on to the list: no comma since its
	 * "with" ("in consultation with the Chair of the ITC and the
	 * Commissioner of CBP, shall": both partners) */
	[RX_PRE_SUPPORT_OPEN] =
	"\\b(?:in\\s(?:consultation|coordination|collaboration|cooperation|partnership|conjunction)\\swith|"
	"with\\sthe\\s(?:support|assistance|advice|concurrence)\\sof)\\s[^,;:()]{0,160}\\z",

	[RX_PRE_PASSIVE] =
	"\\b(?:be|been|being|is|are|was|were)\\s(?:\\w+ly\\s)?\\w+(?:ed|en|wn|un|lt|nt|ne)"
	/* "should be reviewed and updated regularly, including by OSTP" */
	"(?:\\s(?:and|or)\\s\\w+(?:ed|en|wn|un|lt|nt|ne))?(?:\\s\\w+ly)?,?(?:\\sincluding)?"
	/* "shall be delivered to me by the Director of OMB" */
	"(?:\\s(?:to|for)\\s(?:me|us|him|them|the\\sPresident))?\\sby\\s" FILL TITLE "\\z",

	[RX_PRE_CLAUSE] =
	"(?:^|[,;:(]\\s?|[.!?,][\"\xe2\x80\x9d\xe2\x80\x99]\\s|[\xef\xbc\x8c\xe3\x80\x82\xef\xbc\x9a\xef\xbc\x9b\xef\xbc\x88]|"
	"\\b(?:that|which|and|but|while|where|today|now)\\s)" OPEN "(?:the\\s)?" US TITLE "\\z",

	[RX_PRE_AMBIG] = "\\b(?:the|by|with|through|via|from)\\s\\z",

	[RX_POST_LEAD] =
	"^(?:[-\xe2\x80\x93]led\\b"
	"|(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,80}[)\xef\xbc\x89])?"
	"(?:,?\\s(?:and|or)\\s(?:(?:other|all|relevant|appropriate|academic|private|industry|interagency|"
	"federal|state|local|partner|participating|their|its|the)\\s)*(?:[\\w-]+\\s){0,2}?"
	"(?:agencies|partners|departments|bodies|entities|stakeholders|offices|components|organizations|"
	"institutions|councils|laboratories|labs|members|universities|companies|industry))?"
	"(?:,\\s(?:in\\s(?:consultation|coordination|collaboration|cooperation|partnership|conjunction)\\swith|"
	"acting\\sthrough|through|with\\sthe\\s(?:support|concurrence|assistance|advice)\\sof|as\\sappropriate|"
	"where\\sappropriate|consistent\\swith|to\\sthe\\sextent|together\\swith|along\\swith)[^;]{0,240}?,)?"
	/* its head, named: "Energy Secretary Chris Wright will" */
	"(?-i:(?:\\s(?:Secretary|Administrator|Director|Chair|Chairman|Chairwoman|Commissioner|Deputy\\sSecretary))?"
	"(?:\\s[A-Z](?:[a-z'\xe2\x80\x99][\\w'\xe2\x80\x99-]*|\\.(?:[A-Z]\\.)*)){1,3}?)?"
	",?\\s(?:(?:should|shall|will|must|may|can)"
	/* not the subject of a passive ("shall be consulted"), unless it is
	 * told to act ("shall be required to report") */
	"(?!\\sbe\\s(?:\\w+ly\\s)?\\w{2,}(?:ed|en|wn|un|lt|nt|ne)\\b(?!\\sto\\s))"
	"|(?:is|are)\\s(?:hereby\\s)?(?:authorized\\sand\\s)?(?:directed|instructed|tasked|"
	"expected|encouraged|charged|responsible)|(?:has|have)\\sbeen\\s(?:directed|tasked|charged))\\b"
	"|(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,40}[)\xef\xbc\x89])?(?:等[^，。；、]{0,12}?)?"
	"(?:牵头|牽頭|负责|負責|主导|主導))",

	[RX_POST_VERB] =
	"^(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,80}[)\xef\xbc\x89])?"
	/* "OMB, in coordination with the APST, issued" */
	"(?:,\\s(?:in\\s(?:consultation|coordination|collaboration|cooperation|partnership|conjunction)\\swith|"
	"with\\sthe\\s(?:support|assistance|advice)\\sof|together\\swith|along\\swith)[^;]{0,240}?,)?(?:"
	/* its head, named: "Commerce Secretary Howard Lutnick said" */
	"(?-i:(?:\\s(?:Secretary|Administrator|Director|Chair|Chairman|Chairwoman|Commissioner|Deputy\\sSecretary))?"
	"(?:\\s[A-Z](?:[a-z'\xe2\x80\x99][\\w'\xe2\x80\x99-]*|\\.(?:[A-Z]\\.)*)){0,3}?)"
	"\\s(?:(?:is|are|has|have|will|shall|also|today|recently|jointly|hereby|now|formally|officially)\\s){0,2}"
	"(?:announc|releas|issu|request|launch|publish|unveil|seek|lead|direct|overse|administer|manag|"
	"coordinat|establish|develop|conduct|implement|propos|finaliz|award|invit|select|notif|updat|revis|"
	"approv|host|conven|recommend|solicit|expect|plan|"
	/* a body's statement is its act, as 表示, 指出, 称 are below */
	"said\\b|says\\b|stat(?:ed|es)\\b|clarifi|confirm|explain|emphasi[sz]|stress|warn|urg|"
	"sued\\b|sues\\b|vot|sign|imposed|impos|suspend|revok|designat|ban|restrict|order|requir|grant|"
	"den(?:y|ies|ied)|reject|block|intend|aim|"
	/* what a body does, told as done ("The VA uses AI", "the Secretary
	 * found", "NASA expands"): a verb's inflected forms, not a noun's */
	"(?:us|optimiz|improv|expand|leverag|deploy|transmitt?|determin|provid|invest|produc|protect|"
	"enforc|track|monitor|investigat|identif|assess|submit|help|build|creat|operat|fund|financ|"
	"negotiat|adopt|modernis|moderniz|streamlin|accelerat|advanc|strengthen|secur|prioritiz|"
	"complet|introduc|find|recogniz|shorten|reduc|lower|sav|speed|explor|answer|sort|analyz|detect|"
	"predict|serv|deliver|offer|hir|upgrad|replac|expedit)(?:es|s|ed|ied|ies)\\b|led\\b|spoke\\b|speaks\\b|"
	"gave\\b|gives\\b|found\\b|built\\b|took\\b|made\\b|sent\\b"
	/* "The DOJ is using AI" (a gerund alone is a noun: "the DOE building") */
	"|(?<=is\\s|are\\s|was\\s|were\\s)[a-z]+ing\\b"
	")\\w*"
	"|(?:近日|今日|日前|今天|正式|已经|已|将|也|还|[0-9]{1,2}\\s?[日号])?"
	"(?:宣布|发布|發布|公布|宣佈|公佈|表示|推出|批准|启动|啟動|要求|计划|實施|实施|发出|發出|指出|说明|說明|强调|強調"
	"|澄清|回应|回應|证实|證實|称|稱)"
	/* "USCIS：负责审核", "CBP: will verify": a body heading its clause */
	"|\\s?[：:]\\s?(?:将|將|会|會|负责|負責|须|須|必须|必須|应|應|已经|已|正在|继续|繼續"
	"|(?i:will|shall|must|is\\sresponsible|are\\sresponsible)\\b)"
	/* A Chinese clause that opens with a body names its actor, unless
	 * the body qualifies a noun (的) or is listed (和, 与, 等). */
	"|(?![的之和与與及等、])\\p{Han})",

	[RX_PAREN] = "^(?:'s|\xe2\x80\x99s)?\\s?[(\xef\xbc\x88]\\s?([^()\xef\xbc\x88\xef\xbc\x89]{1,60}?)\\s?[)\xef\xbc\x89]",

	[RX_ANNOUNCE] =
	"^(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,80}[)\xef\xbc\x89])?(?:,?\\s(?:today|recently|has|have|also))*"
	"\\s(?:announced|announces|released|releases|issued|issues|unveiled|unveils|published|publishes)\\b"
	"|^(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,40}[)\xef\xbc\x89])?(?:近日|今日|日前|今天|正式|已经|已)?"
	"(?:宣布|发布|發布|公布)",

	/* a body created: by the document ("There is hereby established",
	 * "is established") or at its direction ("shall establish") */
	[RX_ESTABLISH] =
	"\\b(?:(?:is|are)\\s(?:hereby\\s)?(?:established|created|constituted)|hereby\\s(?:establish(?:es)?|"
	"creates?|constitutes?)|there\\s(?:is|are|shall\\sbe)\\s(?:hereby\\s)?(?:established|created)|"
	"shall\\s(?:jointly\\s)?(?:establish|create|convene|form|stand\\sup)|to\\s(?:establish|create|form)"
	"\\s(?:an?|the)\\s)\\b",

	/* a body's name: capitalized words ("and", "of", "for" between
	 * them) around a word that names a body, each part capitalized:
	 * "Interagency Task Force on Quantum Readiness", "AI Safety Working
	 * Group"; (?-i) in a caseless tagger */
	[RX_NEW_NAME] =
	"(?-i)((?:[A-Z][\\w'\xe2\x80\x99&.-]*\\s(?:(?:of|on|for|and)\\s)*){0,8}?"
	"(?:Task\\sForce|Council|Committee|Subcommittee|Board|Working\\sGroup|Commission|Office|Center|"
	"Centre|Panel|Team|Group|Secretariat|Unit|Cell|Directorate|Bureau)"
	"(?:\\s(?:on|for|of)(?:\\s(?:the|and|of|for|on))*\\s[A-Z][\\w'\xe2\x80\x99&-]*"
	"(?:(?:\\s(?:and|of|the|for|on|in))*\\s[A-Z][\\w'\xe2\x80\x99&-]*)*)?)\\b",
};


static pcre2_code *compile(const char *pat, uint32_t opts)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | opts, &ec, &eo, NULL);
	if (re && rx_use_jit())
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* optional: falls back */
	return re;
}

/* The short names of every department ("Commerce", "Homeland Security"),
 * longest first (of equal length, in the gazetteer's order), into
 * tg->shorts. */
static int collect_shorts(pdx_tagger *tg)
{
	const pdx_gazetteer *g = tg->g;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < gazetteer_count(g); i++) {
		size_t ns;
		const char *const *v = gazetteer_shorts(g, i, &ns);
		for (size_t k = 0; k < ns; k++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				tag_short *nv = realloc(tg->shorts, cap * sizeof *nv);
				if (!nv)
					return PDX_ENOMEM;
				tg->shorts = nv;
			}
			const char *s = strncmp(v[k], "the ", 4) == 0 ? v[k] + 4 : v[k];
			tg->shorts[n++] = (tag_short){ s, strlen(s), (int)i };
			tg->nshorts = n;
		}
	}
	tag_short *v = tg->shorts;
	for (size_t i = 1; i < n; i++)	/* insertion sort by length, longest first */
		for (size_t j = i; j > 0 && v[j].len > v[j - 1].len; j--) {
			tag_short t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return PDX_OK;
}

/* The short names as one alternation. */
static int short_alternation(const pdx_tagger *tg, pdx_buf *b)
{
	int rc = pdx_buf_adds(b, "(?:");
	for (size_t i = 0; !rc && i < tg->nshorts; i++)
		rc = pdx_buf_printf(b, "%s\\Q%s\\E", i ? "|" : "", tg->shorts[i].s);
	return rc ? rc : pdx_buf_adds(b, ")");
}

/* "the Departments of State and Homeland Security", "the Commerce and
 * State Departments", and one short name inside them. */
static int compile_coordinated(pdx_tagger *tg)
{
	if (!tg->nshorts)	/* no departments: nothing to coordinate */
		return PDX_OK;
	pdx_buf sh, p;
	pdx_buf_init(&sh);
	pdx_buf_init(&p);
	int rc = short_alternation(tg, &sh);
	const char *SH = sh.s, *SEP = "(?:,|,?\\sand|,?\\sor)\\s";
	rc = rc ? rc : pdx_buf_printf(&p,
		"(?<![\\w-])(?:(?i:departments|secretaries)\\sof\\s(?:the\\s)?%s(?:%s(?:the\\s)?%s)+"
		"|%s(?:%s%s)+\\s(?i:departments|secretaries))\\b", SH, SEP, SH, SH, SEP, SH);
	if (!rc && !(tg->coord = compile(p.s, 0)))
		rc = PDX_ERR;
	p.len = 0;
	rc = rc ? rc : pdx_buf_printf(&p, "(?<![\\w-])(%s)\\b", SH);
	if (!rc && !(tg->coord_item = compile(p.s, 0)))
		rc = PDX_ERR;
	pdx_buf_clear(&sh);
	pdx_buf_clear(&p);
	return rc;
}

int tagger_new(pdx_tagger **out, const pdx_gazetteer *g)
{
	*out = NULL;
	pdx_tagger *tg = calloc(1, sizeof *tg);
	if (!tg)
		return PDX_ENOMEM;
	tg->g = g;
	int rc = PDX_OK;
	for (int i = 0; rc == PDX_OK && i < RX_COUNT; i++) {
		/* The gap and paren patterns are anchored by hand; trigger
		 * words are matched in any case ("Led by", "LED BY"). */
		uint32_t opts = (i == RX_PAREN) ? 0 : PCRE2_CASELESS;
		if (!(tg->rx[i] = compile(patterns[i], opts)))
			rc = PDX_ERR;
	}
	rc = rc ? rc : collect_shorts(tg);
	rc = rc ? rc : compile_coordinated(tg);
	if (rc) {
		tagger_free(tg);
		return rc;
	}
	*out = tg;
	return PDX_OK;
}

void tagger_free(pdx_tagger *tg)
{
	if (!tg)
		return;
	for (int i = 0; i < RX_COUNT; i++)
		pcre2_code_free(tg->rx[i]);
	pcre2_code_free(tg->coord);
	pcre2_code_free(tg->coord_item);
	free(tg->shorts);
	free(tg);
}
