/* safe_out.h - control characters shown escaped on stdout and stderr
 * (lib/safe_out.c): a document's or a file name's ESC and OSC sequences
 * never reach the terminal. */
#ifndef POLIDEX_SAFE_OUT_H
#define POLIDEX_SAFE_OUT_H

#include <stdbool.h>

/* Put a filter before stdout and stderr that writes the C0 controls but
 * tab, newline and carriage return, DEL and the C1 controls as \u00XX;
 * with erase_line, "ESC [ K" passes (a progress line). Call first thing
 * in main; flushed at exit. */
void pdx_safe_output(bool erase_line);
/* Flush stdout through to the file or terminal: 0, or EOF on an error. */
int pdx_safe_output_flush(void);

#endif
