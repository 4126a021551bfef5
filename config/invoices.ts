import env from '#start/env'
import officeConfig from '#config/office'

/**
 * E-invoices (数电发票): the seller printed on every invoice (the office),
 * the VAT rate, whether 专票 is offered, and the provider adapter
 * (`sandbox`: numbers and renders invoices itself, labelled 沙箱; `http`: a
 * tax-platform service, signed requests).
 */
const invoicesConfig = {
  seller: {
    name: officeConfig.name,
    /** GB 32100 credit code of the office (a valid demo code by default) */
    taxNumber: env.get('INVOICE_SELLER_TAX_NUMBER', '91110105MA01CDEK1J'),
    addressPhone: env.get(
      'INVOICE_SELLER_ADDRESS_PHONE',
      `${officeConfig.address} ${officeConfig.hotline}`
    ),
    bankAccount: env.get('INVOICE_SELLER_BANK_ACCOUNT', '示例银行示例支行 6222 0000 0000 0000'),
    /** where the signature says it was made */
    location: officeConfig.address,
  },
  /** tax rate in basis points of the tax-inclusive price (600 = 6 %, 现代服务) */
  taxRateBp: env.get('INVOICE_TAX_RATE_BP', 600),
  /** 数电专票 offered to 单位 titles */
  specialOffered: env.get('INVOICE_SPECIAL_OFFERED', true),
  /** the line item's tax category (税收分类编码 简称) */
  itemCategory: '*信息技术服务*',
  /** days a 复制发票链接 link (/e-invoices/<token>) works after the invoice is issued */
  linkDays: env.get('INVOICE_LINK_DAYS', 90),
  driver: env.get('INVOICE_DRIVER', 'sandbox') as 'sandbox' | 'http',
  http: {
    url: env.get('INVOICE_HTTP_URL', ''),
    appId: env.get('INVOICE_HTTP_APP_ID', ''),
    secret: env.get('INVOICE_HTTP_SECRET', ''),
    timeoutMs: 10_000,
  },
}

export default invoicesConfig
