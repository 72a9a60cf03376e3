# tumač — one Makefile. `make` builds build/libtumac.a and build/tumac;
# `make test` runs the unit and CLI tests, plain and under ASan+UBSan;
# `make demo` runs the main job on samples/; `make bench` the benchmarks.

PKGS     := icu-uc icu-i18n icu-io libxml-2.0 sqlite3 gumbo libzip \
            libmicrohttpd jansson libpq
# libmicrohttpd: tumac serve's HTTP server (a well-kept, thread-pooled C server with
# connection limits and timeouts built in); jansson parses its JSON request bodies;
# libunistring-dev because libmicrohttpd's static link (gnutls) names -lunistring;
# libpq: a TM shared on a PostgreSQL server (src/tm/pg.c).
DEB_PKGS := build-essential pkg-config libicu-dev icu-devtools libxml2-dev \
            libxml2-utils libsqlite3-dev sqlite3 libgumbo-dev libhunspell-dev libzip-dev \
            hunspell-sr hunspell-en-us translate-toolkit gettext \
            libmicrohttpd-dev libjansson-dev libunistring-dev libpq-dev
# Only for the tests (LibreOffice opens the merged DOCX/ODT and poppler-utils
# reads its PDF back as text and a picture, docx2txt and odt2txt read the
# corpus merges back as text (CLI 450), OmegaT reads and
# writes back tumac's XLIFF, clang builds the fuzz targets, Chromium opens the serve page,
# python3-cheroot runs Translate Toolkit's tmserver for make bench, postgresql a
# throwaway server for the shared-TM tests): make test and make
# fuzz install them, make demo does not (large downloads the product never needs).
DEB_TEST_PKGS := libreoffice-writer-nogui poppler-utils docx2txt odt2txt omegat clang libclang-rt-14-dev \
                 chromium python3-cheroot postgresql postgresql-contrib
WARN     := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wold-style-definition -Wwrite-strings -Wvla \
            -Wformat=2 -Wpointer-arith -Wundef -Wimplicit-fallthrough -fno-common
CC       ?= cc
CFLAGS   ?= -O2 -g
BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
VERSION  := $(shell sed -n 's/^\#define TUMAC_VERSION "\(.*\)"/\1/p' include/tumac/version.h)

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
             $(WARN) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS)
LDLIBS    += $(PKG_LIBS) -lpthread -lm
ifdef SANITIZE
ALL_CFLAGS  += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer -DTU_TEST_ALLOC
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
endif

# Every module is a folder under src/; the CLI is src/cli/, the rest is the library.
LIB_SRCS  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRCS  := $(sort $(wildcard src/cli/*.c))
TEST_SRCS := $(sort $(wildcard tests/unit/*.c))
GEN_SRCS  := $(sort $(wildcard src/*/*.gen.h))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_OBJS := $(TEST_SRCS:%.c=$(BUILD)/obj/%.o)

# The library comes three ways. libtumac.a and libtumac.so.$(SOVERSION) are what
# programs link (and what make install installs): they export only the tu_
# names of include/tumac/, so internal names (seg_*, fx_*, batch_* ...) cannot
# clash with a program's own. libtumac-int.a keeps every symbol, for the unit
# tests that test internals. The static library is one relocatable object
# (ld -r) whose non-tu_ globals objcopy makes local: no source had to be renamed.
SOVERSION := $(firstword $(subst ., ,$(VERSION)))
LIB_SO    := libtumac.so.$(VERSION)
LIB_MAP   := src/libtumac.map

.PHONY: all deps test-deps test check demo bench install clean unit-tests gen fuzz fuzz-build
all: $(BUILD)/tumac $(BUILD)/libtumac.a $(BUILD)/$(LIB_SO)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo '  CC    $<'
	@$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

# Where `tumac validate` finds the OASIS schemas: the installed copy, then
# this source tree's (tests, uninstalled builds); $TUMAC_SCHEMAS overrides.
# The list is kept in a file so that another PREFIX rebuilds schema.o.
SCHEMA_DIRS := $(PREFIX)/share/tumac/schemas:$(CURDIR)/share/schemas
$(BUILD)/obj/src/xliff/schema.o: ALL_CFLAGS += -DTUMAC_SCHEMA_DIRS='"$(SCHEMA_DIRS)"'
$(BUILD)/obj/src/xliff/schema.o: $(BUILD)/schema-dirs
$(BUILD)/schema-dirs: FORCE
	@mkdir -p $(dir $@)
	@echo '$(SCHEMA_DIRS)' | cmp -s - $@ || echo '$(SCHEMA_DIRS)' > $@
.PHONY: FORCE

$(LIB_OBJS): ALL_CFLAGS += -fPIC

# Objects depend on the flags they were compiled with, so a change of CFLAGS,
# SANITIZE or of the flags above (-fPIC came later) recompiles them instead
# of linking stale objects (a shared library refuses non-PIC ones).
FLAGS_STAMP := $(BUILD)/obj/flags
FLAGS_NOW   := $(ALL_CFLAGS) -fPIC $(ALL_LDFLAGS)
$(shell mkdir -p $(BUILD)/obj && echo '$(FLAGS_NOW)' | cmp -s - $(FLAGS_STAMP) || \
        echo '$(FLAGS_NOW)' > $(FLAGS_STAMP))
