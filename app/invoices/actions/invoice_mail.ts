import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import audit from '#core/audit/audit_service'
import storage from '#core/storage'
import { formatFen } from '#core/money'
import officeConfig from '#config/office'
import Invoice from '#invoices/models/invoice'
import { sharedInvoiceUrl } from '#invoices/links'

/**
 * The copy of an issued invoice to the title's email (@adonisjs/mail: the
 * outbox in the sandbox, SMTP in production), with the signed PDF
 * attached and the invoice link. Once per invoice (emailed_at).
 */
export async function sendInvoiceMail(invoice: Invoice) {
  if (!invoice.pdfKey || invoice.emailedAt) return false
  const pdf = await storage.get(invoice.pdfKey)
  const red = invoice.direction === 'red'
  await mail.send((message) => {
    message
      .to(invoice.email)
      .subject(`【${officeConfig.shortName}】${red ? '红字' : ''}电子发票 ${invoice.number}`)
      .text(
        [
          `${invoice.title.name}：`,
          `您好！${officeConfig.name}为您开具的${red ? '红字' : ''}电子发票（号码 ${invoice.number}，价税合计 ${formatFen(invoice.amountFen)}）见附件。`,
          `也可通过以下链接查看和下载：${sharedInvoiceUrl(invoice)}`,
          `如有疑问请致电 ${officeConfig.hotline}。`,
        ].join('\n')
      )
      .attachData(pdf, {
        filename: `电子发票-${invoice.number}.pdf`,
        contentType: 'application/pdf',
      })
  })
  await db.transaction(async (trx) => {
    const row = await Invoice.query({ client: trx }).where('id', invoice.id).firstOrFail()
    row.emailedAt = DateTime.utc()
    await row.save()
    await audit.record(
      {
        action: 'invoices.invoice.email',
        subjectType: 'invoice',
        subjectId: invoice.id,
        data: { number: invoice.number },
      },
      trx
    )
  })
  invoice.emailedAt = DateTime.utc()
  return true
}
