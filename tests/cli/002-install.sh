# make install puts the binary, headers, libraries, pkg-config file and man page
# under DESTDIR/PREFIX; a program using only <tumac/tumac.h> builds with
# `pkg-config --cflags --libs tumac` against the shared library and with
# `--static` against the static one, and runs; both export only tu_ names.
. tests/cli/lib.sh

dest="$WORK/inst"
# The default PREFIX, the one the tested build was made with: another PREFIX
# recompiles schema.o and relinks build/tumac while the scripts running beside
# this one use it (they failed with "Permission denied").
before=$(stat -c %Y.%i build/tumac 2>/dev/null)
check_ok "make install" make -s install DESTDIR="$dest"
check_eq "make install relinked nothing the other tests use" \
    "$(stat -c %Y.%i build/tumac 2>/dev/null)" "$before"
version=$("$TUMAC" --version | cut -d' ' -f2)
so=libtumac.so.${version%%.*}
for f in bin/tumac lib/libtumac.a "lib/libtumac.so.$version" "lib/$so" lib/libtumac.so \
         include/tumac/tumac.h lib/pkgconfig/tumac.pc share/man/man1/tumac.1; do
    if [ -e "$dest/usr/local/$f" ]; then echo "PASS installed $f"; else echo "FAIL missing $f"; fi
done
for f in share/tumac/schemas/xliff-1.2/xliff-core-1.2-strict.xsd share/tumac/schemas/xliff-2.1-modules.xsd \
         share/tumac/schemas/xliff-2.2/schemas/xliff_core_2.2.xsd share/tumac/schemas/NOTICE.md; do
    if [ -e "$dest/usr/local/$f" ]; then echo "PASS installed $f"; else echo "FAIL missing $f"; fi
done
"$TUMAC" extract -s en -t bs --xliff 1.2 -o "$WORK/r.xlf" samples/workshop-media-literacy.en.html
check_ok "the installed schemas validate (TUMAC_SCHEMAS: DESTDIR is not the prefix)" \
    env TUMAC_SCHEMAS="$dest/usr/local/share/tumac/schemas" "$dest/usr/local/bin/tumac" validate "$WORK/r.xlf"
check_grep "man page has a title header" "^\.TH TUMAC 1" "$dest/usr/local/share/man/man1/tumac.1"
pc="$dest/usr/local/lib/pkgconfig/tumac.pc"
check_grep "pkg-config file names the version" '^Version: [0-9]' "$pc"
cat > "$WORK/hello.c" <<'C'
#include <stdio.h>
#include <tumac/tumac.h>
int main(void)
{
    struct tu_buf b;
    tu_buf_init(&b, TU_BUF_NO_LIMIT);
    tu_buf_printf(&b, "tumac %s", TUMAC_VERSION);
    puts(b.data);
    tu_buf_release(&b);
    return 0;
}
C
lib="$dest/usr/local/lib"
check_eq "libtumac.so is a link to the soname" "$(readlink "$lib/libtumac.so")" "$so"
check_eq "the soname is a link to the versioned file" "$(readlink "$lib/$so")" "libtumac.so.$version"
check_grep "the shared library records its soname" "SONAME.*\\[$so\\]" \
    <(readelf -d "$lib/libtumac.so.$version")
pc() { PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config "$@" tumac; }
check_ok "a program links with pkg-config --cflags --libs (shared)" \
    sh -c "cc -std=c11 -Wall -Werror -o '$WORK/hello' '$WORK/hello.c' $(pc --cflags --libs)"
check_grep "it needs the shared library" "NEEDED.*\\[$so\\]" <(readelf -d "$WORK/hello")
check_eq "and runs" "$(LD_LIBRARY_PATH="$lib" "$WORK/hello" 2>&1)" "tumac $version"
# --static: the dependencies come from Requires.private; -l:libtumac.a picks
# the archive although the shared library sits beside it.
static_libs=$(pc --libs --static | sed 's/-ltumac\b/-l:libtumac.a/')
check_ok "a program links with pkg-config --cflags --libs --static (static)" \
    sh -c "cc -std=c11 -Wall -Werror -o '$WORK/hello-static' '$WORK/hello.c' $(pc --cflags) $static_libs"
check_eq "it does not need the shared library" \
    "$(readelf -d "$WORK/hello-static" | grep -c 'NEEDED.*libtumac')" 0
check_eq "and runs" "$("$WORK/hello-static" 2>&1)" "tumac $version"
# Only the tu_ names of include/tumac/ are exported (nm type A is the
# version node of the shared library's symbol version script).
check_eq "libtumac.so exports only tu_ symbols" \
    "$(nm -D --defined-only "$lib/libtumac.so.$version" | awk '$2 != "A" && $3 !~ /^tu_/')" ""
check_eq "libtumac.a defines only tu_ global symbols" \
    "$(nm -g --defined-only "$lib/libtumac.a" | awk 'NF == 3 && $3 !~ /^tu_/')" ""
check_eq "and as many as the shared library" \
    "$(nm -g --defined-only "$lib/libtumac.a" | awk 'NF == 3' | wc -l)" \
    "$(nm -D --defined-only "$lib/libtumac.so.$version" | awk '$2 != "A"' | wc -l)"
