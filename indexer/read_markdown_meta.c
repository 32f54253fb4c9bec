/* read_markdown_meta.c - the Markdown reader's YAML front matter: the
 * subset the mirrors use (key: value lines, values folded onto indented
 * lines, quoted scalars, simple lists), for the document's metadata. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "identify.h"
#include "read_markdown_int.h"

static bool md_fence_line(const md_line *l, const char *mark)
{
	const char *s = l->s;
	size_t n = l->len;
	md_trim(&s, &n);
	return l->len >= 3 && memcmp(l->s, mark, 3) == 0 && n == 3;
}

/* Hex digits s[0..n) as a number; -1 when one is no hex digit. */
static long md_hex(const char *s, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Decode the escape after a backslash of a double-quoted YAML scalar (YAML
 * 1.2, 5.7: \0 \a \b \t \n \v \f \r \e \space \" \/ \\ \N \_ \L \P
 * \xXX \uXXXX \UXXXXXXXX) into b; a UTF-16 surrogate pair written as two
 * \u escapes gives one character. An escape YAML does not know is kept as
 * written. Returns the bytes of s taken; *rc the buffer's status. */
static size_t md_yaml_escape(const char *s, size_t n, pdx_buf *b, int *rc)
{
	char e = s[0], c = 0;
	char utf8[8];
	switch (e) {
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case 't': case '\t': c = '\t'; break;
	case 'n': c = '\n'; break;
	case 'v': c = '\v'; break;
	case 'f': c = '\f'; break;
	case 'r': c = '\r'; break;
	case 'e': c = '\033'; break;
	case ' ': case '"': case '/': case '\\': c = e; break;
	case '0': return 1;	/* a NUL has no place in a title: dropped */
	default: break;
	}
	if (c) {
		*rc = pdx_buf_addc(b, c);
		return 1;
	}
	uint32_t cp = 0;
	size_t used = 1;
	if (e == 'N')
		cp = 0x85;
	else if (e == '_')
		cp = 0xA0;
	else if (e == 'L')
		cp = 0x2028;
	else if (e == 'P')
		cp = 0x2029;
	else if (e == 'x' || e == 'u' || e == 'U') {
		size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
		long v = n > digits ? md_hex(s + 1, digits) : -1;
		if (v >= 0) {
			cp = (uint32_t)v;
			used = 1 + digits;
			/* a high surrogate and the low one after it */
			if (cp >= 0xD800 && cp <= 0xDBFF && n >= used + 6 &&
			    s[used] == '\\' && s[used + 1] == 'u') {
				long lo = md_hex(s + used + 2, 4);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
					used += 6;
				}
			}
		}
	}
	if (cp && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
		int k = pdx_utf8_encode(cp, utf8);
		*rc = pdx_buf_add(b, utf8, (size_t)k);
		return used;
	}
	/* unknown: keep the backslash and the character */
	*rc = pdx_buf_addc(b, '\\');
	if (*rc == PDX_OK)
		*rc = pdx_buf_addc(b, e);
	return 1;
}

/* The value of a YAML scalar without its quotes and escapes. Caller frees. */
static char *md_yaml_scalar(const char *s, size_t n)
{
	pdx_buf b;
	pdx_buf_init(&b);
	md_trim(&s, &n);
	int rc = PDX_OK;
	if (n && (s[0] == '"' || s[0] == '\'')) {
		char q = s[0];
		for (size_t i = 1; i < n && rc == PDX_OK; i++) {
			if (s[i] == q) {
				if (q == '\'' && i + 1 < n && s[i + 1] == '\'') {
					rc = pdx_buf_addc(&b, '\'');
					i++;
					continue;
				}
				break;
			}
			if (q == '"' && s[i] == '\\' && i + 1 < n) {
				i += md_yaml_escape(s + i + 1, n - i - 1, &b, &rc);
				continue;
			}
			rc = pdx_buf_addc(&b, s[i]);
		}
	} else {
		/* Block scalar indicators (| >) announce the text that follows. */
		if (n && (s[0] == '|' || s[0] == '>')) {
			size_t i = 1;
			while (i < n && (s[i] == '-' || s[i] == '+' || isdigit((unsigned char)s[i])))
				i++;
			if (i == n || md_is_ws(s[i])) {
				s += i;
				n -= i;
			}
		}
		/* A comment needs white space before its '#' (URLs keep theirs). */
		for (size_t i = 1; i < n; i++)
			if (s[i] == '#' && md_is_ws(s[i - 1])) {
				n = i;
				break;
			}
		md_trim(&s, &n);
		rc = pdx_buf_add(&b, s, n);
	}
	if (rc != PDX_OK) {
		pdx_buf_clear(&b);
		return NULL;
	}
	return pdx_buf_take(&b);
}

