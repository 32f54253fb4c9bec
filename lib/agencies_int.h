/* agencies_int.h - what the gazetteer (agencies.c) and the tagger
 * (agencies_tag.c) share; private to those two files. */
#ifndef POLIDEX_AGENCIES_INT_H
#define POLIDEX_AGENCIES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include "polidex/agencies.h"

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

/* The patterns of the tagger, compiled once per gazetteer. */
enum {
	RX_GAP,		/* text joining two names into one list or chain */
	RX_PRE_LEAD,	/* "Led by ", "Through ", "under the auspices of " */
	RX_PRE_THROUGH,	/* "Through ", "via collaboration between " */
	RX_PRE_SUBJ,	/* a list opening its sentence: "(a) The " */
	RX_POST_MODAL,	/* its verb further on: ", chaired by ..., shall" */
	RX_PRE_INIT,	/* sentence-initial "At ", "Within " */
	RX_PRE_SUPPORT,	/* "in collaboration with " (tight) */
	RX_PRE_SUPPORT_LOOSE, /* the same with filler words before the list */
	RX_PRE_PASSIVE,	/* "would be enabled by regulatory agencies such as " */
	RX_PRE_CLAUSE,	/* start of a clause: "", ", the ", "SUMMARY: The " */
	RX_PRE_AMBIG,	/* words before an ambiguous name that make it a body */
	RX_POST_LEAD,	/* " should", ", in consultation with Y, shall", "-led" */
	RX_POST_VERB,	/* " announced", "宣布": actor when at a clause start */
	RX_PAREN,	/* "'s (NSF)" after a name: a definition or a repeat */
	RX_ANNOUNCE,	/* " announced", "近日宣布": the issuer of a release */
	RX_COUNT
};

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
	pcre2_code *rx[RX_COUNT];
	pcre2_code *coord;	/* "Departments of State and Labor" */
	pcre2_code *coord_item;	/* one short name inside it */
	/* The tagger (indexer/tag_agencies.c) compiles rx and coord from the
	 * names when it first tags with a gazetteer of a new generation (gen
	 * grows with each load; tag_gen is the one compiled), and frees them
	 * through release: the gazetteer itself needs no pattern. */
	unsigned gen, tag_gen;
	void (*release)(pdx_gazetteer *g);
};


#endif
