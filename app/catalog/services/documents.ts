import { crc32, deflateRawSync } from 'node:zlib'

/**
 * Small documents made in code: the demo office's templates (DOCX forms
 * to fill in), manuals (PDF) and packages (ZIP). No dependency: a ZIP
 * writer, minimal WordprocessingML, and a PDF using the standard
 * STSong-Light CID font, which PDF readers supply for Chinese text.
 */

export interface ZipEntry {
  name: string
  data: Buffer | string
}

function dosDateTime(date: Date) {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2)
  const day =
    ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()
  return { time, day }
}

export function makeZip(entries: ZipEntry[], date = new Date()): Buffer {
  const { time, day } = dosDateTime(date)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
    const name = Buffer.from(entry.name, 'utf8')
    const compressed = deflateRawSync(data)
    const crc = crc32(data)

    /* the fields the local header and the central directory entry share, from `at` */
    const describe = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at) // version needed to extract: 2.0
      header.writeUInt16LE(0x0800, at + 2) // flags: the name is UTF-8
      header.writeUInt16LE(8, at + 4) // deflate
      header.writeUInt16LE(time, at + 6)
      header.writeUInt16LE(day, at + 8)
      header.writeUInt32LE(crc, at + 10)
      header.writeUInt32LE(compressed.length, at + 14)
      header.writeUInt32LE(data.length, at + 18)
      header.writeUInt16LE(name.length, at + 22)
      return header
    }

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    describe(local, 4)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, compressed)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    describe(central, 6)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)

    offset += local.length + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function xml(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

export interface DocxForm {
  title: string
  /** paragraphs before the table */
  intro?: string[]
  /** form rows: a label and an empty cell to fill in */
  rows?: string[]
  /** paragraphs after the table (declaration, signature lines) */
  outro?: string[]
}

function paragraph(text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) {
  const pPr = opts.center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''
  const rPr =
    opts.bold || opts.size
      ? `<w:rPr>${opts.bold ? '<w:b/>' : ''}${opts.size ? `<w:sz w:val="${opts.size}"/>` : ''}</w:rPr>`
      : ''
  return `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${xml(text)}</w:t></w:r></w:p>`
}

/**
 * A Word form (.docx) with a title, a two-column table of fields to fill
 * in, and signature lines.
 */
export function makeDocx(form: DocxForm): Buffer {
  const border = (side: string) =>
    `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`
  const table = form.rows?.length
    ? `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>` +
      `<w:tblGrid><w:gridCol w:w="2800"/><w:gridCol w:w="6200"/></w:tblGrid>` +
      form.rows
        .map(
          (label) =>
            `<w:tr><w:trPr><w:trHeight w:val="560"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="2800" w:type="dxa"/></w:tcPr>${paragraph(label)}</w:tc>` +
            `<w:tc><w:tcPr><w:tcW w:w="6200" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr>`
        )
        .join('') +
      '</w:tbl>'
    : ''
  const body =
    paragraph(form.title, { bold: true, size: 36, center: true }) +
    (form.intro ?? []).map((p) => paragraph(p)).join('') +
    table +
    (form.outro ?? []).map((p) => paragraph(p)).join('') +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1300" w:bottom="1440" w:left="1300" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>'
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body}</w:body></w:document>`
  return makeZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    },
    { name: 'word/document.xml', data: document },
  ])
}

/**
 * Width of a line in em: CJK characters are 1, ASCII 0.5.
 */
function width(text: string) {
  let w = 0
  for (const ch of text) w += ch.codePointAt(0)! < 0x80 ? 0.5 : 1
  return w
}

function wrap(text: string, maxEm: number): string[] {
  if (!text) return ['']
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (width(line + ch) > maxEm) {
      lines.push(line)
      line = ''
    }
    line += ch
  }
  lines.push(line)
  return lines
}

function ucs2Hex(text: string) {
  let hex = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    hex += (code > 0xffff ? 0x3000 : code).toString(16).padStart(4, '0')
  }
  return hex.toUpperCase()
}

/**
 * A simple A4 PDF: a title and paragraphs of Chinese text, wrapped and
 * paginated.
 */
export function makePdf(title: string, paragraphs: string[]): Buffer {
  const fontSize = 12
  const leading = 20
  const marginX = 56
  const top = 842 - 64
  const bottom = 64
  const maxEm = Math.floor((595 - marginX * 2) / fontSize)

  type Line = { text: string; size: number }
  const lines: Line[] = [
    { text: title, size: 18 },
    { text: '', size: fontSize },
  ]
  for (const p of paragraphs) {
    for (const l of wrap(p, maxEm)) lines.push({ text: l, size: fontSize })
    lines.push({ text: '', size: fontSize })
  }

  const pages: Line[][] = []
  let current: Line[] = []
  let y = top
  for (const line of lines) {
    if (y < bottom) {
      pages.push(current)
      current = []
      y = top
    }
    current.push(line)
    y -= line.size > fontSize ? leading + 10 : leading
  }
  if (current.length) pages.push(current)

  const objects: string[] = []
  /* 1 catalog, 2 pages, 3 font, 4 cid font, 5 descriptor, then per page: page + contents */
  const pageIds = pages.map((_, i) => 6 + i * 2)
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`
  objects[3] =
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>'
  objects[4] =
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>'
  objects[5] =
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>'
  pages.forEach((pageLines, i) => {
    let content = 'BT\n'
    let yy = top
    for (const line of pageLines) {
      if (line.text)
        content += `/F1 ${line.size} Tf\n1 0 0 1 ${marginX} ${yy} Tm\n<${ucs2Hex(line.text)}> Tj\n`
      yy -= line.size > fontSize ? leading + 10 : leading
    }
    content += 'ET\n'
    const stream = Buffer.from(content, 'latin1')
    objects[pageIds[i]] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`
    objects[pageIds[i] + 1] = `<< /Length ${stream.length} >>\nstream\n${content}endstream`
  })

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let length = chunks[0].length
  const offsets: number[] = []
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = length
    const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1')
    chunks.push(chunk)
    length += chunk.length
  }
  const xrefAt = length
  let xref = `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let id = 1; id < objects.length; id++)
    xref += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`
  xref += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
  chunks.push(Buffer.from(xref, 'latin1'))
  return Buffer.concat(chunks)
}