/* Normalize an ISO-like date or date-time to ISO 8601 ("2025-07-23
 * 18:51:23-04:00" -> "2025-07-23T18:51:23-04:00") in out (64 bytes).
 * Returns the precision: 0 not a date, 1 date, 2 date-time, 3 with zone. */
static int md_iso_date(const char *s, char *out)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;
	for (i = 0; i < 10; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return 0;
	}
	memcpy(out, s, 10);
	out[10] = '\0';
	const char *t = s + 10;
	if (!*t || !((*t == ' ' || *t == 'T' || *t == 't') && isdigit((unsigned char)t[1])))
		return 1;
	t++;
	size_t k = 10;
	out[k++] = 'T';
	while (k < 40 && (isdigit((unsigned char)*t) || *t == ':' || *t == '.'))
		out[k++] = *t++;
	out[k] = '\0';
	while (*t == ' ')
		t++;
	if (*t == 'Z' || *t == 'z') {
		out[k++] = 'Z';
		out[k] = '\0';
		return 3;
	}
	if ((*t == '+' || *t == '-') && isdigit((unsigned char)t[1])) {
		out[k++] = *t++;
		while (k < 62 && (isdigit((unsigned char)*t) || *t == ':'))
			out[k++] = *t++;
		out[k] = '\0';
		return 3;
	}
	return 2;
}

/* True when a tags value (scalar, flow or block list) holds tag. */
static bool md_has_tag(const char *v, const char *tag)
{
	size_t tl = strlen(tag);
	const char *p = v;
	while (*p) {
		while (*p && strchr(" \t\n,[]'\"", *p))
			p++;
		const char *q = p;
		while (*q && !strchr(" \t\n,[]'\"", *q))
			q++;
		if ((size_t)(q - p) == tl && strncasecmp(p, tag, tl) == 0)
			return true;
		p = q;
	}
	return false;
}

typedef struct {
	pdx_doc *doc;
	char date[64];
	int date_score;
	bool source_url;	/* source_url given: it beats url */
} md_meta;

