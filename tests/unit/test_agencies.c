/* test_agencies.c - the gazetteer, recognition of bodies in English and
 * Chinese text, roles, the document issuer, lookup and suggestions. The
 * sentences are our own, written in the style of the plan and the orders. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/agencies.h"
#include "tag_agencies.h"
#include "polidex/doc.h"
#include "polidex/record.h"
#include "polidex/util.h"

static pdx_gazetteer *g;
static pdx_tagger *gtg;	/* g's, made again when g changes (new_tagger) */

/* The tagger for g as it is now. */
static void new_tagger(void)
{
	tagger_free(gtg);
	gtg = NULL;
	T_INT(tagger_new(&gtg, g), PDX_OK, "the tagger for the gazetteer is made");
}

/* Tag doc's records with g's tagger. */
static int tag_doc(pdx_doc *d, pdx_records *recs)
{
	return gtg ? tagger_tag_document(gtg, d, recs) : PDX_ERR;
}

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(((const pdx_agency_ref *)a)->id, ((const pdx_agency_ref *)b)->id);
}

/* Tag texts as the records of one document of kind doc_kind and return the
 * bodies of record `which` as "id=role ..." sorted by id. */
static const char *tag_many(const char *doc_kind, const char *const *texts, size_t n,
			    size_t which)
{
	static char out[1024];
	pdx_doc *d = doc_new("t.txt");
	pdx_records recs = { 0 };
	doc_set(&d->kind, doc_kind);
	for (size_t i = 0; i < n; i++) {
		pdx_record *r = records_add(&recs);
		r->kind = strcmp(doc_kind, "executive_order") == 0 ? PDX_REC_ORDER_SECTION
								    : PDX_REC_RECOMMENDED_ACTION;
		r->text = pdx_strdup(texts[i]);
		pdx_squeeze_space(r->text);
	}
	out[0] = '\0';
	if (tag_doc(d, &recs) != PDX_OK) {
		strcpy(out, "(error)");
	} else {
		pdx_record *r = &recs.v[which];
		if (r->nagencies)
			qsort(r->agencies, r->nagencies, sizeof *r->agencies, cmp_ref);
		for (size_t i = 0; i < r->nagencies; i++) {
			size_t l = strlen(out);
			snprintf(out + l, sizeof out - l, "%s%s=%s", i ? " " : "", r->agencies[i].id,
				 pdx_role_name(r->agencies[i].role));
		}
	}
	records_clear(&recs);
	doc_free(d);
	return out;
}

static const char *tag(const char *text)
{
	return tag_many("plan", &text, 1, 0);
}

static const char *tag_order(const char *text)
{
	return tag_many("executive_order", &text, 1, 0);
}

static void test_gazetteer(void)
{
	T_OK(gazetteer_count(g) >= 80, "at least 80 bodies (%zu)", gazetteer_count(g));
	static const char *const ids[] = { "wh", "ostp", "omb", "nsc", "oncd", "ceq", "ustr",
		"nec", "dpc", "ovp", "doc", "dos", "treasury", "dod", "doj", "interior", "usda",
		"dol", "hhs", "hud", "dot", "doe", "ed", "va", "dhs", "nist", "caisi", "ntia",
		"bis", "chips", "census", "bea", "uspto", "noaa", "bls", "ed_octae", "darpa",
		"cisa", "uscis", "cbp", "ice", "fema", "doj_olp", "fbi", "nih", "fda", "cdc", "cms",
		"irs", "army", "usace", "epa", "nasa", "nsf", "nrc", "ferc", "ftc", "fcc", "sec",
		"gsa", "opm", "sba", "exim", "dfc", "ustda", "odni", "ic", "nsa", "nstc", "fpisc",
		"caioc", "pmc", "cdo_council", "cio_council", "icsp", "chco_council",
		"fed_privacy_council", "edag" };
	size_t missing = 0;
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		if (!gazetteer_find(g, ids[i])) {
			printf("# missing %s\n", ids[i]);
			missing++;
		}
	T_INT(missing, 0, "every required id is in the gazetteer");
	const pdx_agency *a = gazetteer_find(g, "caisi");
	T_STR(a ? a->parent : NULL, "nist", "CAISI's parent is NIST");
	a = gazetteer_find(g, "nist");
	T_STR(a ? a->name_zh : NULL, "美国国家标准与技术研究院", "NIST's Chinese name");
	T_OK(gazetteer_find(g, "nairr") == NULL, "the NAIRR is a program, not a body");
}

