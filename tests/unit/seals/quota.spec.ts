import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  extendedExpiry,
  packageInForce,
  packagesInUseOrder,
  sealNeedsQuota,
  sealsLeft,
} from '#seals/services/quota'

/**
 * The 印章套餐 rule (services/quota.ts): who pays with a use, which
 * package a use comes from, what is left, what a 延期 does.
 */
const now = DateTime.fromISO('2026-11-26T12:00:00Z')
let n = 0
function pkg(total: number, used: number, expiresInDays: number | null, createdDaysAgo = 10) {
  return {
    id: `p${++n}`,
    totalSeals: total,
    usedSeals: used,
    expiresAt: expiresInDays === null ? null : now.plus({ days: expiresInDays }),
    createdAt: now.minus({ days: createdDaysAgo }),
  }
}

test.group('seals · the quota rule of 印章套餐', () => {
  test('an org’s seals take a use; a person’s (个人名章, own seals, 个人手写签名) are free', ({
    assert,
  }) => {
    assert.isTrue(sealNeedsQuota('org'))
    assert.isFalse(sealNeedsQuota('person'))
  })

  test('a package is in force while seals are left and it has not expired', ({ assert }) => {
    assert.isTrue(packageInForce(pkg(5, 4, 1), now))
    assert.isTrue(packageInForce(pkg(5, 0, null), now), 'no expiry: in force')
    assert.isFalse(packageInForce(pkg(5, 5, 30), now), 'used up')
    assert.isFalse(packageInForce(pkg(5, 0, -1), now), 'expired')
    assert.isFalse(packageInForce(pkg(5, 0, 0), now), 'expires this very moment')
  })

  test('the use comes from the package that expires first; one without expiry last, then the oldest', ({
    assert,
  }) => {
    const later = pkg(5, 0, 200)
    const sooner = pkg(5, 0, 20)
    const forever = pkg(5, 0, null, 100)
    const foreverNewer = pkg(5, 0, null, 1)
    const usedUp = pkg(1, 1, 5)
    const expired = pkg(5, 0, -3)
    const order = packagesInUseOrder([foreverNewer, later, usedUp, forever, expired, sooner], now)
    assert.deepEqual(
      order.map((p) => p.id),
      [sooner.id, later.id, forever.id, foreverNewer.id]
    )
    assert.deepEqual(packagesInUseOrder([usedUp, expired], now), [])
  })

  test('seals left: only packages in force count', ({ assert }) => {
    assert.equal(sealsLeft([pkg(5, 2, 10), pkg(3, 3, 10), pkg(4, 0, -1), pkg(2, 1, null)], now), 4)
    assert.equal(sealsLeft([], now), 0)
  })

  test('延期: from the expiry when still valid, from now when expired; no days or no expiry, no change', ({
    assert,
  }) => {
    const valid = now.plus({ days: 10 })
    assert.equal(extendedExpiry(valid, 30, now)!.toISO(), valid.plus({ days: 30 }).toISO())
    const gone = now.minus({ days: 10 })
    assert.equal(extendedExpiry(gone, 30, now)!.toISO(), now.plus({ days: 30 }).toISO())
    assert.isNull(extendedExpiry(null, null, now))
    assert.equal(extendedExpiry(valid, null, now), valid)
    assert.isNull(extendedExpiry(null, 7, now), 'a package without expiry stays so')
  })
})
