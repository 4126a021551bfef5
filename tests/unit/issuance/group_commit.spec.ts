import { test } from '@japa/runner'
import { createPublicKey, generateKeyPair, sign } from 'node:crypto'
import { promisify } from 'node:util'
import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { ensureCa } from '#tests/unit/issuance/support'
import { issueFromCsr } from '#issuance/actions/issue_certificate'
import { refreshDueCrls } from '#issuance/actions/crl'
import { caCrlDer } from '#issuance/queries/ca'
import * as der from '#issuance/services/der'
import { encodeName, toPem, SHA256_WITH_RSA } from '#issuance/services/x509'
import { residentId } from '#tests/helpers/factories'

async function csr(type: 'rsa' | 'ec' = 'rsa') {
  const { privateKey } =
    type === 'rsa'
      ? await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
      : await promisify(generateKeyPair)('ec', { namedCurve: 'prime256v1' })
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }) as Buffer
  const info = der.seq(
    der.integer(0),
    encodeName([{ oid: '2.5.4.3', value: 'x' }]),
    spki,
    der.explicit(0, Buffer.alloc(0))
  )
  const alg = type === 'rsa' ? SHA256_WITH_RSA : der.seq(der.oid('1.2.840.10045.4.3.2'))
  return toPem(
    der.seq(info, alg, der.bitString(sign('sha256', info, privateKey))),
    'CERTIFICATE REQUEST'
  )
}

test.group('Issuance · concurrent issuance (group commit)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('twenty certificates issued at once: twenty rows, twenty audit entries, an intact audit chain', async ({
    assert,
  }) => {
    const requests = await Promise.all(Array.from({ length: 20 }, () => csr()))
    const before = Number((await db.from('audit_logs').count('* as n').first()).n)
    const issued = await Promise.all(
      requests.map((csrPem, i) =>
        issueFromCsr({
          csrPem,
          profile: 'personal',
          subject: {
            name: `并发${i}`,
            idNumber: residentId('19900101', '110105', String(100 + i)),
          },
        })
      )
    )
    assert.equal(new Set(issued.map((c) => c.serial)).size, 20)
    const rows = await db.from('issued_certificates').whereIn(
      'serial',
      issued.map((c) => c.serial)
    )
    assert.lengthOf(rows, 20)
    const entries = await db
      .from('audit_logs')
      .where('action', 'issuance.certificate.issue')
      .whereIn(
        'subject_id',
        issued.map((c) => c.serial)
      )
    assert.lengthOf(entries, 20)
    assert.equal(Number((await db.from('audit_logs').count('* as n').first()).n), before + 20)
    const chain = await audit.verify()
    assert.isTrue(chain.ok, chain.reason)
  })

  test('issued at the same time, a key already claimed by another holder is refused; the others are issued', async ({
    assert,
  }) => {
    const shared = await csr()
    const others = await Promise.all([csr(), csr()])
    const results = await Promise.allSettled([
      issueFromCsr({
        csrPem: shared,
        profile: 'personal',
        subject: { name: '甲', idNumber: residentId('19700101') },
      }),
      issueFromCsr({
        csrPem: shared,
        profile: 'personal',
        subject: { name: '乙', idNumber: residentId('19800101') },
      }),
      ...others.map((c, i) =>
        issueFromCsr({
          csrPem: c,
          profile: 'personal',
          subject: { name: `丙${i}`, idNumber: residentId('19850101', '110105', String(200 + i)) },
        })
      ),
    ])
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    assert.lengthOf(refused, 1)
    assert.equal(refused[0].reason.code, 'key_reused')
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 3)
  })

  test('an EC key is refused with a clear message (RSA only)', async ({ assert }) => {
    const error = await issueFromCsr({
      csrPem: await csr('ec'),
      profile: 'personal',
      subject: { name: '丁', idNumber: residentId() },
    }).catch((e) => e)
    assert.equal(error.code, 'key_unsupported')
    assert.include(error.message, '请使用 RSA 密钥')
  })

  test('the background job republishes CRLs that are about to expire, and only those', async ({
    assert,
  }) => {
    const before = (await caCrlDer('issuing'))!
    assert.lengthOf(await refreshDueCrls(new Date()), 0)
    const later = new Date(before.nextUpdate.getTime() - 60 * 60 * 1000)
    const published = await refreshDueCrls(later)
    assert.isAtLeast(published.length, 2)
    const after = (await caCrlDer('issuing'))!
    assert.equal(after.crlNumber, before.crlNumber + 1)
    assert.isAbove(after.nextUpdate.getTime(), before.nextUpdate.getTime())
  })
})