static void test_names(void)
{
	T_STR(tag("Review the guidance of the Department of the Treasury on training."),
	      "treasury=mentioned", "the Department of the Treasury");
	T_STR(tag("Ask the Commerce Department for data."), "doc=mentioned", "Commerce Department");
	T_STR(tag("Publish DOE's plan and NIST\xe2\x80\x99s guidance."),
	      "doe=mentioned nist=mentioned", "possessives, straight and curly");
	T_STR(tag("Review the Department of War's AI strategy."), "dod=mentioned", "Department of War");
	T_STR(tag("Review FERC investigations."), "ferc=mentioned", "acronym");
	T_STR(tag("Review ferc investigations and the NISTY files."), "", "acronyms are case-sensitive and word-bounded");
	T_STR(tag("Brief the Pentagon on the findings."), "dod=mentioned", "the Pentagon");
	T_STR(tag("Consult the Economic Diplomacy Action Group on financing."),
	      "edag=support", "council");
	T_STR(tag("Review the Department of Energy (DOE) National Laboratories' plans."),
	      "doe=mentioned", "longest match: DOE National Laboratories");
	T_STR(tag("Review CHIPS R&D programs and the Defense Production Act."), "",
	      "programs and laws named after bodies are not bodies");
	T_STR(tag("Clarify Section 132 of the Internal Revenue Code."), "", "the Internal Revenue Code is not the IRS");
	T_STR(tag("Federal agencies, industry, allies and the Federal government should act under this Executive Order."),
	      "", "generic phrases are not bodies");
}

static void test_coordination(void)
{
	T_STR(tag("The Commerce and State Departments will partner with industry."),
	      "doc=lead dos=lead", "the Commerce and State Departments");
	T_STR(tag("Brief the Departments of State and Homeland Security."),
	      "dhs=mentioned dos=mentioned", "the Departments of State and Homeland Security");
	T_STR(tag("Led by the Departments of Energy, the Interior, and Agriculture, map sites."),
	      "doe=lead interior=lead usda=lead", "three departments coordinated");
}

static void test_chains(void)
{
	T_STR(tag("Led by NIST at DOC, publish a profile."), "doc=lead nist=lead", "NIST at DOC");
	T_STR(tag("Led by CAISI within DOC, test models."), "caisi=lead doc=lead", "CAISI within DOC");
	T_STR(tag("Led by DOC through NIST's CAISI, evaluate models."),
	      "caisi=lead doc=lead nist=lead", "DOC through NIST's CAISI");
	T_STR(tag("Led by DOJ\xe2\x80\x99s Office of Legal Policy, draft comments."),
	      "doj=lead doj_olp=lead", "DOJ's Office of Legal Policy");
	T_STR(tag("Led by NIST, publish guidance."), "nist=lead", "a parent is not added");
}

static void test_definitions(void)
{
	const char *texts[] = {
		"The Federal Permitting Improvement Steering Council (FPISC) shall publish a list.",
		"Projects covered by FPISC rules qualify.",
		"Led by the Department of Defense (DoD), train staff.",
		"DoD should report yearly.",
	};
	T_STR(tag_many("plan", texts, 4, 0), "fpisc=lead", "definition");
	T_STR(tag_many("plan", texts, 4, 1), "fpisc=mentioned", "a defined acronym later on");
	T_STR(tag_many("plan", texts, 4, 3), "dod=lead", "a defined mixed-case acronym");
	const char *ed[] = {
		"Led by the Department of Education (ED), fund programs.",
		"ED should publish data on outcomes.",
	};
	T_STR(tag_many("plan", ed, 2, 1), "ed=lead", "ED once defined by the document");
	const char *eda[] = { "ED should publish data on outcomes." };
	T_STR(tag_many("plan", eda, 1, 0), "", "ED alone is not a body");
}

