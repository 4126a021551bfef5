import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import { formatFen } from '#core/money'
import { pdfDocument, pdfFont } from '#core/pdf'
import { formatTime } from '#core/time'
import type { TitleSnapshot } from '#invoices/models/invoice'
import { fenToChineseCapital } from './chinese_amount.js'

/**
 * The invoice as a PDF (pdfkit): the 数电发票 layout with the office as
 * seller, the buyer, the lines, amounts in figures and in Chinese
 * capitals, the tax, and a QR code to the invoice's link. The CJK font is
 * Noto Serif SC Regular (SIL OFL 1.1) from @expo-google-fonts/noto-serif-sc,
 * the package the seals module already ships; pdfkit embeds the subset of
 * glyphs the page uses (a few dozen kB, not the 14 MB font), from the font
 * parsed once per process (`invoiceFont`). The PDF is
 * signed afterwards (#issuance/actions/pdf_signing).
 */
const require = createRequire(import.meta.url)
export const INVOICE_FONT =
  require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')

/** the font, read and parsed once per process (#core/pdf pdfFont) */
export function invoiceFont() {
  return pdfFont(INVOICE_FONT)
}

export interface InvoicePdfInput {
  direction: 'blue' | 'red'
  kind: 'normal' | 'special'
  number: string
  issuedAt: Date
  originalNumber?: string | null
  buyer: TitleSnapshot
  seller: { name: string; taxNumber: string; addressPhone: string; bankAccount: string }
  lines: Array<{ name: string; amountFen: number; taxFen: number }>
  amountFen: number
  taxFen: number
  taxRateBp: number
  note: string
  qrText: string
  sandbox: boolean
  issuer: string
}

function yuan(fen: number) {
  return formatFen(fen, false)
}

export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.qrText, {
    margin: 0,
    width: 160,
    errorCorrectionLevel: 'M',
  })
  /* 241 mm × 140 mm, the 数电发票 page */
  const { doc, done } = pdfDocument({
    size: [683, 397],
    margin: 24,
    compress: true,
    info: {
      Title: `电子发票 ${input.number}`,
      Author: input.seller.name,
      Producer: 'CertDesk',
      Creator: 'CertDesk',
    },
  })
  doc.registerFont('cjk', invoiceFont())
  doc.font('cjk')
  const red = '#a4262c'
  const ink = '#222222'
  const kindLabel = input.kind === 'special' ? '增值税专用发票' : '普通发票'
  const title = `电子发票（${kindLabel}）${input.direction === 'red' ? '（红字）' : ''}`

  doc.image(qr, 24, 20, { width: 56 })
  doc.fillColor(red).fontSize(18).text(title, 90, 28, { width: 420, align: 'center' })
  if (input.sandbox)
    doc.fontSize(9).text('沙箱开具 · 非真实税务发票', 90, 52, { width: 420, align: 'center' })
  doc.fillColor(ink).fontSize(9)
  doc.text(`发票号码：${input.number}`, 500, 26, { width: 160 })
  doc.text(`开票日期：${formatTime(input.issuedAt, 'yyyy年MM月dd日')}`, 500, 40, { width: 160 })
  if (input.originalNumber)
    doc.text(`对应蓝字发票：${input.originalNumber}`, 500, 54, { width: 160 })

  /* buyer and seller */
  const top = 84
  doc.strokeColor(red).lineWidth(0.8)
  doc.rect(24, top, 635, 72).stroke()
  doc
    .moveTo(341, top)
    .lineTo(341, top + 72)
    .stroke()
  doc.fillColor(red).fontSize(9)
  doc.text('购买方信息', 30, top + 6)
  doc.text('销售方信息', 347, top + 6)
  doc.fillColor(ink)
  const party = (x: number, p: { name: string; taxNumber: string | null }, extra: string[]) => {
    doc.text(`名称：${p.name}`, x, top + 20, { width: 300 })
    doc.text(`统一社会信用代码/纳税人识别号：${p.taxNumber || ''}`, x, top + 34, { width: 300 })
    extra.filter(Boolean).forEach((line, i) => doc.text(line, x, top + 48 + i * 11, { width: 300 }))
  }
  party(30, input.buyer, [
    input.kind === 'special'
      ? `地址电话：${[input.buyer.address, input.buyer.phone].filter(Boolean).join(' ')}`
      : '',
    input.kind === 'special'
      ? `开户行及账号：${[input.buyer.bank, input.buyer.account].filter(Boolean).join(' ')}`
      : '',
  ])
  party(347, input.seller, [])

  /* lines */
  let y = top + 80
  const cols = [
    { label: '项目名称', x: 30, w: 230 },
    { label: '数量', x: 262, w: 40 },
    { label: '单价', x: 304, w: 80 },
    { label: '金额', x: 386, w: 90 },
    { label: '税率/征收率', x: 478, w: 80 },
    { label: '税额', x: 560, w: 94 },
  ]
  doc.fillColor(red)
  cols.forEach((c) =>
    doc.text(c.label, c.x, y, { width: c.w, align: c.x > 300 ? 'right' : 'left' })
  )
  doc.fillColor(ink)
  y += 16
  const rate = `${(input.taxRateBp / 100).toFixed(0)}%`
  for (const line of input.lines.slice(0, 8)) {
    const net = line.amountFen - line.taxFen
    const values = [
      line.name,
      input.direction === 'red' ? '-1' : '1',
      yuan(Math.abs(net)),
      yuan(net),
      rate,
      yuan(line.taxFen),
    ]
    cols.forEach((c, i) =>
      doc.text(values[i], c.x, y, {
        width: c.w,
        align: c.x > 300 ? 'right' : 'left',
        lineBreak: false,
      })
    )
    y += 14
  }
  if (input.lines.length > 8) {
    doc.text(`（共 ${input.lines.length} 项，详见销货清单）`, 30, y)
    y += 14
  }
  y = Math.max(y, top + 190)
  doc.text('合　　计', 30, y)
  doc.text(`¥${yuan(input.amountFen - input.taxFen)}`, 386, y, { width: 90, align: 'right' })
  doc.text(`¥${yuan(input.taxFen)}`, 560, y, { width: 94, align: 'right' })
  doc.rect(24, top + 76, 635, y - top - 60).stroke()

  /* totals */
  y += 22
  doc.rect(24, y - 6, 635, 24).stroke()
  doc.fillColor(red).text('价税合计（大写）', 30, y)
  doc
    .fillColor(ink)
    .fontSize(10)
    .text(`ⓧ ${fenToChineseCapital(input.amountFen)}`, 130, y - 1)
  doc.fillColor(red).fontSize(9).text('（小写）', 470, y)
  doc
    .fillColor(ink)
    .fontSize(10)
    .text(`¥${yuan(input.amountFen)}`, 520, y - 1, { width: 130 })

  /* notes */
  y += 26
  doc.fontSize(8.5)
  doc.rect(24, y - 6, 635, 40).stroke()
  doc.fillColor(red).text('备注', 30, y)
  doc.fillColor(ink).text(input.note, 70, y, { width: 580, height: 30 })
  y += 42
  doc.fontSize(9).text(`开票人：${input.issuer}`, 30, y)
  doc.text(`销售方地址电话：${input.seller.addressPhone}`, 150, y, { width: 500, lineBreak: false })

  doc.end()
  return done
}
