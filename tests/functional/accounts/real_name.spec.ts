import db from '@adonisjs/lucid/services/db'
import { test } from '@japa/runner'
import User from '#accounts/models/user'
import RealNameRequest from '#accounts/realname/real_name_request'
import AuditLog from '#core/audit/audit_log'
import Message from '#core/messages/message'
import SmsMessage from '#core/sms/sms_message'
import { createStaff, createUser, residentId } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeFakeFile, makeImage } from '#tests/helpers/files'
import { flash } from '#tests/functional/accounts/helpers'

test.group('Real-name verification · 身份证核验', () => {
  test('name + resident ID that match are verified at once and become read-only facts', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '王小明' })
    const id = residentId('19850101', '210102', '123')
    const response = await asApplicant(client.post('/account/real-name/online'), user)
      .withCsrfToken()
      .form({ real_name: '王小明', id_number: id })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', '实名认证成功')
    await user.refresh()
    assert.equal(user.realNameStatus, 'verified')
    assert.equal(user.realName, '王小明')
    assert.equal(user.realIdNumber, id)
    assert.equal(user.realNameMethod, 'online')
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(request.method, 'online')
    assert.equal(request.status, 'passed')
    const entries = await AuditLog.query()
      .where('subject_type', 'real_name_request')
      .where('subject_id', request.id)
      .orderBy('seq', 'asc')
    assert.deepEqual(
      entries.map((e) => e.action),
      ['accounts.real_name_check.start', 'accounts.real_name_check.pass']
    )
    const page = await asApplicant(client.get('/account/real-name'), user)
    assert.include(page.text(), '已实名')
    assert.include(page.text(), '不可修改')
  })

  test('a mismatch is refused with the reason, and the account stays unverified', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const id = residentId('19850101', '210102', '999')
    const response = await asApplicant(client.post('/account/real-name/online'), user)
      .withCsrfToken()
      .form({ real_name: '王小明', id_number: id })
      .redirects(0)
    response.assertFlashMessage('error', '核验未通过：姓名与身份证号不一致')
    response.assertFlashMessage('real_name', '王小明')
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(request.status, 'failed')
  })

  test('立即核验 clicked twice: one check, one entry, one message', async ({ client, assert }) => {
    const user = await createUser({ name: '王小明' })
    const id = residentId('19850101', '210102', '124')
    const responses = await Promise.all(
      [1, 2].map(() =>
        asApplicant(client.post('/account/real-name/online'), user)
          .withCsrfToken()
          .form({ real_name: '王小明', id_number: id })
          .redirects(0)
      )
    )
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().success === '实名认证成功'),
      1
    )
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().error === '您已完成实名认证，无需重复认证'),
      1
    )
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 1)
    assert.lengthOf(await AuditLog.query().where('action', 'accounts.real_name_check.pass'), 1)
    assert.lengthOf(
      await Message.query().where('user_id', user.id).where('title', '实名认证成功'),
      1
    )
  })

  test('an invalid ID number is refused at the field', async ({ client, assert }) => {
    const user = await createUser()
    const response = await asApplicant(client.post('/account/real-name/online'), user)
      .withCsrfToken()
      .form({ real_name: '王小明', id_number: '123456789123456789' })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      id_number: ['身份证号第 7-14 位（出生日期）不是有效日期'],
    })
    assert.equal((await RealNameRequest.query().where('user_id', user.id)).length, 0)
  })

  test('an ID number already verified on another account is refused', async ({
    client,
    assert,
  }) => {
    const id = residentId('19800505', '110105', '321')
    await createUser({
      realNameStatus: 'verified',
      realName: '赵六',
      realIdType: 'resident_id',
      realIdNumber: id,
    } as any)
    const user = await createUser()
    const response = await asApplicant(client.post('/account/real-name/online'), user)
      .withCsrfToken()
      .form({ real_name: '赵六', id_number: id })
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      id_number: ['该身份证号已在其他账号完成实名认证，如有疑问请联系客服'],
    })
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
  })

  test('online checks are limited per day', async ({ client, assert }) => {
    const user = await createUser()
    const id = residentId('19850101', '210102', '999')
    for (let i = 0; i < 5; i++) {
      await asApplicant(client.post('/account/real-name/online'), user)
        .withCsrfToken()
        .form({ real_name: '王小明', id_number: id })
    }
    const response = await asApplicant(client.post('/account/real-name/online'), user)
      .withCsrfToken()
      .form({ real_name: '王小明', id_number: id })
      .redirects(0)
    assert.include(response.flashMessages().error, '今日核验次数已用完')
    assert.equal((await RealNameRequest.query().where('user_id', user.id)).length, 5)
  })
})

