import { test } from '@japa/runner'
import { IdGenerator, ID_EPOCH, isNineteenDigitId, isUuid, nextId, uuid } from '#core/ids'

/**
 * A clock the test moves by hand.
 */
function fakeClock(start = Date.UTC(2026, 4, 1, 8, 0, 0)) {
  let now = start
  return {
    now: () => now,
    set: (ms: number) => (now = ms),
    tick: (ms = 1) => (now += ms),
  }
}

test.group('19-digit id generator', () => {
  test('ids are 19 decimal digits', ({ assert }) => {
    for (let i = 0; i < 1000; i++) {
      const id = nextId()
      assert.match(id, /^\d{19}$/)
      assert.isTrue(isNineteenDigitId(id))
    }
    const clock = fakeClock(Date.UTC(2017, 0, 1))
    assert.lengthOf(new IdGenerator(0, clock.now).next(), 19)
    clock.set(Date.UTC(2078, 11, 31))
    const late = new IdGenerator(1023, clock.now).next()
    assert.lengthOf(late, 19)
    assert.isTrue(BigInt(late) < 2n ** 63n, 'fits a signed 64-bit integer (bigint columns)')
  })

  test('ids are ordered by time and carry their moment and instance', ({ assert }) => {
    const clock = fakeClock()
    const generator = new IdGenerator(7, clock.now)
    const ids: string[] = []
    for (let i = 0; i < 50; i++) {
      ids.push(generator.next())
      clock.tick(i % 3)
    }
    assert.deepEqual([...ids].sort(), ids, 'string order is creation order')
    assert.equal(IdGenerator.timeOf(ids[0]).getTime(), Date.UTC(2026, 4, 1, 8, 0, 0))
    assert.equal(Number((BigInt(ids[0]) >> 12n) & 1023n), 7)
    assert.isTrue(ID_EPOCH < Date.UTC(2011, 0, 1))
  })

  test('a burst within one millisecond stays unique and ordered, borrowing the next millisecond when the 4096 sequence numbers run out', ({
    assert,
  }) => {
    const clock = fakeClock()
    const generator = new IdGenerator(3, clock.now)
    const ids = Array.from({ length: 10_000 }, () => generator.next())
    assert.equal(new Set(ids).size, ids.length)
    for (let i = 1; i < ids.length; i++) assert.isTrue(BigInt(ids[i]) > BigInt(ids[i - 1]))
    /* 10 000 ids in one real millisecond span three id-milliseconds */
    assert.equal(IdGenerator.timeOf(ids.at(-1)!).getTime() - clock.now(), 2)
    /* when real time catches up, ids keep increasing */
    clock.tick(1)
    assert.isTrue(BigInt(generator.next()) > BigInt(ids.at(-1)!))
  })

  test('two instances never produce the same id in the same millisecond', ({ assert }) => {
    const clock = fakeClock()
    const a = new IdGenerator(1, clock.now)
    const b = new IdGenerator(2, clock.now)
    const all = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      all.add(a.next())
      all.add(b.next())
    }
    assert.equal(all.size, 4000)
  })

  test('the clock going backwards never produces a duplicate or a smaller id', ({ assert }) => {
    const clock = fakeClock()
    const generator = new IdGenerator(0, clock.now)
    const before = [generator.next(), generator.next()]
    clock.tick(-5000) // NTP step back by 5 s
    const during = Array.from({ length: 100 }, () => generator.next())
    clock.tick(6000)
    const after = generator.next()
    const all = [...before, ...during, after]
    assert.equal(new Set(all).size, all.length)
    for (let i = 1; i < all.length; i++)
      assert.isTrue(BigInt(all[i]) > BigInt(all[i - 1]), `id ${i}`)
  })

  test('the instance number must be 0-1023', ({ assert }) => {
    assert.throws(() => new IdGenerator(1024), /INSTANCE_ID/)
    assert.throws(() => new IdGenerator(-1), /INSTANCE_ID/)
    assert.throws(() => new IdGenerator(1.5), /INSTANCE_ID/)
    assert.doesNotThrow(() => new IdGenerator(1023))
  })

  test('uuids and the format checks', ({ assert }) => {
    const id = uuid()
    assert.isTrue(isUuid(id))
    assert.isFalse(isUuid('1'))
    assert.isFalse(isUuid(`${id}x`))
    assert.isFalse(isUuid(null))
    assert.isFalse(isNineteenDigitId('123'))
    assert.isFalse(isNineteenDigitId('12345678901234567890'))
    assert.isFalse(isNineteenDigitId(1234567890123456789))
  })
})