static int md_meta_apply(md_meta *m, const char *key, const char *raw,
			 size_t rawlen)
{
	/* Among the date keys the most precise value wins; on a tie the key
	 * earlier in this list. */
	static const char *const date_keys[] = {
		"published_time", "published", "date_published", "publication_date",
		"date", NULL
	};
	char *v = md_yaml_scalar(raw, rawlen);
	if (!v)
		return PDX_ENOMEM;
	int rc = PDX_OK;
	if (!strcasecmp(key, "title")) {
		rc = doc_set(&m->doc->title, v);
	} else if (!strcasecmp(key, "source_url") ||
		   (!strcasecmp(key, "url") && !m->source_url)) {
		m->source_url |= !strcasecmp(key, "source_url");
		rc = doc_set(&m->doc->source_url, v);
	} else if (!strcasecmp(key, "lang") || !strcasecmp(key, "language")) {
		/* "en-US" -> "en": the index keeps the language only. */
		for (char *p = v; *p; p++) {
			if (*p == '-' || *p == '_') {
				*p = '\0';
				break;
			}
			*p = (char)tolower((unsigned char)*p);
		}
		rc = doc_set(&m->doc->lang, v);
	} else if (!strcasecmp(key, "type") && identify_fr_type(v)) {
		/* the Federal Register API's own field names */
		rc = doc_set(&m->doc->type, identify_fr_type(v));
	} else if (!strcasecmp(key, "subtype") && identify_subtype(v)) {
		rc = doc_set(&m->doc->subtype, identify_subtype(v));
	} else if (!strcasecmp(key, "document_number")) {
		rc = doc_set(&m->doc->fr_doc, v);
	} else if (!strcasecmp(key, "citation")) {
		rc = doc_set(&m->doc->fr_citation, v);
	} else if (!strcasecmp(key, "executive_order_number") ||
		   !strcasecmp(key, "proclamation_number")) {
		rc = doc_set(&m->doc->number, v);
	} else if (!strcasecmp(key, "effective_on") && md_iso_date(v, (char[64]){ 0 })) {
		rc = doc_set(&m->doc->effective_on, v);
	} else if (!strcasecmp(key, "comments_close_on") && md_iso_date(v, (char[64]){ 0 })) {
		rc = doc_set(&m->doc->comments_close_on, v);
	} else if (!strcasecmp(key, "regulation_id_numbers") || !strcasecmp(key, "rin") ||
		   !strcasecmp(key, "docket_ids") || !strcasecmp(key, "docket_id") ||
		   !strcasecmp(key, "docket")) {
		/* a list, flow or block: its items joined with ", " */
		pdx_buf l;
		pdx_buf_init(&l);
		for (const char *p = v; *p;) {
			p += strspn(p, " \t\n,[]'\"-");
			size_t k = strcspn(p, " \t\n,[]'\"");
			if (k)
				pdx_buf_printf(&l, "%s%.*s", l.len ? ", " : "", (int)k, p);
			p += k;
		}
		char *list = pdx_buf_take(&l);
		if (list && *list)
			rc = doc_set(tolower((unsigned char)key[0]) == 'r' ? &m->doc->rin : &m->doc->docket, list);
		free(list);
	} else if (!strcasecmp(key, "tags") || !strcasecmp(key, "categories")) {
		if (md_has_tag(v, "fact-sheets") || md_has_tag(v, "fact-sheet"))
			rc = doc_set(&m->doc->kind, "fact_sheet");
	} else {
		for (int i = 0; date_keys[i]; i++) {
			char iso[64];
			int prec;
			if (strcasecmp(key, date_keys[i]) ||
			    !(prec = md_iso_date(v, iso)))
				continue;
			int score = prec * 10 + (9 - i);
			/* keep the text as the source gives it: the timeline
			 * quotes it verbatim and normalizes it itself */
			if (score > m->date_score) {
				m->date_score = score;
				snprintf(m->date, sizeof m->date, "%s", v);
			}
		}
	}
	free(v);
	return rc;
}

int md_front_matter(const md_line *L, size_t n, pdx_doc *doc,
		    size_t *body, char *err, size_t errlen)
{
	*body = 0;
	if (n == 0 || !md_fence_line(&L[0], "---"))
		return PDX_OK;
	size_t end = 1;
	while (end < n && !md_fence_line(&L[end], "---") &&
	       !md_fence_line(&L[end], "..."))
		end++;
	if (end == n) {
		snprintf(err, errlen,
			 "line 1: unterminated front matter (no closing '---')");
		return PDX_EFORMAT;
	}
	md_meta m = { .doc = doc };
	pdx_buf val;
	pdx_buf_init(&val);
	char key[40] = "";
	int rc = PDX_OK;
	for (size_t i = 1; i <= end && rc == PDX_OK; i++) {
		const char *s = L[i].s;
		size_t len = i < end ? L[i].len : 0;
		if (i < end && (md_blank(s, len) || s[0] == '#'))
			continue;
		/* Indented lines and "- item" lines continue the value above. */
		if (i < end && (md_is_ws(s[0]) || s[0] == '-')) {
			if (key[0]) {
				size_t k = len;
				md_trim(&s, &k);
				rc = pdx_buf_addc(&val, ' ');
				if (rc == PDX_OK)
					rc = pdx_buf_add(&val, s, k);
			}
			continue;
		}
		if (key[0])
			rc = md_meta_apply(&m, key, val.s ? val.s : "", val.len);
		key[0] = '\0';
		val.len = 0;
		if (rc != PDX_OK || i == end)
			break;
		size_t k = 0;
		while (k < len && k + 1 < sizeof key &&
		       (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
			k++;
		if (k == 0 || k >= len || s[k] != ':' ||
		    (k + 1 < len && !md_is_ws(s[k + 1])))
			continue;	/* not a key we can read */
		memcpy(key, s, k);
		key[k] = '\0';
		rc = pdx_buf_add(&val, s + k + 1, len - k - 1);
	}
	pdx_buf_clear(&val);
	if (rc == PDX_OK && m.date_score)
		rc = doc_set(&doc->published, m.date);
	*body = end + 1;
	return rc;
}

