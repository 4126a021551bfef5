import { test } from '@japa/runner'
import {
  certificateServices,
  combinedService,
  decideService,
  renewalWindow,
  renewedValidity,
  unlockCheck,
  type CertificateFacts,
} from '#certificates/service_rules'

const DAY = 86_400_000
const notAfter = new Date('2027-06-30T15:59:59Z')
const at = (days: number) => new Date(notAfter.getTime() + days * DAY)

const base: CertificateFacts = {
  caStatus: 'valid',
  medium: 'cloud',
  subjectType: 'person',
  notAfter,
  windowDays: 90,
  holderSuspend: true,
  openOrder: null,
  now: at(-30),
}
const facts = (o: Partial<CertificateFacts>): CertificateFacts => ({ ...base, ...o })

test.group('Certificate services · the renewal window', () => {
  test('a 90-day window opens on day 90 before expiry, not on day 91', ({ assert }) => {
    assert.isTrue(renewalWindow({ notAfter, windowDays: 90, now: at(-90) }).allowed)
    const early = renewalWindow({ notAfter, windowDays: 90, now: at(-91) })
    assert.isFalse(early.allowed)
    assert.include((early as any).reason, '到期前 90 天内')
    assert.equal(early.opensAt?.toISOString(), at(-90).toISOString())
  })

  test('a 60-day window opens on day 60, not 61', ({ assert }) => {
    assert.isTrue(renewalWindow({ notAfter, windowDays: 60, now: at(-60) }).allowed)
    assert.isFalse(renewalWindow({ notAfter, windowDays: 60, now: at(-61) }).allowed)
  })

  test('expired: renewable up to day 365 after expiry; day 366 must apply anew', ({ assert }) => {
    assert.isTrue(renewalWindow({ notAfter, windowDays: 90, now: at(365) }).allowed)
    const late = renewalWindow({ notAfter, windowDays: 90, now: at(366) })
    assert.isFalse(late.allowed)
    assert.include((late as any).reason, '超过 365 天不能更新，请重新申请（新办）')
  })
})

test.group('Certificate services · the new term', () => {
  test('unexpired: the new term runs on from the old expiry', ({ assert }) => {
    const v = renewedValidity({ notAfter, years: 1, windowDays: 90, now: at(-10) })
    assert.isTrue(v.allowed)
    if (!v.allowed) return
    assert.equal(v.runsFrom, 'previous_expiry')
    assert.equal(v.notBefore.toISOString(), notAfter.toISOString())
    assert.equal(v.notAfter.toISOString(), '2028-06-30T15:59:59.000Z')
    assert.include(v.text, '起顺延 1 年')
    assert.include(v.text, '至 2028-06-30')
  })

  test('expired: the new term runs from issuance (now)', ({ assert }) => {
    const now = at(100)
    const v = renewedValidity({ notAfter, years: 2, windowDays: 90, now })
    assert.isTrue(v.allowed)
    if (!v.allowed) return
    assert.equal(v.runsFrom, 'now')
    assert.equal(v.notBefore.toISOString(), now.toISOString())
    assert.equal(v.notAfter.getUTCFullYear(), now.getUTCFullYear() + 2)
    assert.include(v.text, '自签发之日起算')
  })

  test('outside the window there is no new term', ({ assert }) => {
    assert.isFalse(renewedValidity({ notAfter, years: 1, windowDays: 90, now: at(-200) }).allowed)
  })
})

