# extract and merge take several inputs in one process (-o DIR): the
# results equal one-at-a-time runs, an input that fails writes nothing and
# does not stop the others, and two inputs never write the same output.
. tests/cli/lib.sh

mkdir -p "$WORK/in" "$WORK/one"
cp samples/launch-accessible-elections.en.html samples/workshop-media-literacy.en.html \
   samples/statement-attack-journalist.en.txt samples/office/workshop-media-literacy.en.docx \
   "$WORK/in/"
inputs=("$WORK"/in/*)

check_ok "extract of four inputs into a new folder" \
    "$TUMAC" extract -s en -t bs -o "$WORK/xlf" "${inputs[@]}"
for f in "${inputs[@]}"; do
    b=$(basename "$f")
    "$TUMAC" extract -s en -t bs -o "$WORK/one/$b.xlf" "$f"
    check_files_same "$b: folder mode writes what a single run writes" \
        "$WORK/xlf/$b.xlf" "$WORK/one/$b.xlf"
done

check_ok "merge of four XLIFF files into a folder" \
    "$TUMAC" merge -o "$WORK/out" "$WORK"/xlf/*.xlf
check_files_same "html merged back unchanged (named for the target)" \
    "$WORK/out/launch-accessible-elections.bs.html" "$WORK/in/launch-accessible-elections.en.html"
check_files_same "text merged back unchanged" \
    "$WORK/out/statement-attack-journalist.bs.txt" "$WORK/in/statement-attack-journalist.en.txt"
# (a merged .docx is relabelled w:lang="bs", so it is compared with a single merge)
"$TUMAC" merge -o "$WORK/one/w.docx" "$WORK/one/workshop-media-literacy.en.docx.xlf" 2>/dev/null
check_files_same "docx merged as a single merge does" \
    "$WORK/out/workshop-media-literacy.bs.docx" "$WORK/one/w.docx"
check_eq "one output per input" "$(ls "$WORK/out" | wc -l)" 4

# A broken input among good ones: it writes nothing, the others are written.
printf 'Good line.\n\xff broken\n' > "$WORK/in/broken.en.txt"
check_exit "one bad input: exit 1" 1 \
    "$TUMAC" extract -s en -t bs -o "$WORK/xlf2" "$WORK/in/broken.en.txt" "${inputs[@]}"
check_grep "the bad input is named with its line" "broken.en.txt:2:" "$WORK/.err"
check_grep "a summary says how many failed" "1 of 5 inputs failed" "$WORK/.err"
check_no_file "nothing written for the bad input" "$WORK/xlf2/broken.en.txt.xlf"
check_eq "the good inputs are all written" "$(ls "$WORK/xlf2" | wc -l)" 4
check_eq "no temporary left behind" "$(ls -A "$WORK/xlf2" | grep -c '^\.')" 0

# Two inputs with the same name: the second is refused, the first kept.
mkdir -p "$WORK/a" "$WORK/b"
printf 'First release.\n' > "$WORK/a/r.en.txt"
printf 'Second release.\n' > "$WORK/b/r.en.txt"
check_exit "same output name twice: exit 1" 1 \
    "$TUMAC" extract -s en -t bs -o "$WORK/same" "$WORK/a/r.en.txt" "$WORK/b/r.en.txt"
check_grep "the clash is named" "b/r.en.txt: its output .*same/r.en.txt.xlf is already written" "$WORK/.err"
check_grep "the first one's output stays" "First release" "$WORK/same/r.en.txt.xlf"

# Without -o every output goes beside its input, as for one input.
check_ok "several inputs, no -o" "$TUMAC" extract -s en -t hr "$WORK/a/r.en.txt" "$WORK/b/r.en.txt"
check_grep "beside the first" "First release" "$WORK/a/r.en.txt.xlf"
check_grep "beside the second" "Second release" "$WORK/b/r.en.txt.xlf"
check_ok "merge of both, no -o" "$TUMAC" merge "$WORK/a/r.en.txt.xlf" "$WORK/b/r.en.txt.xlf"
check_files_same "merged beside the first" "$WORK/a/r.hr.txt" "$WORK/a/r.en.txt"
check_files_same "merged beside the second" "$WORK/b/r.hr.txt" "$WORK/b/r.en.txt"

# One input and -o naming an existing folder, or ending in '/': inside it.
mkdir -p "$WORK/dir1"
check_ok "one input into an existing folder" "$TUMAC" extract -s en -t bs -o "$WORK/dir1" "$WORK/a/r.en.txt"
check_grep "written inside the folder" "First release" "$WORK/dir1/r.en.txt.xlf"
check_ok "one input, -o DIR/ (a new folder)" "$TUMAC" extract -s en -t bs -o "$WORK/dir2/" "$WORK/a/r.en.txt"
check_grep "written inside the new folder" "First release" "$WORK/dir2/r.en.txt.xlf"
check_ok "merge of one file into DIR/" "$TUMAC" merge -o "$WORK/dir3/" "$WORK/dir2/r.en.txt.xlf"
check_files_same "merged inside the new folder" "$WORK/dir3/r.bs.txt" "$WORK/a/r.en.txt"

check_exit "standard output takes one input" 2 \
    "$TUMAC" extract -s en -t bs -o - "$WORK/a/r.en.txt" "$WORK/b/r.en.txt"
printf 'x' > "$WORK/plainfile"
check_exit "-o a file with several inputs" 1 \
    "$TUMAC" extract -s en -t bs -o "$WORK/plainfile" "$WORK/a/r.en.txt" "$WORK/b/r.en.txt"
check_grep "says the folder cannot be made" "plainfile: cannot make the output folder" "$WORK/.err"
check_exit "merge without input" 2 "$TUMAC" merge
check_exit "--format docx is known" 0 \
    "$TUMAC" extract -s en -t bs --format docx -o "$WORK/f.xlf" "$WORK/in/workshop-media-literacy.en.docx"
