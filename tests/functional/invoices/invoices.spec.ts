import { test } from '@japa/runner'
import nock from 'nock'
import Invoice from '#invoices/models/invoice'
import InvoiceOrder from '#invoices/models/invoice_order'
import AuditLog from '#core/audit/audit_log'
import { outboxMails } from '#core/mail/queries'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import { JOBS_TABLE } from '#core/queue/adapter'
import { runQueuedJobs } from '#core/queue/jobs'
import { sendInvoiceMail } from '#invoices/actions/invoice_mail'
import { useProvider } from '#invoices/providers/index'
import { HttpInvoiceProvider, signInvoiceRequest } from '#invoices/providers/http'
import { reverseInvoiceOfOrder } from '#invoices/actions/invoices'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { bodyBuffer } from '#tests/helpers/binary'
import { ensureCa, nssDb } from '#tests/unit/issuance/support'
import { verifiedApplicant } from '#tests/functional/orders/support'
import { companyTitle, paidOrders, pdfsig } from './support.js'

/**
 * 我的发票 and 发票管理 through HTTP: requests for one and several paid
 * orders, issued once, the signed PDF (pdfsig), the link, the mail, a
 * rejection, the red-letter reversal, and who may see what.
 */
async function request(client: any, user: any, orderNos: string[], titleId: string) {
  return asApplicant(client.post('/invoices'), user)
    .withCsrfToken()
    .form({ order_type: 'ca', order_nos: orderNos, title_id: titleId, kind: 'normal' })
    .redirects(0)
}

/** an applicant with one paid order, a 单位 title, and the invoice requested (待开票) */
async function requestedInvoice(client: any) {
  const user = await verifiedApplicant()
  const [order] = await paidOrders(client, user)
  const title = await companyTitle(client, user)
  await request(client, user, [order.orderNo], title.id)
  const invoice = await Invoice.query().where('user_id', user.id).firstOrFail()
  return { user, order, title, invoice }
}

