#!/usr/bin/env python3
"""Small DOCX and ODT inputs for the CLI tests (453-469), written here from
XML, not copied from anywhere: python3 tests/cli/office_make.py KIND DIR

  notes-docx  DIR/notes.docx: comments (word/comments.xml) anchored by a
              range in one paragraph and by a range over two, an image with
              alt text and a title (alone and inside a sentence), hidden
              text, runs in a do-not-translate and a no-proofing character
              style, a paragraph in a tw4winExternal paragraph style, and
              document properties
  boxes-docx  DIR/boxes.docx: a text box in mc:AlternateContent whose Choice
              and Fallback hold the same paragraphs, one whose Fallback
              differs, and <w:t> elements without xml:space
  notes-odt   DIR/notes.odt: the same cases in ODF (office:annotation,
              svg:title/svg:desc, text:display="none", a DoNotTranslate
              style, fo:language="zxx", spans that change nothing visible)
  styles-docx DIR/styles.docx: styles based on do-not-translate styles
              (w:basedOn chains, a cycle, w:noProof turned back off)
  its-odt     DIR/its.odt: its:translate on spans, paragraphs and a
              section, hidden paragraph styles and a hidden section
  edges-odt   DIR/edges.odt: markup with no text between two codes,
              invisible spans at a paragraph's edges
  oddns-docx  DIR/oddns.docx: namespace URIs with a line break inside (as
              in the corpus's openxml__948-1.docx); DIR/noprefix.docx: an
              element whose prefix is declared nowhere
  lines-odt   DIR/lines.odt: paragraphs and a heading whose XML text has
              line breaks and indentation inside (ODF whitespace, not
              breaks), one with a text:line-break and a text:s
"""
import struct
import sys
import zipfile
import zlib


def png():
    """A 1x1 white PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def notes_docx(d):
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    NS = (W + ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
          ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
          ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
          ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
          ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
    CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
    RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    DRELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
             '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>')
    STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>'
              '<w:style w:type="character" w:styleId="DoNotTranslate"><w:name w:val="Do Not Translate"/></w:style>'
              '<w:style w:type="character" w:styleId="Code"><w:name w:val="Code"/><w:rPr><w:noProof/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Fixed"><w:name w:val="tw4winExternal"/></w:style>'
              '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style></w:styles>')
    COMMENTS = (f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W}>'
                '<w:comment w:id="0" w:author="Ana"><w:p><w:r><w:t>Check the date &amp; place.</w:t></w:r></w:p></w:comment>'
                '<w:comment w:id="1" w:author="Marko"><w:p><w:r><w:t>Keep short.</w:t></w:r></w:p><w:p><w:r><w:t>Second line.</w:t></w:r></w:p></w:comment>'
                '</w:comments>')
    CORE = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Workshop notice</dc:title><dc:subject>Media literacy</dc:subject>'
            '<dc:description>A one-day workshop.</dc:description><cp:keywords>media, workshop</cp:keywords><dc:language>en-GB</dc:language></cp:coreProperties>')
    R = lambda t, rpr="": f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{t}</w:t></w:r>'
    IMG = ('<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="457200" cy="457200"/>'
           '<wp:docPr id="1" name="Picture 1" descr="Pupils at the workshop" title="Workshop photo"/>'
           '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
           '<pic:nvPicPr><pic:cNvPr id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
           '<pic:blipFill><a:blip r:embed="rId3"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
           '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="457200"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
           '</wp:inline></w:drawing></w:r>')
    body = ("<w:p>" + '<w:commentRangeStart w:id="0"/>' + R("The workshop is on Monday.") + '<w:commentRangeEnd w:id="0"/>'
            + '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
            + '<w:p><w:commentRangeStart w:id="1"/>' + R("First paragraph of the range.") + "</w:p>"
            + "<w:p>" + R("Second paragraph of the range.") + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>'
            + "<w:p>" + R("No comment here.") + "</w:p>"
            + "<w:p>" + IMG + "</w:p>"
            + "<w:p>" + R("See the photo ") + IMG.replace('id="1"', 'id="2"').replace("Pupils", "Teachers") + R(" above.") + "</w:p>"
            + "<w:p>" + R("Shown ") + R("secret ", "<w:vanish/>") + R("again.") + "</w:p>"
            + "<w:p>" + R("Run ") + R("tumac extract", '<w:rStyle w:val="DoNotTranslate"/>') + R(" first, then ") + R("tumac merge", '<w:rStyle w:val="Code"/>') + R(".") + "</w:p>"
            + '<w:p><w:pPr><w:pStyle w:val="Fixed"/></w:pPr>' + R("A paragraph in a fixed style.") + "</w:p>")
    with zipfile.ZipFile(f"{d}/notes.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DRELS)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{body}</w:body></w:document>')
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/comments.xml", COMMENTS)
        z.writestr("docProps/core.xml", CORE)
        z.writestr("word/media/image1.png", png())


def write_odt(path, ns, auto, body, styles, extra=()):
    """An ODT package: content.xml of `auto` styles and `body`, styles.xml,
    then each (name, bytes, media type) of `extra`, and the manifest."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>{auto}'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    entries = [("content.xml", content, "text/xml"), ("styles.xml", styles, "text/xml")] + list(extra)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                + "".join(f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="{t}"/>' for n, _, t in entries)
                + '</manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        for name, data, _ in entries:
            z.writestr(name, data)
        z.writestr("META-INF/manifest.xml", manifest)