static void test_ambiguity(void)
{
	T_STR(tag("Consider a state's AI regulatory climate when making funding decisions."), "",
	      "a state's climate is not DOS");
	T_STR(tag("Build energy infrastructure and Energy Dominance zones."), "", "energy is not DOE");
	T_STR(tag("Train an army of analysts for the State of Ohio."), "", "army and State are words");
	T_STR(tag("Update joint DOD-IC assessments with the IC and the SEC."),
	      "dod=mentioned ic=support sec=support", "IC and SEC in context");
	T_STR(tag("Publish SEC. 3 and the IC card specifications."), "ic=mentioned",
	      "'the IC' counts; SEC. is a section");
	T_STR(tag("Consult the U.S. Chamber of Commerce."), "", "Chamber of Commerce is not DOC");
	T_STR(tag("Led by the Treasury, issue guidance."), "treasury=lead", "the Treasury");
}

static void test_roles(void)
{
	T_STR(tag("Led by DOE and FERC, develop grid interconnection guidance."),
	      "doe=lead ferc=lead", "Led by X and Y");
	T_STR(tag("Through DOC, DOS, and DOD, promote American AI exports to allies."),
	      "doc=lead dod=lead dos=lead", "Through X, Y, and Z");
	T_STR(tag("Develop a new security standard, led by CISA, for data centers."),
	      "cisa=lead", ", led by X");
	T_STR(tag("Share threat data via DHS and the FBI with critical infrastructure owners."),
	      "dhs=lead fbi=lead", "via X and Y");
	T_STR(tag("Hold workshops under the auspices of the NSTC for researchers."),
	      "nstc=lead", "under the auspices of");
	T_STR(tag("Create a data exchange managed by GSA for agencies."), "gsa=lead", "managed by");
	T_STR(tag("Stand up a secure enclave within DOE and NASA for model testing."),
	      "doe=lead nasa=lead", "program set up within");
	T_STR(tag("These exports would be financed and enabled by lenders such as EXIM and DFC."),
	      "dfc=lead exim=lead", "agent of a passive");
	T_STR(tag("NIST, DOE, and other Federal science agencies should build testbeds."),
	      "doe=lead nist=lead", "X should");
	T_STR(tag("Led by DOS, in collaboration with the Intelligence Community, track adversary models."),
	      "dos=lead ic=support", "in collaboration with the Intelligence Community");
	T_STR(tag("Led by BIS, in coordination with DOE and with input from the NRC, set export controls."),
	      "bis=lead doe=support nrc=support", "coordination, input");
	T_STR(tag("Led by DOT with support from NASA and in consultation with the FAA, plan drone corridors."),
	      "dot=lead faa=support nasa=support", "with support from, in consultation with");
	T_STR(tag("Led by USTR, collaborate with the Department of State on trade rules."),
	      "dos=support ustr=lead", "collaborate with");
	T_STR(tag("Led by DOE, convene the NRC licensing staff on reactor designs."),
	      "doe=lead nrc=mentioned", "object of the action is mentioned");
	T_STR(tag("Prioritize DHS-led exercises for AI incident response."), "dhs=lead", "X-led");
	T_STR(tag("Review all SBA loan programs for AI firms."), "sba=mentioned", "mentioned");
	T_STR(tag("Direct NIST to publish benchmarks."), "nist=lead", "Direct X to");
	T_STR(tag("At DOE and NSF, pilot AI-enabled facilities."), "doe=lead nsf=lead", "At X and Y, ...");
}

