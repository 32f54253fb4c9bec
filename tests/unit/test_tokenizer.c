/* test_tokenizer.c - the "polidex" FTS5 tokenizer, called directly (tokens
 * with byte offsets) and through FTS5 (MATCH and highlight()). */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "polidex/tokenizer.h"
#include "polidex/util.h"
#include "t.h"

static sqlite3 *db;
static fts5_tokenizer methods;
static Fts5Tokenizer *tok;

/* What one xTokenize call saw: "token@start:end" joined by spaces, and how
 * many offsets fell outside the text or inside a UTF-8 sequence. */
typedef struct {
	pdx_buf out;
	const char *text;
	int n;
	int bad;
} rec;

/* True when off is where pdx_utf8_decode would start a character (or the end):
 * walking with it is how the tokenizer sees the text. */
static int on_boundary(const char *s, int n, int off)
{
	int i = 0, adv;

	while (i < off && i < n) {
		pdx_utf8_decode(s + i, (size_t)(n - i), &adv);
		i += adv;
	}
	return i == off;
}

static int record(void *ctx, int tflags, const char *t, int nt, int s, int e)
{
	rec *r = ctx;

	if (s < 0 || e > r->n || s >= e || !on_boundary(r->text, r->n, s) ||
	    !on_boundary(r->text, r->n, e))
		r->bad++;
	if (r->out.len)
		pdx_buf_addc(&r->out, ' ');
	if (tflags & FTS5_TOKEN_COLOCATED)
		pdx_buf_addc(&r->out, '+');	/* same position as the token before */
	pdx_buf_add(&r->out, t, (size_t)nt);
	pdx_buf_printf(&r->out, "@%d:%d", s, e);
	return SQLITE_OK;
}

/* Tokenize n bytes of s; the caller frees the result. *bad counts offsets
 * that are not character boundaries. */
static char *tokens_n(const char *s, int n, int flags, int *bad, int *rc)
{
	rec r = { .text = s, .n = n };

	pdx_buf_init(&r.out);
	pdx_buf_adds(&r.out, "");
	*rc = methods.xTokenize(tok, &r, flags, s, n, record);
	*bad = r.bad;
	return pdx_buf_take(&r.out);
}

static void check_tokens(const char *s, const char *want)
{
	int bad, rc;
	char *got = tokens_n(s, (int)strlen(s), FTS5_TOKENIZE_DOCUMENT, &bad, &rc);

	T_STR(got, want, "tokens of '%s'", s);
	T_INT(bad + rc, 0, "offsets of '%s' on character boundaries", s);
	free(got);
}

/* Invalid input: no crash, no offset inside a sequence. */
static void check_invalid(const char *s, int n, const char *want, const char *what)
{
	int bad, rc;
	char *got = tokens_n(s, n, FTS5_TOKENIZE_DOCUMENT, &bad, &rc);

	T_INT(rc, SQLITE_OK, "%s: tokenizes", what);
	T_INT(bad, 0, "%s: offsets on character boundaries", what);
	if (want)
		T_STR(got, want, "%s: tokens", what);
	free(got);
}

