import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { Settings } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import smsConfig from '#config/sms'
import { resetRate } from '#core/rate_limit'
import SmsMessage from '#core/sms/sms_message'
import VerificationCode from '#core/sms/verification_code'
import verificationCodes, { CODE_PURPOSES } from '#core/sms/verification_codes'
import { uniquePhone } from '#tests/helpers/factories'

async function codesSentTo(phone: string): Promise<string[]> {
  const messages = await SmsMessage.query().where('phone', phone)
  return messages.map((m) => m.content.match(/验证码为 (\d{6})/)![1])
}

/**
 * The code of the one SMS sent to the phone (timestamps have one-second
 * precision on SQLite, so "the latest" is told apart by content).
 */
async function lastCode(phone: string, before: string[] = []) {
  const fresh = [...(await codesSentTo(phone))]
  for (const seen of before) fresh.splice(fresh.indexOf(seen), 1)
  if (fresh.length !== 1) throw new Error(`expected one new SMS, found ${fresh.length}`)
  return fresh[0]
}

/** what the 60-second cool-down would do once the minute has passed */
async function coolDown(phone: string, purpose: string) {
  await resetRate(`sms:cooldown:${phone}:${purpose}`, smsConfig.codes.perPhoneCooldown)
}

function travel(ms: number) {
  const real = Date.now
  Settings.now = () => real() + ms
}

