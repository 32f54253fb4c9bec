#include <stdio.h>
int main(void) { fprintf(stderr, "polidex-query: not yet\n"); return 3; }
