import { test } from '@japa/runner'
import { newSerial, normaliseSerial } from '#issuance/services/serials'
import * as der from '#issuance/services/der'
import { MalformedOcspRequest, parseOcspRequest } from '#issuance/services/ocsp'
import { checkNewPin, checkPinFormat } from '#issuance/services/custody'
import { type IssuanceError } from '#issuance/services/errors'

test.group('Issuance · serials, DER, OCSP request parsing, PIN rules', () => {
  test('serial numbers are positive, 128-bit, 126 random bits, and all different', ({ assert }) => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const s = newSerial()
      assert.match(s, /^[4-7][0-9a-f]{31}$/)
      seen.add(s)
    }
    assert.equal(seen.size, 2000)
  })

  test('serials typed by people are normalised', ({ assert }) => {
    assert.equal(normaliseSerial('4A:1F:00'), '4a1f00')
    assert.equal(normaliseSerial(' 0x004A1F '), '4a1f')
    assert.equal(normaliseSerial('abc'), '0abc')
    assert.isNull(normaliseSerial('xyz'))
    assert.isNull(normaliseSerial(''))
    assert.isNull(normaliseSerial('0'.repeat(41)))
  })

  test('DER integers and OIDs round-trip through the reader', ({ assert }) => {
    const encoded = der.seq(
      der.integer(65537),
      der.oid('1.2.840.113549.1.1.11'),
      der.integerFromBytes(Buffer.from('ff', 'hex'))
    )
    const top = der.readSingle(encoded)
    const [i, o, n] = der.children(encoded, top)
    assert.equal(der.integerHex(der.contentOf(encoded, i)), '010001')
    assert.equal(der.decodeOid(der.contentOf(encoded, o)), '1.2.840.113549.1.1.11')
    // a high bit gets a leading zero byte so that the INTEGER stays positive
    assert.equal(der.contentOf(encoded, n).toString('hex'), '00ff')
    assert.throws(() => der.readSingle(Buffer.concat([encoded, Buffer.from([0])])))
  })

  test('garbage, truncated and empty OCSP requests are malformed', ({ assert }) => {
    for (const bad of [
      Buffer.from('hello world'),
      Buffer.from([0x30, 0x05, 0x30]),
      Buffer.alloc(0),
      der.seq(der.seq()),
    ]) {
      assert.throws(() => parseOcspRequest(bad), MalformedOcspRequest)
    }
  })

  test('PIN rules: 6 to 16 letters or digits; new PINs not trivial', ({ assert }) => {
    assert.equal(checkPinFormat('135790'), '135790')
    for (const bad of ['12345', '12 3456', 'a'.repeat(17), 123456 as any]) {
      assert.throws(() => checkPinFormat(bad))
    }
    for (const weak of ['111111', '123456', '654321', '0123456789']) {
      const error = (() => {
        try {
          checkNewPin(weak)
        } catch (e) {
          return e as IssuanceError
        }
      })()
      assert.equal(error?.code, 'pin_weak')
    }
    assert.equal(checkNewPin('802615'), '802615')
  })
})
