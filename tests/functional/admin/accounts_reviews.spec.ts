import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import db from '@adonisjs/lucid/services/db'
import storage from '#core/storage'
import { nextId } from '#core/ids'
import AccountAppeal from '#accounts/models/account_appeal'
import PhoneChangeRequest from '#accounts/models/phone_change_request'
import RealNameRequest from '#accounts/realname/real_name_request'
import type User from '#accounts/models/user'
import { createStaff, createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'

/**
 * The three account reviews (账号申诉, 手机号变更, 实名认证) on the one
 * review workflow: a decision is taken once, a rejection carries a 驳回类型
 * that the applicant is told, an incomplete rejection stays on its form,
 * and only reviewers decide.
 */
async function phoneRequest(user: User) {
  const key = storage.makeKey(`accounts/phone-changes/${user.id}`, 'jpg')
  await storage.put(key, readFileSync(await makeImage('jpg', 20 * 1024)))
  return PhoneChangeRequest.create({
    requestNo: nextId(),
    userId: user.id,
    source: 'account',
    oldPhone: user.phone,
    newPhone: uniquePhone(),
    idNumber: user.idNumber!,
    reason: '原手机号已停机',
    photoKey: key,
    photoType: 'jpg',
    photoSize: 20 * 1024,
    status: 'pending',
    ip: '127.0.0.1',
  })
}

async function appeal() {
  const id = residentId('19810909', '320102', String(Math.floor(Math.random() * 900) + 100))
  const user = await createUser({ name: '陈十二', idNumber: id, status: 'deregistered' } as any)
  const item = await AccountAppeal.create({
    requestNo: nextId(),
    userId: user.id,
    realName: '陈十二',
    idNumber: id,
    contactPhone: uniquePhone(),
    description: '误操作注销，需要恢复',
    status: 'pending',
    ip: '127.0.0.1',
  })
  return { user, item }
}

async function realNameRequest(user: User, overrides: Partial<RealNameRequest> = {}) {
  return RealNameRequest.create({
    userId: user.id,
    method: 'manual',
    idType: 'passport',
    name: 'John Smith',
    idNumber: `E${String(Date.now()).slice(-8)}`,
    frontKey: null,
    backKey: null,
    status: 'pending',
    provider: null,
    resultMessage: null,
    ...overrides,
  })
}

async function auditEntries(subjectId: string) {
  return db.from('audit_logs').where('subject_id', subjectId)
}

async function messagesOf(userId: string) {
  return db.from('messages').where('user_id', userId)
}

test.group('Back office · account reviews (one workflow)', () => {
  test('two reviewers approving the same phone change at once: decided once, one entry, one message, never two SMS', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await phoneRequest(user)
    const [first, second] = [await createStaff(['reviewer']), await createStaff(['reviewer'])]
    const responses = await Promise.all(
      [first, second].map((staff) =>
        asStaff(client.post(`/admin/reviews/phone-changes/${request.id}/approve`), staff)
          .withCsrfToken()
          .form({})
          .redirects(0)
      )
    )
    assert.lengthOf(
      responses.filter((r) => r.header('location') === '/admin/reviews/phone-changes'),
      1
    )
    const refused = responses.filter((r) => flash(r, 'error'))
    assert.lengthOf(refused, 1)
    assert.equal(flash(refused[0], 'error'), '该申请已处理（已通过），不能重复操作')
    const decisions = (await auditEntries(request.id)).filter(
      (e) => e.action === 'accounts.phone_request.approve'
    )
    assert.lengthOf(decisions, 1)
    assert.lengthOf(
      (await messagesOf(user.id)).filter((m) => m.title === '手机号变更申请已通过'),
      1
    )
    /* the SMS goes after commit, outside the test's global transaction savepoints:
       the losing request's rollback may take it back here, so only "never two" is sure */
    const sms = await db
      .from('sms_messages')
      .where('phone', request.newPhone)
      .where('purpose', 'notice:phone_request')
    assert.isAtMost(sms.length, 1)
  })

  test('an appeal approved and rejected at the same moment: one decision, the account matches it', async ({
    client,
    assert,
  }) => {
    const { user, item } = await appeal()
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
    const decisions = (await auditEntries(item.id)).filter((e) =>
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
    assert.lengthOf(await messagesOf(user.id), 1)
    const sms = await db
      .from('sms_messages')
      .where('phone', item.contactPhone)
      .where('purpose', 'notice:appeal')
    assert.isAtMost(sms.length, 1)
  })

  test('the 驳回类型 reaches the applicant: request page, message and SMS, the sentence ending once', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await phoneRequest(user)
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/phone-changes/${request.id}/reject`), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'unclear', review_reason: '证件照片模糊，无法辨认。' })
      .redirects(0)
    await request.refresh()
    assert.equal(request.reviewReasonType, 'unclear')
    const page = await asApplicant(client.get(`/account/phone/requests/${request.id}`), user)
    assert.include(page.text(), '驳回类型')
    assert.include(page.text(), '资料不清晰')
    const [message] = (await messagesOf(user.id)).filter((m) => m.title === '手机号变更申请未通过')
    assert.include(message.body, '驳回类型：资料不清晰；原因：证件照片模糊，无法辨认。')
    const [sms] = await db
      .from('sms_messages')
      .where('phone', request.newPhone)
      .where('purpose', 'notice:phone_request')
    assert.include(sms.content, '驳回类型：资料不清晰')
    for (const text of [message.body, sms.content]) assert.notMatch(text, /[。！？.!?]。/)
    const staffPage = await asStaff(
      client.get(`/admin/reviews/phone-changes/${request.id}`),
      reviewer
    )
    assert.include(staffPage.text(), '资料不清晰')
  })

  test('a rejected real-name request shows its 驳回类型 to the applicant', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ realNameStatus: 'pending' } as any)
    const request = await realNameRequest(user)
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/real-name/${request.id}/reject`), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'invalid', review_reason: '证件已过期' })
      .redirects(0)
    const page = await asApplicant(client.get('/account/real-name'), user)
    assert.include(page.text(), '资料不符合要求')
    assert.include(page.text(), '证件已过期')
    const [sms] = await db
      .from('sms_messages')
      .where('phone', user.phone)
      .where('purpose', 'review:real_name')
    assert.include(sms.content, '驳回类型：资料不符合要求；原因：证件已过期。请修改后重新提交。')
  })

  test('a rejection without its reason or its 驳回类型 is refused at the field, the input kept, nothing decided', async ({
    client,
    assert,
  }) => {
    const { item } = await appeal()
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
    assert.lengthOf(await auditEntries(item.id), 0)
    const page = await asStaff(client.get(`/admin/reviews/appeals/${item.id}`), reviewer)
    assert.include(page.text(), '驳回类型')
  })

  test('finance and operators cannot approve or reject any account review: 403, nothing changed', async ({
    client,
    assert,
  }) => {
    const applicant = await createUser({ realNameStatus: 'pending' } as any)
    const phone = await phoneRequest(applicant)
    const { user: appellant, item: appealItem } = await appeal()
    const realName = await realNameRequest(applicant)
    const cases = [
      { url: `/admin/reviews/phone-changes/${phone.id}`, item: phone },
      { url: `/admin/reviews/appeals/${appealItem.id}`, item: appealItem },
      { url: `/admin/reviews/real-name/${realName.id}`, item: realName },
    ]
    for (const roles of [['finance'], ['operator']] as const) {
      const staff = await createStaff([...roles])
      for (const { url } of cases) {
        for (const [action, form] of [
          ['approve', {}],
          ['reject', { reason_type: 'other', review_reason: '不予通过' }],
        ] as const) {
          const response = await asStaff(client.post(`${url}/${action}`), staff)
            .withCsrfToken()
            .form(form)
            .redirects(0)
          response.assertStatus(403)
          assert.include(response.text(), '无权访问')
        }
        const page = await asStaff(client.get(url), staff)
        page.assertStatus(403)
      }
    }
    for (const { item } of cases) {
      await item.refresh()
      assert.equal(item.status, 'pending')
      assert.lengthOf(await auditEntries(item.id), 0)
    }
    await applicant.refresh()
    await appellant.refresh()
    assert.equal(applicant.realNameStatus, 'pending')
    assert.equal(appellant.status, 'deregistered')
    assert.lengthOf(await messagesOf(applicant.id), 0)
    assert.lengthOf(await messagesOf(appellant.id), 0)
  })

  test('a manual real-name request whose document another account verified meanwhile cannot be approved', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ realNameStatus: 'pending' } as any)
    const request = await realNameRequest(user)
    await createUser({
      realNameStatus: 'verified',
      realName: 'John Smith',
      realIdType: 'passport',
      realIdNumber: request.idNumber,
    } as any)
    const reviewer = await createStaff(['reviewer'])
    const response = await asStaff(
      client.post(`/admin/reviews/real-name/${request.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.equal(flash(response, 'error'), '该证件已在其他账号完成实名认证，无法通过')
    response.assertHeader('location', `/admin/reviews/real-name/${request.id}`)
    await request.refresh()
    await user.refresh()
    assert.equal(request.status, 'pending')
    assert.equal(user.realNameStatus, 'pending')
    assert.lengthOf(await auditEntries(request.id), 0)
  })

  test('the real-name queue offers only the review states and lists the manual requests', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const manual = await realNameRequest(user, { name: 'Jane Manual' })
    await realNameRequest(user, { method: 'online', status: 'failed', name: 'Online Only' })
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get('/admin/reviews/real-name?status=all'), reviewer)
    assert.include(page.text(), 'Jane Manual')
    assert.notInclude(page.text(), 'Online Only')
    assert.include(page.text(), `/admin/reviews/real-name/${manual.id}`)
    assert.notInclude(page.text(), '核验未通过')
    assert.notInclude(page.text(), '已撤回')
  })
})
