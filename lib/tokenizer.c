/* tokenizer.c - the "polidex" FTS5 tokenizer.
 *
 * Chinese has no spaces, so unicode61 would make one token of a whole run
 * of Han and a word inside it could never be found. We cut the text into
 * runs instead:
 *   - CJK runs (util.h pdx_is_cjk) emit overlapping bigrams, as Lucene's CJK
 *     analyzer does: 数据中心 -> 数据 据中 中心; a lone character emits
 *     itself. A phrase query of any word of two or more characters then
 *     matches consecutive bigrams.
 *   - every other run goes to FTS5's own porter(unicode61
 *     remove_diacritics 2), so English gets exactly the case folding and
 *     stemming it would get without us. Full-width ASCII (U+FF01..U+FF5E)
 *     is folded to ASCII first, and offsets are mapped back so that
 *     highlight() and snippet() mark whole characters of the original.
 *   - CJK and general punctuation, and invalid UTF-8 bytes, separate
 *     tokens; every offset we report lies on a character boundary.
 */
#ifdef PDX_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#else
#include <sqlite3.h>
#endif

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "polidex/tokenizer.h"
#include "polidex/util.h"

/* Runs up to this many bytes are folded on the stack: full-width runs are
 * short in practice, and a malloc per run would show in indexing time. */
#define FOLD_STACK 256

typedef struct {
	fts5_tokenizer inner;		/* porter's methods */
	Fts5Tokenizer *inner_tok;	/* porter(unicode61) instance */
} pdx_tokenizer;

typedef int (*token_fn)(void *ctx, int tflags, const char *tok, int ntok,
			int start, int end);

/* What the inner tokenizer's callback needs to turn offsets within one run
 * into offsets within the caller's text. */
typedef struct {
	void *ctx;
	token_fn x_token;
	int base;		/* offset of the run in the caller's text */
	const int *map;		/* folded byte -> run byte, or NULL */
	int map_len;		/* folded length (map has map_len + 1 entries) */
} run_ctx;

enum { CL_SEP, CL_CJK, CL_TEXT };

/* Full-width ASCII U+FF01..U+FF5E sits at a fixed distance from ASCII. */
static bool is_fullwidth(uint32_t cp)
{
	return cp >= 0xFF01 && cp <= 0xFF5E;
}

static bool is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Punctuation that ends a run. Without it a CJK run would continue across
 * 。or 《 and bigram characters that were never adjacent, and a run of bare
 * punctuation would cost a call into the inner tokenizer for nothing.
 * Full-width punctuation counts too, so ＡＩ，芯片 splits like AI, 芯片. */
static bool is_separator(uint32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F && (cp < 0x3005 || cp > 0x3007)) ||
	       (cp >= 0x2000 && cp <= 0x206F) ||	/* general punctuation */
	       (cp >= 0xFE10 && cp <= 0xFE1F) ||	/* vertical forms */
	       (cp >= 0xFE30 && cp <= 0xFE6F) ||	/* compat and small forms */
	       (cp >= 0xFF5F && cp <= 0xFF65) ||	/* half-width CJK punct */
	       (is_fullwidth(cp) && !is_ascii_alnum(cp - 0xFEE0));
}

static int classify(uint32_t cp, int adv)
{
	/* pdx_utf8_decode reports an invalid byte as U+FFFD of length 1; a real
	 * U+FFFD in the text is 3 bytes long. */
	if (cp == 0xFFFD && adv == 1)
		return CL_SEP;
	if (is_separator(cp))
		return CL_SEP;
	/* 々 (iteration mark) and 〇 (ideographic zero) live among the CJK
	 * punctuation but are parts of words: 人々, 二〇二五. */
	if (pdx_is_cjk(cp) || (cp >= 0x3005 && cp <= 0x3007))
		return CL_CJK;
	return CL_TEXT;
}

/* Bigrams over text[start..end), all CJK characters; a lone character is
 * its own token. In documents the last character of a run is also a token,
 * colocated with the last bigram (positions do not move, so phrases are
 * unchanged): with it, the prefix query "X"* finds a one-character word X
 * wherever it stands, first or last in a run or alone. */
