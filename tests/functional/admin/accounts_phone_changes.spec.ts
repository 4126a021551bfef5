import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PhoneChangeRequest from '#accounts/models/phone_change_request'
import UserDevice from '#accounts/models/user_device'
import type User from '#accounts/models/user'
import storage from '#core/storage'
import { nextId } from '#core/ids'
import { DEFAULT_PASSWORD, createStaff, createUser, uniquePhone } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { flash } from '#tests/functional/accounts/helpers'
import { makeImage } from '#tests/helpers/files'

async function pendingRequest(user: User, overrides: Partial<PhoneChangeRequest> = {}) {
  const key = storage.makeKey(`accounts/phone-changes/${user.id}`, 'jpg')
  await storage.put(key, readFileSync(await makeImage('jpg', 20 * 1024)))
  return PhoneChangeRequest.create({
    requestNo: nextId(),
    userId: user.id,
    source: 'account',
    oldPhone: user.phone,
    newPhone: uniquePhone(),
    idNumber: user.idNumber ?? '110105199003071234',
    reason: '原手机号已停机',
    photoKey: key,
    photoType: 'jpg',
    photoSize: 20 * 1024,
    status: 'pending',
    ip: '127.0.0.1',
    ...overrides,
  })
}

test.group('Back office · 手机号变更审核', () => {
  test('a reviewer sees the pending queue with filters, and the menu counts it', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '钱七' })
    const request = await pendingRequest(user)
    const done = await pendingRequest(await createUser(), {
      status: 'rejected',
      reviewReason: '照片不清晰',
    })
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get('/admin/reviews/phone-changes'), reviewer)
    page.assertStatus(200)
    assert.include(page.text(), request.requestNo)
    assert.include(page.text(), '钱七')
    assert.notInclude(page.text(), done.requestNo)
    assert.match(page.text(), /手机号变更审核<span class="count">\d+<\/span>/)
    const rejected = await asStaff(
      client.get('/admin/reviews/phone-changes?status=rejected'),
      reviewer
    )
    assert.include(rejected.text(), done.requestNo)
    const search = await asStaff(
      client.get(`/admin/reviews/phone-changes?status=&q=${request.newPhone}`),
      reviewer
    )
    assert.include(search.text(), request.requestNo)
    assert.notInclude(search.text(), done.requestNo)
    const today = DateTime.now().setZone('Asia/Shanghai').toISODate()
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).toISODate()
    const fromToday = await asStaff(
      client.get(`/admin/reviews/phone-changes?from=${today}&to=${today}`),
      reviewer
    )
    assert.include(fromToday.text(), request.requestNo)
    const fromTomorrow = await asStaff(
      client.get(`/admin/reviews/phone-changes?from=${tomorrow}`),
      reviewer
    )
    assert.notInclude(fromTomorrow.text(), request.requestNo)
  })

  test('the detail shows the request, the account and the ID photo streamed through an authorised route', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get(`/admin/reviews/phone-changes/${request.id}`), reviewer)
    for (const text of [
      request.requestNo,
      request.oldPhone,
      request.newPhone,
      '与账号登记一致',
      '原手机号已停机',
      `/admin/reviews/phone-changes/${request.id}/photo`,
      '通过',
      '驳回',
    ]) {
      assert.include(page.text(), text)
    }
    const photo = await asStaff(
      client.get(`/admin/reviews/phone-changes/${request.id}/photo`),
      reviewer
    )
    photo.assertStatus(200)
    photo.assertHeader('content-type', 'image/jpeg')
    photo.assertHeader('cache-control', 'private, no-store')
    const anonymous = await client
      .get(`/admin/reviews/phone-changes/${request.id}/photo`)
      .redirects(0)
    anonymous.assertHeader('location', '/admin/login')
  })

  test('approval moves the account to the new phone, signs its devices out, tells the applicant', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
    const device = await UserDevice.create({
      userId: user.id,
      label: 'x',
      userAgent: 'x',
      ip: null,
      loginMethod: 'password',
      lastSeenAt: DateTime.utc(),
      revokedAt: null,
    })
    const reviewer = await createStaff(['reviewer'])
    const response = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    response.assertHeader('location', '/admin/reviews/phone-changes')
    await request.refresh()
    assert.equal(request.status, 'approved')
    assert.equal(request.reviewedById, reviewer.id)
    await user.refresh()
    assert.equal(user.phone, request.newPhone)
    await device.refresh()
    assert.isNotNull(device.revokedAt)
    const sms = await db
      .from('sms_messages')
      .where('phone', request.newPhone)
      .where('purpose', 'notice:phone_request')
      .first()
    assert.include(sms.content, '已审核通过')
    const message = await db
      .from('messages')
      .where('user_id', user.id)
      .where('title', '手机号变更申请已通过')
      .first()
    assert.exists(message)
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.phone_request.approve')
      .where('subject_id', request.id)
      .first()
    assert.equal(entry.actor_id, reviewer.id)
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: request.newPhone, password: DEFAULT_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
    const twice = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    twice.assertHeader('location', `/admin/reviews/phone-changes/${request.id}`)
  })

  test('rejection needs a reason, keeps the old phone and tells the applicant why', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const oldPhone = user.phone
    const request = await pendingRequest(user)
    const reviewer = await createStaff(['reviewer'])
    const empty = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/reject`),
      reviewer
    )
      .withCsrfToken()
      .form({ review_reason: '' })
      .redirects(0)
    assert.include((empty.flashMessages().inputErrorsBag as any).review_reason[0], '请填写驳回原因')
    const response = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/reject`),
      reviewer
    )
      .withCsrfToken()
      .form({ reason_type: 'unclear', review_reason: '证件照片模糊，无法辨认' })
      .redirects(0)
    response.assertHeader('location', '/admin/reviews/phone-changes')
    await request.refresh()
    assert.equal(request.status, 'rejected')
    assert.equal(request.reviewReason, '证件照片模糊，无法辨认')
    await user.refresh()
    assert.equal(user.phone, oldPhone)
    const sms = await db
      .from('sms_messages')
      .where('phone', request.newPhone)
      .where('purpose', 'notice:phone_request')
      .first()
    assert.include(sms.content, '证件照片模糊，无法辨认')
    const page = await asApplicant(client.get(`/account/phone/requests/${request.id}`), user)
    assert.include(page.text(), '已驳回')
    assert.include(page.text(), '证件照片模糊，无法辨认')
  })

  test('approval is refused when the new phone was taken meanwhile', async ({ client, assert }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
    await createUser({ phone: request.newPhone })
    const reviewer = await createStaff(['reviewer'])
    const response = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(response.flashMessages().error, '新手机号已被其他账号使用')
    await request.refresh()
    assert.equal(request.status, 'pending')
  })

  test('a finance-only staff member cannot see the queue, the photo or approve', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
    const finance = await createStaff(['finance'])
    const list = await asStaff(client.get('/admin/reviews/phone-changes'), finance)
    list.assertStatus(403)
    const photo = await asStaff(
      client.get(`/admin/reviews/phone-changes/${request.id}/photo`),
      finance
    )
    photo.assertStatus(403)
    const approve = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/approve`),
      finance
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    approve.assertStatus(403)
    assert.include(approve.text(), '无权访问')
    await request.refresh()
    assert.equal(request.status, 'pending')
    const operator = await createStaff(['operator'])
    const op = await asStaff(
      client.post(`/admin/reviews/phone-changes/${request.id}/reject`),
      operator
    )
      .withCsrfToken()
      .form({ reason_type: 'other', review_reason: '不通过' })
      .redirects(0)
    op.assertStatus(403)
  })

  test('a super admin reviews too', async ({ client, assert }) => {
    const request = await pendingRequest(await createUser())
    const admin = await createStaff(['super_admin'])
    await asStaff(client.post(`/admin/reviews/phone-changes/${request.id}/reject`), admin)
      .withCsrfToken()
      .form({ reason_type: 'mismatch', review_reason: '信息不符' })
      .redirects(0)
    await request.refresh()
    assert.equal(request.status, 'rejected')
  })

  test('an applicant cannot open the review pages or the photo', async ({ client }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
    for (const url of [
      '/admin/reviews/phone-changes',
      `/admin/reviews/phone-changes/${request.id}`,
      `/admin/reviews/phone-changes/${request.id}/photo`,
      '/admin/applicants',
    ]) {
      const response = await asApplicant(client.get(url), user).redirects(0)
      response.assertHeader('location', '/admin/login')
    }
    const post = await asApplicant(
      client.post(`/admin/reviews/phone-changes/${request.id}/approve`),
      user
    )
      .withCsrfToken()
      .redirects(0)
    post.assertHeader('location', '/admin/login')
  })
})

test.group('Back office · 手机号变更审核 · the one review workflow', () => {
  test('two reviewers approving the same phone change at once: decided once, one entry, one message, never two SMS', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
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
    const decisions = (await db.from('audit_logs').where('subject_id', request.id)).filter(
      (e) => e.action === 'accounts.phone_request.approve'
    )
    assert.lengthOf(decisions, 1)
    assert.lengthOf(
      (await db.from('messages').where('user_id', user.id)).filter(
        (m) => m.title === '手机号变更申请已通过'
      ),
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

  test('the 驳回类型 reaches the applicant: request page, message and SMS, the sentence ending once', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
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
    const [message] = (await db.from('messages').where('user_id', user.id)).filter(
      (m) => m.title === '手机号变更申请未通过'
    )
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

  test('finance and operators can neither approve nor reject: 403, no entry, no message', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const request = await pendingRequest(user)
    for (const roles of [['finance'], ['operator']] as const) {
      const staff = await createStaff([...roles])
      for (const [action, form] of [
        ['approve', {}],
        ['reject', { reason_type: 'other', review_reason: '不予通过' }],
      ] as const) {
        const response = await asStaff(
          client.post(`/admin/reviews/phone-changes/${request.id}/${action}`),
          staff
        )
          .withCsrfToken()
          .form(form)
          .redirects(0)
        response.assertStatus(403)
      }
    }
    await request.refresh()
    assert.equal(request.status, 'pending')
    assert.lengthOf(await db.from('audit_logs').where('subject_id', request.id), 0)
    assert.lengthOf(await db.from('messages').where('user_id', user.id), 0)
  })
})
