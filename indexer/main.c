#include <stdio.h>
int main(void) { fprintf(stderr, "polidex-index: not yet\n"); return 3; }
