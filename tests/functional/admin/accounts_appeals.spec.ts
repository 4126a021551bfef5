import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AccountAppeal from '#accounts/models/account_appeal'
import type User from '#accounts/models/user'
import { nextId } from '#core/ids'
import {
  DEFAULT_PASSWORD,
  createStaff,
  createUser,
  residentId,
  uniquePhone,
} from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'

async function deregisteredWithAppeal(overrides: Partial<AccountAppeal> = {}) {
  const id = residentId('19800808', '320102', String(Math.floor(Math.random() * 900) + 100))
  const user = await createUser({ name: '孙八', idNumber: id, status: 'deregistered' } as any)
  const appeal = await AccountAppeal.create({
    requestNo: nextId(),
    userId: user.id,
    realName: '孙八',
    idNumber: id,
    contactPhone: uniquePhone(),
    description: '误操作注销，需要恢复',
    status: 'pending',
    ip: '127.0.0.1',
    ...overrides,
  })
  return { user: user as User, appeal }
}

test.group('Back office · 账号申诉审核', () => {
  test('the queue lists pending appeals; the detail shows the appeal and the account', async ({
    client,
    assert,
  }) => {
    const { user, appeal } = await deregisteredWithAppeal()
    const reviewer = await createStaff(['reviewer'])
    const list = await asStaff(client.get('/admin/reviews/appeals'), reviewer)
    list.assertStatus(200)
    assert.include(list.text(), appeal.requestNo)
    assert.include(list.text(), '孙八')
    const page = await asStaff(client.get(`/admin/reviews/appeals/${appeal.id}`), reviewer)
    for (const text of [
      appeal.requestNo,
      appeal.idNumber,
      appeal.contactPhone,
      '误操作注销，需要恢复',
      '已注销',
      user.phone,
      '通过并恢复账号',
      '驳回',
    ]) {
      assert.include(page.text(), text)
    }
  })

  test('approval restores the account, which can log in again; SMS and message tell the applicant', async ({
    client,
    assert,
  }) => {
    const { user, appeal } = await deregisteredWithAppeal()
    const reviewer = await createStaff(['reviewer'])
    const response = await asStaff(
      client.post(`/admin/reviews/appeals/${appeal.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    response.assertHeader('location', '/admin/reviews/appeals')
    await appeal.refresh()
    assert.equal(appeal.status, 'approved')
    assert.equal(appeal.restoredPhone, user.phone)
    await user.refresh()
    assert.equal(user.status, 'active')
    assert.isNull(user.deregisteredAt)
    const sms = await db
      .from('sms_messages')
      .where('phone', appeal.contactPhone)
      .where('purpose', 'notice:appeal')
      .first()
    assert.include(sms.content, '已审核通过')
    const message = await db
      .from('messages')
      .where('user_id', user.id)
      .where('title', '账号申诉已通过，账号已恢复')
      .first()
    assert.exists(message)
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.appeal.approve')
      .where('subject_id', appeal.id)
      .first()
    assert.equal(entry.actor_id, reviewer.id)
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: DEFAULT_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
    const logs = await asApplicant(client.get('/account/logs'), user)
    assert.include(logs.text(), '账号申诉审核通过')
  })

  test('approval can move the account to the verified contact phone', async ({
    client,
    assert,
  }) => {
    const { user, appeal } = await deregisteredWithAppeal()
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/appeals/${appeal.id}/approve`), reviewer)
      .withCsrfToken()
      .form({ use_contact_phone: 'true' })
      .redirects(0)
    await user.refresh()
    assert.equal(user.phone, appeal.contactPhone)
    assert.equal(user.status, 'active')
  })

  test('rejection with a reason keeps the account deregistered and tells the contact phone', async ({
    client,
    assert,
  }) => {
    const { user, appeal } = await deregisteredWithAppeal()
    const reviewer = await createStaff(['reviewer'])
    const response = await asStaff(
      client.post(`/admin/reviews/appeals/${appeal.id}/reject`),
      reviewer
    )
      .withCsrfToken()
      .form({ reason_type: 'mismatch', review_reason: '申诉说明与账号记录不符' })
      .redirects(0)
    response.assertHeader('location', '/admin/reviews/appeals')
    await appeal.refresh()
    assert.equal(appeal.status, 'rejected')
    await user.refresh()
    assert.equal(user.status, 'deregistered')
    const sms = await db
      .from('sms_messages')
      .where('phone', appeal.contactPhone)
      .where('purpose', 'notice:appeal')
      .first()
    assert.include(sms.content, '申诉说明与账号记录不符')
    const again = await asStaff(
      client.post(`/admin/reviews/appeals/${appeal.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(again.flashMessages().error, '已驳回')
    await user.refresh()
    assert.equal(user.status, 'deregistered')
  })

  test('finance and operators cannot review appeals; applicants are sent to the staff login', async ({
    client,
    assert,
  }) => {
    const { user, appeal } = await deregisteredWithAppeal()
    for (const roles of [['finance'], ['operator']] as const) {
      const staff = await createStaff([...roles])
      const page = await asStaff(client.get(`/admin/reviews/appeals/${appeal.id}`), staff)
      page.assertStatus(403)
      const approve = await asStaff(
        client.post(`/admin/reviews/appeals/${appeal.id}/approve`),
        staff
      )
        .withCsrfToken()
        .form({})
        .redirects(0)
      approve.assertStatus(403)
    }
    const applicant = await createUser()
    const response = await asApplicant(client.get('/admin/reviews/appeals'), applicant).redirects(0)
    response.assertHeader('location', '/admin/login')
    await user.refresh()
    assert.equal(user.status, 'deregistered')
  })

  test('the full round trip: deregister, appeal, approve, log in', async ({ client, assert }) => {
    const id = residentId('19930303', '330106', '777')
    const user = await createUser({ name: '吴九', idNumber: id })
    await asApplicant(client.post('/account/deregister'), user)
      .withCsrfToken()
      .form({ intent: 'send_code' })
      .redirects(0)
    const { lastCode } = await import('../accounts/helpers.js')
    const code = await lastCode(user.phone, 'deregister')
    await asApplicant(client.post('/account/deregister'), user)
      .withCsrfToken()
      .form({ sms_code: code, agree: '1' })
      .redirects(0)
    await user.refresh()
    assert.equal(user.status, 'deregistered')
    const contact = uniquePhone()
    await client
      .post('/appeal')
      .withCsrfToken()
      .form({ contact_phone: contact, intent: 'send_code' })
      .redirects(0)
    const submitted = await client
      .post('/appeal')
      .withCsrfToken()
      .form({
        id_number: id,
        real_name: '吴九',
        contact_phone: contact,
        sms_code: await lastCode(contact, 'verify_phone'),
        description: '注销后发现证书还需续期',
      })
      .redirects(0)
    submitted.assertHeader('location', '/appeal/submitted')
    const appeal = await AccountAppeal.findByOrFail('user_id', user.id)
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/appeals/${appeal.id}/approve`), reviewer)
      .withCsrfToken()
      .form({})
      .redirects(0)
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: DEFAULT_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
  })
})

