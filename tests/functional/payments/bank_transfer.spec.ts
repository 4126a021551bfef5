import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import AuditLog from '#core/audit/audit_log'
import Message from '#core/messages/message'
import storage from '#core/storage'
import Payment from '#payments/models/payment'
import PaymentVoucher from '#payments/models/payment_voucher'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeFakeFile, makeImage, makePdf } from '#tests/helpers/files'
import { fakeOrders, installTestGateways } from '#tests/fixtures/payments/support'

const today = () => DateTime.now().setZone('Asia/Shanghai').toISODate()!

const details = () => ({
  payer_name: '示例科技有限公司',
  payer_account: '6222 0000 1111 2222',
  amount: '240.00',
  transfer_date: today(),
  note: '对公账户汇款，附言已注明订单编号',
})

test.group('Payments · bank transfer', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  group.each.setup(() => {
    const restore = installTestGateways(['sandbox', 'bank_transfer'])
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
    }
  })

  async function start(client: any) {
    const user = await createUser()
    const orderNo = orders.add(user.id, 24000)
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'bank_transfer' })
    const payment = await Payment.query().where('order_no', orderNo).firstOrFail()
    return { user, orderNo, payment }
  }

  async function upload(
    client: any,
    user: any,
    payment: Payment,
    file: string,
    fields: Record<string, string> = details()
  ) {
    return asApplicant(client.post(`/payments/${payment.id}/voucher`), user)
      .withCsrfToken()
      .file('voucher', file)
      .fields(fields)
      .redirects(0)
  }

  test('the applicant sees the receiving account and the voucher form', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, payment } = await start(client)
    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    const html = page.text()
    assert.include(html, '银行汇款')
    assert.include(html, '收款账号')
    assert.include(html, '示例收款账户，请勿真实汇款')
    assert.include(html, `订单编号 <span class="mono">${orderNo}</span>`)
    assert.include(html, 'enctype="multipart/form-data"')
    assert.include(html, 'name="payer_account"')
    assert.include(html, 'name="amount" value="240.00"')
    assert.include(html, '支付说明')
  })

  test('a voucher with the payer details goes to finance; the applicant can open it, nobody else', async ({
    client,
    assert,
  }) => {
    const { user, payment } = await start(client)
    const response = await upload(client, user, payment, await makeImage('png'))
    response.assertStatus(302)
    response.assertFlashMessage('success', '汇款凭证已提交，财务核对到账后订单即为已支付')
    await payment.refresh()
    assert.equal(payment.status, 'submitted')
    const voucher = await PaymentVoucher.query().where('payment_id', payment.id).firstOrFail()
    assert.equal(voucher.status, 'submitted')
    assert.equal(voucher.fileType, 'png')
    assert.equal(voucher.payerAccount, '6222000011112222')
    assert.equal(voucher.amountFen, 24000)
    assert.equal(voucher.note, '对公账户汇款，附言已注明订单编号')
    assert.isTrue(await storage.exists(voucher.fileKey))
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'orders.payment.voucher_submit')
        .where('subject_id', payment.id)
        .first()
    )

    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(page.text(), '等待财务确认')
    assert.include(page.text(), '示例科技有限公司')

    const own = await asApplicant(
      client.get(`/payments/${payment.id}/vouchers/${voucher.id}`),
      user
    )
    own.assertStatus(200)
    own.assertHeader('content-type', 'image/png')
    own.assertHeader('x-content-type-options', 'nosniff')

    const stranger = await createUser()
    ;(
      await asApplicant(client.get(`/payments/${payment.id}/vouchers/${voucher.id}`), stranger)
    ).assertStatus(404)
    ;(await asApplicant(client.get(`/payments/${payment.id}`), stranger)).assertStatus(404)

    const again = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: payment.orderNo, method: 'sandbox' })
      .redirects(0)
    again.assertFlashMessage('error', '您已提交汇款凭证，正在等待财务确认，请勿重复支付')
  })

  test('a file of the wrong type is refused and everything typed is kept', async ({
    client,
    assert,
  }) => {
    const { user, payment } = await start(client)
    const response = await upload(client, user, payment, makeFakeFile('huidan.png'))
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      voucher: ['文件格式不正确，仅支持 JPG、PNG、PDF 格式'],
    })
    response.assertFlashMessage('payer_name', '示例科技有限公司')
    response.assertFlashMessage('payer_account', '6222 0000 1111 2222')
    response.assertFlashMessage('note', '对公账户汇款，附言已注明订单编号')
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.lengthOf(await PaymentVoucher.query().where('payment_id', payment.id), 0)
  })

  test('a file over 5 MB is refused', async ({ client, assert }) => {
    const { user, payment } = await start(client)
    const big = makeFakeFile(
      'big.jpg',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5 * 1024 * 1024 + 10)])
    )
    const response = await upload(client, user, payment, big)
    const bag = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(bag.voucher[0], /^文件大小不能超过 5 MB/)
    response.assertFlashMessage('payer_name', '示例科技有限公司')
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.lengthOf(await PaymentVoucher.query().where('payment_id', payment.id), 0)
  })

  test('wrong fields are shown at the field, with the file problem too', async ({
    client,
    assert,
  }) => {
    const { user, payment } = await start(client)
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).toISODate()!
    const response = await upload(client, user, payment, makeFakeFile('x.pdf'), {
      payer_name: '',
      payer_account: '12ab',
      amount: '240.001',
      transfer_date: tomorrow,
    })
    const bag = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(bag.payer_name, ['请填写付款人（户名）'])
    assert.deepEqual(bag.payer_account, ['付款账号应为 6–32 位数字'])
    assert.deepEqual(bag.amount, ['请填写正确的金额（元，最多两位小数）'])
    assert.deepEqual(bag.transfer_date, ['汇款日期不能晚于今天'])
    assert.deepEqual(bag.voucher, ['文件格式不正确，仅支持 JPG、PNG、PDF 格式'])
    response.assertFlashMessage('payer_account', '12ab')

    const wrongAmount = await upload(client, user, payment, makePdf(), {
      ...details(),
      amount: '200',
    })
    wrongAmount.assertFlashMessage('inputErrorsBag', { amount: ['汇款金额应为应付金额 240.00 元'] })
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.lengthOf(await PaymentVoucher.query().where('payment_id', payment.id), 0)
  })

  test('finance confirms the transfer: the order is paid', async ({ client, assert }) => {
    const { orderNo, payment, user } = await start(client)
    await upload(client, user, payment, await makeImage('jpg'))
    const voucher = await PaymentVoucher.query().where('payment_id', payment.id).firstOrFail()
    const finance = await createStaff(['finance'])

    const queue = await asStaff(client.get('/admin/payments/transfers'), finance)
    queue.assertStatus(200)
    assert.include(queue.text(), orderNo)
    assert.include(queue.text(), '示例科技有限公司')

    const detail = await asStaff(client.get(`/admin/payments/transfers/${voucher.id}`), finance)
    detail.assertStatus(200)
    assert.include(detail.text(), `src="/admin/payments/vouchers/${voucher.id}"`)
    assert.include(detail.text(), '对公账户汇款，附言已注明订单编号')
    const file = await asStaff(client.get(`/admin/payments/vouchers/${voucher.id}`), finance)
    file.assertStatus(200)
    file.assertHeader('content-type', 'image/jpeg')

    const unchecked = await asStaff(
      client.post(`/admin/payments/transfers/${voucher.id}/confirm`),
      finance
    )
      .withCsrfToken()
      .form({ bank_reference: 'B20250101001' })
      .redirects(0)
    unchecked.assertFlashMessage('inputErrorsBag', { checked: ['请先核对银行到账记录并勾选确认'] })
    await payment.refresh()
    assert.equal(payment.status, 'submitted')

    const confirm = await asStaff(
      client.post(`/admin/payments/transfers/${voucher.id}/confirm`),
      finance
    )
      .withCsrfToken()
      .form({ bank_reference: 'B20250101001', checked: '1' })
      .redirects(0)
    confirm.assertHeader('location', '/admin/payments/transfers')
    confirm.assertFlashMessage('success', `已确认到账，订单 ${orderNo} 已支付`)
    await payment.refresh()
    await voucher.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.paidOrderNo, orderNo)
    assert.equal(payment.transactionId, 'B20250101001')
    assert.equal(voucher.status, 'confirmed')
    assert.equal(voucher.reviewerId, finance.id)
    assert.lengthOf(orders.succeeded, 1)
    assert.equal(orders.succeeded[0].method, 'bank_transfer')
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.transfer_confirm')
      .where('subject_id', payment.id)
      .firstOrFail()
    assert.equal(entry.actorId, finance.id)

    const twice = await asStaff(
      client.post(`/admin/payments/transfers/${voucher.id}/confirm`),
      finance
    )
      .withCsrfToken()
      .form({ checked: '1' })
      .redirects(0)
    twice.assertFlashMessage('error', '该凭证已处理，请勿重复操作')
    assert.lengthOf(orders.succeeded, 1)
  })

  test('finance returns a voucher with a reason; the applicant is told and uploads again', async ({
    client,
    assert,
  }) => {
    const { payment, user } = await start(client)
    await upload(client, user, payment, await makeImage('png'))
    const voucher = await PaymentVoucher.query().where('payment_id', payment.id).firstOrFail()
    const finance = await createStaff(['finance'])

    const empty = await asStaff(
      client.post(`/admin/payments/transfers/${voucher.id}/reject`),
      finance
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    empty.assertFlashMessage('inputErrorsBag', { reason: ['请填写退回原因'] })

    const reject = await asStaff(
      client.post(`/admin/payments/transfers/${voucher.id}/reject`),
      finance
    )
      .withCsrfToken()
      .form({ reason: '未查询到该笔到账记录' })
      .redirects(0)
    reject.assertHeader('location', '/admin/payments/transfers')
    await payment.refresh()
    await voucher.refresh()
    assert.equal(payment.status, 'rejected')
    assert.equal(voucher.status, 'rejected')
    assert.equal(voucher.rejectReason, '未查询到该笔到账记录')
    const message = await Message.query()
      .where('user_id', user.id)
      .where('title', '汇款凭证未通过确认')
      .firstOrFail()
    assert.include(message.body, '未查询到该笔到账记录')
    assert.lengthOf(orders.succeeded, 0)

    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(page.text(), '汇款凭证未通过财务确认：未查询到该笔到账记录')
    assert.include(page.text(), 'name="payer_name"')

    const again = await upload(client, user, payment, makePdf())
    again.assertFlashMessage('success', '汇款凭证已提交，财务核对到账后订单即为已支付')
    await payment.refresh()
    assert.equal(payment.status, 'submitted')
    const vouchers = await PaymentVoucher.query()
      .where('payment_id', payment.id)
      .orderBy('created_at', 'desc')
    assert.lengthOf(vouchers, 2)
    const pdf = vouchers.find((v) => v.fileType === 'pdf')!
    const download = await asStaff(client.get(`/admin/payments/vouchers/${pdf.id}`), finance)
    download.assertHeader('content-type', 'application/pdf')
    assert.match(
      download.header('content-disposition')!,
      /^attachment; filename="voucher-[0-9a-f]{8}\.pdf"; filename\*=UTF-8''voucher-[0-9a-f]{8}\.pdf$/
    )
  })

  test('a reviewer cannot see or confirm transfers (403) and nothing changes', async ({
    client,
    assert,
  }) => {
    const { payment, user } = await start(client)
    await upload(client, user, payment, await makeImage('png'))
    const voucher = await PaymentVoucher.query().where('payment_id', payment.id).firstOrFail()
    const reviewer = await createStaff(['reviewer'])
    ;(await asStaff(client.get('/admin/payments/transfers'), reviewer)).assertStatus(403)
    ;(await asStaff(client.get(`/admin/payments/transfers/${voucher.id}`), reviewer)).assertStatus(
      403
    )
    ;(await asStaff(client.get(`/admin/payments/vouchers/${voucher.id}`), reviewer)).assertStatus(
      403
    )
    const confirm = await asStaff(
      client.post(`/admin/payments/transfers/${voucher.id}/confirm`),
      reviewer
    )
      .withCsrfToken()
      .form({ checked: '1' })
    confirm.assertStatus(403)
    assert.include(confirm.text(), '无权访问')
    ;(
      await asStaff(client.post(`/admin/payments/transfers/${voucher.id}/reject`), reviewer)
        .withCsrfToken()
        .form({ reason: '测试退回' })
    ).assertStatus(403)
    await payment.refresh()
    assert.equal(payment.status, 'submitted')
    assert.lengthOf(orders.succeeded, 0)

    const admin = await createStaff(['super_admin'])
    ;(await asStaff(client.get(`/admin/payments/transfers/${voucher.id}`), admin)).assertStatus(200)
  })
})