test.group('Invoices · requests and issuing', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('one order: 预计可开票金额 on the confirmation page, 待开票 in 开票历史; finance issues it once; the PDF is signed by the office (pdfsig); the copy is in the outbox', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const [order] = await paidOrders(client, user)
    const title = await companyTitle(client, user)

    const orderPage = await asApplicant(client.get(`/orders/${order.orderNo}`), user)
    assert.include(orderPage.text(), '申请开票')

    const form = await asApplicant(client.get('/invoices/new?order_type=ca'), user)
    form.assertStatus(200)
    assert.include(form.text(), order.orderNo)
    assert.include(form.text(), '示例科技有限公司')
    assert.include(form.text(), '个人移动证书<span class="small muted">（新办）</span>')
    for (const [type, label] of [
      ['info', '信息服务'],
      ['platform', '平台服务'],
    ]) {
      const tab = await asApplicant(client.get(`/invoices/new?order_type=${type}`), user)
      tab.assertStatus(200)
      assert.include(tab.text(), `本中心暂未在线办理${label}类业务`)
      assert.notInclude(tab.text(), order.orderNo)
    }

    const confirm = await asApplicant(client.post('/invoices/confirm'), user)
      .withCsrfToken()
      .form({ order_type: 'ca', order_nos: [order.orderNo], title_id: title.id, kind: 'normal' })
    confirm.assertStatus(200)
    assert.include(confirm.text(), '确认开票信息')
    assert.include(confirm.text(), '预计可开票金额')
    assert.include(confirm.text(), '¥240.00')
    assert.equal(
      await Invoice.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )

    const stored = await request(client, user, [order.orderNo], title.id)
    stored.assertStatus(302)
    const invoice = await Invoice.query().where('user_id', user.id).firstOrFail()
    assert.equal(invoice.status, 'requested')
    assert.equal(invoice.amountFen, 24000)
    assert.equal(invoice.taxFen, 1358)
    const history = await asApplicant(client.get('/invoices'), user)
    assert.include(history.text(), '待开票')
    assert.include(history.text(), order.orderNo)

    const finance = await createStaff(['finance'])
    const issued = await asStaff(client.post(`/admin/invoices/${invoice.id}/issue`), finance)
      .withCsrfToken()
      .redirects(0)
    issued.assertStatus(302)
    await invoice.refresh()
    assert.equal(invoice.status, 'issued')
    assert.match(invoice.number!, /^\d{20}$/)

    const again = await asStaff(client.post(`/admin/invoices/${invoice.id}/issue`), finance)
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(302)
    again.assertFlashMessage('error', '该发票申请已处理，不能重复开具')
    assert.equal(
      await AuditLog.query()
        .where('action', 'invoices.invoice.issue')
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )

    const download = await asApplicant(client.get(`/invoices/${invoice.id}/pdf`), user)
    download.assertStatus(200)
    const pdf = bodyBuffer(download)
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const check = await pdfsig(pdf, await nssDb())
    assert.include(check.out, 'Signature is Valid', check.out)
    assert.include(check.out, 'ETSI.CAdES.detached')
    assert.include(check.out, 'Certificate is Trusted', 'the signer chains to our root')
    assert.include(check.out, '示例数字证书服务中心')

    const paidOrderPage = await asApplicant(client.get(`/orders/${order.orderNo}`), user)
    assert.include(paidOrderPage.text(), `/invoices/${invoice.id}/pdf`)

    const mails = await outboxMails({ to: 'finance@example.cn' })
    assert.lengthOf(mails, 1)
    assert.include(mails[0].subject, invoice.number!)
    assert.equal(mails[0].attachments[0].filename, `电子发票-${invoice.number}.pdf`)

    const shared = await client.get(`/e-invoices/${invoice.token}`)
    shared.assertStatus(200)
    assert.equal(shared.header('content-type'), 'application/pdf')
    const guessed = await client.get(`/e-invoices/${'A'.repeat(43)}`)
    guessed.assertStatus(404)

    /* the link works INVOICE_LINK_DAYS (90) days after issuing, then says so in Chinese */
    const show = await asApplicant(client.get(`/invoices/${invoice.id}`), user)
    assert.include(show.text(), '链接有效期至')
    invoice.issuedAt = invoice.issuedAt!.minus({ days: 91 })
    await invoice.save()
    const expired = await client.get(`/e-invoices/${invoice.token}`)
    expired.assertStatus(410)
    assert.include(expired.text(), '发票链接已过期')
    assert.include(expired.text(), '自开具之日起 90 天内有效')
    assert.include(expired.text(), '我的发票')
    const own = await asApplicant(client.get(`/invoices/${invoice.id}/pdf`), user)
    own.assertStatus(200)
  }).timeout(60_000)

  test('several orders in one request; an order already requested is refused a second time', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const orders = await paidOrders(client, user, 2)
    const title = await companyTitle(client, user)
    await request(
      client,
      user,
      orders.map((o) => o.orderNo),
      title.id
    )
    const invoice = await Invoice.query().where('user_id', user.id).firstOrFail()
    assert.equal(invoice.amountFen, 48000)
    assert.lengthOf(await InvoiceOrder.query().where('invoice_id', invoice.id), 2)

    const twice = await request(client, user, [orders[0].orderNo], title.id)
    twice.assertStatus(302)
    const bag = twice.flashMessage('inputErrorsBag') as Record<string, string[]>
    assert.match(bag.order_nos[0], /已开票或正在开票/)
    assert.equal(
      await Invoice.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )
  }).timeout(60_000)

  test('finance rejects with a reason: 开票历史 shows it and the order can be requested again', async ({
    client,
    assert,
  }) => {
    const { user, order, title, invoice } = await requestedInvoice(client)
    const finance = await createStaff(['finance'])
    const empty = await asStaff(client.post(`/admin/invoices/${invoice.id}/reject`), finance)
      .withCsrfToken()
      .form({ reason: '' })
      .redirects(0)
    empty.assertStatus(302)
    await invoice.refresh()
    assert.equal(invoice.status, 'requested')

    await asStaff(client.post(`/admin/invoices/${invoice.id}/reject`), finance)
      .withCsrfToken()
      .form({ reason: '抬头名称与办理单位不一致' })
    await invoice.refresh()
    assert.equal(invoice.status, 'rejected')
    const history = await asApplicant(client.get('/invoices'), user)
    assert.include(history.text(), '已驳回')
    assert.include(history.text(), '抬头名称与办理单位不一致')

    const again = await request(client, user, [order.orderNo], title.id)
    again.assertStatus(302)
    assert.equal(
      await Invoice.query()
        .where('status', 'requested')
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )
  }).timeout(60_000)

  test('a refund of an invoiced order issues the red-letter invoice through the adapter', async ({
    client,
    assert,
  }) => {
    const { order, invoice } = await requestedInvoice(client)
    await asStaff(
      client.post(`/admin/invoices/${invoice.id}/issue`),
      await createStaff(['finance'])
    ).withCsrfToken()

    const red = await reverseInvoiceOfOrder(order.orderNo, '申请退费')
    assert.isNotNull(red)
    assert.equal(red!.direction, 'red')
    assert.equal(red!.status, 'issued')
    assert.equal(red!.amountFen, -24000)
    await invoice.refresh()
    assert.equal(invoice.status, 'reversed')
    const again = await reverseInvoiceOfOrder(order.orderNo, '申请退费')
    assert.equal(again!.id, red!.id, 'a second reversal finds the first')
    const mails = await outboxMails({ to: 'finance@example.cn' })
    assert.isTrue(mails.some((m) => m.subject.includes('红字')))
  }).timeout(60_000)

  test('the mail fails at first: the invoice is issued anyway, 邮件发件箱 shows it waiting, the queued retry sends it, once', async ({
    client,
    assert,
  }) => {
    const { invoice } = await requestedInvoice(client)
    const finance = await createStaff(['finance'])

    const original = mail.send.bind(mail)
    let calls = 0
    ;(mail as any).send = async (...args: any[]) => {
      calls++
      if (calls === 1) throw new Error('SMTP 连接超时')
      return (original as any)(...args)
    }
    try {
      const issued = await asStaff(client.post(`/admin/invoices/${invoice.id}/issue`), finance)
        .withCsrfToken()
        .redirects(0)
      issued.assertStatus(302)
      assert.match(
        String(issued.flashMessage('warning')),
        /邮件暂未发出（SMTP 连接超时），系统将自动重试/
      )
      await invoice.refresh()
      assert.equal(invoice.status, 'issued')
      assert.isNull(invoice.emailedAt)
      assert.equal(invoice.mailAttempts, 1)
      assert.lengthOf(await outboxMails({ to: 'finance@example.cn' }), 0)

      const page = await asStaff(client.get('/admin/mail'), finance)
      assert.include(page.text(), '发送失败，等待重试')
      assert.include(page.text(), invoice.number!)
      assert.include(page.text(), 'SMTP 连接超时')

      assert.equal(await runQueuedJobs(), 0, 'the retry waits for its delay')
      await db.from(JOBS_TABLE).update({ execute_at: Date.now() - 1 })
      assert.equal(await runQueuedJobs(), 1)
      await invoice.refresh()
      assert.isNotNull(invoice.emailedAt)
      assert.isNull(invoice.mailError)
      const mails = await outboxMails({ to: 'finance@example.cn' })
      assert.lengthOf(mails, 1)
      assert.include(mails[0].subject, invoice.number!)

      assert.isFalse(await sendInvoiceMail(invoice.id))
      await db.from(JOBS_TABLE).update({ execute_at: Date.now() - 1 })
      await runQueuedJobs()
      assert.lengthOf(await outboxMails({ to: 'finance@example.cn' }), 1, 'sent once')
      assert.equal(calls, 2)
      const after = await asStaff(client.get('/admin/mail'), finance)
      assert.notInclude(after.text(), '发送失败，等待重试')
    } finally {
      delete (mail as any).send
    }
  }).timeout(60_000)
})

