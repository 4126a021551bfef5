import { test } from '@japa/runner'
import { renewalTerm } from '#issuance/services/renewal'

const DAY = 86_400_000
// 2026-07-01 00:00 in Shanghai
const notAfter = new Date('2026-06-30T16:00:00Z')

test.group('Issuance · renewal rule (pure)', () => {
  test('one millisecond before the 60-day window opens: refused, with the opening date', ({
    assert,
  }) => {
    const d = renewalTerm({
      notAfter,
      years: 1,
      windowDays: 60,
      now: new Date(notAfter.getTime() - 60 * DAY - 1),
    })
    assert.isFalse(d.allowed)
    if (d.allowed) return
    assert.equal(d.code, 'too_early')
    assert.equal(d.opensAt!.toISOString(), new Date(notAfter.getTime() - 60 * DAY).toISOString())
    assert.include(d.reason, '到期前 60 天内')
    assert.include(d.reason, '2026-05-02 起')
    assert.include(d.reason, '2026-07-01')
  })

  test('the first moment of the window: allowed, the new term runs on from the old expiry', ({
    assert,
  }) => {
    const d = renewalTerm({
      notAfter,
      years: 1,
      windowDays: 60,
      now: new Date(notAfter.getTime() - 60 * DAY),
    })
    assert.isTrue(d.allowed)
    if (!d.allowed) return
    assert.isFalse(d.expired)
    assert.equal(d.runsFrom, 'previous_expiry')
    assert.equal(d.termStart.toISOString(), notAfter.toISOString())
    assert.equal(d.notAfter.toISOString(), '2027-06-30T16:00:00.000Z')
  })

  test('a 90-day product opens earlier than a 60-day one', ({ assert }) => {
    const now = new Date(notAfter.getTime() - 75 * DAY)
    assert.isFalse(renewalTerm({ notAfter, years: 1, windowDays: 60, now }).allowed)
    assert.isTrue(renewalTerm({ notAfter, years: 1, windowDays: 90, now }).allowed)
  })

  test('exactly at expiry the certificate is still unexpired', ({ assert }) => {
    const d = renewalTerm({ notAfter, years: 2, windowDays: 60, now: new Date(notAfter) })
    assert.isTrue(d.allowed)
    if (!d.allowed) return
    assert.isFalse(d.expired)
    assert.equal(d.notAfter.toISOString(), '2028-06-30T16:00:00.000Z')
  })

  test('one millisecond after expiry: the new term runs from now', ({ assert }) => {
    const now = new Date(notAfter.getTime() + 1)
    const d = renewalTerm({ notAfter, years: 1, windowDays: 60, now })
    assert.isTrue(d.allowed)
    if (!d.allowed) return
    assert.isTrue(d.expired)
    assert.equal(d.runsFrom, 'now')
    assert.equal(d.termStart.toISOString(), now.toISOString())
    assert.equal(
      d.notAfter.toISOString(),
      new Date(Date.UTC(2027, 5, 30, 16, 0, 0, 1)).toISOString()
    )
  })

  test('expired exactly 365 days: still allowed; one millisecond more: refused with the reason', ({
    assert,
  }) => {
    const last = renewalTerm({
      notAfter,
      years: 1,
      windowDays: 60,
      now: new Date(notAfter.getTime() + 365 * DAY),
    })
    assert.isTrue(last.allowed)
    const late = renewalTerm({
      notAfter,
      years: 1,
      windowDays: 60,
      now: new Date(notAfter.getTime() + 365 * DAY + 1),
    })
    assert.isFalse(late.allowed)
    if (late.allowed) return
    assert.equal(late.code, 'expired_too_long')
    assert.include(late.reason, '超过 365 天不能更新')
    assert.include(late.reason, '重新申请')
  })

  test('years must be a whole number from 1 to 5', ({ assert }) => {
    for (const years of [0, 6, 1.5, -1, Number.NaN]) {
      const d = renewalTerm({ notAfter, years, windowDays: 60, now: notAfter })
      assert.isFalse(d.allowed)
      if (!d.allowed) assert.equal(d.code, 'invalid_years')
    }
  })

  test('a term running on from 29 February ends on 28 February', ({ assert }) => {
    const leap = new Date('2028-02-29T04:00:00Z')
    const d = renewalTerm({
      notAfter: leap,
      years: 1,
      windowDays: 60,
      now: new Date('2028-02-01T00:00:00Z'),
    })
    assert.isTrue(d.allowed)
    if (d.allowed) assert.equal(d.notAfter.toISOString(), '2029-02-28T04:00:00.000Z')
  })

  test('a negative window is a configuration error, not a silent yes', ({ assert }) => {
    const d = renewalTerm({ notAfter, years: 1, windowDays: -1, now: notAfter })
    assert.isFalse(d.allowed)
    if (!d.allowed) assert.equal(d.code, 'invalid_window')
  })
})
