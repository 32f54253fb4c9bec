# polidex - one non-recursive Makefile.
#   make            build build/polidex-index, build/polidex-query, build/polidex.so
#   make demo       install missing packages, build, index corpus/, show queries
#   make check      build and run every test (SANITIZE=1, VALGRIND=1 variants)
#   make bench      run the benchmarks in bench/
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib/polidex
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
PKGS    := libxml-2.0 sqlite3 libcjson libpcre2-8 poppler-glib
VERSION := 0.1.0
B       := build

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -pthread -Wall -Wextra -Wshadow -Wstrict-prototypes
ifeq ($(CI),true)
CFLAGS  += -Werror
endif
ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
B       := build/sanitize
endif
CPPFLAGS += -Iinclude $(PKG_CFLAGS) -DPDX_VERSION='"$(VERSION)"' -D_POSIX_C_SOURCE=200809L
CPPFLAGS += -MMD -MP
LDLIBS  += $(PKG_LIBS) -lm -pthread

LIB_SRC     := $(wildcard lib/*.c)
LIB_OBJ     := $(LIB_SRC:%.c=$(B)/%.o) $(B)/lib/data.o
INDEXER_SRC := $(filter-out indexer/main.c,$(wildcard indexer/*.c))
INDEXER_OBJ := $(INDEXER_SRC:%.c=$(B)/%.o)
QUERY_SRC   := $(filter-out query/main.c,$(wildcard query/*.c))
QUERY_OBJ   := $(QUERY_SRC:%.c=$(B)/%.o)
UNIT_SRC    := $(wildcard tests/unit/test_*.c)
UNIT_BIN    := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
LIBPDX      := $(B)/libpolidex.a

PROGS := $(B)/polidex-index $(B)/polidex-query $(B)/polidex.so
# the benchmarks' helpers (bench/run.sh; tests/cli/t_bench.sh tests them)
BENCH_BIN := $(B)/bench/gen $(B)/bench/peak $(B)/bench/floor $(B)/bench/qbench

.PHONY: all demo check deps bench bench-tools install uninstall clean fuzz unit
all: $(PROGS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# lib/ sees only include/; the indexer's own headers live beside it, and
# only the indexer and the tests that drive its stages see them.
$(B)/indexer/%.o: CPPFLAGS += -Iindexer

# The data files (the gazetteer, the pillar terms) are built into the
# library as bytes by lib/data.S and parsed with cJSON at run time.
DATA_FILES := data/agencies.json data/pillar_terms.json
$(B)/lib/data.o: lib/data.S $(DATA_FILES)
	@mkdir -p $(@D)
	$(CC) -c -Idata $< -o $@

$(LIBPDX): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/polidex-index: $(B)/indexer/main.o $(INDEXER_OBJ) $(LIBPDX)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(B)/polidex-query: $(B)/query/main.o $(QUERY_OBJ) $(LIBPDX)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

# The tokenizer as a loadable SQLite extension; lib/extension.map keeps
# every symbol but the sqlite3_*_init entry points local.
$(B)/polidex.so: lib/tokenizer.c lib/util.c include/polidex/tokenizer.h lib/extension.map
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -shared -DPDX_EXTENSION -Wl,--version-script=lib/extension.map \
		lib/tokenizer.c lib/util.c $(LDFLAGS) -o $@

$(B)/tests/%: tests/unit/%.c $(INDEXER_OBJ) $(QUERY_OBJ) $(LIBPDX)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Iindexer -Itests/unit $(LDFLAGS) $(filter %.c %.o %.a,$^) $(LDLIBS) -o $@

unit: $(UNIT_BIN)

$(B)/bench/gen $(B)/bench/peak: $(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_DEFAULT_SOURCE $(CFLAGS) $(LDFLAGS) $< -o $@

$(B)/bench/floor $(B)/bench/qbench: $(B)/bench/%: bench/%.c $(LIBPDX)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $< $(LIBPDX) $(LDLIBS) -o $@

bench-tools: $(BENCH_BIN)

deps:
	@sh scripts/deps.sh

check: deps
	@$(MAKE) --no-print-directory all unit bench-tools
	@B=$(B) VALGRIND=$(VALGRIND) sh tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(B)

bench: deps
	@$(MAKE) --no-print-directory all bench-tools
	@B=$(B) sh bench/run.sh

fuzz:
	@$(MAKE) --no-print-directory -f tests/fuzz/Makefile

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/polidex-index $(B)/polidex-query $(DESTDIR)$(BINDIR)/
	install -m 644 $(B)/polidex.so $(DESTDIR)$(LIBDIR)/
	install -m 644 docs/polidex-index.1 docs/polidex-query.1 $(DESTDIR)$(MANDIR)/man1/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/polidex-index $(DESTDIR)$(BINDIR)/polidex-query
	rm -f $(DESTDIR)$(LIBDIR)/polidex.so
	rm -f $(DESTDIR)$(MANDIR)/man1/polidex-index.1 $(DESTDIR)$(MANDIR)/man1/polidex-query.1

clean:
	rm -rf build polidex.db polidex.db-wal polidex.db-shm

-include $(shell find build -name '*.d' 2>/dev/null)
