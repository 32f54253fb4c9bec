/* agencies.c - the gazetteer: loading data/agencies.json (or a user's file)
 * with cJSON, the name trie that finds its names in text (the indexer's
 * tagger, indexer/tag_agencies*.c, asks it through gazetteer_match), and
 * lookups of what a user types. */
#include <ctype.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cJSON.h>

#include "polidex/agencies.h"
#include "polidex/text.h"
#include "polidex/util.h"

/* Flags of a name in the matcher. */
enum {
	GZ_CASE = 1,	/* must match with this exact case (acronyms, one-word
			 * names, generated "State Department" forms) */
	GZ_AMBIG = 2,	/* also an ordinary word ("ED", "IC", "Army"): taken
			 * only where the context makes it a body */
};

typedef struct {
	pdx_agency pub;
	const char **aliases;	/* backs pub.aliases */
	const char **shorts;	/* "Commerce", "the Treasury": for coordinated
				 * forms ("the Commerce and State Departments") */
	size_t nshorts;
	const char **ambig;
	size_t nambig;
	const char **domains;	/* web hosts whose documents it issues */
	size_t ndomains;
} gz_body;

typedef struct {
	const char *s;
	size_t len;
	int body;
	unsigned flags;
	int next;		/* next name ending at the same trie node, or -1 */
} gz_name;

/* Byte trie over the ASCII-lowercased names: child/sibling lists, with the
 * root fanned out by first byte. */
typedef struct {
	int child, sib, term;
	unsigned char c;
} gz_node;

struct pdx_gazetteer {
	gz_body *bodies;
	size_t n, cap;
	char **strs;		/* every string the bodies point to */
	size_t nstrs, capstrs;
	gz_name *names;
	size_t nnames, capnames;
	gz_node *nodes;
	size_t nnodes, capnodes;
	int root[256];
	/* The trie's second level as a table: the child of root node
	 * root[b] labelled d is second[row[b] * 256 + d], -1 for none
	 * (row[b] is -1 when no name starts with b). Most words end their
	 * walk here, and a search of the root's children (up to a few dozen
	 * siblings) would cost more than the rest of the walk. */
	int row[256];
	int *second;
	/* tolower() and "ASCII letter or digit" of every byte, looked up in
	 * a table instead of through the C library at every byte */
	unsigned char fold[256];
	bool word[256];
	unsigned long stamp;	/* gazetteer_stamp */
};

extern const char pdx_agencies_json[], pdx_agencies_json_end[];

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Keep a copy of s in the gazetteer's string store; NULL on no memory. */
static const char *keep(pdx_gazetteer *g, const char *s)
{
	if (g->nstrs == g->capstrs) {
		size_t cap = g->capstrs ? g->capstrs * 2 : 512;
		char **v = realloc(g->strs, cap * sizeof *v);
		if (!v)
			return NULL;
		g->strs = v;
		g->capstrs = cap;
	}
	char *c = pdx_strdup(s);
	if (c)
		g->strs[g->nstrs++] = c;
	return c;
}

static void body_clear(gz_body *b)
{
	free(b->aliases);
	free(b->shorts);
	free(b->ambig);
	free(b->domains);
	memset(b, 0, sizeof *b);
}

void gazetteer_free(pdx_gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		body_clear(&g->bodies[i]);
	free(g->bodies);
	for (size_t i = 0; i < g->nstrs; i++)
		free(g->strs[i]);
	free(g->strs);
	free(g->names);
	free(g->nodes);
	free(g->second);
	free(g);
}

size_t gazetteer_count(const pdx_gazetteer *g)
{
	return g ? g->n : 0;
}

const pdx_agency *gazetteer_at(const pdx_gazetteer *g, size_t i)
{
	return g && i < g->n ? &g->bodies[i].pub : NULL;
}

static int find_index(const pdx_gazetteer *g, const char *id)
{
	for (size_t i = 0; g && id && i < g->n; i++)
		if (strcmp(g->bodies[i].pub.id, id) == 0)
			return (int)i;
	return -1;
}

