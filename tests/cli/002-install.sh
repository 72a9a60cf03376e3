# make install puts the binary, headers, library, pkg-config file and man page
# under DESTDIR/PREFIX, and a program using only <tumac/tumac.h> builds against it.
. tests/cli/lib.sh

dest="$WORK/inst"
check_ok "make install" make -s install DESTDIR="$dest" PREFIX=/usr
for f in bin/tumac lib/libtumac.a include/tumac/tumac.h lib/pkgconfig/tumac.pc \
         share/man/man1/tumac.1; do
    if [ -e "$dest/usr/$f" ]; then echo "PASS installed $f"; else echo "FAIL missing $f"; fi
done
for f in share/tumac/schemas/xliff-1.2/xliff-core-1.2-strict.xsd share/tumac/schemas/xliff-2.1-modules.xsd \
         share/tumac/schemas/xliff-2.2/schemas/xliff_core_2.2.xsd share/tumac/schemas/NOTICE.md; do
    if [ -e "$dest/usr/$f" ]; then echo "PASS installed $f"; else echo "FAIL missing $f"; fi
done
"$TUMAC" extract -s en -t bs --xliff 1.2 -o "$WORK/r.xlf" samples/workshop-media-literacy.en.html
check_ok "the installed schemas validate (TUMAC_SCHEMAS: DESTDIR is not the prefix)" \
    env TUMAC_SCHEMAS="$dest/usr/share/tumac/schemas" "$dest/usr/bin/tumac" validate "$WORK/r.xlf"
check_grep "man page has a title header" "^\.TH TUMAC 1" "$dest/usr/share/man/man1/tumac.1"
pc="$dest/usr/lib/pkgconfig/tumac.pc"
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
libs=$(PKG_CONFIG_PATH="$dest/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config --cflags --libs --static tumac)
check_ok "a program builds against the installed library" \
    sh -c "cc -std=c11 -Wall -Werror -o '$WORK/hello' '$WORK/hello.c' $libs"
check_eq "and runs" "$("$WORK/hello" 2>&1)" "tumac $("$TUMAC" --version | cut -d' ' -f2)"