def notes_odt(d):
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:officeooo="http://openoffice.org/2009/office" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"')
    STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:styles>'
              '<style:style style:name="Do_20_Not_20_Translate" style:display-name="Do Not Translate" style:family="text"/>'
              '<style:style style:name="Fixed" style:display-name="tw4winExternal" style:family="paragraph"/>'
              '<style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:language="en" fo:country="GB"/></style:style>'
              '</office:styles></office:document-styles>')
    AUTO = ('<office:automatic-styles>'
            '<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>'
            '<style:style style:name="T2" style:family="text"><style:text-properties officeooo:rsid="0012ab34" fo:language="de" fo:country="DE"/></style:style>'
            '<style:style style:name="T3" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
            '<style:style style:name="T4" style:family="text"><style:text-properties fo:language="zxx" fo:country="none"/></style:style>'
            '<style:style style:name="T5" style:family="text" style:parent-style-name="Do_20_Not_20_Translate"><style:text-properties officeooo:rsid="0099"/></style:style>'
            '</office:automatic-styles>')
    ANN = ('<office:annotation><dc:creator>Ana</dc:creator><dc:date>2026-01-01T10:00:00</dc:date>'
           '<text:p>Check the date &amp; place.</text:p><text:p>Second line.</text:p></office:annotation>')
    FRAME = ('<draw:frame draw:name="Image1" text:anchor-type="as-char" svg:width="1in" svg:height="1in">'
             '<draw:image xlink:href="Pictures/image1.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
             '<svg:title>Workshop photo</svg:title><svg:desc>Pupils at the workshop</svg:desc></draw:frame>')
    body = ('<text:p text:style-name="Standard">The workshop is on Monday.' + ANN + '</text:p>'
            '<text:p text:style-name="Standard">No comment here.</text:p>'
            '<text:p text:style-name="Standard">' + FRAME + '</text:p>'
            '<text:p text:style-name="Standard">Shown <text:span text:style-name="T1">secret </text:span>again.</text:p>'
            '<text:p text:style-name="Standard">One <text:span text:style-name="T2">quiet</text:span> span and a <text:span text:style-name="T3">bold</text:span> one.</text:p>'
            '<text:p text:style-name="Standard">Run <text:span text:style-name="Do_20_Not_20_Translate">tumac extract</text:span> first, then '
            '<text:span text:style-name="T4">tumac merge</text:span> and <text:span text:style-name="T5">tumac check</text:span>.</text:p>'
            '<text:p text:style-name="Standard">Two <text:span text:style-name="T2">sentences. In</text:span> one span.</text:p>'
            '<text:p text:style-name="Fixed">A paragraph in a fixed style.</text:p>'
            '<text:p text:style-name="Standard">First one here. <text:span text:style-name="T2">Second</text:span> one. '
            '<text:span text:style-name="T2">Third </text:span>one.</text:p>'
            '<text:p text:style-name="Standard">Page <text:span text:style-name="T2"><text:span text:style-name="T3">9</text:span>'
            '</text:span> of the notes.</text:p>')
    META = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta><dc:title>Workshop notice</dc:title>'
            '<dc:subject>Media literacy</dc:subject><dc:description>A one-day workshop.</dc:description><meta:keyword>media</meta:keyword>'
            '<dc:language>en-GB</dc:language></office:meta></office:document-meta>')
    write_odt(f"{d}/notes.odt", NS, AUTO, body, STYLES,
              [("meta.xml", META, "text/xml"), ("Pictures/image1.png", png(), "image/png")])