static void test_orders(void)
{
	T_STR(tag_order("(a) The Secretary of Commerce shall issue a call for proposals."),
	      "doc=lead", "the Secretary of Commerce shall");
	T_STR(tag_order("The Secretary of Homeland Security, in consultation with the Attorney General, "
			"shall adjudicate requests."),
	      "dhs=lead doj=support", "office holders, consultation");
	T_STR(tag_order("The Department of Commerce shall require proposals to include a plan."),
	      "doc=lead", "the Department of Commerce shall require");
	T_STR(tag_order("The Director of OSTP and the Administrator of the Environmental Protection Agency "
			"shall identify categories."),
	      "epa=lead ostp=lead", "Director of OSTP, Administrator of EPA");
	T_STR(tag_order("The Secretary of the Army, acting through the Chief of Engineers, shall expedite permits."),
	      "army=lead", "the Secretary of the Army");
	T_STR(tag_order("The United States Trade Representative shall report to the President."),
	      "ustr=lead", "the United States Trade Representative");
	T_STR(tag_order("I hereby direct the Secretary of Labor to propose a rule."),
	      "dol=lead", "direct the Secretary of Labor to");
	T_STR(tag_order("(c) The National Space Council, established by section 1 of Executive Order 13803 "
			"of June 30, 2017, chaired by the Secretary of Transportation, shall advise the President."),
	      "dot=lead nspc=lead", "a subject whose verb follows a parenthesis");
	T_STR(tag_order("The Secretary of Labor shall submit a report to the President, through the "
			"Director of the Domestic Policy Council."),
	      "dol=lead dpc=mentioned", "through after the actor is the channel");
	T_STR(tag_order("I delegate to the Administrator of the Small Business Administration the authority to appoint members."),
	      "sba=lead", "delegate to");
}

static void test_chinese(void)
{
	T_STR(tag("明确由白宫科技政策办公室(OSTP)、商务部(DOC)、劳工部(DOL)、能源部(DOE)等关键联邦机构牵头推进。"),
	      "doc=lead doe=lead dol=lead ostp=lead", "Chinese list with acronyms");
	T_STR(tag("美国公民及移民服务局(USCIS)近日宣布,注册期将开启。"), "uscis=lead", "USCIS announced");
	T_STR(tag("对于F-1签证持有者,此次调整带来利好。DHS(国土安全部)宣布,期限将延长。"),
	      "dhs=lead", "DHS(国土安全部)宣布");
	T_STR(tag("美国财政部为配合申请季,暂时提高信用卡支付限额。"), "treasury=lead", "美国财政部");
	T_STR(tag("白宫发布行动计划,联邦贸易委员会的调查将被评估。"),
	      "ftc=mentioned wh=lead", "白宫, 联邦贸易委员会");
	T_STR(tag("在国防与情报界中建立数据中心。"), "ic=mentioned", "a body inside a phrase is no actor");
	T_STR(tag("白宮科技政策辦公室與美國商務部"), "doc=mentioned ostp=mentioned", "traditional characters");
}

static void test_issuer(void)
{
	pdx_doc *d = doc_new("x.md");
	pdx_records none = { 0 };
	doc_set(&d->kind, "executive_order");
	tag_doc(d, &none);
	T_STR(d->issuer, "wh", "an order is issued by the White House");
	doc_free(d);

	d = doc_new("x.html");
	doc_set(&d->kind, "notice");
	doc_set(&d->source_url, "https://www.uscis.gov/newsroom/alerts/x");
	tag_doc(d, &none);
	T_STR(d->issuer, "uscis", "issuer from the URL host");
	doc_free(d);

	d = doc_new("fr.txt");
	doc_set(&d->kind, "notice");
	doc_add_block(d, PDX_PARAGRAPH, 0, 1, "[Federal Register Volume 90, Number 185]");
	doc_add_block(d, PDX_PARAGRAPH, 0, 2, "DEPARTMENT OF HOMELAND SECURITY");
	doc_add_block(d, PDX_PARAGRAPH, 0, 3, "Notice of a thing from the Office of Management and Budget.");
	tag_doc(d, &none);
	T_STR(d->issuer, "dhs", "issuer from a Federal Register agency line");
	doc_free(d);

	d = doc_new("news.txt");
	doc_set(&d->kind, "news");
	doc_add_block(d, PDX_HEADING, 0, 1, "Registration opens in March");
	doc_add_block(d, PDX_PARAGRAPH, 0, 2,
		      "Today, U.S. Citizenship and Immigration Services (USCIS) announced the dates.");
	tag_doc(d, &none);
	T_STR(d->issuer, "uscis", "issuer from '<Body> announced'");
	doc_free(d);

	d = doc_new("zh.txt");
	doc_set(&d->kind, "news");
	doc_add_block(d, PDX_PARAGRAPH, 0, 1, "美国公民及移民服务局(USCIS)近日宣布,注册期将开启。");
	tag_doc(d, &none);
	T_STR(d->issuer, "uscis", "issuer from 近日宣布");
	doc_free(d);
}