static fts5_api *get_api(void)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* Rowids matching q, comma-separated; the caller frees. */
static char *match(const char *q)
{
	sqlite3_stmt *st;
	pdx_buf b;

	pdx_buf_init(&b);
	pdx_buf_adds(&b, "");
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 "
			       "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		return pdx_buf_take(&b);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		pdx_buf_printf(&b, "%s%lld", b.len ? "," : "",
			   (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return pdx_buf_take(&b);
}

static void check_match(const char *q, const char *want)
{
	char *got = match(q);

	T_STR(got, want, "MATCH '%s'", q);
	free(got);
}

/* highlight() of the first row matching q; the caller frees. */
static char *hl(const char *q)
{
	sqlite3_stmt *st;
	char *s = NULL;

	if (sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t "
			       "WHERE t MATCH ?1 ORDER BY rowid", -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = pdx_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static void check_hl(const char *q, const char *want)
{
	char *got = hl(q);

	T_STR(got, want, "highlight for '%s'", q);
	T_OK(got && pdx_utf8_invalid_at(got, strlen(got)) == -1,
	     "highlight for '%s' is valid UTF-8", q);
	free(got);
}

static void test_direct(void)
{
	char long_wide[400] = "", long_want[200] = "";
	int bad, rc;
	char *got;

	check_tokens("数据中心", "数据@0:6 据中@3:9 中心@6:12 +心@9:12");
	check_tokens("数", "数@0:3");
	check_tokens("的 data 的", "的@0:3 data@4:8 的@9:12");
	check_tokens("H-1B抽签", "h@0:1 1b@2:4 抽签@4:10 +签@7:10");
	check_tokens("AI出口管制", "ai@0:2 出口@2:8 口管@5:11 管制@8:14 +制@11:14");
	check_tokens("ＡＩ", "ai@0:6");
	check_tokens("ＡＩ芯片", "ai@0:6 芯片@6:12 +片@9:12");
	check_tokens("Ｈ－１Ｂ签证", "h@0:3 1b@6:12 签证@12:18 +证@15:18");
	check_tokens("xＡＩz", "xaiz@0:8");
	check_tokens("ｘ café", "x@0:3 cafe@4:9");
	check_tokens("１０万美元", "10@0:6 万美@6:12 美元@9:15 +元@12:15");
	check_tokens("regulations", "regul@0:11");
	check_tokens("Regulating Exports", "regul@0:10 export@11:18");
	check_tokens("café", "cafe@0:5");
	check_tokens("数据。中心", "数据@0:6 +据@3:6 中心@9:15 +心@12:15");
	check_tokens("《美国》“AI”、芯片，（出口）",
		     "美国@3:9 +国@6:9 ai@15:17 芯片@23:29 +片@26:29 出口@35:41 +口@38:41");
	check_tokens("人々", "人々@0:6 +々@3:6");
	check_tokens("カタカナ", "カタ@0:6 タカ@3:9 カナ@6:12 +ナ@9:12");
	check_tokens("한국어", "한국@0:6 국어@3:9 +어@6:9");
	check_tokens("", "");
	check_tokens("。，、 ！", "");

	/* Longer than the fold buffer on the stack. */
	for (int i = 0; i < 100; i++) {
		strcat(long_wide, "Ａ");
		strcat(long_want, "a");
	}
	strcat(long_want, "@0:300");
	check_tokens(long_wide, long_want);

	/* Query flags reach porter and give the same tokens. */
	got = tokens_n("Regulations 数据", 18, FTS5_TOKENIZE_QUERY, &bad, &rc);
	T_STR(got, "regul@0:11 数据@12:18", "query-mode tokens");
	free(got);

	check_invalid("\xff", 1, "", "lone 0xFF");
	check_invalid("数\xff据", 7, "数@0:3 据@4:7", "0xFF inside a CJK run");
	check_invalid("ab\xff" "cd", 5, "ab@0:2 cd@3:5", "0xFF inside a Latin run");
	check_invalid("数\xe6\x8d", 5, "数@0:3", "truncated sequence at the end");
	check_invalid("\xe6\x95数据", 8, "数据@2:8 +据@5:8", "truncated sequence before CJK");
	check_invalid("ab\xc3", 3, "ab@0:2", "truncated 2-byte sequence");
	check_invalid("\x80\x80x", 3, "x@2:3", "stray continuation bytes");
	check_invalid("\xc0\xaf" "a", 3, "a@2:3", "overlong encoding");
	check_invalid("\xed\xa0\x80" "数", 6, "数@3:6", "surrogate");
	check_invalid("\xef\xbc", 2, "", "truncated full-width");
	check_invalid("Ａ\xef\xbc", 5, "a@0:3", "full-width then truncated");
	check_invalid("a\0b", 3, NULL, "embedded NUL");

	/* Random mixtures of valid and broken pieces. */
	{
		static const char *const piece[] = {
			"数", "据", "ＡＩ", "A", "i", " ", "。", "\xff", "\xe6",
			"\x95", "\xed\xa0\x80", "-", "１", "《", "café", "\xc3",
		};
		int worst = 0, fails = 0;

		srand(6);
		for (int round = 0; round < 2000; round++) {
			char s[256];
			int n = 0, len = rand() % 30;

			for (int k = 0; k < len; k++) {
				const char *p = piece[rand() % (int)(sizeof piece / sizeof piece[0])];
				size_t pl = strlen(p);

				memcpy(s + n, p, pl);
				n += (int)pl;
			}
			got = tokens_n(s, n, FTS5_TOKENIZE_DOCUMENT, &bad, &rc);
			worst += bad;
			fails += rc != SQLITE_OK;
			free(got);
		}
		T_INT(worst, 0, "random broken input: offsets on boundaries");
		T_INT(fails, 0, "random broken input: tokenizes");
	}
}

static void test_fts5(void)
{
	static const char *const rows[] = {
		"白宫发布《美国AI行动计划》,加快数据中心与半导体工厂审批",
		"美国限制敏感芯片出口,加强AI出口管制",
		"特朗普签署公告,H-1B抽签将收取10万美元费用",
		"New regulations on AI exports and data centers",
		"ＡＩ算力",
	};
	sqlite3_stmt *st;
	char *s;
	int rc;

	rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, "
			  "tokenize='polidex')", NULL, NULL, NULL);
	T_INT(rc, SQLITE_OK, "create fts5 table with tokenize='polidex'");
	if (rc != SQLITE_OK)
		return;
	sqlite3_prepare_v2(db, "INSERT INTO t(x) VALUES (?1)", -1, &st, NULL);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		sqlite3_bind_text(st, 1, rows[i], -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	check_match("\"数据\"", "1");
	check_match("\"芯片\"", "2");
	check_match("\"出口\"", "2");
	check_match("\"白宫\"", "1");
	check_match("\"抽签\"", "3");
	check_match("\"数据中心\"", "1");
	check_match("数据中心", "1");
	check_match("\"H-1B 抽签\"", "3");
	check_match("\"regulation\"", "4");
	check_match("\"ＡＩ\"", "1,2,4,5");
	check_match("\"AI\"", "1,2,4,5");
	check_match("\"中数\"", "");
	/* 》,  separates: no bigram spans it. */
	check_match("\"计划加快\"", "");
	check_match("\"行动计划\"", "1");

	check_hl("\"数据\"", "白宫发布《美国AI行动计划》,加快[数据]中心与半导体工厂审批");
	check_hl("\"数据中心\"", "白宫发布《美国AI行动计划》,加快[数据中心]与半导体工厂审批");
	check_hl("\"抽签\"", "特朗普签署公告,H-1B[抽签]将收取10万美元费用");
	check_hl("\"ＡＩ\" 算力", "[ＡＩ][算力]");
	check_hl("\"regulation\"", "New [regulations] on AI exports and data centers");

	/* A row with broken UTF-8 indexes and highlights without crashing. */
	sqlite3_prepare_v2(db, "INSERT INTO t(rowid, x) VALUES (9, ?1)", -1, &st, NULL);
	sqlite3_bind_text(st, 1, "坏\xff数据\xe6", 11, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	T_INT(rc, SQLITE_DONE, "insert a row with invalid UTF-8");
	check_match("\"数据\"", "1,9");
	s = hl("\"坏\"");
	T_STR(s, "[坏]\xff" "数据\xe6", "highlight of a row with invalid UTF-8");
	free(s);
}

int main(void)
{
	fts5_api *api;
	void *ctx = NULL;
	int rc;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return 1;
	T_INT(tokenizer_register(db), SQLITE_OK, "tokenizer_register");
	api = get_api();
	T_OK(api != NULL, "fts5_api from SELECT fts5(?1)");
	if (!api)
		goto out;
	rc = api->xFindTokenizer(api, "polidex", &ctx, &methods);
	T_INT(rc, SQLITE_OK, "xFindTokenizer('polidex')");
	if (rc != SQLITE_OK)
		goto out;
	rc = methods.xCreate(ctx, NULL, 0, &tok);
	T_INT(rc, SQLITE_OK, "create a polidex tokenizer");
	{
		/* Arguments reach unicode61, which rejects what it does not know. */
		const char *bogus[] = { "no_such_option", "1" };
		Fts5Tokenizer *other = NULL;

		T_OK(methods.xCreate(ctx, bogus, 2, &other) != SQLITE_OK,
		     "unknown tokenizer argument is an error");
		if (other)
			methods.xDelete(other);
	}
	if (rc == SQLITE_OK) {
		test_direct();
		methods.xDelete(tok);
	}
	test_fts5();
out:
	sqlite3_close(db);
	return t_done();
}