test.group('Invoices · who may see what', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test("reviewers and operators reach no finance page; another applicant's invoice is 404", async ({
    client,
    assert,
  }) => {
    const { order, title, invoice } = await requestedInvoice(client)
    for (const role of ['reviewer', 'operator']) {
      const staff = await createStaff([role])
      for (const url of [
        '/admin/invoices',
        `/admin/invoices/${invoice.id}`,
        '/admin/invoices/export',
        '/admin/mail',
      ]) {
        const response = await asStaff(client.get(url), staff)
        assert.equal(response.status(), 403, `${role} ${url}`)
      }
      const issue = await asStaff(
        client.post(`/admin/invoices/${invoice.id}/issue`),
        staff
      ).withCsrfToken()
      assert.equal(issue.status(), 403)
    }
    await invoice.refresh()
    assert.equal(invoice.status, 'requested')

    const other = await verifiedApplicant()
    const show = await asApplicant(client.get(`/invoices/${invoice.id}`), other)
    show.assertStatus(404)
    const stolen = await request(client, other, [order.orderNo], title.id)
    stolen.assertStatus(302)
    assert.equal(
      await Invoice.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )

    const finance = await createStaff(['finance'])
    const list = await asStaff(client.get('/admin/invoices'), finance)
    list.assertStatus(200)
    assert.include(list.text(), invoice.requestNo)
    const csv = await asStaff(client.get('/admin/invoices/export'), finance)
    csv.assertStatus(200)
    assert.include(csv.text(), invoice.requestNo)
  }).timeout(60_000)
})