static void test_lookup(void)
{
	const pdx_agency *a;
	T_STR((a = gazetteer_lookup(g, "nist")) ? a->id : NULL, "nist", "lookup by id");
	T_STR((a = gazetteer_lookup(g, "DOC")) ? a->id : NULL, "doc", "lookup by acronym");
	T_STR((a = gazetteer_lookup(g, "the department of commerce")) ? a->id : NULL, "doc",
	      "lookup by name, any case, with 'the'");
	T_STR((a = gazetteer_lookup(g, "Commerce")) ? a->id : NULL, "doc", "lookup by short name");
	T_STR((a = gazetteer_lookup(g, "商務部")) ? a->id : NULL, "doc", "lookup by Chinese name");
	T_STR((a = gazetteer_lookup(g, "国土安全部")) ? a->id : NULL, "dhs", "lookup 国土安全部");
	T_STR((a = gazetteer_lookup(g, "Department of War")) ? a->id : NULL, "dod", "lookup a variant");
	T_OK(gazetteer_lookup(g, "Comerce") == NULL, "a typo is not found");

	const pdx_agency *out[5];
	size_t n = gazetteer_suggest(g, "Comerce", out, 5);
	T_OK(n >= 1 && strcmp(out[0]->id, "doc") == 0, "suggest DOC for 'Comerce' (%zu)", n);
	n = gazetteer_suggest(g, "Natinal Science Fundation", out, 5);
	T_OK(n >= 1 && strcmp(out[0]->id, "nsf") == 0, "suggest NSF for a misspelt name");
	T_INT(gazetteer_suggest(g, "zzzzzzzzzzzz", out, 5), 0, "nothing near nonsense");
}

static void test_user_file(void)
{
	char err[256] = "";
	const char *add =
		"{\"format_version\": 1, \"agencies\": ["
		"{\"id\": \"aisc\", \"acronym\": \"AISC\", \"name\": \"Artificial Intelligence Safety Commission\","
		" \"zh\": \"人工智能安全委员会\", \"parent\": \"doc\", \"kind\": \"commission\"},"
		"{\"id\": \"nist\", \"acronym\": \"NIST\", \"name\": \"National Institute of Standards and Technology\","
		" \"aliases\": [\"Standards Institute\"], \"parent\": \"doc\"}]}";
	size_t before = gazetteer_count(g);
	T_INT(gazetteer_load(&g, add, strlen(add), err, sizeof err), PDX_OK, "load a user file %s", err);
	T_INT(gazetteer_count(g), before + 1, "one body added, one replaced");
	new_tagger();
	T_STR(tag("Led by the AISC and the Standards Institute, audit models."), "aisc=lead nist=lead",
	      "the new body and the new alias are recognised");
	T_STR(tag("由人工智能安全委员会牵头。"), "aisc=lead", "its Chinese name too");

	const char *bad = "{\"format_version\": 1,\n \"agencies\": [\n  {\"id\": \"x\" \"name\": \"X\"}]}";
	int rc = gazetteer_load(&g, bad, strlen(bad), err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "a malformed file is refused");
	T_OK(strstr(err, "line 3") && strstr(err, "column"), "the error says where: %s", err);
	T_INT(gazetteer_count(g), before + 1, "the gazetteer is unchanged");

	const char *noid = "{\"format_version\": 1, \"agencies\": [{\"name\": \"X\"}]}";
	T_INT(gazetteer_load(&g, noid, strlen(noid), err, sizeof err), PDX_EFORMAT, "a body without id");
	T_OK(strstr(err, "agencies[0]") && strstr(err, "id"), "names the body: %s", err);
	const char *ver = "{\"format_version\": 2, \"agencies\": []}";
	T_INT(gazetteer_load(&g, ver, strlen(ver), err, sizeof err), PDX_EFORMAT, "an unknown version");

	pdx_gazetteer *fresh = NULL;
	T_INT(gazetteer_load(&fresh, bad, strlen(bad), err, sizeof err), PDX_EFORMAT, "fresh load fails");
	T_OK(fresh == NULL, "and leaves no gazetteer");
	gazetteer_free(NULL);
}

