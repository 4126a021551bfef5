import { test } from '@japa/runner'
import { invoiceFont, renderInvoicePdf } from '#invoices/services/invoice_pdf'

/**
 * The invoice PDF's CJK font is read and parsed once per process (14 MB);
 * every document still embeds its own subset. (The signed PDF is checked
 * by pdfsig in tests/functional/invoices/invoices.spec.ts, whose later
 * invoices render with the cached font.)
 */
const input = (number: string) => ({
  direction: 'blue' as const,
  kind: 'normal' as const,
  number,
  issuedAt: new Date('2026-01-05T02:00:00Z'),
  buyer: {
    titleType: 'company' as const,
    name: '示例科技有限公司',
    taxNumber: '91110105MA01CDEK1J',
    email: 'finance@example.cn',
    phone: null,
    address: null,
    bank: null,
    account: null,
  },
  seller: {
    name: '示例数字证书服务中心',
    taxNumber: '91110105MA01CDEK1J',
    addressPhone: '示例路 1 号',
    bankAccount: '示例银行',
  },
  lines: [{ name: '*信息技术服务*个人移动证书', amountFen: 24000, taxFen: 1358 }],
  amountFen: 24000,
  taxFen: 1358,
  taxRateBp: 600,
  note: '订单号：1',
  qrText: 'https://ca.example.cn/e-invoices/abc',
  sandbox: true,
  issuer: '财务',
})

test.group('Invoices · PDF font', () => {
  test('the font is parsed once and shared; each PDF embeds its own subset', async ({ assert }) => {
    const first = await renderInvoicePdf(input('26000000000000000001'))
    const font = invoiceFont()
    const second = await renderInvoicePdf(input('26000000000000000002'))
    assert.strictEqual(invoiceFont(), font)
    for (const pdf of [first, second]) {
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
      assert.include(pdf.toString('latin1'), '/FontFile2')
      assert.isBelow(pdf.length, 100_000)
    }
  })
})