test.group('Real-name verification · 人工审核', () => {
  async function submitPassport(client: any, user: User) {
    return asApplicant(client.post('/account/real-name/manual'), user)
      .withCsrfToken()
      .fields({ id_type: 'passport', real_name: 'John Smith', id_number: 'E12345678' })
      .file('front', await makeImage('jpg', 30 * 1024))
      .file('back', await makeImage('png', 30 * 1024))
      .redirects(0)
  }

  test('a passport with photos goes to the review queue; approval verifies the account and tells the applicant', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const submit = await submitPassport(client, user)
    submit.assertFlashMessage('success', '已提交人工审核，审核结果将通过短信和站内消息通知您')
    await user.refresh()
    assert.equal(user.realNameStatus, 'pending')
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()

    const reviewer = await createStaff(['reviewer'])
    const queue = await asStaff(client.get('/admin/reviews/real-name'), reviewer)
    assert.include(queue.text(), 'John Smith')
    const photo = await asStaff(
      client.get(`/admin/reviews/real-name/${request.id}/photo/front`),
      reviewer
    )
    photo.assertStatus(200)
    photo.assertHeader('content-type', 'image/jpeg')

    const decide = await asStaff(
      client.post(`/admin/reviews/real-name/${request.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    decide.assertStatus(302)
    await user.refresh()
    assert.equal(user.realNameStatus, 'verified')
    assert.equal(user.realIdType, 'passport')
    assert.equal(user.realName, 'John Smith')
    assert.isNotNull(
      await Message.query().where('user_id', user.id).where('title', '实名认证审核通过').first()
    )
    assert.isNotNull(
      await SmsMessage.query()
        .where('phone', user.phone)
        .where('purpose', 'review:real_name')
        .first()
    )
  })

  test('提交审核 clicked twice: one request in the queue', async ({ client, assert }) => {
    const user = await createUser()
    const responses = await Promise.all([1, 2].map(() => submitPassport(client, user)))
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().success),
      1
    )
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().error === '您的实名认证正在人工审核中，请耐心等待'),
      1
    )
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 1)
    assert.lengthOf(
      await AuditLog.query().where('action', 'accounts.real_name.manual_submitted'),
      1
    )
  })

  test('a rejection carries its reason and lets the applicant try again', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await submitPassport(client, user)
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    const reviewer = await createStaff(['reviewer'])
    const missingReason = await asStaff(
      client.post(`/admin/reviews/real-name/${request.id}/reject`),
      reviewer
    )
      .withCsrfToken()
      .form({ reason_type: 'unclear' })
      .redirects(0)
    missingReason.assertFlashMessage('inputErrorsBag', { review_reason: ['请填写驳回原因'] })
    await asStaff(client.post(`/admin/reviews/real-name/${request.id}/reject`), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'unclear', review_reason: '照片模糊，无法辨认' })
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    await request.refresh()
    assert.equal(request.status, 'rejected')
    const message = await Message.query()
      .where('user_id', user.id)
      .where('title', '实名认证审核未通过')
      .firstOrFail()
    assert.include(message.body, '照片模糊，无法辨认')
    const page = await asApplicant(client.get('/account/real-name'), user)
    assert.include(page.text(), '照片模糊，无法辨认')
    assert.include(page.text(), '立即核验')
  })

  test('two reviewers deciding the same request at once: one decision counts, the other is told it is done', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await submitPassport(client, user)
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    const [first, second] = [await createStaff(['reviewer']), await createStaff(['reviewer'])]

    const responses = await Promise.all([
      asStaff(client.post(`/admin/reviews/real-name/${request.id}/approve`), first)
        .withCsrfToken()
        .form({})
        .redirects(0),
      asStaff(client.post(`/admin/reviews/real-name/${request.id}/reject`), second)
        .withCsrfToken()
        .form({ reason_type: 'unclear', review_reason: '照片模糊，无法辨认' })
        .redirects(0),
    ])
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().success),
      1
    )
    assert.lengthOf(
      responses.filter((r) => String(r.flashMessages().error).startsWith('该申请已处理')),
      1
    )

    const decisions = await AuditLog.query()
      .whereIn('action', ['accounts.real_name.approved', 'accounts.real_name.rejected'])
      .where('subject_id', request.id)
    assert.lengthOf(decisions, 1)
    await request.refresh()
    await user.refresh()
    assert.equal(
      request.status,
      decisions[0].action === 'accounts.real_name.approved' ? 'approved' : 'rejected'
    )
    assert.equal(user.realNameStatus, request.status === 'approved' ? 'verified' : 'none')
    assert.lengthOf(
      await Message.query()
        .where('user_id', user.id)
        .whereIn('title', ['实名认证审核通过', '实名认证审核未通过']),
      1
    )
  })

  test('the manual form starts from the document given at registration', async ({
    client,
    assert,
  }) => {
    const user = await createUser({
      name: 'John Smith',
      idType: 'passport',
      idNumber: 'E98765432',
    } as any)
    const page = await asApplicant(client.get('/account/real-name?tab=manual'), user)
    const html = page.text()
    assert.match(html, /<option value="passport" selected>/)
    assert.match(html, /name="real_name" value="John Smith"/)
    assert.match(html, /name="id_number" value="E98765432"/)
  })

  test('a photo that is not an image is refused and nothing is submitted', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await asApplicant(client.post('/account/real-name/manual'), user)
      .withCsrfToken()
      .fields({ id_type: 'passport', real_name: 'John Smith', id_number: 'E12345678' })
      .file(
        'front',
        makeFakeFile('front.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(20 * 1024, 7)]))
      )
      .file('back', await makeImage('png', 30 * 1024))
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      front: ['文件格式不正确，仅支持 JPG、PNG 格式'],
    })
    response.assertFlashMessage('real_name', 'John Smith')
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    assert.equal((await RealNameRequest.query().where('user_id', user.id)).length, 0)
  })

  test('only reviewers review; applicants never reach the queue or the photos', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await submitPassport(client, user)
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    const finance = await createStaff(['finance'])
    const refused = await asStaff(
      client.post(`/admin/reviews/real-name/${request.id}/approve`),
      finance
    )
      .withCsrfToken()
      .form({})
    refused.assertStatus(403)
    const photo = await asApplicant(
      client.get(`/admin/reviews/real-name/${request.id}/photo/front`),
      user
    ).redirects(0)
    photo.assertStatus(302)
    photo.assertHeader('location', '/admin/login')
    await user.refresh()
    assert.equal(user.realNameStatus, 'pending')
  })
})

test.group('Real-name verification · one account per document', () => {
  test('the database refuses a second verified account with the same document; deregistered ones do not count', async ({
    assert,
  }) => {
    const { isUniqueViolation } = await import('#core/db_errors')
    const id = residentId('19770707', '110105', '777')
    const verified = {
      realNameStatus: 'verified',
      realName: '周七',
      realIdType: 'resident_id',
      realIdNumber: id,
    } as any
    const first = await createUser(verified)
    let error: unknown = null
    try {
      /* in a savepoint, as the service writes: PostgreSQL aborts the failed statement's transaction */
      await db.transaction(async (trx) => {
        await User.create(
          {
            ...verified,
            accountType: 'person',
            phone: '13700000077',
            password: 'Passw0rd123',
            status: 'active',
            passwordSet: true,
          },
          { client: trx }
        )
      })
    } catch (e) {
      error = e
    }
    assert.isTrue(isUniqueViolation(error))
    first.status = 'deregistered'
    await first.save()
    const again = await createUser(verified)
    assert.equal(again.realNameStatus, 'verified')
  })
})

test.group('Real-name verification · 人工审核 in the back office (the one review workflow)', () => {
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
    assert.lengthOf(await AuditLog.query().where('subject_id', request.id), 0)
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

  test('finance and operators cannot reject either: 403, nothing changed', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ realNameStatus: 'pending' } as any)
    const request = await realNameRequest(user)
    for (const roles of [['finance'], ['operator']] as const) {
      const staff = await createStaff([...roles])
      const response = await asStaff(
        client.post(`/admin/reviews/real-name/${request.id}/reject`),
        staff
      )
        .withCsrfToken()
        .form({ reason_type: 'other', review_reason: '不予通过' })
        .redirects(0)
      response.assertStatus(403)
    }
    await request.refresh()
    await user.refresh()
    assert.equal(request.status, 'pending')
    assert.equal(user.realNameStatus, 'pending')
    assert.lengthOf(await AuditLog.query().where('subject_id', request.id), 0)
    assert.lengthOf(await Message.query().where('user_id', user.id), 0)
  })
})