test.group('Verification codes', (group) => {
  group.each.teardown(() => {
    Settings.now = () => Date.now()
  })

  test('a code is 6 digits, sent by SMS with its purpose, and verifies once', async ({
    assert,
  }) => {
    const phone = uniquePhone()
    const sent = await verificationCodes.send(phone, 'register', '203.0.113.5')
    assert.deepEqual(sent, { ok: true, cooldown: 60 })
    const message = await SmsMessage.findByOrFail('phone', phone)
    assert.equal(message.purpose, 'code:register')
    assert.include(message.content, `用于${CODE_PURPOSES.register}`)
    assert.include(message.content, '5 分钟内有效')
    const code = await lastCode(phone)
    assert.match(code, /^\d{6}$/)

    assert.deepEqual(await verificationCodes.verify(phone, 'register', code), { ok: true })
    assert.deepEqual(await verificationCodes.verify(phone, 'register', code), {
      ok: false,
      message: '请先获取验证码',
    })
  })

  test('codes are stored only as keyed hashes', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'login', '203.0.113.5')
    const code = await lastCode(phone)
    const row = await db.from('verification_codes').where('phone', phone).first()
    assert.match(row.code_hash, /^[0-9a-f]{64}$/)
    assert.notInclude(JSON.stringify(row), code)
    assert.notEqual(row.code_hash, createHash('sha256').update(code).digest('hex'))
    assert.notEqual(
      row.code_hash,
      createHash('sha256').update(`${phone}:login:${code}`).digest('hex'),
      'keyed with APP_KEY, not a plain hash'
    )
    const model = await VerificationCode.findByOrFail('phone', phone)
    assert.notProperty(model.serialize(), 'codeHash')
  })

  test('a code of one purpose or phone does not pass for another', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'register', null)
    const code = await lastCode(phone)
    assert.isFalse((await verificationCodes.verify(phone, 'reset_password', code)).ok)
    assert.isFalse((await verificationCodes.verify(uniquePhone(), 'register', code)).ok)
    assert.isTrue((await verificationCodes.verify(phone, 'register', code)).ok)
  })

  test('wrong codes are counted and the fifth wrong try kills the code', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'login', null)
    const code = await lastCode(phone)
    const wrong = code === '000000' ? '111111' : '000000'
    const messages = []
    for (let i = 0; i < 5; i++)
      messages.push((await verificationCodes.verify(phone, 'login', wrong)) as any)
    assert.deepEqual(
      messages.map((m) => m.message),
      [
        '验证码错误，还可尝试 4 次',
        '验证码错误，还可尝试 3 次',
        '验证码错误，还可尝试 2 次',
        '验证码错误，还可尝试 1 次',
        '验证码错误次数过多，请重新获取',
      ]
    )
    assert.deepEqual(await verificationCodes.verify(phone, 'login', code), {
      ok: false,
      message: '验证码错误次数过多，请重新获取',
    })
    const row = await db.from('verification_codes').where('phone', phone).first()
    assert.equal(Number(row.attempts), 5)
  })

  test('wrong codes sent at the same moment are each counted: a burst cannot outrun the 5 tries', async ({
    assert,
  }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'login', null)
    const code = await lastCode(phone)
    const wrongCodes = Array.from({ length: 20 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0')
    )
    const results = await Promise.all(
      wrongCodes.map((wrong) => verificationCodes.verify(phone, 'login', wrong))
    )
    assert.isTrue(results.every((r) => !r.ok))
    const row = await db.from('verification_codes').where('phone', phone).first()
    assert.equal(Number(row.attempts), 5, 'no more than 5 tries are ever compared')
    assert.deepEqual(await verificationCodes.verify(phone, 'login', code), {
      ok: false,
      message: '验证码错误次数过多，请重新获取',
    })
  })

  test('a code submitted twice at the same moment passes only once', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'register', null)
    const code = await lastCode(phone)
    const results = await Promise.all(
      [1, 2, 3].map(() => verificationCodes.verify(phone, 'register', code))
    )
    assert.lengthOf(
      results.filter((r) => r.ok),
      1
    )
  })

  test('malformed input is refused without counting a try', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'login', null)
    for (const input of ['', '12345', '1234567', 'abcdef', null, undefined]) {
      assert.deepEqual(await verificationCodes.verify(phone, 'login', input as any), {
        ok: false,
        message: '请输入 6 位数字验证码',
      })
    }
    const row = await db.from('verification_codes').where('phone', phone).first()
    assert.equal(Number(row.attempts), 0)
  })

  test('a code expires after 5 minutes', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'register', null)
    const code = await lastCode(phone)
    travel(5 * 60 * 1000 + 1000)
    assert.deepEqual(await verificationCodes.verify(phone, 'register', code), {
      ok: false,
      message: '验证码已过期，请重新获取',
    })
    travel(4 * 60 * 1000 + 50 * 1000)
    assert.deepEqual(await verificationCodes.verify(phone, 'register', code), { ok: true })
  })

  test('one code per phone and purpose every 60 seconds', async ({ assert }) => {
    const phone = uniquePhone()
    assert.isTrue((await verificationCodes.send(phone, 'register', null)).ok)
    const again = await verificationCodes.send(phone, 'register', null)
    assert.isFalse(again.ok)
    if (!again.ok) {
      assert.isAtLeast(again.retryAfter!, 1)
      assert.isAtMost(again.retryAfter!, 60)
      assert.equal(again.message, `验证码发送过于频繁，请 ${again.retryAfter} 秒后再试`)
    }
    assert.equal(
      await SmsMessage.query()
        .where('phone', phone)
        .count('* as total')
        .then((r) => Number(r[0].$extras.total)),
      1
    )
    /* another purpose is not held back */
    assert.isTrue((await verificationCodes.send(phone, 'login', null)).ok)
  })

  test('a new code replaces the previous one', async ({ assert }) => {
    const phone = uniquePhone()
    await verificationCodes.send(phone, 'register', null)
    const first = await lastCode(phone)
    await coolDown(phone, 'register')
    await verificationCodes.send(phone, 'register', null)
    const second = await lastCode(phone, [first])
    if (first !== second) {
      assert.deepEqual(await verificationCodes.verify(phone, 'register', first), {
        ok: false,
        message: '验证码错误，还可尝试 4 次',
      })
    }
    assert.isTrue((await verificationCodes.verify(phone, 'register', second)).ok)
    const rows = await db.from('verification_codes').where('phone', phone).whereNull('consumed_at')
    assert.lengthOf(rows, 0, 'the first code died when the second was issued')
  })

  test('a phone gets at most 10 codes a day', async ({ assert }) => {
    const phone = uniquePhone()
    for (let i = 0; i < 10; i++) {
      assert.isTrue((await verificationCodes.send(phone, 'login', null)).ok, `code ${i + 1}`)
      await coolDown(phone, 'login')
    }
    const eleventh = await verificationCodes.send(phone, 'login', null)
    assert.isFalse(eleventh.ok)
    if (!eleventh.ok)
      assert.match(eleventh.message, /^验证码发送次数已达上限，请 \d+ (小时|分钟)后再试$/)
    const other = await verificationCodes.send(phone, 'register', null)
    assert.isFalse(other.ok, 'the cap counts every purpose')
  })

  test('one IP gets at most 30 codes an hour, whatever the phone', async ({ assert }) => {
    const ip = '198.51.100.23'
    for (let i = 0; i < 30; i++) {
      assert.isTrue(
        (await verificationCodes.send(uniquePhone(), 'register', ip)).ok,
        `code ${i + 1}`
      )
    }
    const refused = await verificationCodes.send(uniquePhone(), 'register', ip)
    assert.isFalse(refused.ok)
    if (!refused.ok)
      assert.match(refused.message, /^验证码发送次数已达上限，请 \d+ (分钟|小时)后再试$/)
    assert.isTrue(
      (await verificationCodes.send(uniquePhone(), 'register', '198.51.100.24')).ok,
      'another IP is not held back'
    )
  })
})