test.group('Certificate services · what each status allows', () => {
  test('正常 in the window: every service but 解冻; 授权 is not for a person', ({ assert }) => {
    const list = certificateServices(base)
    const by = Object.fromEntries(list.map((s) => [s.service, s]))
    assert.notProperty(by, 'resume')
    for (const s of ['renew', 'change', 'reissue', 'unlock', 'revoke', 'suspend', 'unbind'])
      assert.isTrue(by[s].allowed, s)
    assert.isFalse(by.authorise.allowed)
    assert.include((by.authorise as any).reason, '个人证书')
  })

  test('正常 before the window: 续期 says when it opens', ({ assert }) => {
    const d = decideService(facts({ now: at(-200) }), 'renew')
    assert.isFalse(d.allowed)
    assert.include((d as any).reason, '才能办理更新')
  })

  test('冻结: 解冻 instead of 冻结; 续期 and 变更 ask to resume first; 补办, 注销, 解锁 allowed', ({
    assert,
  }) => {
    const f = facts({ caStatus: 'suspended' })
    const by = Object.fromEntries(certificateServices(f).map((s) => [s.service, s]))
    assert.notProperty(by, 'suspend')
    assert.isTrue(by.resume.allowed)
    assert.include((by.renew as any).reason, '请先解冻')
    assert.include((by.change as any).reason, '请先解冻')
    assert.isTrue(by.reissue.allowed)
    assert.isTrue(by.revoke.allowed)
    assert.isTrue(by.unlock.allowed)
  })

  test('已注销: nothing but a new application', ({ assert }) => {
    const f = facts({ caStatus: 'revoked' })
    for (const s of certificateServices(f)) assert.isFalse(s.allowed, s.service)
    assert.include((decideService(f, 'renew') as any).reason, '证书已注销')
    assert.equal((decideService(f, 'revoke') as any).reason, '证书已注销')
  })

  test('已过期 ≤ 365 days: only 续期 (and 解绑)', ({ assert }) => {
    const f = facts({ caStatus: 'expired', now: at(30) })
    const by = Object.fromEntries(certificateServices(f).map((s) => [s.service, s]))
    assert.isTrue(by.renew.allowed)
    assert.isTrue(by.unbind.allowed)
    for (const s of ['change', 'reissue', 'unlock', 'revoke', 'suspend'])
      assert.isFalse(by[s].allowed, s)
    assert.include((by.change as any).reason, '变更+更新')
    assert.include((by.reissue as any).reason, '更新+补办')
  })

  test('an open service order blocks 续期, 变更, 补办 and 注销, naming the order', ({ assert }) => {
    const f = facts({ openOrder: { orderNo: '1234567890123456789', label: '更新' } })
    for (const s of ['renew', 'change', 'reissue', 'revoke'] as const) {
      const d = decideService(f, s)
      assert.isFalse(d.allowed)
      assert.include((d as any).reason, '1234567890123456789')
    }
    assert.isTrue(decideService(f, 'unlock').allowed)
  })

  test('a product without holder suspension: 冻结 and 解冻 say to call the office', ({
    assert,
  }) => {
    const d = decideService(facts({ holderSuspend: false }), 'suspend')
    assert.isFalse(d.allowed)
    assert.include((d as any).reason, '不支持自助冻结')
  })

  test('授权: an organisation certificate may be authorised to members; a person’s never; a revoked one no more', ({
    assert,
  }) => {
    assert.isTrue(decideService(facts({ subjectType: 'org' }), 'authorise').allowed)
    const person = decideService(facts({ subjectType: 'person' }), 'authorise')
    assert.include((person as any).reason, '不能授权他人')
    assert.isFalse(
      decideService(facts({ subjectType: 'org', caStatus: 'revoked' }), 'authorise').allowed
    )
  })
})

test.group('Certificate services · combinations and unlock', () => {
  test('变更+更新 and 更新+补办 are one order; 变更+补办 is not offered', ({ assert }) => {
    assert.deepEqual(combinedService(['change', 'renew']), {
      allowed: true,
      serviceType: 'change_renew',
    })
    assert.deepEqual(combinedService(['reissue', 'renew']), {
      allowed: true,
      serviceType: 'renew_reissue',
    })
    assert.deepEqual(combinedService(['renew']), { allowed: true, serviceType: 'renew' })
    assert.isFalse(combinedService(['change', 'reissue']).allowed)
    assert.isFalse(combinedService([]).allowed)
  })

  test('first unlock: identity check; later ones: an SMS code', ({ assert }) => {
    assert.equal(unlockCheck(0), 'identity')
    assert.equal(unlockCheck(1), 'sms')
    assert.equal(unlockCheck(5), 'sms')
  })
})
