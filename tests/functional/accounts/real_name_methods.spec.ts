import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import RealNameRequest from '#accounts/realname/real_name_request'
import AuditLog from '#core/audit/audit_log'
import Message from '#core/messages/message'
import { maskIdNumber } from '#core/validation/identity'
import { createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { fieldErrors, flash, lastCode } from '#tests/functional/accounts/helpers'

/**
 * 银行卡四要素 and 运营商三要素 through HTTP, each to the end and each
 * refusal: a wrong SMS code, the provider's "no", a bad card number, too
 * many tries, a second click. The sandbox providers answer by the rules
 * shown on the page (card or phone ending in 0000: mismatch).
 */

const CARD = '6222021234567890128'
/** passes the Luhn check and ends in 0000: the sandbox's mismatch */
const MISMATCH_CARD = '6222021234520000'

async function sendCode(
  client: ApiClient,
  user: User,
  route: string,
  fields: Record<string, string>
) {
  return asApplicant(client.post(route), user)
    .withCsrfToken()
    .form({ ...fields, intent: 'send_code' })
    .redirects(0)
}

async function auditOf(requestId: string) {
  const entries = await AuditLog.query()
    .where('subject_type', 'real_name_request')
    .where('subject_id', requestId)
    .orderBy('seq', 'asc')
  return entries.map((entry) => entry.action)
}

test.group('Real-name verification · 银行卡四要素', () => {
  test('name, ID number, card and reserved phone with its SMS code: verified at once, shown masked', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '王小明' })
    const phone = uniquePhone()
    const id = residentId('19850101', '211302', '285')
    const form = { real_name: '王小明', id_number: id, bank_card: '6222 0212 3456 7890 128', phone }

    const sent = await sendCode(client, user, '/account/real-name/bank-card?tab=bank_card', form)
    sent.assertHeader('location', '/account/real-name?tab=bank_card')
    assert.include(flash(sent, 'success'), '验证码已发送至')
    assert.equal(flash(sent, 'bank_card'), form.bank_card, 'what was typed is kept')

    const response = await asApplicant(
      client.post('/account/real-name/bank-card?tab=bank_card'),
      user
    )
      .withCsrfToken()
      .form({ ...form, sms_code: await lastCode(phone, 'real_name') })
      .redirects(0)
    response.assertFlashMessage('success', '实名认证成功')
    await user.refresh()
    assert.equal(user.realNameStatus, 'verified')
    assert.equal(user.realNameMethod, 'bank_card')
    assert.equal(user.realIdNumber, id)

    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(request.method, 'bank_card')
    assert.equal(request.status, 'passed')
    assert.equal(request.bankCard, '6222 **** **** 0128', 'only the masked card is kept')
    assert.equal(request.phone, phone)
    assert.deepEqual(await auditOf(request.id), [
      'accounts.real_name_check.start',
      'accounts.real_name_check.pass',
    ])
    const message = await Message.query().where('user_id', user.id).firstOrFail()
    assert.include(message.body, '王**')
    assert.notInclude(message.body, '王小明')

    const page = await asApplicant(client.get('/account/real-name'), user)
    assert.include(page.text(), '王**')
    assert.include(page.text(), '2113**********')
    assert.notInclude(page.text(), '王小明')
    assert.notInclude(page.text(), id)
  })

  test('a wrong SMS code is refused at its field; the provider is not asked', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const phone = uniquePhone()
    const form = { real_name: '王小明', id_number: residentId(), bank_card: CARD, phone }
    await sendCode(client, user, '/account/real-name/bank-card?tab=bank_card', form)
    const code = await lastCode(phone, 'real_name')
    const wrong = code === '000000' ? '111111' : '000000'
    const response = await asApplicant(
      client.post('/account/real-name/bank-card?tab=bank_card'),
      user
    )
      .withCsrfToken()
      .form({ ...form, sms_code: wrong })
      .redirects(0)
    response.assertHeader('location', '/account/real-name?tab=bank_card')
    assert.include(fieldErrors(response).sms_code[0], '验证码错误')
    assert.equal(flash(response, 'real_name'), '王小明')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
  })

  test('the provider says no: refused with its reason, the failed attempt on record', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const phone = uniquePhone()
    const form = { real_name: '王小明', id_number: residentId(), bank_card: MISMATCH_CARD, phone }
    await sendCode(client, user, '/account/real-name/bank-card?tab=bank_card', form)
    const response = await asApplicant(
      client.post('/account/real-name/bank-card?tab=bank_card'),
      user
    )
      .withCsrfToken()
      .form({ ...form, sms_code: await lastCode(phone, 'real_name') })
      .redirects(0)
    assert.equal(flash(response, 'error'), '核验未通过：银行卡信息与身份信息不一致')
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(request.status, 'failed')
    assert.deepEqual(await auditOf(request.id), [
      'accounts.real_name_check.start',
      'accounts.real_name_check.fail',
    ])
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    const page = await asApplicant(client.get('/account/real-name?tab=bank_card'), user)
    assert.include(page.text(), '核验未通过')
    assert.include(page.text(), '银行卡四要素')
  })

  test('a card number that fails the Luhn check is refused at the field, nothing sent', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await asApplicant(
      client.post('/account/real-name/bank-card?tab=bank_card'),
      user
    )
      .withCsrfToken()
      .form({
        real_name: '王小明',
        id_number: residentId(),
        bank_card: '6222021234567890127',
        phone: uniquePhone(),
        sms_code: '123456',
      })
      .redirects(0)
    assert.deepEqual(fieldErrors(response).bank_card, ['银行卡号校验失败，请核对卡号后重新输入'])
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)
  })

  test('too many tries: the sixth attempt of the day is refused before the provider', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const id = residentId()
    let last
    for (let i = 0; i < 6; i++) {
      const phone = uniquePhone()
      const form = { real_name: '王小明', id_number: id, bank_card: MISMATCH_CARD, phone }
      await sendCode(client, user, '/account/real-name/bank-card?tab=bank_card', form)
      last = await asApplicant(client.post('/account/real-name/bank-card?tab=bank_card'), user)
        .withCsrfToken()
        .form({ ...form, sms_code: await lastCode(phone, 'real_name') })
        .redirects(0)
    }
    assert.include(flash(last!, 'error'), '今日核验次数已用完（银行卡四要素）')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 5)
  })
})

