/* data.S - the data files shipped inside the library, as bytes with a NUL
 * after each: data/agencies.json (the gazetteer, parsed by agencies.c) and
 * data/pillar_terms.json (the pillar terms, parsed by pillar_terms.c).
 * This is the one way polidex embeds a data file: add an .incbin here and
 * the file to the data.o rule of the Makefile (and tests/fuzz/Makefile).
 * Paths are found through -Idata. */
	.section .rodata

	.global pdx_agencies_json
	.global pdx_agencies_json_end
	.balign 16
pdx_agencies_json:
	.incbin "agencies.json"
pdx_agencies_json_end:
	.byte 0

	.global pdx_pillar_terms_json
	.global pdx_pillar_terms_json_end
	.balign 16
pdx_pillar_terms_json:
	.incbin "pillar_terms.json"
pdx_pillar_terms_json_end:
	.byte 0

	.section .note.GNU-stack,"",@progbits