/* The lookups the gazetteer offers the tagger. */
static void test_gazetteer_match(void)
{
	const char *t = "The Department of Commerce and ED shall";
	size_t len = strlen(t);
	pdx_name_match m;
	T_OK(!gazetteer_match(g, t, len, 0, &m), "no name starts at 'The'");
	T_OK(gazetteer_match(g, t, len, 4, &m) && m.end == 26 && !m.ambiguous &&
	     strcmp(gazetteer_at(g, m.body)->id, "doc") == 0, "the longest name at a word start");
	T_OK(gazetteer_match(g, t, len, 31, &m) && m.end == 33 && m.ambiguous &&
	     strcmp(gazetteer_at(g, m.body)->id, "ed") == 0, "an ambiguous acronym says so");
	T_OK(!gazetteer_match(g, "Ed said", 7, 0, &m), "an acronym matches in its own case only");
	T_OK(!gazetteer_match(g, "EDX", 3, 0, &m), "a name ends a word");
	const char *zh = "由商务部牵头";
	T_OK(gazetteer_match(g, zh, strlen(zh), 3, &m) && m.end == 12 &&
	     strcmp(gazetteer_at(g, m.body)->id, "doc") == 0, "a Chinese name at a character");

	size_t i = 0, n = 0;
	while (i < gazetteer_count(g) && strcmp(gazetteer_at(g, i)->id, "doc") != 0)
		i++;
	const char *const *sh = gazetteer_shorts(g, i, &n);
	T_OK(n == 1 && strcmp(sh[0], "Commerce") == 0, "a department's short name");
	T_OK(gazetteer_shorts(g, gazetteer_count(g), &n) == NULL && n == 0, "none past the end");

	const pdx_agency *a = gazetteer_find_host(g, "https://www.commerce.gov/news/x");
	T_STR(a ? a->id : "", "doc", "the body of a web host");
	T_OK(!gazetteer_find_host(g, "https://notcommerce.gov/") && !gazetteer_find_host(g, "commerce.gov"),
	     "a host is matched whole, from a URL");
	T_OK(gazetteer_stamp(g) != 0 && gazetteer_stamp(NULL) == 0, "a loaded gazetteer has a stamp");
}

typedef struct {
	const pdx_tagger *tg;
	int ok;
} tag_job;

static void *tag_thread(void *arg)
{
	tag_job *j = arg;
	j->ok = 1;
	for (int n = 0; n < 20; n++) {
		pdx_doc *d = doc_new("t.txt");
		pdx_records recs = { 0 };
		doc_set(&d->kind, "plan");
		pdx_record *r = records_add(&recs);
		r->kind = PDX_REC_RECOMMENDED_ACTION;
		r->text = pdx_strdup("Led by DOC, through NIST, and in collaboration with the Departments of State and Labor, build.");
		if (tagger_tag_document(j->tg, d, &recs) != PDX_OK || r->nagencies != 4)
			j->ok = 0;
		records_clear(&recs);
		doc_free(d);
	}
	return NULL;
}

/* A tagger made once and shared by parse threads, as the indexer does. */
static void test_tagger_threads(void)
{
	pdx_tagger *tg = NULL;
	T_INT(tagger_new(&tg, g), PDX_OK, "make a tagger");
	if (!tg)
		return;
	tag_job jobs[4];
	pthread_t tid[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (tag_job){ tg, 0 };
		pthread_create(&tid[i], NULL, tag_thread, &jobs[i]);
	}
	int ok = 1;
	for (int i = 0; i < 4; i++) {
		pthread_join(tid[i], NULL);
		ok &= jobs[i].ok;
	}
	T_OK(ok, "four threads tag with one tagger, each the same bodies");
	tagger_free(tg);
	tagger_free(NULL);
}

int main(void)
{
	char err[256] = "";
	T_INT(gazetteer_load_builtin(&g, err, sizeof err), PDX_OK, "load the builtin gazetteer %s", err);
	if (!g)
		return t_done();
	new_tagger();
	test_gazetteer();
	test_gazetteer_match();
	test_tagger_threads();
	test_names();
	test_coordination();
	test_chains();
	test_definitions();
	test_ambiguity();
	test_roles();
	test_orders();
	test_chinese();
	test_issuer();
	test_lookup();
	test_user_file();
	tagger_free(gtg);
	gazetteer_free(g);
	return t_done();
}