const pdx_agency *gazetteer_find(const pdx_gazetteer *g, const char *id)
{
	int i = find_index(g, id);
	return i < 0 ? NULL : &g->bodies[i].pub;
}

/* ---- reading one body from JSON ---- */

/* A growable list of kept strings. */
typedef struct {
	const char **v;
	size_t n, cap;
} strlist;

static int strlist_add(strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)	/* names repeat across fields */
		if (strcmp(l->v[i], s) == 0)
			return PDX_OK;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		const char **v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return PDX_OK;
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

/* Optional string member: PDX_OK with *out NULL when absent. */
static int get_str(pdx_gazetteer *g, const cJSON *o, const char *key,
		   const char **out, const char *where, char *err, size_t errlen)
{
	*out = NULL;
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!it || cJSON_IsNull(it))
		return PDX_OK;
	if (!cJSON_IsString(it) || !it->valuestring || !*it->valuestring) {
		set_err(err, errlen, "%s: \"%s\" must be a non-empty string", where, key);
		return PDX_EFORMAT;
	}
	*out = keep(g, it->valuestring);
	return *out ? PDX_OK : PDX_ENOMEM;
}

/* Optional array of strings, each kept and appended to l. */
static int get_list(pdx_gazetteer *g, const cJSON *o, const char *key,
		    strlist *l, const char *where, char *err, size_t errlen)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	if (!arr)
		return PDX_OK;
	if (!cJSON_IsArray(arr)) {
		set_err(err, errlen, "%s: \"%s\" must be an array of strings", where, key);
		return PDX_EFORMAT;
	}
	cJSON_ArrayForEach(it, arr) {
		if (!cJSON_IsString(it) || !it->valuestring || !*it->valuestring) {
			set_err(err, errlen, "%s: \"%s\" must hold non-empty strings", where, key);
			return PDX_EFORMAT;
		}
		const char *s = keep(g, it->valuestring);
		if (!s || strlist_add(l, s))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* The generated forms of a department's short name S ("Commerce",
 * "the Treasury"): "Department of S", "S Department", "Secretary of S". */
