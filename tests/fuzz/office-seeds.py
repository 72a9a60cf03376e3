#!/usr/bin/env python3
"""Seeds of the office fuzz target (tests/fuzz/fuzz-office.c).

  office-seeds.py parts OUT PKG...   each part the DOCX/ODT filters read, as
                                     "NAME\\n" + the part (the target's part input)
  office-seeds.py link OUT PKG...    a symbolic link to each package (used in place)
  office-seeds.py hostile OUT        small hostile packages: a zip bomb, damaged and
                                     odd entries, an OLE container, entity tricks

make-seeds.sh writes parts of samples/office and the hostile ones into
tests/fuzz/corpus/office/; run.sh makes parts and links of a few files of
../shared in build/fuzz at run time (they are never copied into the repo).
"""
import io
import os
import re
import struct
import sys
import zipfile

MAX = 32768  # the fuzz runs' -max_len
READ = re.compile(r"word/(document|footnotes|endnotes|styles|(header|footer)[0-9]*)\.xml|"
                  r"docProps/core\.xml|content\.xml|styles\.xml|meta\.xml|META-INF/manifest\.xml")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def doc(body):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {W}><w:body>{body}</w:body></w:document>'


DOC = doc('<w:p><w:r><w:t xml:space="preserve">Hello </w:t></w:r>'
          '<w:r><w:rPr><w:b/></w:rPr><w:t>world</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>')


def stem(path):
    return os.path.basename(path).rsplit(".", 1)[0]


def parts(out, pkgs):
    for p in pkgs:
        ext = p.rsplit(".", 1)[-1]
        try:
            z = zipfile.ZipFile(p)
        except zipfile.BadZipFile:
            continue
        for name in z.namelist():
            if READ.fullmatch(name) and (ext == "docx") == (name.startswith(("word/", "docProps/"))):
                data = name.encode() + b"\n" + z.read(name)
                if len(data) <= MAX:
                    with open(os.path.join(out, f"{stem(p)}.{ext}--{name.replace('/', '_')}"), "wb") as f:
                        f.write(data)


def link(out, pkgs):
    for p in pkgs:
        dst = os.path.join(out, os.path.basename(p))
        if os.path.getsize(p) <= MAX and not os.path.lexists(dst):
            os.symlink(os.path.abspath(p), dst)


def package(entries, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, compress_type=method)
    return bytearray(b.getvalue())


def hostile(out):
    def put(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data.encode() if isinstance(data, str) else bytes(data))

    good = [("[Content_Types].xml", CT), ("word/document.xml", DOC)]
    # a part that expands to 65 MB (bzip2: a few hundred bytes): the one-part ceiling
    put("bomb-part.docx", package([good[0], ("word/document.xml", b"<" * (65 << 20))],
                                  zipfile.ZIP_BZIP2))
    # the same name twice
    import warnings
    warnings.simplefilter("ignore")
    put("duplicate-name.docx", package(good + [("word/document.xml", doc("<w:p/>"))]))
    # damaged data: the read part, and a part only copied
    z = package(good + [("docProps/app.xml", "<Properties>" + "x" * 200 + "</Properties>")],
                zipfile.ZIP_STORED)
    i = z.find(b"xxxx")
    z[i] = ord("y")
    put("crc-unread-part.docx", z)
    z = package(good, zipfile.ZIP_STORED)
    z[z.find(b"Hello")] = ord("J")
    put("crc-document.docx", z)
    # an entry marked encrypted (general purpose flag bit 0, local and central)
    z = package(good)
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = 0
        while (at := z.find(sig, at)) >= 0:
            off = at + (6 if sig == b"PK\x03\x04" else 8)
            z[off] |= 1
            at += 4
    put("encrypted-flag.docx", z)
    # truncated, and a central directory claiming a smaller size
    z = package(good)
    put("truncated.docx", z[: len(z) * 2 // 3])
    z = package(good, zipfile.ZIP_STORED)
    c = z.find(b"PK\x01\x02")
    c = z.find(b"PK\x01\x02", c + 4)  # word/document.xml's central entry
    struct.pack_into("<I", z, c + 24, 10)
    put("size-lie.docx", z)
    # odd names
    put("odd-names.docx", package(good + [("../../evil.xml", "<x/>"), ("/word/header1.xml", "<x/>"),
                                          ("word/header2.xml", "<w:hdr " + W + "><w:p><w:r><w:t>H</w:t>"
                                           "</w:r></w:p></w:hdr>")]))
    # a binary Word document, and an encrypted OOXML one (both OLE containers)
    ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
    put("ole.doc", ole)
    put("ole-encrypted.docx", ole + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    # a macro project; an ODT whose manifest lists encrypted parts
    put("macro.docm", package(good + [("word/vbaProject.bin", b"\0" * 64)]))
    man = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
           '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
           '</manifest:file-entry></manifest:manifest>')
    put("encrypted.odt", package([("mimetype", "application/vnd.oasis.opendocument.text"),
                                  ("META-INF/manifest.xml", man), ("content.xml", "<x/>")],
                                 zipfile.ZIP_STORED))
    # parts: a DOCTYPE with nested entities, an undeclared entity, UTF-16, deep nesting
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
              + f']><w:document {W}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
    put("part-laughs", "word/document.xml\n" + laughs)
    put("part-entity", "word/document.xml\n" + doc("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>"))
    put("part-utf16", b"word/document.xml\n" + DOC.replace("UTF-8", "UTF-16").encode("utf-16"))
    put("part-deep", "content.xml\n<office:document-content xmlns:office=\"urn:oasis:names:tc:"
        "opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
        "<office:body><office:text><text:p>" + "<text:span>" * 300 + "deep" + "</text:span>" * 300
        + "</text:p></office:text></office:body></office:document-content>")


def main():
    mode, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    {"parts": lambda: parts(out, sys.argv[3:]), "link": lambda: link(out, sys.argv[3:]),
     "hostile": lambda: hostile(out)}[mode]()


main()