def write_docx(path, ns, body, styles=None):
    """A DOCX package of word/document.xml (`body`) and, if given, word/styles.xml."""
    OX = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          + ('<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
             if styles else '') + '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{OX}/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        if styles:
            z.writestr("word/_rels/document.xml.rels",
                       '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{OX}/styles" Target="styles.xml"/></Relationships>')
            z.writestr("word/styles.xml", styles)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns}><w:body>{body}</w:body></w:document>')


def boxes_docx(d):
    W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
         'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
         'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
    R = lambda t, rpr="": f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t>{t}</w:t></w:r>'
    def box(choice, fallback, n):
        return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
                f'<wp:extent cx="914400" cy="457200"/><wp:docPr id="{n}" name="Text Box {n}"/>'
                '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                f'<wps:wsp><wps:txbx><w:txbxContent>{choice}</w:txbxContent></wps:txbx></wps:wsp>'
                '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
                f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{fallback}</w:txbxContent>'
                '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    inner = "<w:p>" + R("Box text, first.") + "</w:p><w:p>" + R("Box ") + R("bold", "<w:b/>") + R(" second.") + "</w:p>"
    other = "<w:p>" + R("Box text, other.") + "</w:p>"
    body = ("<w:p>" + R("Before the box.") + box(inner, inner, 1) + "</w:p>"
            + "<w:p>" + box(other, "<w:p>" + R("Older text.") + "</w:p>", 2) + "</w:p>"
            + "<w:p>" + R("Plain") + R("word", "<w:i/>") + R("s.") + "</w:p>")
    write_docx(f"{d}/boxes.docx", W, body)


def styles_docx(d):
    """Styles based on do-not-translate styles (w:basedOn), a chain with a
    cycle, a style that turns w:noProof back off."""
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ST = lambda kind, sid, inner: f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{sid}"/>{inner}</w:style>'
    STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>'
              # the child first: the chain is resolved when a style is used
              + ST("character", "CodeBold", '<w:basedOn w:val="Code"/><w:rPr><w:b/></w:rPr>')
              + ST("character", "Code", '<w:rPr><w:noProof/></w:rPr>')
              + ST("character", "Keep", '<w:basedOn w:val="KeepBase"/>')
              + ST("character", "KeepBase", '<w:basedOn w:val="DoNotTranslate"/>')
              + ST("character", "DoNotTranslate", "")
              + ST("character", "Proofed", '<w:basedOn w:val="Code"/><w:rPr><w:noProof w:val="0"/></w:rPr>')
              + ST("character", "LoopA", '<w:basedOn w:val="LoopB"/>')
              + ST("character", "LoopB", '<w:basedOn w:val="LoopA"/>')
              + ST("paragraph", "Fixed", "")
              + '<w:style w:type="paragraph" w:styleId="FixedChild"><w:name w:val="Fixed child"/><w:basedOn w:val="FixedBase"/></w:style>'
              + '<w:style w:type="paragraph" w:styleId="FixedBase"><w:name w:val="tw4winExternal"/></w:style>'
              + "</w:styles>")
    R = lambda t, rpr="": f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{t}</w:t></w:r>'
    RS = lambda t, st: R(t, f'<w:rStyle w:val="{st}"/>')
    body = ("<w:p>" + R("Run ") + RS("tumac extract", "CodeBold") + R(" and ") + RS("tumac merge", "Keep") + R(" now.") + "</w:p>"
            + "<w:p>" + R("A ") + RS("proofed", "Proofed") + R(" word and a ") + RS("looped", "LoopA") + R(" one.") + "</w:p>"
            + '<w:p><w:pPr><w:pStyle w:val="FixedChild"/></w:pPr>' + R("A paragraph based on a fixed style.") + "</w:p>"
            + "<w:p>" + R("The end.") + "</w:p>")
    write_docx(f"{d}/styles.docx", W, body, STYLES)