test.group('Invoices · the HTTP provider (nock)', () => {
  test('signs its request, checks the answer signature, and a refusal is shown to finance', async ({
    assert,
  }) => {
    const config = {
      url: 'https://einvoice.example.cn/api',
      appId: 'app-1',
      secret: 's3cret',
      timeoutMs: 2000,
    }
    const provider = new HttpInvoiceProvider(config)
    const restore = useProvider(provider)
    try {
      let seen: any = null
      const h: Record<string, string> = {}
      const capture = (name: string) => (value: string | null) => {
        h[name] = value ?? ''
        return true
      }
      const answer = JSON.stringify({
        code: 0,
        data: { number: '26110000000000000042', issued_at: '2026-01-02T03:04:05Z' },
      })
      nock('https://einvoice.example.cn')
        .matchHeader('x-app-id', capture('x-app-id'))
        .matchHeader('x-timestamp', capture('x-timestamp'))
        .matchHeader('x-nonce', capture('x-nonce'))
        .matchHeader('x-signature', capture('x-signature'))
        .post('/api/invoices', (body) => {
          seen = { body }
          return true
        })
        .reply(200, answer, {
          'x-timestamp': '1',
          'x-nonce': 'n',
          'x-signature': signInvoiceRequest('s3cret', ['1', 'n', answer]),
        })
      const issueRequest = {
        requestNo: '1234567890123456789',
        direction: 'blue' as const,
        kind: 'normal' as const,
        buyer: {
          titleType: 'company' as const,
          name: '示例科技有限公司',
          taxNumber: '91110105MA01CDEK1J',
          email: 'a@b.cn',
          phone: null,
          address: null,
          bank: null,
          account: null,
        },
        seller: { name: '示例数字证书服务中心', taxNumber: '91110105MA01CDEK1J' },
        lines: [{ name: '个人移动证书', amountFen: 24000, taxFen: 1358 }],
        amountFen: 24000,
        taxFen: 1358,
        taxRateBp: 600,
      }
      const result = await provider.issue(issueRequest).catch((error) => {
        throw error.cause?.cause ?? error.cause ?? error
      })
      assert.equal(result.number, '26110000000000000042')
      assert.equal(
        h['x-signature'],
        signInvoiceRequest('s3cret', [
          h['x-app-id'],
          h['x-timestamp'],
          h['x-nonce'],
          JSON.stringify(seen.body),
        ]),
        'the request carries a valid HMAC signature'
      )
      assert.equal(seen.body.out_request_no, '1234567890123456789')
      assert.equal(seen.body.total, '240.00')

      nock('https://einvoice.example.cn')
        .post('/api/invoices')
        .reply(200, JSON.stringify({ code: 0, data: { number: '1' } }), { 'x-signature': 'forged' })
      await assert.rejects(() => provider.issue(issueRequest), '电子发票服务的应答签名无效')

      const refusal = JSON.stringify({ code: 4001, message: '购买方税号不存在' })
      nock('https://einvoice.example.cn')
        .post('/api/invoices')
        .reply(200, refusal, {
          'x-timestamp': '2',
          'x-nonce': 'm',
          'x-signature': signInvoiceRequest('s3cret', ['2', 'm', refusal]),
        })
      await assert.rejects(
        () => provider.issue(issueRequest),
        '电子发票服务拒绝开票：购买方税号不存在'
      )
    } finally {
      restore()
    }
  })
})