static int add_short_forms(pdx_gazetteer *g, const char *s, strlist *al)
{
	const char *bare = strncmp(s, "the ", 4) == 0 ? s + 4 : s;
	static const char *const pre[] = { "Department of ", "Dept. of ", "Secretary of " };
	static const char *const post[] = { " Department", " Secretary" };
	char tmp[256];
	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
		for (int k = 0; k < 2; k++) {
			const char *x = k ? bare : s;
			if (k && x == s)
				break;
			snprintf(tmp, sizeof tmp, "%s%s", pre[i], x);
			const char *c = keep(g, tmp);
			if (!c || strlist_add(al, c))
				return PDX_ENOMEM;
		}
	}
	for (size_t i = 0; i < sizeof post / sizeof *post; i++) {
		snprintf(tmp, sizeof tmp, "%s%s", bare, post[i]);
		const char *c = keep(g, tmp);
		if (!c || strlist_add(al, c))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

static int read_body(pdx_gazetteer *g, const cJSON *o, size_t idx, gz_body *b,
		     char *err, size_t errlen)
{
	char where[96];
	strlist al = { 0 }, sh = { 0 }, am = { 0 }, dm = { 0 };
	int rc;

	memset(b, 0, sizeof *b);
	snprintf(where, sizeof where, "agencies[%zu]", idx);
	if (!cJSON_IsObject(o)) {
		set_err(err, errlen, "%s: must be an object", where);
		return PDX_EFORMAT;
	}
	if ((rc = get_str(g, o, "id", &b->pub.id, where, err, errlen)))
		return rc;
	if (!b->pub.id) {
		set_err(err, errlen, "%s: \"id\" is missing", where);
		return PDX_EFORMAT;
	}
	if (!valid_id(b->pub.id)) {
		set_err(err, errlen, "%s: id '%s' must be lowercase letters, digits or '_'",
			where, b->pub.id);
		return PDX_EFORMAT;
	}
	snprintf(where, sizeof where, "agencies[%zu] ('%s')", idx, b->pub.id);
	if ((rc = get_str(g, o, "name", &b->pub.name_en, where, err, errlen)) ||
	    (rc = get_str(g, o, "acronym", &b->pub.acronym, where, err, errlen)) ||
	    (rc = get_str(g, o, "zh", &b->pub.name_zh, where, err, errlen)) ||
	    (rc = get_str(g, o, "zh_hant", &b->pub.name_zh_hant, where, err, errlen)) ||
	    (rc = get_str(g, o, "parent", &b->pub.parent, where, err, errlen)) ||
	    (rc = get_str(g, o, "kind", &b->pub.kind, where, err, errlen)))
		goto fail;
	if (!b->pub.name_en) {
		set_err(err, errlen, "%s: \"name\" is missing", where);
		rc = PDX_EFORMAT;
		goto fail;
	}
	if (!b->pub.kind && !(b->pub.kind = keep(g, "agency"))) {
		rc = PDX_ENOMEM;
		goto fail;
	}
	if ((rc = get_list(g, o, "aliases", &al, where, err, errlen)) ||
	    (rc = get_list(g, o, "aliases_zh", &al, where, err, errlen)) ||
	    (rc = get_list(g, o, "former", &al, where, err, errlen)) ||
	    (rc = get_list(g, o, "titles", &al, where, err, errlen)) ||
	    (rc = get_list(g, o, "short", &sh, where, err, errlen)) ||
	    (rc = get_list(g, o, "ambiguous", &am, where, err, errlen)) ||
	    (rc = get_list(g, o, "domains", &dm, where, err, errlen)))
		goto fail;
	if (b->pub.name_zh_hant && (rc = strlist_add(&al, b->pub.name_zh_hant)))
		goto fail;
	for (size_t i = 0; i < sh.n; i++)
		if ((rc = add_short_forms(g, sh.v[i], &al)))
			goto fail;
	b->aliases = al.v;
	b->pub.aliases = al.v;
	b->pub.naliases = al.n;
	b->shorts = sh.v;
	b->nshorts = sh.n;
	b->ambig = am.v;
	b->nambig = am.n;
	b->domains = dm.v;
	b->ndomains = dm.n;
	return PDX_OK;
fail:
	free(al.v);
	free(sh.v);
	free(am.v);
	free(dm.v);
	memset(b, 0, sizeof *b);
	return rc;
}

/* ---- the name trie ---- */

static int new_node(pdx_gazetteer *g, unsigned char c)
{
	if (g->nnodes == g->capnodes) {
		size_t cap = g->capnodes ? g->capnodes * 2 : 4096;
		gz_node *v = realloc(g->nodes, cap * sizeof *v);
		if (!v)
			return -1;
		g->nodes = v;
		g->capnodes = cap;
	}
	g->nodes[g->nnodes] = (gz_node){ .child = -1, .sib = -1, .term = -1, .c = c };
	return (int)g->nnodes++;
}

static int trie_insert(pdx_gazetteer *g, const char *s, size_t len, int name)
{
	unsigned char c = (unsigned char)tolower((unsigned char)s[0]);
	int n = g->root[c];
	if (n < 0) {
		if ((n = new_node(g, c)) < 0)
			return PDX_ENOMEM;
		g->root[c] = n;
	}
	for (size_t i = 1; i < len; i++) {
		c = (unsigned char)tolower((unsigned char)s[i]);
		int k = g->nodes[n].child;
		while (k >= 0 && g->nodes[k].c != c)
			k = g->nodes[k].sib;
		if (k < 0) {
			if ((k = new_node(g, c)) < 0)
				return PDX_ENOMEM;
			g->nodes[k].sib = g->nodes[n].child;
			g->nodes[n].child = k;
		}
		n = k;
	}
	g->names[name].next = g->nodes[n].term;
	g->nodes[n].term = name;
	return PDX_OK;
}

static bool one_token(const char *s)
{
	return !strchr(s, ' ') && !pdx_is_cjk(pdx_utf8_decode(s, strlen(s), &(int){ 0 }));
}

static int add_name(pdx_gazetteer *g, const char *s, int body, unsigned flags)
{
	if (!s || !*s)
		return PDX_OK;
	if (g->nnames == g->capnames) {
		size_t cap = g->capnames ? g->capnames * 2 : 1024;
		gz_name *v = realloc(g->names, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		g->names = v;
		g->capnames = cap;
	}
	/* A lone word or acronym is matched in its own case: "Pentagon" the
	 * building, "ED" the department, not "pentagon" or "Ed". */
	if (one_token(s))
		flags |= GZ_CASE;
	size_t i = g->nnames++;
	g->names[i] = (gz_name){ .s = s, .len = strlen(s), .body = body, .flags = flags };
	int rc = trie_insert(g, s, g->names[i].len, (int)i);
	if (rc)
		return rc;
	/* Texts use the typographic apostrophe as often as the straight one. */
	const char *ap = strchr(s, '\'');
	if (ap) {
		pdx_buf b;
		pdx_buf_init(&b);
		for (const char *p = s; *p; p++)
			rc = rc ? rc : (*p == '\'' ? pdx_buf_adds(&b, "\xe2\x80\x99") : pdx_buf_addc(&b, *p));
		const char *c = rc ? NULL : keep(g, b.s);
		pdx_buf_clear(&b);
		if (!c)
			return PDX_ENOMEM;
		return add_name(g, c, body, flags);
	}
	return PDX_OK;
}

static bool in_list(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* Give the children of node n (already at index at[n] of out) consecutive
 * slots from *next, then do the same below each child in turn, so a sibling
 * list is a run of adjacent nodes and a chain of only children a run too:
 * the tagger's walk then reads memory in order. */
/* Lay out the subtree under n (already placed at at[n]): each node's
 * children sit together, in sibling order, and each child's subtree
 * follows in turn, depth first. Iterative over stack (room for every
 * node), so a name of any length costs no C stack. */
static void lay_out(const pdx_gazetteer *g, int n, int *at, gz_node *out, int *next, int *stack)
{
	size_t top = 0;
	stack[top++] = n;
	while (top) {
		n = stack[--top];
		int first = *next;
		size_t base = top;
		for (int k = g->nodes[n].child; k >= 0; k = g->nodes[k].sib) {
			at[k] = (*next)++;
			gz_node *o = &out[at[k]];
			*o = g->nodes[k];
			o->sib = g->nodes[k].sib >= 0 ? at[k] + 1 : -1;
			stack[top++] = k;
		}
		if (g->nodes[n].child >= 0)
			out[at[n]].child = first;
		/* reversed, so that the first child is laid out first */
		for (size_t i = base, j = top; i + 1 < j; i++, j--) {
			int t = stack[i];
			stack[i] = stack[j - 1];
			stack[j - 1] = t;
		}
	}
}

/* Renumber the trie's nodes in the order lay_out gives. The trie means the
 * same (same labels, same names at each node); only where its nodes sit
 * changes. Without memory for the copy it stays as it was. */
static void compact_trie(pdx_gazetteer *g)
{
	int *at = malloc((g->nnodes ? g->nnodes : 1) * sizeof *at);
	int *stack = malloc((g->nnodes ? g->nnodes : 1) * sizeof *stack);
	gz_node *out = malloc((g->capnodes ? g->capnodes : 1) * sizeof *out);
	if (!at || !out || !stack) {
		free(at);
		free(stack);
		free(out);
		return;
	}
	int next = 0;
	for (int c = 0; c < 256; c++) {
		int r = g->root[c];
		if (r < 0)
			continue;
		at[r] = next++;
		out[at[r]] = g->nodes[r];
		lay_out(g, r, at, out, &next, stack);
		g->root[c] = at[r];
	}
	free(g->nodes);
	g->nodes = out;
	free(at);
	free(stack);
}

/* The byte tables and the trie's second level (struct pdx_gazetteer). */
static int build_second(pdx_gazetteer *g)
{
	size_t nrows = 0;
	for (int ch = 0; ch < 256; ch++) {
		g->fold[ch] = (unsigned char)tolower(ch);
		g->word[ch] = ch < 0x80 && isalnum(ch);
		g->row[ch] = g->root[ch] >= 0 ? (int)nrows++ : -1;
	}
	free(g->second);
	if (!(g->second = malloc((nrows ? nrows : 1) * 256 * sizeof *g->second)))
		return PDX_ENOMEM;
	for (size_t i = 0; i < nrows * 256; i++)
		g->second[i] = -1;
	for (int ch = 0; ch < 256; ch++)
		for (int k = g->row[ch] >= 0 ? g->nodes[g->root[ch]].child : -1; k >= 0; k = g->nodes[k].sib)
			g->second[g->row[ch] * 256 + g->nodes[k].c] = k;
	return PDX_OK;
}

/* Rebuild the trie from every body's names. */
static int build_matcher(pdx_gazetteer *g)
{
	g->nnames = 0;
	g->nnodes = 0;
	for (int i = 0; i < 256; i++)
		g->root[i] = -1;
	for (size_t i = 0; i < g->n; i++) {
		const gz_body *b = &g->bodies[i];
		int bi = (int)i, rc = 0;
		const char *acr = b->pub.acronym;
		unsigned af = in_list(b->ambig, b->nambig, acr ? acr : "") ? GZ_AMBIG : 0;
		rc = rc ? rc : add_name(g, b->pub.name_en, bi, 0);
		rc = rc ? rc : add_name(g, acr, bi, GZ_CASE | af);
		rc = rc ? rc : add_name(g, b->pub.name_zh, bi, 0);
		for (size_t k = 0; !rc && k < b->pub.naliases; k++) {
			const char *s = b->pub.aliases[k];
			/* The generated "State Department" and "State Secretary"
			 * forms also read as a state's own department. */
			size_t sl = strlen(s);
			bool gen = b->nshorts && (sl > 11 && (strcmp(s + sl - 11, " Department") == 0 ||
							     strcmp(s + sl - 10, " Secretary") == 0));
			rc = add_name(g, s, bi, gen ? GZ_CASE : 0);
		}
		for (size_t k = 0; !rc && k < b->nambig; k++)
			if (!acr || strcmp(b->ambig[k], acr) != 0)
				rc = add_name(g, b->ambig[k], bi, GZ_CASE | GZ_AMBIG);
		if (rc)
			return rc;
	}
	compact_trie(g);
	return build_second(g);
}

/* ---- loading ---- */

static void syntax_error(const char *json, size_t len, const char *at,
			 char *err, size_t errlen)
{
	size_t off = at && at >= json && at <= json + len ? (size_t)(at - json) : len;
	int line = 1, col = 1;
	for (size_t i = 0; i < off; i++) {
		if (json[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)json[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	set_err(err, errlen, "JSON syntax error at line %d, column %d (byte %zu)",
		line, col, off);
}

static int load_into(pdx_gazetteer *g, const cJSON *root, char *err, size_t errlen)
{
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "format_version");
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "agencies");
	if (!cJSON_IsObject(root)) {
		set_err(err, errlen, "the top level must be an object");
		return PDX_EFORMAT;
	}
	if (!cJSON_IsNumber(ver) || ver->valueint != 1) {
		set_err(err, errlen, "\"format_version\" must be 1");
		return PDX_EFORMAT;
	}
	if (!cJSON_IsArray(arr)) {
		set_err(err, errlen, "\"agencies\" must be an array");
		return PDX_EFORMAT;
	}
	/* Read every body first, so a bad file leaves the gazetteer as it was
	 * (the strings it kept are only freed with the gazetteer). */
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
	gz_body *nb = calloc(n ? n : 1, sizeof *nb);
	if (!nb)
		return PDX_ENOMEM;
	const cJSON *it;
	int rc = PDX_OK;
	cJSON_ArrayForEach(it, arr) {
		if ((rc = read_body(g, it, k, &nb[k], err, errlen)))
			break;
		k++;
	}
	if (!rc && g->n + k > g->cap) {
		size_t cap = g->cap ? g->cap : 128;
		while (cap < g->n + k)
			cap *= 2;
		gz_body *v = realloc(g->bodies, cap * sizeof *v);
		if (!v)
			rc = PDX_ENOMEM;
		else {
			g->bodies = v;
			g->cap = cap;
		}
	}
	if (rc) {
		for (size_t i = 0; i < k; i++)
			body_clear(&nb[i]);
		free(nb);
		return rc;
	}
	for (size_t i = 0; i < k; i++) {
		int at = find_index(g, nb[i].pub.id);
		if (at >= 0) {
			body_clear(&g->bodies[at]);
			g->bodies[at] = nb[i];
		} else {
			g->bodies[g->n++] = nb[i];
		}
	}
	free(nb);
	return PDX_OK;
}

/* The stamp of the next successful load: 1, 2, ... in the process. */
static atomic_ulong next_stamp = 1;

int gazetteer_load(pdx_gazetteer **gp, const char *json, size_t len,
		   char *err, size_t errlen)
{
	pdx_gazetteer *g = *gp;
	bool fresh = !g;
	if (fresh) {
		if (!(g = calloc(1, sizeof *g)))
			return PDX_ENOMEM;
		for (int i = 0; i < 256; i++)
			g->root[i] = -1;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, false);
	int rc;
	if (!root) {
		syntax_error(json, len, end ? end : cJSON_GetErrorPtr(), err, errlen);
		rc = PDX_EFORMAT;
	} else {
		rc = load_into(g, root, err, errlen);
		cJSON_Delete(root);
	}
	if (!rc)
		rc = build_matcher(g);
	if (!rc)
		g->stamp = atomic_fetch_add(&next_stamp, 1);
	if (rc && fresh) {
		gazetteer_free(g);
		return rc;
	}
	if (rc)		/* keep the old bodies matchable */
		build_matcher(g);
	*gp = g;
	return rc;
}

int gazetteer_load_builtin(pdx_gazetteer **g, char *err, size_t errlen)
{
	return gazetteer_load(g, pdx_agencies_json,
			      (size_t)(pdx_agencies_json_end - pdx_agencies_json), err, errlen);
}

unsigned long gazetteer_stamp(const pdx_gazetteer *g)
{
	return g ? g->stamp : 0;
}

/* ---- names in text ---- */

bool gazetteer_match(const pdx_gazetteer *g, const char *t, size_t len, size_t at,
		     pdx_name_match *m)
{
	const gz_node *nodes = g->nodes;
	const unsigned char *u = (const unsigned char *)t;
	const unsigned char *fold = g->fold;
	const bool *word = g->word;
	unsigned char ch = u[at];
	int n = g->root[fold[ch]];
	if (n < 0)
		return false;
	int best = -1;
	size_t best_end = 0;
	size_t j = at;
	const int *second = g->second + (size_t)g->row[fold[ch]] * 256;
	while (n >= 0) {
		j++;
		for (int k = nodes[n].term; k >= 0; k = g->names[k].next) {
			const gz_name *nm = &g->names[k];
			unsigned char last = (unsigned char)nm->s[nm->len - 1];
			if (word[last] && j < len && word[u[j]])
				continue;
			if ((nm->flags & GZ_CASE) && memcmp(t + at, nm->s, nm->len) != 0)
				continue;
			/* Prefer an unambiguous reading of the same name. */
			if (best < 0 || best_end < j || (g->names[best].flags & GZ_AMBIG)) {
				best = k;
				best_end = j;
			}
		}
		if (j >= len)
			break;
		unsigned char d = fold[u[j]];
		int k;
		if (j == at + 1) {	/* n is the root */
			k = second[d];
		} else {
			k = nodes[n].child;
			while (k >= 0 && nodes[k].c != d)
				k = nodes[k].sib;
		}
		n = k;
	}
	if (best < 0)
		return false;
	*m = (pdx_name_match){ .end = best_end, .body = (size_t)g->names[best].body,
			       .ambiguous = (g->names[best].flags & GZ_AMBIG) != 0 };
	return true;
}

const char *const *gazetteer_shorts(const pdx_gazetteer *g, size_t i, size_t *n)
{
	if (!g || i >= g->n) {
		*n = 0;
		return NULL;
	}
	*n = g->bodies[i].nshorts;
	return g->bodies[i].shorts;
}

const pdx_agency *gazetteer_find_host(const pdx_gazetteer *g, const char *url)
{
	const char *h = url ? strstr(url, "://") : NULL;
	if (!g || !h)
		return NULL;
	h += 3;
	size_t hl = strcspn(h, "/:?#");
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->bodies[i].ndomains; k++) {
			const char *d = g->bodies[i].domains[k];
			size_t dl = strlen(d);
			if (hl >= dl && strncasecmp(h + hl - dl, d, dl) == 0 &&
			    (hl == dl || h[hl - dl - 1] == '.'))
				return &g->bodies[i].pub;
		}
	return NULL;
}

/* ---- what a user types ---- */

/* ASCII case-insensitive equality; other bytes (Chinese) compare exactly. */
static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

/* The user's text with white space squeezed and a leading "the" dropped.
 * Caller frees. */
static char *user_name(const char *name)
{
	char *s = pdx_strdup(name);
	if (!s)
		return NULL;
	pdx_squeeze_space(s);
	if (strncasecmp(s, "the ", 4) == 0)
		memmove(s, s + 4, strlen(s + 4) + 1);
	return s;
}

const pdx_agency *gazetteer_lookup(const pdx_gazetteer *g, const char *name)
{
	if (!g || !name)
		return NULL;
	char *s = user_name(name);
	if (!s)
		return NULL;
	const pdx_agency *hit = NULL;
	for (size_t i = 0; i < g->n && !hit; i++) {
		const gz_body *b = &g->bodies[i];
		const pdx_agency *a = &b->pub;
		if (same_name(s, a->id) || (a->acronym && same_name(s, a->acronym)) ||
		    same_name(s, a->name_en) || (a->name_zh && same_name(s, a->name_zh)))
			hit = a;
		for (size_t k = 0; k < a->naliases && !hit; k++) {
			const char *al = a->aliases[k];
			if (same_name(s, strncmp(al, "the ", 4) == 0 ? al + 4 : al))
				hit = a;
		}
		for (size_t k = 0; k < b->nshorts && !hit; k++) {
			const char *sh = b->shorts[k];
			if (same_name(s, strncmp(sh, "the ", 4) == 0 ? sh + 4 : sh))
				hit = a;
		}
	}
	free(s);
	return hit;
}

size_t gazetteer_suggest(const pdx_gazetteer *g, const char *name,
			 const pdx_agency **out, size_t max)
{
	if (!g || !name || !max)
		return 0;
	char *s = user_name(name);
	if (!s)
		return 0;
	size_t len = strlen(s);
	/* Allow about one slip in three letters: "Comerce", "Labour Dept". */
	size_t cap = len < 4 ? 1 : len / 3 < 6 ? len / 3 : 6;
	size_t n = 0, dist[64];
	if (max > 64)
		max = 64;
	for (size_t i = 0; i < g->n; i++) {
		const gz_body *b = &g->bodies[i];
		const pdx_agency *a = &b->pub;
		size_t d = pdx_edit_distance(s, a->id, cap);
		size_t x;
		if (a->acronym && (x = pdx_edit_distance(s, a->acronym, cap)) < d)
			d = x;
		if ((x = pdx_edit_distance(s, a->name_en, cap)) < d)
			d = x;
		for (size_t k = 0; k < a->naliases; k++)
			if ((x = pdx_edit_distance(s, a->aliases[k], cap)) < d)
				d = x;
		for (size_t k = 0; k < b->nshorts; k++) {
			const char *sh = b->shorts[k];
			if ((x = pdx_edit_distance(s, strncmp(sh, "the ", 4) == 0 ? sh + 4 : sh, cap)) < d)
				d = x;
		}
		if (d > cap)
			continue;
		/* Insert by distance, keeping the gazetteer's order for ties. */
		size_t at = n;
		while (at > 0 && dist[at - 1] > d)
			at--;
		if (at >= max)
			continue;
		size_t last = n < max ? n : max - 1;
		for (size_t j = last; j > at; j--) {
			out[j] = out[j - 1];
			dist[j] = dist[j - 1];
		}
		out[at] = a;
		dist[at] = d;
		if (n < max)
			n++;
	}
	free(s);
	return n;
}