$(LIB_OBJS) $(CLI_OBJS) $(TEST_OBJS): $(FLAGS_STAMP)

$(BUILD)/libtumac-int.a: $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@rm -f $@ && ar rcs $@ $^

$(BUILD)/libtumac.a: $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo '  AR    $@ (tu_ symbols only)'
	@$(LD) -r -o $(BUILD)/obj/libtumac.o $^
	@objcopy --wildcard --keep-global-symbol='tu_*' $(BUILD)/obj/libtumac.o
	@rm -f $@ && ar rcs $@ $(BUILD)/obj/libtumac.o

$(BUILD)/$(LIB_SO): $(LIB_OBJS) $(LIB_MAP)
	@echo '  LD    $@'
	@$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,libtumac.so.$(SOVERSION) \
	  -Wl,--version-script=$(LIB_MAP) -Wl,--no-undefined -o $@ $(LIB_OBJS) $(LDLIBS)

$(BUILD)/tumac: $(CLI_OBJS) $(BUILD)/libtumac.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libtumac.a $(LDLIBS)

# Unit tests: every `TEST(name)` in tests/unit/*.c is listed automatically.
$(BUILD)/test-list.h: $(TEST_SRCS)
	@mkdir -p $(dir $@)
	grep -ho '^TEST([a-z0-9_]*)' $(TEST_SRCS) | sed 's/^TEST(\(.*\))/X(\1)/' > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tests/unit/run.o: $(BUILD)/test-list.h
$(BUILD)/obj/tests/unit/%.o: ALL_CFLAGS += -I$(BUILD) -Itests/unit

$(BUILD)/test-unit: $(TEST_OBJS) $(BUILD)/libtumac-int.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(TEST_OBJS) $(BUILD)/libtumac-int.a $(LDLIBS)

unit-tests: $(BUILD)/test-unit $(BUILD)/tumac

# Fuzz targets (tests/fuzz/, README "Fuzzing"): libFuzzer with ASan + UBSan,
# built by clang against the library compiled again with the same flags in
# build/fuzz. `make fuzz` runs each target for FUZZ_SECONDS (fork mode, going
# on past crashes; inputs that crash are kept in build/fuzz/artifacts/TARGET/);
# `make test` runs each for a fixed number of inputs (tests/fuzz/run.sh says why;
# FUZZ_TEST_SECONDS caps a slow machine) and replays tests/fuzz/regress/.
FUZZ_CC      ?= clang
FUZZ_BUILD   := build/fuzz
FUZZ_TARGETS ?= xliff tmx html text srx translit office
FUZZ_SECONDS ?= 10
FUZZ_TEST_SECONDS ?= 30
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc \
                $(WARN) $(PKG_CFLAGS) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP
# The targets reach the modules up to tm on src/README.md's dependency line;
# those above (leverage, check, batch, serve: a sixth of the compile) are not
# built here (a target that came to need one would not link).
FUZZ_MODULES  := base text xliff filters tm
FUZZ_LIB_OBJS := $(foreach m,$(FUZZ_MODULES),$(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(filter src/$(m)/%,$(LIB_SRCS))))
FUZZ_BINS     := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz-%)

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo '  FUZZCC $<'
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

# the source tree's schemas, so the XLIFF target's "a valid file's rewrite
# validates" is checked against them (without, no 2.x or 1.2 file was valid)
$(FUZZ_BUILD)/obj/src/xliff/schema.o: FUZZ_CFLAGS += -DTUMAC_SCHEMA_DIRS='"$(CURDIR)/share/schemas"'

$(FUZZ_BUILD)/libtumac.a: $(FUZZ_LIB_OBJS)
	@rm -f $@ && ar rcs $@ $^

$(FUZZ_BUILD)/fuzz-%: $(FUZZ_BUILD)/obj/tests/fuzz/fuzz-%.o $(FUZZ_BUILD)/obj/tests/fuzz/fuzz.o \
                      $(FUZZ_BUILD)/libtumac.a
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $(filter %.o,$^) $(FUZZ_BUILD)/libtumac.a $(LDLIBS)

.SECONDARY: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/obj/tests/fuzz/fuzz-%.o) $(FUZZ_BUILD)/obj/tests/fuzz/fuzz.o
fuzz-build: $(FUZZ_BINS)

fuzz: test-deps
	$(MAKE) -j2 fuzz-build
	tests/fuzz/run.sh campaign $(FUZZ_BUILD) $(FUZZ_SECONDS) "$(FUZZ_TARGETS)" $(FUZZ_EXTRA)

# Generated sources, rewritten by `make gen` from lists kept in the repository
# (src/text/data/, tm/schema.sql, Python's HTML5 entity table); commit the
# result. GEN_DIR=DIR writes them under DIR instead: tests/cli/003-gen.sh
# regenerates into a temp folder and diffs against the committed files.
GEN_DIR   ?= src
GEN_FILES := text/segment-abbrev.c text/translit-exceptions.c text/english-words.c \
             filters/html-entities.c tm/schema.gen.h serve/page.gen.h check/variant-words.c
