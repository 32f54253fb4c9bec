/* The shipped pillar term list, data/pillar_terms.json, as bytes in the
 * library, as lib/agencies_data.S does for the gazetteer. It is a C file
 * holding the assembler's .incbin only so that the Makefile's wildcard of
 * lib C files builds it with no rule of its own; the path is relative to the
 * repository root, where make runs. */
__asm__(".section .rodata\n"
	".global pdx_pillar_terms_json\n"
	".global pdx_pillar_terms_json_end\n"
	".balign 16\n"
	"pdx_pillar_terms_json:\n"
	".incbin \"data/pillar_terms.json\"\n"
	"pdx_pillar_terms_json_end:\n"
	".byte 0\n"
	".previous\n");