static int emit_cjk(const char *text, int start, int end, int flags, void *ctx,
		    token_fn x_token)
{
	int a = start, b, adv;

	pdx_utf8_decode(text + a, (size_t)(end - a), &adv);
	b = a + adv;
	if (b >= end)
		return x_token(ctx, 0, text + a, b - a, a, b);
	while (b < end) {
		int rc;

		pdx_utf8_decode(text + b, (size_t)(end - b), &adv);
		rc = x_token(ctx, 0, text + a, b + adv - a, a, b + adv);
		if (rc != SQLITE_OK)
			return rc;
		a = b;
		b += adv;
	}
	if (flags & FTS5_TOKENIZE_DOCUMENT)
		return x_token(ctx, FTS5_TOKEN_COLOCATED, text + a, end - a, a, end);
	return SQLITE_OK;
}

static int run_token(void *p, int tflags, const char *tok, int ntok,
		     int start, int end)
{
	run_ctx *r = p;

	if (r->map) {
		/* The inner tokenizer reports offsets within the folded copy;
		 * clamp before indexing the map in case it ever reports one
		 * past the end. */
		if (start < 0)
			start = 0;
		if (end > r->map_len)
			end = r->map_len;
		if (start > end)
			start = end;
		start = r->map[start];
		end = r->map[end];
	}
	return r->x_token(r->ctx, tflags, tok, ntok, r->base + start,
			  r->base + end);
}

/* Hand text[start..end) to porter(unicode61), folding full-width ASCII
 * first when the run has any (wide). */
static int emit_text(pdx_tokenizer *t, int flags, const char *text, int start,
		     int end, bool wide, void *ctx, token_fn x_token)
{
	run_ctx r = { ctx, x_token, start, NULL, 0 };
	char fold_stack[FOLD_STACK];
	int map_stack[FOLD_STACK + 1];
	char *fold = fold_stack;
	int *map = map_stack;
	int n = end - start, i = 0, j = 0, rc;

	if (!wide)
		return t->inner.xTokenize(t->inner_tok, &r, flags, text + start,
					  n, run_token);
	if (n > FOLD_STACK) {
		fold = sqlite3_malloc64((sqlite3_uint64)n);
		map = sqlite3_malloc64(((sqlite3_uint64)n + 1) * sizeof *map);
		if (!fold || !map) {
			rc = SQLITE_NOMEM;
			goto out;
		}
	}
	while (i < n) {
		int adv;
		uint32_t cp = pdx_utf8_decode(text + start + i, (size_t)(n - i), &adv);

		map[j] = i;
		if (is_fullwidth(cp)) {
			fold[j++] = (char)(cp - 0xFEE0);
		} else {
			/* A multi-byte character: its continuation bytes map to
			 * its start, though the inner tokenizer never reports
			 * an offset inside it. */
			for (int k = 0; k < adv; k++) {
				map[j] = i;
				fold[j++] = text[start + i + k];
			}
		}
		i += adv;
	}
	map[j] = n;
	r.map = map;
	r.map_len = j;
	rc = t->inner.xTokenize(t->inner_tok, &r, flags, fold, j, run_token);
out:
	if (fold != fold_stack)
		sqlite3_free(fold);
	if (map != map_stack)
		sqlite3_free(map);
	return rc;
}

static int pdx_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
			const char *text, int n, token_fn x_token)
{
	pdx_tokenizer *t = (pdx_tokenizer *)p;
	int i = 0, rc = SQLITE_OK;

	while (i < n && rc == SQLITE_OK) {
		int adv = 1, start = i, cls;
		bool wide;
		/* ASCII is always text, never full-width: no decoding */
		uint32_t cp = (unsigned char)text[i] < 0x80
			? (uint32_t)text[i] : pdx_utf8_decode(text + i, (size_t)(n - i), &adv);

		cls = classify(cp, adv);
		i += adv;
		if (cls == CL_SEP)
			continue;
		wide = is_fullwidth(cp);
		while (i < n) {
			if ((unsigned char)text[i] < 0x80) {
				if (cls != CL_TEXT)
					break;
				i++;
				continue;
			}
			cp = pdx_utf8_decode(text + i, (size_t)(n - i), &adv);
			if (classify(cp, adv) != cls)
				break;
			wide = wide || is_fullwidth(cp);
			i += adv;
		}
		if (cls == CL_CJK)
			rc = emit_cjk(text, start, i, flags, ctx, x_token);
		else
			rc = emit_text(t, flags, text, start, i, wide, ctx,
				       x_token);
	}
	return rc;
}