test.group('Real-name verification · 运营商三要素', () => {
  test('name, ID number and the phone with its SMS code: verified at once', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '李四' })
    const form = { real_name: '李四', id_number: residentId('19800101'), phone: user.phone }
    const sent = await sendCode(client, user, '/account/real-name/operator?tab=operator', form)
    sent.assertHeader('location', '/account/real-name?tab=operator')
    const response = await asApplicant(
      client.post('/account/real-name/operator?tab=operator'),
      user
    )
      .withCsrfToken()
      .form({ ...form, sms_code: await lastCode(user.phone, 'real_name') })
      .redirects(0)
    response.assertFlashMessage('success', '实名认证成功')
    await user.refresh()
    assert.equal(user.realNameStatus, 'verified')
    assert.equal(user.realNameMethod, 'operator')
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(request.method, 'operator')
    assert.equal(request.status, 'passed')
    assert.equal(request.purpose, 'real_name')
  })

  test('a wrong SMS code, then the provider saying no, then too many tries', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const id = residentId()
    /* a phone ending in 0000: the sandbox's mismatch */
    const phone = uniquePhone().slice(0, 7) + '0000'
    const form = { real_name: '王小明', id_number: id, phone }
    await sendCode(client, user, '/account/real-name/operator?tab=operator', form)
    const code = await lastCode(phone, 'real_name')

    const wrong = await asApplicant(client.post('/account/real-name/operator?tab=operator'), user)
      .withCsrfToken()
      .form({ ...form, sms_code: code === '000000' ? '111111' : '000000' })
      .redirects(0)
    assert.include(fieldErrors(wrong).sms_code[0], '验证码错误，还可尝试 4 次')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)

    const no = await asApplicant(client.post('/account/real-name/operator?tab=operator'), user)
      .withCsrfToken()
      .form({ ...form, sms_code: code })
      .redirects(0)
    assert.equal(flash(no, 'error'), '核验未通过：手机号与姓名、身份证号不一致')
    const failed = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(failed.status, 'failed')

    const reused = await asApplicant(client.post('/account/real-name/operator?tab=operator'), user)
      .withCsrfToken()
      .form({ ...form, sms_code: code })
      .redirects(0)
    assert.deepEqual(fieldErrors(reused).sms_code, ['请先获取验证码'], 'a code is used once')

    for (let i = 0; i < 5; i++) {
      const other = { ...form, phone: `13${i + 5}${uniquePhone().slice(-4)}0000` }
      await sendCode(client, user, '/account/real-name/operator?tab=operator', other)
      const response = await asApplicant(
        client.post('/account/real-name/operator?tab=operator'),
        user
      )
        .withCsrfToken()
        .form({ ...other, sms_code: await lastCode(other.phone, 'real_name') })
        .redirects(0)
      if (i === 4) assert.include(flash(response, 'error'), '今日核验次数已用完（运营商三要素）')
    }
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 5)
  })

  test('开始认证 clicked twice with one code: one check, one verification', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const form = { real_name: '王小明', id_number: residentId(), phone: user.phone }
    await sendCode(client, user, '/account/real-name/operator?tab=operator', form)
    const code = await lastCode(user.phone, 'real_name')
    const responses = await Promise.all(
      [1, 2].map(() =>
        asApplicant(client.post('/account/real-name/operator?tab=operator'), user)
          .withCsrfToken()
          .form({ ...form, sms_code: code })
          .redirects(0)
      )
    )
    assert.lengthOf(
      responses.filter((r) => flash(r, 'success') === '实名认证成功'),
      1
    )
    assert.lengthOf(
      responses.filter((r) => flash(r, 'error') === '您已完成实名认证，无需重复认证'),
      1
    )
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 1)
    assert.lengthOf(
      await Message.query().where('user_id', user.id).where('title', '实名认证成功'),
      1
    )
  })

  test('a number already verified on another account is refused before any code is used', async ({
    client,
    assert,
  }) => {
    const id = residentId('19700101', '110105', '456')
    await createUser({
      realNameStatus: 'verified',
      realName: '赵六',
      realIdType: 'resident_id',
      realIdNumber: id,
    } as any)
    const user = await createUser()
    const response = await asApplicant(
      client.post('/account/real-name/operator?tab=operator'),
      user
    )
      .withCsrfToken()
      .form({ real_name: '赵六', id_number: id, phone: user.phone, sms_code: '123456' })
      .redirects(0)
    assert.deepEqual(fieldErrors(response).id_number, [
      '该身份证号已在其他账号完成实名认证，如有疑问请联系客服',
    ])
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)
  })
})