ABBREV_LISTS := src/text/data/abbrev-bcs.txt src/text/data/abbrev-bcs-extra.txt \
                src/text/data/abbrev-en.txt
gen:
	@mkdir -p $(GEN_DIR)/text $(GEN_DIR)/filters $(GEN_DIR)/tm $(GEN_DIR)/serve $(GEN_DIR)/check
	python3 src/text/segment-abbrev.py $(ABBREV_LISTS) > $(GEN_DIR)/text/segment-abbrev.c.tmp
	python3 src/text/translit-exceptions.py src/text/data/digraph-exceptions.txt \
	  > $(GEN_DIR)/text/translit-exceptions.c.tmp
	python3 src/text/english-words.py src/text/data/english-words.txt \
	  src/text/data/english-shared.txt src/text/data/translit-words.txt \
	  > $(GEN_DIR)/text/english-words.c.tmp
	python3 src/filters/html-entities.py > $(GEN_DIR)/filters/html-entities.c.tmp
	sh src/tm/make-schema.sh tm/schema.sql > $(GEN_DIR)/tm/schema.gen.h.tmp
	sh src/serve/embed.sh serve_page_html src/serve/page.html > $(GEN_DIR)/serve/page.gen.h.tmp
	python3 src/check/variant-words.py src/check/data/variant-words.txt \
	  > $(GEN_DIR)/check/variant-words.c.tmp
	@for f in $(GEN_FILES); do mv $(GEN_DIR)/$$f.tmp $(GEN_DIR)/$$f; done

# Installs the Debian packages the build and the tests need, only when missing;
# test-deps adds those only the tests use.
deps test-deps: PKG_LIST = $(DEB_PKGS) $(if $(filter test-deps,$@),$(DEB_TEST_PKGS))
deps test-deps:
	@missing=""; for p in $(PKG_LIST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The plain build, the same under AddressSanitizer + UBSan and the fuzz
# targets, built side by side under one jobserver of TEST_CPUS slots (one
# build links while another compiles); then the tests of both builds and
# the fuzz runs, as one pool (tests/run-all.sh). The plain build makes `all`
# too: tests/cli/002-install.sh runs make install on it from both builds'
# runs at once, which must then link nothing.
TEST_CPUS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -ge 2 ] && echo $$n || echo 2)
test check: test-deps
	$(MAKE) -j$(TEST_CPUS) test-builds
	FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) tests/run-all.sh build/san build

.PHONY: test-builds test-build-plain test-build-san test-build-fuzz
test-builds: test-build-plain test-build-san test-build-fuzz
test-build-plain:
	+$(MAKE) all unit-tests
test-build-san:
	+$(MAKE) unit-tests BUILD=build/san SANITIZE=address,undefined CFLAGS="-O1 -g"
test-build-fuzz:
	+$(MAKE) fuzz-build

demo: deps all
	tests/demo.sh $(BUILD)

bench: deps all
	tests/bench/run.sh $(BUILD)

# The shared library as libtumac.so.VERSION with the soname link
# libtumac.so.SOVERSION and the development link libtumac.so. tumac.pc names
# the dependencies in Requires.private: `pkg-config --libs tumac` links the
# shared library (which records its own), `--static` adds them for libtumac.a.
# libpq goes in Libs.private as -lpq instead: Debian's libpq.pc names static
# helper libraries (-lpgcommon -lpgport) that no -dev package puts on the path.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include/tumac $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/tumac $(DESTDIR)$(PREFIX)/bin/tumac
	install -m 644 $(BUILD)/libtumac.a $(DESTDIR)$(PREFIX)/lib/libtumac.a
	install -m 755 $(BUILD)/$(LIB_SO) $(DESTDIR)$(PREFIX)/lib/$(LIB_SO)
	ln -sf $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/libtumac.so.$(SOVERSION)
	ln -sf libtumac.so.$(SOVERSION) $(DESTDIR)$(PREFIX)/lib/libtumac.so
	install -m 644 include/tumac/*.h $(DESTDIR)$(PREFIX)/include/tumac/
	install -m 644 src/cli/tumac.1 $(DESTDIR)$(PREFIX)/share/man/man1/tumac.1
	cd share/schemas && find . -type f | while read -r f; do \
	  install -D -m 644 "$$f" "$(DESTDIR)$(PREFIX)/share/tumac/schemas/$$f"; done
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: tumac\nDescription: press releases to XLIFF and back, with a translation memory\nVersion: %s\nRequires.private: %s\nLibs: -L$${libdir} -ltumac\nLibs.private: -lpq -lpthread -lm\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' '$(VERSION)' '$(filter-out libpq,$(PKGS))' > $(DESTDIR)$(PREFIX)/lib/pkgconfig/tumac.pc

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d)
-include $(wildcard $(FUZZ_BUILD)/obj/*/*/*.d)