def its_odt(d):
    """ITS 2.0 local markup (its:translate, bound to a prefix of the file's
    choosing), hidden paragraph styles, a hidden section, a style whose
    parent is defined after it."""
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:i="http://www.w3.org/2005/11/its" office:version="1.3"')
    STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:styles>'
              '<style:style style:name="Hidden_20_Child" style:family="paragraph" style:parent-style-name="Hidden_20_Para"/>'
              '<style:style style:name="Hidden_20_Para" style:family="paragraph"><style:text-properties text:display="none"/></style:style>'
              '<style:style style:name="Standard" style:family="paragraph"/>'
              '</office:styles></office:document-styles>')
    AUTO = ('<office:automatic-styles>'
            '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties text:display="none"/></style:style>'
            '</office:automatic-styles>')
    body = ('<text:p text:style-name="Standard">Keep <text:span i:translate="no">TUMAC-7</text:span> as it is.</text:p>'
            '<text:p text:style-name="Standard">Call <text:span i:translate="no">the <text:span i:translate="yes">help desk</text:span> line</text:span> today.</text:p>'
            '<text:p text:style-name="Standard" i:translate="no">A paragraph marked not to translate.</text:p>'
            '<text:section text:name="S1" i:translate="no"><text:p text:style-name="Standard">Inside a section not to translate.</text:p>'
            '<text:p text:style-name="Standard" i:translate="yes">But this one is to translate.</text:p></text:section>'
            '<text:p text:style-name="P1">A hidden paragraph.</text:p>'
            '<text:p text:style-name="Hidden_20_Child">A paragraph in a style based on a hidden one.</text:p>'
            '<text:section text:name="S2" text:display="none"><text:p text:style-name="Standard">In a hidden section.</text:p></text:section>'
            '<text:p text:style-name="Standard">Shown at the end.</text:p>')
    write_odt(f"{d}/its.odt", NS, AUTO, body, STYLES)


def edges_odt(d):
    """Markup with no text between two codes (a soft page break between two
    tabs, at the end of a bold span), invisible spans at a paragraph's start
    and end and around a bold one."""
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:officeooo="http://openoffice.org/2009/office" office:version="1.3"')
    AUTO = ('<office:automatic-styles><style:style style:name="T2" style:family="text"><style:text-properties officeooo:rsid="0012ab34"/></style:style>'
            '<style:style style:name="T3" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>')
    Q = lambda t: f'<text:span text:style-name="T2">{t}</text:span>'
    B = lambda t: f'<text:span text:style-name="T3">{t}</text:span>'
    body = ('<text:p>One<text:tab/><text:soft-page-break/><text:tab/>two.</text:p>'
            '<text:p>Mark ' + B("this<text:soft-page-break/>") + ' word.</text:p>'
            '<text:p>' + Q("Opening") + ' words here.</text:p>'
            '<text:p>Closing ' + Q("words") + '</text:p>'
            '<text:p>A ' + Q(B("bold") + " and plain") + ' phrase.</text:p>')
    write_odt(f"{d}/edges.odt", NS, AUTO, body,
              f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}/>')


def oddns_docx(d):
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    odd = (W + ' xmlns:ve="http://schemas.openxmlformats\n.org/markup-compatibility/2006"'
           ' xmlns:wp="http://schemas.openxmlformats\r\n.org/drawingml/2006/wordprocessingDrawing"')
    write_docx(f"{d}/oddns.docx", odd,
               '<w:p><w:r><w:t>Odd names, plain text.</w:t></w:r></w:p>'
               '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r><w:r><w:t xml:space="preserve"> too.</w:t></w:r></w:p>')
    write_docx(f"{d}/noprefix.docx", W, '<w:p><w:r><x:t>Whose prefix?</x:t></w:r></w:p>')


def lines_odt(d):
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"')
    body = ('\n  <text:p>One sentence written\n    over two lines. And a\r\n\tsecond one.</text:p>\n'
            '  <text:h text:outline-level="1">A heading\n  on two lines</text:h>\n'
            '  <text:p>Broken<text:line-break/>here,\n spaced<text:s text:c="2"/>there.</text:p>\n'
            '  <text:p>\n    Only indented.\n  </text:p>\n')
    write_odt(f"{d}/lines.odt", NS, "", body,
              f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}/>')


if __name__ == "__main__":
    {"notes-docx": notes_docx, "notes-odt": notes_odt, "boxes-docx": boxes_docx,
     "styles-docx": styles_docx, "its-odt": its_odt, "edges-odt": edges_odt,
     "oddns-docx": oddns_docx, "lines-odt": lines_odt}[sys.argv[1]](sys.argv[2])
