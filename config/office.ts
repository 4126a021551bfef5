import env from '#start/env'

/**
 * The CA office running this instance: our own texts, configurable.
 * Shown in the page header and footer, the agreements, the SMS signature
 * (config/sms.ts) and the CA names (config/issuance.ts, at `ca:init`).
 */
const officeConfig = {
  /**
   * Full name of the office (OFFICE_NAME): footer, agreements, and the CA
   * names when `ca:init` creates them (a later change does not rename
   * existing CAs).
   */
  name: env.get('OFFICE_NAME', '示例数字证书服务中心'),
  /**
   * Short name (OFFICE_SHORT_NAME): page titles, the header and, unless
   * SMS_SIGN_NAME says otherwise, the 【签名】 of every SMS.
   */
  shortName: env.get('OFFICE_SHORT_NAME', '示例CA'),
  /**
   * The office's unified social credit code (OFFICE_USCC; default: the
   * invoices' seller tax number): the subject ID of its document-signing
   * certificate (e-contracts, seal data).
   */
  uscc: env.get('OFFICE_USCC', env.get('INVOICE_SELLER_TAX_NUMBER', '91110105MA01CDEK1J')),
  /** Name of the system after the short name in titles and the header (fixed text) */
  systemName: '数字证书在线自助办理系统',
  /** Customer service number (OFFICE_HOTLINE): footer, help pages, agreements */
  hotline: env.get('OFFICE_HOTLINE', '400-000-0000'),
  /** The service counter's address (OFFICE_ADDRESS): for business done in person, agreements */
  address: env.get('OFFICE_ADDRESS', '示例市示例区政务服务中心 3 楼 CA 窗口'),
  /** Opening hours of the hotline and counter, shown next to the number (fixed text) */
  serviceHours: '工作日 9:00-12:00，13:30-17:30',
}

export default officeConfig
