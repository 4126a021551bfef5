import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#accounts/models/user'
import Invoice from '#invoices/models/invoice'
import InvoiceIntent from '#invoices/models/invoice_intent'
import InvoiceTitle from '#invoices/models/invoice_title'
import Payment from '#payments/models/payment'
import { asApplicant } from '#tests/helpers/auth'
import { payWithSandbox, verifiedApplicant } from '#tests/functional/orders/support'
import { companyTitle, unpaidOrder } from './support.js'

/**
 * 是否开票 in the payment form (立即支付): 是 + a title of the book (+ 普票/专票)
 * makes the invoice request in the transaction that marks the payment
 * paid; 否 makes none; a wrong choice comes back at its field before any
 * payment is opened; a title gone meanwhile never fails the payment.
 */
const paymentCount = (orderNo: string) =>
  Payment.query()
    .where('order_no', orderNo)
    .count('* as n')
    .first()
    .then((r) => Number(r!.$extras.n))

/** 是 with a title, posted with the sandbox method (the attempt is then reused by payWithSandbox) */
const chooseYes = (client: ApiClient, user: User, orderNo: string, titleId: string) =>
  asApplicant(client.post('/payments'), user).withCsrfToken().form({
    order_no: orderNo,
    method: 'sandbox',
    invoice_wanted: 'yes',
    invoice_title_id: titleId,
  })

test.group('Invoices · 是否开票 in the payment form', () => {
  test('是 with a title: the pay page asks it, the request appears once the payment succeeds', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const order = await unpaidOrder(client, user)
    const title = await companyTitle(client, user)

    const page = await asApplicant(client.get(`/orders/${order.orderNo}/pay`), user)
    page.assertStatus(200)
    assert.include(page.text(), '是否开票')
    assert.include(page.text(), '示例科技有限公司（单位）')
    assert.include(page.text(), 'name="invoice_title_id"')

    const { payment, response } = await payWithSandbox(client, user, order.orderNo, {
      invoice_wanted: 'yes',
      invoice_title_id: title.id,
      invoice_kind: 'normal',
    })
    response.assertStatus(302)
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    const invoice = await Invoice.query().where('user_id', user.id).firstOrFail()
    assert.equal(invoice.status, 'requested')
    assert.equal(invoice.amountFen, 24000)
    assert.equal(invoice.title.name, '示例科技有限公司')
    assert.equal(invoice.kind, 'normal')
    const intent = await InvoiceIntent.findByOrFail('order_no', order.orderNo)
    assert.equal(intent.invoiceId, invoice.id)

    const history = await asApplicant(client.get('/invoices'), user)
    assert.include(history.text(), order.orderNo)
    assert.include(history.text(), '待开票')
  }).timeout(60_000)

  test('否 makes no request, and withdraws a 是 chosen before', async ({ client, assert }) => {
    const user = await verifiedApplicant()
    const order = await unpaidOrder(client, user)
    const title = await companyTitle(client, user)
    await chooseYes(client, user, order.orderNo, title.id)
    assert.isNotNull(await InvoiceIntent.findBy('order_no', order.orderNo))
    const { payment } = await payWithSandbox(client, user, order.orderNo, {
      invoice_wanted: 'no',
    })
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.isNull(await InvoiceIntent.findBy('order_no', order.orderNo))
    assert.isNull(await Invoice.query().where('user_id', user.id).first())
  }).timeout(60_000)

  test('refusals come back at their field before any payment is opened: no title, 专票 for a 个人 title, a title of another book', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const other = await verifiedApplicant()
    const order = await unpaidOrder(client, user)
    const personal = await InvoiceTitle.create({
      ownerKind: 'user',
      ownerId: user.id,
      titleType: 'personal',
      name: '陈一',
      taxNumber: null,
      email: 'chen@example.cn',
      isDefault: true,
      isSystem: false,
    } as any)
    const foreign = await companyTitle(client, other)
    const post = (fields: Record<string, string>) =>
      asApplicant(client.post('/payments'), user)
        .withCsrfToken()
        .header('referer', `/orders/${order.orderNo}/pay`)
        .form({ order_no: order.orderNo, method: 'sandbox', ...fields })
        .redirects(0)

    const none = await post({ invoice_wanted: 'yes' })
    none.assertStatus(302)
    assert.equal((none.flashMessage('inputErrorsBag') as any).invoice_title_id[0], '请选择发票抬头')
    const special = await post({
      invoice_wanted: 'yes',
      invoice_title_id: personal.id,
      invoice_kind: 'special',
    })
    assert.match(
      (special.flashMessage('inputErrorsBag') as any)[
        Object.keys(special.flashMessage('inputErrorsBag') as any)[0]
      ][0],
      /专票|发票类型/
    )
    const stolen = await post({ invoice_wanted: 'yes', invoice_title_id: foreign.id })
    assert.equal(
      (stolen.flashMessage('inputErrorsBag') as any).invoice_title_id[0],
      '请选择发票抬头'
    )
    const odd = await post({ invoice_wanted: 'maybe' })
    assert.equal((odd.flashMessage('inputErrorsBag') as any).invoice_wanted[0], '请选择是否开票')
    assert.equal(await paymentCount(order.orderNo), 0)
    assert.isNull(await InvoiceIntent.findBy('order_no', order.orderNo))
  }).timeout(60_000)

  test('the title deleted between the choice and the payment: the payment is still paid, the choice notes why, 我的发票 still offers the order', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const order = await unpaidOrder(client, user)
    const title = await companyTitle(client, user)
    await chooseYes(client, user, order.orderNo, title.id)
    await title.delete()
    const { payment } = await payWithSandbox(client, user, order.orderNo)
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.isNull(await Invoice.query().where('user_id', user.id).first())
    const intent = await InvoiceIntent.findByOrFail('order_no', order.orderNo)
    assert.isNull(intent.invoiceId)
    assert.equal(intent.problem, '请选择发票抬头')
    const form = await asApplicant(client.get('/invoices/new?order_type=ca'), user)
    assert.include(form.text(), order.orderNo)
  }).timeout(60_000)
})
