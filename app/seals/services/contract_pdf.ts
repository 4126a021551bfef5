import { createRequire } from 'node:module'
import { pdfDocument, pdfFont } from '#core/pdf'
import { formatTime } from '#core/time'
import type { ContractText } from '#seals/contract_text'
import { FONT_PACKAGE } from '#seals/services/font'

/**
 * The e-contract as a PDF (pdfkit, A4): the contract's text, then 甲方 (the
 * office, its seal image) and 乙方 (the person or org, the seal stamped if
 * any, and the handwritten signature of 乙方办理人). The text is set in
 * Noto Serif SC Regular, the package the seals already ship (pdfkit embeds
 * only the glyphs used). Signed afterwards by the office
 * (#issuance/actions/pdf_signing).
 */
const require = createRequire(import.meta.url)
export const CONTRACT_FONT = require.resolve(
  `${FONT_PACKAGE}/400Regular/NotoSerifSC_400Regular.ttf`
)

export interface ContractPdfInput {
  contractNo: string
  text: ContractText
  signedAt: Date
  office: { name: string; seal: Buffer }
  party: { name: string; idNumber: string | null; seal: Buffer | null }
  signer: { name: string; signature: Buffer }
}

const MARGIN = 56
const WIDTH = 595.28 - MARGIN * 2

export async function renderContractPdf(input: ContractPdfInput): Promise<Buffer> {
  const { doc, done } = pdfDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: {
      Title: `${input.text.title} ${input.contractNo}`,
      Author: input.office.name,
      Producer: 'CertDesk',
      Creator: 'CertDesk',
    },
  })
  doc.registerFont('cjk', pdfFont(CONTRACT_FONT))
  doc.font('cjk').fillColor('#222222')

  doc.fontSize(18).text(input.text.title, { align: 'center' })
  doc.moveDown(0.4)
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`合同编号：${input.contractNo}\u3000\u3000版本：${input.text.version}`, {
      align: 'center',
    })
  doc.fillColor('#222222').moveDown(1)
  for (const section of input.text.sections) {
    doc.fontSize(11).text(section.heading, { width: WIDTH })
    doc.moveDown(0.2)
    for (const paragraph of section.paragraphs) {
      doc.fontSize(10).text(paragraph, { width: WIDTH, lineGap: 1.5, indent: 20 })
      doc.moveDown(0.15)
    }
    doc.moveDown(0.3)
  }

  /* the parties: 甲方 left, 乙方 right, on one page */
  const blockHeight = 176
  if (doc.y + blockHeight > doc.page.height - MARGIN) doc.addPage()
  const top = doc.y + 6
  const date = `签订日期：${formatTime(input.signedAt, 'yyyy-MM-dd')}`
  const left = MARGIN
  const right = MARGIN + WIDTH / 2 + 10
  const column = WIDTH / 2 - 10
  doc.fontSize(10)
  doc.text(`甲方：${input.office.name}`, left, top, { width: column })
  doc.text('甲方签章：', left, top + 22)
  doc.image(input.office.seal, left + 60, top + 20, { fit: [110, 110] })
  doc.text(date, left, top + 140, { width: column })

  doc.text(`乙方：${input.party.name}`, right, top, { width: column })
  if (input.party.idNumber) doc.text(`证件号码：${input.party.idNumber}`, right, top + 14)
  doc.text('乙方签章：', right, top + 34)
  if (input.party.seal) doc.image(input.party.seal, right + 60, top + 30, { fit: [80, 80] })
  doc.text('乙方办理人：', right, top + 118)
  doc.image(input.signer.signature, right + 66, top + 104, { fit: [140, 44] })
  doc.text(date, right, top + 156, { width: column })

  doc.end()
  return done
}
