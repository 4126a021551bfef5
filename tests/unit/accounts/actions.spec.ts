import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { findDeregisteredAccount } from '#accounts/actions/appeals'
import { attemptPasswordLogin } from '#accounts/actions/authentication'
import { assertPhoneFree } from '#accounts/actions/registration'
import { idNumberMatches } from '#accounts/actions/phone_changes'
import { requestVerificationCode } from '#accounts/actions/sms_codes'
import { AccountError } from '#accounts/errors'
import { DEFAULT_PASSWORD, createUser, residentId, uniquePhone } from '#tests/helpers/factories'

const client = { ip: '192.0.2.10', userAgent: 'unit' }

test.group('Accounts actions · registration and login rules', () => {
  test('a free phone passes; a used one says so; a deregistered one points to 账号申诉', async ({
    assert,
  }) => {
    await assertPhoneFree(uniquePhone())
    const active = await createUser()
    await assert.rejects(
      () => assertPhoneFree(active.phone),
      '该手机号已注册，请直接登录；如忘记密码，可通过“忘记密码”找回'
    )
    const gone = await createUser({ status: 'deregistered' })
    await assert.rejects(
      () => assertPhoneFree(gone.phone),
      '该手机号对应的账号已注销，如需找回账号，请进行账号申诉'
    )
  })

  test('password login counts failures and locks after five', async ({ assert }) => {
    const user = await createUser()
    for (let left = 4; left >= 1; left--) {
      await assert.rejects(
        () => attemptPasswordLogin(user.phone, 'Wrong12345', client),
        `账号或密码错误，还可尝试 ${left} 次`
      )
    }
    await assert.rejects(
      () => attemptPasswordLogin(user.phone, 'Wrong12345', client),
      '登录失败次数过多，账号已被锁定，请 15 分钟后再试'
    )
    await assert.rejects(
      () => attemptPasswordLogin(user.phone, DEFAULT_PASSWORD, client),
      /账号已被锁定/
    )
  })

  test('an account without a password cannot log in with one', async ({ assert }) => {
    const user = await createUser({ password: undefined, passwordSet: false } as any)
    await db.from('users').where('id', user.id).update({ password: null })
    try {
      await attemptPasswordLogin(user.phone, DEFAULT_PASSWORD, client)
      assert.fail('should refuse')
    } catch (error) {
      assert.instanceOf(error, AccountError)
    }
  })
})

test.group('Accounts actions · SMS purpose rules', () => {
  test('register is silent for used phones (same answer, no code); reset_password is silent for unknown ones; deregister needs a user', async ({
    assert,
  }) => {
    const user = await createUser()
    const taken = await requestVerificationCode({
      purpose: 'register',
      phone: user.phone,
      user: null,
      ip: null,
    })
    assert.isTrue(taken.ok)
    assert.notInclude(taken.message, '已注册')
    assert.lengthOf(await db.from('sms_messages').where('phone', user.phone), 0)
    const unknown = uniquePhone()
    const reset = await requestVerificationCode({
      purpose: 'reset_password',
      phone: unknown,
      user: null,
      ip: null,
    })
    assert.isTrue(reset.ok)
    assert.lengthOf(await db.from('sms_messages').where('phone', unknown), 0)
    const dereg = await requestVerificationCode({
      purpose: 'deregister',
      phone: '',
      user: null,
      ip: null,
    })
    assert.deepEqual(dereg, { ok: false, message: '请先登录', field: 'code' })
    const own = await requestVerificationCode({
      purpose: 'deregister',
      phone: uniquePhone(),
      user,
      ip: null,
    })
    assert.isTrue(own.ok)
    assert.equal(own.ok && own.phone, user.phone)
    const order = await requestVerificationCode({
      purpose: 'order',
      phone: uniquePhone(),
      user: null,
      ip: null,
    })
    assert.isFalse(order.ok)
  })
})

test.group('Accounts actions · matching identities', () => {
  test('an appeal matches the registered or the verified name + ID of a deregistered account only', async ({
    assert,
  }) => {
    const id = residentId('19770707', '420102', '135')
    const registered = await createUser({ name: '蒋一', idNumber: id, status: 'deregistered' })
    assert.equal((await findDeregisteredAccount(id.toLowerCase(), ' 蒋一 '))?.id, registered.id)
    assert.isNull(await findDeregisteredAccount(id, '蒋二'))
    const verifiedId = residentId('19770707', '420102', '246')
    const verified = await createUser({
      name: '别名',
      idNumber: null,
      realName: '沈二',
      realIdNumber: verifiedId,
      realNameStatus: 'verified',
      status: 'deregistered',
    } as any)
    assert.equal((await findDeregisteredAccount(verifiedId, '沈二'))?.id, verified.id)
    const activeId = residentId('19770707', '420102', '357')
    await createUser({ name: '韩三', idNumber: activeId })
    assert.isNull(await findDeregisteredAccount(activeId, '韩三'))
  })

  test('the ID number of a lost-phone request is compared with the registered and verified ones', async ({
    assert,
  }) => {
    const id = residentId('19880101', '110105', '111')
    const user = await createUser({ idNumber: id })
    assert.isTrue(idNumberMatches(user, id.toLowerCase()))
    assert.isFalse(idNumberMatches(user, residentId('19880101', '110105', '222')))
    const org = await createUser({ accountType: 'org', idNumber: null, idType: null } as any)
    assert.isNull(idNumberMatches(org, id))
  })
})
