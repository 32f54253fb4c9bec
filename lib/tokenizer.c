/* tokenizer.c - placeholder until the CJK tokenizer lands. */
#include "polidex/tokenizer.h"
int tokenizer_register(sqlite3 *db) { (void)db; return SQLITE_OK; }