test.group('Real-name verification · the page and the profile', () => {
  test('each method is offered with its sandbox rules, labelled 沙箱', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (const [tab, words] of [
      ['online', ['身份证号第 15-17 位为 999', '立即核验']],
      ['face', ['人脸识别', '开始认证', '不调用摄像头']],
      ['bank_card', ['银行卡号末 4 位为 0000', '银行预留手机号码', '获取验证码']],
      ['operator', ['手机号末 4 位为 0000', '获取验证码']],
      ['manual', ['证件正面照片', '提交审核']],
    ] as const) {
      const page = await asApplicant(client.get(`/account/real-name?tab=${tab}`), user)
      page.assertStatus(200)
      const html = page.text()
      for (const word of words) assert.include(html, word, `${tab}: ${word}`)
      if (tab !== 'manual') assert.include(html, '<span class="tag-sandbox">沙箱</span>', tab)
      assert.include(html, '实名认证：沙箱核验（身份证核验、人脸识别、银行卡四要素、运营商三要素）')
      assert.notMatch(html, /\sstyle="/, `${tab}: no inline style (CSP)`)
    }
  })

  test("a verified person's name and ID number are masked everywhere and cannot be changed", async ({
    client,
    assert,
  }) => {
    const id = residentId('19900101', '211302', '285')
    const user = await createUser({
      name: '张三丰',
      realNameStatus: 'verified',
      realName: '张三丰',
      realIdType: 'resident_id',
      realIdNumber: id,
      realNameMethod: 'face',
      realNameVerifiedAt: DateTime.utc(),
    } as any)
    for (const url of ['/account', '/account/edit', '/account/real-name']) {
      const page = await asApplicant(client.get(url), user)
      page.assertStatus(200)
      assert.include(page.text(), '张**', url)
      assert.notInclude(page.text(), '张三丰', url)
      assert.notInclude(page.text(), id, url)
    }
    const edit = await asApplicant(client.get('/account/edit'), user)
    assert.match(edit.text(), /name="name_display" value="张\*\*" readonly/)
    assert.include(edit.text(), `name="id_number_display" value="${maskIdNumber(id)}" readonly`)

    await asApplicant(client.post('/account/edit'), user)
      .withCsrfToken()
      .form({ name: '李四', id_number: residentId(), real_name: '李四', region_code: '110105' })
      .redirects(0)
    await user.refresh()
    assert.equal(user.realName, '张三丰')
    assert.equal(user.realIdNumber, id)
    assert.equal(user.name, '张三丰')
  })
})
