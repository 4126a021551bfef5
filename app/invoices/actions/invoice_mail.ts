import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import { withLock } from '#core/locks'
import { dispatchJob } from '#core/queue/jobs'
import storage from '#core/storage'
import { formatFen } from '#core/money'
import officeConfig from '#config/office'
import Invoice from '#invoices/models/invoice'
import { sharedInvoiceUrl } from '#invoices/links'
import SendInvoiceMailJob from '#invoices/jobs/send_invoice_mail_job'

/**
 * The copy of an issued invoice to the title's email (@adonisjs/mail: the
 * outbox in the sandbox, SMTP in production), with the signed PDF
 * attached and the invoice link. Sent once per invoice (emailed_at, under
 * a lock). A failed send is recorded on the invoice (mail_attempts,
 * mail_error: 邮件发件箱 shows it) and retried by the job
 * invoices.send_mail with backoff; the job is enqueued in the transaction
 * that issues the invoice (a crash right after the commit loses no mail),
 * delayed so that the send right after the commit normally goes first.
 */
registerAuditActions({ 'invoices.invoice.email_fail': '发票邮件发送失败' })

export const MAIL_RETRY_DELAY = '2m'

/** inside the issuing transaction: the mail job, there if and only if the invoice is issued */
export async function enqueueInvoiceMail(invoiceId: string, trx: TransactionClientContract) {
  await dispatchJob(
    SendInvoiceMailJob,
    { invoiceId },
    { trx, delay: MAIL_RETRY_DELAY, dedupKey: `invoice-mail:${invoiceId}` }
  )
}

/**
 * Right after the commit: send now; a failure is recorded and left to the
 * job (never fails the issuing). Returns whether it was sent now.
 */
export async function sendInvoiceMailNow(invoice: Invoice) {
  try {
    return await sendInvoiceMail(invoice.id)
  } catch (error) {
    logger.warn({ err: error, invoiceId: invoice.id }, 'invoice mail failed, will be retried')
    return false
  }
}

export async function sendInvoiceMail(invoiceId: string): Promise<boolean> {
  return withLock(`invoice-mail:${invoiceId}`, async () => {
    const invoice = await Invoice.find(invoiceId)
    if (!invoice || !invoice.pdfKey || invoice.emailedAt) return false
    try {
      await deliver(invoice)
    } catch (error) {
      await recordFailure(invoice, error)
      throw error
    }
    await db.transaction(async (trx) => {
      invoice.merge({ emailedAt: DateTime.utc(), mailError: null })
      await audit.save(invoice, trx, {
        action: 'invoices.invoice.email',
        subjectType: 'invoice',
        data: { number: invoice.number, attempts: invoice.mailAttempts + 1 },
      })
    })
    return true
  })
}

async function deliver(invoice: Invoice) {
  const pdf = await storage.get(invoice.pdfKey!)
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
}

async function recordFailure(invoice: Invoice, error: unknown) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 300)
  await db.transaction(async (trx) => {
    invoice.merge({
      mailAttempts: (invoice.mailAttempts ?? 0) + 1,
      mailError: message || '发送失败',
      mailFailedAt: DateTime.utc(),
    })
    await audit.save(invoice, trx, {
      action: 'invoices.invoice.email_fail',
      subjectType: 'invoice',
      data: { number: invoice.number, attempt: invoice.mailAttempts, error: invoice.mailError },
    })
  })
}

/** 邮件发件箱: issued invoices whose copy has not gone out yet after a failure */
export async function invoicesAwaitingMail() {
  return Invoice.query()
    .whereNull('emailed_at')
    .whereNotNull('mail_error')
    .orderBy('mail_failed_at', 'desc')
    .limit(100)
}