test.group('Back office · 账号申诉审核 · the one review workflow', () => {
  test('an appeal approved and rejected at the same moment: one decision, the account matches it', async ({
    client,
    assert,
  }) => {
    const { user, appeal: item } = await deregisteredWithAppeal()
    const [first, second] = [await createStaff(['reviewer']), await createStaff(['reviewer'])]
    const responses = await Promise.all([
      asStaff(client.post(`/admin/reviews/appeals/${item.id}/approve`), first)
        .withCsrfToken()
        .form({})
        .redirects(0),
      asStaff(client.post(`/admin/reviews/appeals/${item.id}/reject`), second)
        .withCsrfToken()
        .form({ reason_type: 'mismatch', review_reason: '申诉说明与账号记录不符' })
        .redirects(0),
    ])
    assert.lengthOf(
      responses.filter((r) => String(flash(r, 'error')).startsWith('该申请已处理')),
      1
    )
    const decisions = (await db.from('audit_logs').where('subject_id', item.id)).filter((e) =>
      ['accounts.appeal.approve', 'accounts.appeal.reject'].includes(e.action)
    )
    assert.lengthOf(decisions, 1)
    await item.refresh()
    await user.refresh()
    assert.equal(
      item.status,
      decisions[0].action === 'accounts.appeal.approve' ? 'approved' : 'rejected'
    )
    assert.equal(user.status, item.status === 'approved' ? 'active' : 'deregistered')
    assert.lengthOf(await db.from('messages').where('user_id', user.id), 1)
    const sms = await db
      .from('sms_messages')
      .where('phone', item.contactPhone)
      .where('purpose', 'notice:appeal')
    assert.isAtMost(sms.length, 1)
  })

  test('a rejection without its reason or its 驳回类型 is refused at the field, the input kept, nothing decided', async ({
    client,
    assert,
  }) => {
    const { appeal: item } = await deregisteredWithAppeal()
    const reviewer = await createStaff(['reviewer'])
    const url = `/admin/reviews/appeals/${item.id}/reject`
    const noReason = await asStaff(client.post(url), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'incomplete', review_reason: '' })
      .redirects(0)
    noReason.assertHeader('location', `/admin/reviews/appeals/${item.id}`)
    assert.equal(fieldErrors(noReason).review_reason?.[0], '请填写驳回原因')
    assert.equal(flash(noReason, 'reason_type'), 'incomplete')

    const noType = await asStaff(client.post(url), reviewer)
      .withCsrfToken()
      .form({ review_reason: '身份证号与账号登记不一致' })
      .redirects(0)
    assert.equal(fieldErrors(noType).reason_type?.[0], '请填写驳回类型')
    assert.equal(flash(noType, 'review_reason'), '身份证号与账号登记不一致')

    const unknownType = await asStaff(client.post(url), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'whatever', review_reason: '身份证号与账号登记不一致' })
      .redirects(0)
    assert.equal(fieldErrors(unknownType).reason_type?.[0], '请选择驳回类型')
    assert.equal(flash(unknownType, 'review_reason'), '身份证号与账号登记不一致')

    await item.refresh()
    assert.equal(item.status, 'pending')
    assert.lengthOf(await db.from('audit_logs').where('subject_id', item.id), 0)
    const page = await asStaff(client.get(`/admin/reviews/appeals/${item.id}`), reviewer)
    assert.include(page.text(), '驳回类型')
  })

  test('finance and operators cannot reject an appeal either: 403, no entry, no message', async ({
    client,
    assert,
  }) => {
    const { user, appeal } = await deregisteredWithAppeal()
    for (const roles of [['finance'], ['operator']] as const) {
      const staff = await createStaff([...roles])
      const response = await asStaff(
        client.post(`/admin/reviews/appeals/${appeal.id}/reject`),
        staff
      )
        .withCsrfToken()
        .form({ reason_type: 'other', review_reason: '不予通过' })
        .redirects(0)
      response.assertStatus(403)
    }
    await appeal.refresh()
    assert.equal(appeal.status, 'pending')
    assert.lengthOf(await db.from('audit_logs').where('subject_id', appeal.id), 0)
    assert.lengthOf(await db.from('messages').where('user_id', user.id), 0)
  })
})
