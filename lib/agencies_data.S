/* The shipped gazetteer, data/agencies.json, as bytes in the library. */
	.section .rodata
	.global pdx_agencies_json
	.global pdx_agencies_json_end
	.balign 16
pdx_agencies_json:
	.incbin "agencies.json"
pdx_agencies_json_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits
