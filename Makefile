# workplan: one YAML work plan -> PDF booklet + Excel tracking workbook.
#   make          install missing Debian packages (as root), build, export plan/ into out/
#   make test     every test under AddressSanitizer + UndefinedBehaviorSanitizer
# Other targets: lib, valgrind, fuzz, bench, bench-peer, samples, install, format,
# format-check, lint, clean. V=1 shows commands.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
Q       := $(if $(V),,@)

PKGS     := yaml-0.1 xlsxwriter harfbuzz-subset harfbuzz fontconfig minizip expat zlib \
            icu-uc icu-i18n
WARN     := -Wall -Wextra -Werror -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
            -Wold-style-definition -Wwrite-strings -Wvla -Wpointer-arith -Wformat=2 \
            -Wshadow -fno-common
BASEFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude -Isrc \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS_ALL = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm

OPT_CFLAGS ?= -O2 -g
SAN_FLAGS  := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRC  := $(sort $(wildcard src/util/*.c src/model/*.c src/load/*.c src/check/*.c \
                               src/pdf/*.c src/xlsx/*.c src/progress/*.c src/import/*.c \
                               src/diff/*.c src/text/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
SUPPORT_SRC := $(sort $(wildcard tests/unit/support*.c))

# Two builds side by side: build/ (optimised) and build/san/ (sanitizers, for tests).
OBJ      := $(LIB_SRC:%.c=build/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=build/obj/%.o)
SOBJ     := $(LIB_SRC:%.c=build/san/obj/%.o)
SCLI_OBJ := $(CLI_SRC:%.c=build/san/obj/%.o)
SUPPORT_OBJ := $(SUPPORT_SRC:%.c=build/san/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/san/tests/%)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=build/san/tools/%)

.PHONY: all lib deps export test unit valgrind fuzz bench bench-peer samples install \
        format format-check lint clean

all: build/workplan export

deps: build/.deps-ok
build/.deps-ok: scripts/install-deps.sh
	$(Q)mkdir -p build
	$(Q)scripts/install-deps.sh
	$(Q)touch $@

lib: build/libworkplan.a build/libworkplan.so

# The library exports only what include/workplan/ declares (scripts/exports.sh,
# docs/library.md): the shared one by a version script, the static one by a
# partial link whose other symbols objcopy makes local. build/obj/libworkplan-all.a
# keeps every symbol, for the test tools that look inside.
VERSION   := $(shell sed -n 's/.*WP_VERSION "\(.*\)"/\1/p' include/workplan/workplan.h)
SOVERSION := $(firstword $(subst ., ,$(VERSION)))
# the CLI has its own copy of the containers it shares with the library's insides
CLI_UTIL := $(addprefix build/obj/src/util/,alloc.o arena.o buf.o strmap.o)

build/exports.txt: $(OBJ) scripts/exports.sh $(wildcard include/workplan/*.h)
	$(Q)scripts/exports.sh $(OBJ) > $@

build/libworkplan.map: build/exports.txt
	$(Q){ echo 'WORKPLAN_$(SOVERSION) {'; echo '  global:'; sed 's/^/    /; s/$$/;/' $<; \
	    echo '  local: *;'; echo '};'; } > $@

build/libworkplan.so.$(VERSION): $(OBJ) build/libworkplan.map
	@echo "  LINK    $@"
	$(Q)$(CC) -shared -Wl,-soname,libworkplan.so.$(SOVERSION) \
	    -Wl,--version-script=build/libworkplan.map -Wl,--no-undefined -o $@ $(OBJ) $(LDLIBS_ALL)

build/libworkplan.so: build/libworkplan.so.$(VERSION)
	$(Q)ln -sf libworkplan.so.$(VERSION) build/libworkplan.so.$(SOVERSION)
	$(Q)ln -sf libworkplan.so.$(VERSION) $@

build/libworkplan.a: $(OBJ) build/exports.txt
	$(Q)rm -f $@ build/libworkplan.o
	$(Q)ld -r -o build/libworkplan.o $(OBJ)
	$(Q)objcopy --keep-global-symbols=build/exports.txt build/libworkplan.o
	$(Q)ar rcs $@ build/libworkplan.o

build/obj/libworkplan-all.a: $(OBJ)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

build/workplan: $(CLI_OBJ) $(CLI_UTIL) build/libworkplan.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(OPT_CFLAGS) -o $@ $(CLI_OBJ) $(CLI_UTIL) build/libworkplan.a $(LDLIBS_ALL)

# objects made before they were position-independent are made again, once
build/obj/.fpic: build/.deps-ok
	$(Q)mkdir -p $(dir $@)
	$(Q)touch $@

build/obj/%.o: %.c build/.deps-ok build/obj/.fpic
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(BASEFLAGS) $(OPT_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

build/san/obj/%.o: %.c build/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	$(Q)$(CC) $(BASEFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/san/libworkplan.a: $(SOBJ)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

build/san/workplan: $(SCLI_OBJ) build/san/libworkplan.a
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $(SCLI_OBJ) build/san/libworkplan.a $(LDLIBS_ALL)

build/san/tests/%: tests/unit/%.c $(SUPPORT_OBJ) build/san/libworkplan.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(BASEFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< $(SUPPORT_OBJ) \
	    build/san/libworkplan.a $(shell pkg-config --libs cmocka) $(LDLIBS_ALL)

build/san/tools/%: tests/tools/%.c build/san/libworkplan.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(SAN_FLAGS) -o $@ $< build/san/libworkplan.a $(LDLIBS_ALL)

build/tools/%: tests/tools/%.c build/obj/libworkplan-all.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(OPT_CFLAGS) -o $@ $< build/obj/libworkplan-all.a $(LDLIBS_ALL)

# The main job: every output of plan/ into out/.
export: build/workplan
	$(Q)build/workplan build plan/workplan.yaml -d out --lang en,es --members > /dev/null
	@echo "outputs are in out/:"; ls out | sed 's/^/  out\//'

build/.test-deps-ok: scripts/install-deps.sh build/.deps-ok
	$(Q)scripts/install-deps.sh --test
	$(Q)touch $@

# Test-only clients from npm (ExcelJS, SheetJS, pdf.js), pinned by package-lock.json.
tests/node/node_modules/.package-lock.json: tests/node/package-lock.json build/.test-deps-ok
	$(Q)cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	$(Q)touch $@

test: build/.test-deps-ok tests/node/node_modules/.package-lock.json
	$(Q)$(MAKE) --no-print-directory build/san/workplan $(UNIT_BIN) $(TOOL_BIN) build/workplan lib \
	    build/tools/gen_plan
	$(Q)tests/run.sh

# the one known libxlsxwriter leak is suppressed here as in tests/run.sh
unit: $(UNIT_BIN)
	$(Q)for t in $(UNIT_BIN); do \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $$t || exit 1; done

valgrind: build/workplan build/tools/wp-dump
	$(Q)tests/valgrind.sh

fuzz: build/.deps-ok
	$(Q)mkdir -p build/fuzz tests/fuzz/corpus
	$(Q)clang -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -g -O1 \
	    -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_load tests/fuzz/fuzz_load.c \
	    $(filter src/util/% src/model/% src/load/% src/check/%,$(LIB_SRC)) \
	    $(shell pkg-config --cflags --libs yaml-0.1) -lm
	$(Q)build/fuzz/fuzz_load -max_total_time=$${FUZZ_SECONDS:-60} -max_len=8192 \
	    -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus tests/fuzz/seeds

bench: build/workplan build/tools/gen_plan
	$(Q)tests/bench/bench.sh

bench-peer: build/workplan
	$(Q)tests/bench/bench-peer.sh

samples: build/workplan
	$(Q)tests/samples.sh regenerate

install: build/workplan build/libworkplan.a build/libworkplan.so
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include/workplan $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/workplan $(DESTDIR)$(PREFIX)/bin/workplan
	install -m 644 build/libworkplan.a $(DESTDIR)$(PREFIX)/lib/libworkplan.a
	install -m 755 build/libworkplan.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libworkplan.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libworkplan.so.$(SOVERSION)
	ln -sf libworkplan.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libworkplan.so
	install -m 644 include/workplan/*.h $(DESTDIR)$(PREFIX)/include/workplan/
	install -m 644 docs/workplan.1 $(DESTDIR)$(PREFIX)/share/man/man1/workplan.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@LIBS@|$(LDLIBS_ALL)|' workplan.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/workplan.pc

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(UNIT_SRC) $(TOOL_SRC) src/*/*.h include/workplan/*.h

format-check:
	clang-format --dry-run -Werror $(LIB_SRC) $(CLI_SRC) $(UNIT_SRC) $(TOOL_SRC) src/*/*.h include/workplan/*.h

# The backend's files, the only ones that reach into libharu
HPDF_BACKEND := ^src/pdf/(pdf_backend[a-z_]*\.[ch]|pdf_xref\.c)$$
HPDF_BACKEND_SRC := $(wildcard src/pdf/pdf_backend*.c) src/pdf/pdf_xref.c

# Each foreign library is included by exactly one stage; cppcheck; size warnings.
lint:
	$(Q)! grep -rl '<yaml.h>' src include | grep -v '^src/load/'
	$(Q)! grep -rl '<hpdf.h>' src include | grep -v '^src/pdf/'
	$(Q)! grep -rl '<xlsxwriter.h>' src include | grep -v '^src/xlsx/'
	$(Q)! grep -rlE '<(expat|unzip).h>' src include | grep -v '^src/import/'
	@# libharu's internals are the backend's alone (src/pdf/pdf_backend.h): no other file
	@# includes an internal header or calls its object layer, and each compiles with
	@# libharu's types opaque (HPDF_SHARED), so no other file reads a field of them
	$(Q)! grep -rlE '<hpdf_[a-z0-9_]+\.h>|\bHPDF_(Dict|Array|Stream|MemStream|Xref|List|DictStream|String|Number|Name|Boolean|GState|CallbackWriter|MD5|GetMem|FreeMem|SetError)' \
	    src include | grep -vE '$(HPDF_BACKEND)'
	$(Q)for f in $(filter-out $(HPDF_BACKEND_SRC),$(filter src/pdf/%,$(LIB_SRC))); do \
	    $(CC) $(BASEFLAGS) -DHPDF_SHARED -fsyntax-only $$f || exit 1; done
	@# ICU, fontconfig and HarfBuzz: the text engine's alone (src/text/text.h)
	$(Q)! grep -rlE '<(unicode/[a-z0-9_]+|fontconfig/fontconfig|hb|hb-[a-z]+)\.h>' src include \
	    | grep -v '^src/text/'
	cppcheck --quiet --error-exitcode=1 --std=c11 -Iinclude -Isrc src
	@# warnings only: functions longer than a screen or with too many branches
	$(Q)/usr/bin/python3 scripts/complexity.py --lines 60 --complexity 20 $(LIB_SRC) $(CLI_SRC)

clean:
	rm -rf build out

-include $(OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(SOBJ:.o=.d) $(SCLI_OBJ:.o=.d) $(SUPPORT_OBJ:.o=.d)