static void pdx_delete(Fts5Tokenizer *p)
{
	pdx_tokenizer *t = (pdx_tokenizer *)p;

	if (!t)
		return;
	if (t->inner_tok)
		t->inner.xDelete(t->inner_tok);
	sqlite3_free(t);
}

/* ctx is the fts5_api, given to xCreateTokenizer below. The table's
 * tokenizer arguments follow our own unicode61 arguments, so a later
 * remove_diacritics or tokenchars overrides or adds to ours. */
static int pdx_create(void *ctx, const char **argv, int argc,
		      Fts5Tokenizer **out)
{
	static const char *const base[] = {
		"unicode61", "remove_diacritics", "2"
	};
	enum { NBASE = sizeof base / sizeof base[0] };
	fts5_api *api = ctx;
	pdx_tokenizer *t;
	const char **args = NULL;
	void *inner_ctx = NULL;
	int rc;

	*out = NULL;
	t = sqlite3_malloc(sizeof *t);
	if (!t)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	rc = api->xFindTokenizer(api, "porter", &inner_ctx, &t->inner);
	if (rc != SQLITE_OK)
		goto out;
	args = sqlite3_malloc64((sqlite3_uint64)(NBASE + argc) * sizeof *args);
	if (!args) {
		rc = SQLITE_NOMEM;
		goto out;
	}
	for (int k = 0; k < NBASE; k++)
		args[k] = base[k];
	for (int k = 0; k < argc; k++)
		args[NBASE + k] = argv[k];
	/* porter takes its first argument as the name of the tokenizer it
	 * wraps and passes the rest on to it. */
	rc = t->inner.xCreate(inner_ctx, args, NBASE + argc, &t->inner_tok);
out:
	sqlite3_free(args);
	if (rc != SQLITE_OK) {
		pdx_delete((Fts5Tokenizer *)t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

/* The documented way to reach FTS5's C API from a connection. */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL) ==
	    SQLITE_OK)
		sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int tokenizer_create(fts5_api *api, fts5_tokenizer *methods, Fts5Tokenizer **tok)
{
	void *ctx = NULL;
	int rc;

	*tok = NULL;
	if (!api)
		return SQLITE_ERROR;
	rc = api->xFindTokenizer(api, TOKENIZER_NAME, &ctx, methods);
	return rc == SQLITE_OK ? methods->xCreate(ctx, NULL, 0, tok) : rc;
}

int tokenizer_register(sqlite3 *db)
{
	static fts5_tokenizer methods = { pdx_create, pdx_delete, pdx_tokenize };
	fts5_tokenizer porter;
	void *porter_ctx;
	fts5_api *api = fts5_api_of(db);

	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	/* Fail here rather than at the first CREATE VIRTUAL TABLE. */
	if (api->xFindTokenizer(api, "porter", &porter_ctx, &porter) != SQLITE_OK)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, TOKENIZER_NAME, api, &methods, NULL);
}

#ifdef PDX_EXTENSION
/* Entry point of build/polidex.so; the name follows from the file name, so
 * `.load build/polidex` finds it without naming it. */
int sqlite3_polidex_init(sqlite3 *db, char **pzErrMsg,
			 const sqlite3_api_routines *pApi);

int sqlite3_polidex_init(sqlite3 *db, char **pzErrMsg,
			 const sqlite3_api_routines *pApi)
{
	int rc;

	SQLITE_EXTENSION_INIT2(pApi);
	rc = tokenizer_register(db);
	if (rc != SQLITE_OK && pzErrMsg)
		*pzErrMsg = sqlite3_mprintf("polidex: cannot register the fts5 "
					    "tokenizer: %s", sqlite3_errstr(rc));
	return rc;
}
#endif
