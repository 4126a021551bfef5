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
