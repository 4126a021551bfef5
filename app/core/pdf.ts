import { readFileSync } from 'node:fs'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'

/**
 * A pdfkit document whose bytes come back as one Buffer once `doc.end()`
 * is called (the invoices' and the e-contracts' PDFs):
 *
 *   const { doc, done } = pdfDocument({ size: 'A4', margin: 56 })
 *   doc.text('…'); doc.end()
 *   const pdf = await done
 */
export function pdfDocument(options: PDFKit.PDFDocumentOptions) {
  const doc = new PDFDocument(options)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, done }
}

/**
 * A font file read and parsed once per process (the CJK fonts weigh
 * 10–14 MB; parsing one for every document costs more than the page):
 * `doc.registerFont('cjk', pdfFont(path))` — pdfkit takes the parsed
 * fontkit font as is and still embeds a subset of it in each document.
 */
const fonts = new Map<string, fontkit.Font>()
export function pdfFont(path: string): any {
  let font = fonts.get(path)
  if (!font) {
    font = fontkit.create(readFileSync(path)) as fontkit.Font
    fonts.set(path, font)
  }
  return font
}
