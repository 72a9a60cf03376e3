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
    CONTENT = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>{AUTO}<office:body><office:text>{body}</office:text></office:body></office:document-content>'
    META = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta><dc:title>Workshop notice</dc:title>'
            '<dc:subject>Media literacy</dc:subject><dc:description>A one-day workshop.</dc:description><meta:keyword>media</meta:keyword>'
            '<dc:language>en-GB</dc:language></office:meta></office:document-meta>')
    MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="Pictures/image1.png" manifest:media-type="image/png"/></manifest:manifest>')
    with zipfile.ZipFile(f"{d}/notes.odt", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("content.xml", CONTENT)
        z.writestr("styles.xml", STYLES)
        z.writestr("meta.xml", META)
        z.writestr("META-INF/manifest.xml", MANIFEST)
        z.writestr("Pictures/image1.png", png())


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
    CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(f"{d}/boxes.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}</w:body></w:document>')


if __name__ == "__main__":
    {"notes-docx": notes_docx, "notes-odt": notes_odt, "boxes-docx": boxes_docx}[sys.argv[1]](sys.argv[2])
