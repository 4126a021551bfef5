import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { chainFiles, ensureCa, openssl, tempFile, tempPath } from '#tests/unit/issuance/support'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import {
  changePin,
  credentialState,
  exportPkcs12,
  recoverEncryptionKey,
  unlockPin,
} from '#issuance/actions/cloud_keys'
import { decryptEnvelope, signData, signHash, verifySignature } from '#issuance/actions/signing'
import { revoke, suspend } from '#issuance/actions/certificate_status'
import { reissue } from '#issuance/actions/lifecycle'
import { type IssuanceError } from '#issuance/services/errors'
import { residentId } from '#tests/helpers/factories'
import { createHash } from 'node:crypto'

const PIN = '802615'
const EXPORT_PASSWORD = 'Export-Pa55word'

async function pair(pin = PIN) {
  return issueCloudPair({
    profile: 'personal',
    subject: { name: '王五', idNumber: residentId('19851212') },
    pin,
    reference: '2026112100000000001',
  })
}

async function failure(promise: Promise<unknown>): Promise<IssuanceError> {
  try {
    await promise
  } catch (error) {
    return error as IssuanceError
  }
  throw new Error('expected a refusal')
}

test.group('Issuance · cloud certificates (key pairs kept by CertDesk)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a cloud certificate is a signing and an encryption certificate that openssl verifies', async ({
    assert,
  }) => {
    const cloud = await pair()
    const files = await chainFiles()
    for (const cert of [cloud.signing, cloud.encryption]) {
      const result = await openssl([
        'verify',
        '-CAfile',
        files.root,
        '-untrusted',
        files.issuing,
        tempFile('c.pem', cert.pem),
      ])
      assert.equal(result.code, 0, result.stderr)
    }
    const signText = (await openssl(['x509', '-noout', '-text'], cloud.signing.pem)).stdout
    const encText = (await openssl(['x509', '-noout', '-text'], cloud.encryption.pem)).stdout
    assert.include(signText, 'Digital Signature, Non Repudiation')
    assert.notInclude(signText, 'Key Encipherment')
    assert.include(encText, 'Key Encipherment, Data Encipherment')
    assert.notInclude(encText, 'Digital Signature')
    assert.equal(cloud.signing.credentialId, cloud.credentialId)

    const row = await db.from('cloud_credentials').where('id', cloud.credentialId).first()
    assert.equal(row.sign_serial, cloud.signing.serial)
    assert.notInclude(row.key_box, 'PRIVATE KEY')
    assert.exists(await db.from('archived_keys').where('serial', cloud.encryption.serial).first())
    const state = await credentialState(cloud.credentialId)
    assert.isTrue(state.pinIsInitial)
    assert.equal(state.remainingAttempts, 5)
  })

  test('PKCS#12 opens in openssl with the export password, not with the PIN or a wrong one', async ({
    assert,
  }) => {
    const cloud = await pair()
    const exported = await exportPkcs12({
      credentialId: cloud.credentialId,
      pin: PIN,
      exportPassword: EXPORT_PASSWORD,
    })
    const file = tempFile('cloud.p12', exported.pkcs12)
    const good = await openssl([
      'pkcs12',
      '-info',
      '-in',
      file,
      '-passin',
      `pass:${EXPORT_PASSWORD}`,
      '-nodes',
    ])
    assert.equal(good.code, 0, good.stderr)
    assert.include(good.stdout, '-----BEGIN PRIVATE KEY-----')
    assert.include(good.stdout, cloud.signing.pem.split('\n')[1])
    assert.include(good.stderr + good.stdout, 'MAC: sha256')
    for (const wrong of [PIN, '000000']) {
      const bad = await openssl([
        'pkcs12',
        '-info',
        '-in',
        file,
        '-passin',
        `pass:${wrong}`,
        '-nodes',
      ])
      assert.notEqual(bad.code, 0)
      assert.match(bad.stderr, /mac verify|invalid password/i)
    }
  })

  test('PKCS#1 and CMS signatures verify with openssl and with our verifier', async ({
    assert,
  }) => {
    const cloud = await pair()
    const files = await chainFiles()
    const data = Buffer.from('投标文件：示例项目第 1 标段，报价 1,000,000.00 元')
    const dataFile = tempFile('data.bin', data)

    const pkcs1 = await signData({
      credentialId: cloud.credentialId,
      pin: PIN,
      data,
      format: 'pkcs1',
      purpose: '投标文件签名',
    })
    const pubFile = tempPath('pub.pem')
    await openssl([
      'x509',
      '-in',
      tempFile('sign.pem', pkcs1.certificatePem),
      '-pubkey',
      '-noout',
      '-out',
      pubFile,
    ])
    const dgst = await openssl([
      'dgst',
      '-sha256',
      '-verify',
      pubFile,
      '-signature',
      tempFile('sig.bin', pkcs1.signature),
      dataFile,
    ])
    assert.include(dgst.stdout, 'Verified OK')
    const ok = await verifySignature({
      format: 'pkcs1',
      data,
      signature: pkcs1.signatureBase64,
      serial: pkcs1.serial,
    })
    assert.isTrue(ok.valid)
    assert.equal(ok.certificateStatus, 'valid')
    const tampered = await verifySignature({
      format: 'pkcs1',
      data: Buffer.from('别的内容'),
      signature: pkcs1.signature,
      serial: pkcs1.serial,
    })
    assert.isFalse(tampered.valid)

    const cms = await signHash({
      credentialId: cloud.credentialId,
      pin: PIN,
      hash: createHash('sha256').update(data).digest('hex'),
      format: 'cms',
    })
    const verify = await openssl([
      'cms',
      '-verify',
      '-inform',
      'DER',
      '-in',
      tempFile('sig.p7s', cms.signature),
      '-content',
      dataFile,
      '-binary',
      '-CAfile',
      files.root,
      '-certfile',
      files.issuing,
      '-out',
      tempPath('out.bin'),
    ])
    assert.equal(verify.code, 0, verify.stderr)
    assert.include(verify.stderr, 'Verification successful')
    const ours = await verifySignature({ format: 'cms', data, signature: cms.signature })
    assert.isTrue(ours.valid)
    assert.equal(ours.serial, cloud.signing.serial)
    assert.instanceOf(ours.signingTime, Date)
    const wrong = await verifySignature({
      format: 'cms',
      data: Buffer.from('x'),
      signature: cms.signature,
    })
    assert.isFalse(wrong.valid)
    assert.include(wrong.reason!, '摘要不一致')

    const signs = await db
      .from('audit_logs')
      .where('action', 'issuance.credential.sign')
      .where('subject_id', cloud.credentialId)
    assert.lengthOf(signs, 2)
  })

  test('a CMS signature made by openssl with the exported key verifies with our verifier', async ({
    assert,
  }) => {
    const cloud = await pair()
    const exported = await exportPkcs12({
      credentialId: cloud.credentialId,
      pin: PIN,
      exportPassword: EXPORT_PASSWORD,
    })
    const pem = (
      await openssl([
        'pkcs12',
        '-in',
        tempFile('x.p12', exported.pkcs12),
        '-passin',
        `pass:${EXPORT_PASSWORD}`,
        '-nodes',
      ])
    ).stdout
    const keyFile = tempFile('key.pem', pem.slice(pem.indexOf('-----BEGIN PRIVATE KEY-----')))
    const data = Buffer.from('开标记录')
    const sig = await openssl([
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-outform',
      'DER',
      '-signer',
      tempFile('s.pem', cloud.signing.pem),
      '-inkey',
      keyFile,
      '-in',
      tempFile('d.bin', data),
    ])
    assert.equal(sig.code, 0, sig.stderr)
    const result = await verifySignature({ format: 'cms', data, signature: sig.out })
    assert.isTrue(result.valid, result.reason)
    assert.equal(result.serial, cloud.signing.serial)
  })

  test('an envelope made by `openssl cms -encrypt` is opened by the decrypt service', async ({
    assert,
  }) => {
    const cloud = await pair()
    const secret = Buffer.from('投标报价：壹佰万元整（密封）')
    const recip = tempFile('enc.pem', cloud.encryption.pem)
    for (const [cipher, ...keyopt] of [
      ['-aes256'],
      ['-aes128', '-keyopt', 'rsa_padding_mode:oaep'],
      ['-des3'],
    ]) {
      const env = await openssl([
        'cms',
        '-encrypt',
        '-binary',
        '-outform',
        'DER',
        cipher,
        '-in',
        tempFile('p.bin', secret),
        '-recip',
        recip,
        ...keyopt,
      ])
      assert.equal(env.code, 0, env.stderr)
      const opened = await decryptEnvelope({
        credentialId: cloud.credentialId,
        pin: PIN,
        envelope: env.out,
        purpose: '开标解密',
      })
      assert.equal(opened.content.toString('utf8'), secret.toString('utf8'))
      assert.equal(opened.serial, cloud.encryption.serial)
    }
    // PEM (S/MIME-less) form too
    const pemEnv = await openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-outform',
      'PEM',
      '-aes256',
      '-in',
      tempFile('p.bin', secret),
      recip,
    ])
    const opened = await decryptEnvelope({
      credentialId: cloud.credentialId,
      pin: PIN,
      envelope: pemEnv.stdout,
    })
    assert.equal(opened.content.toString('utf8'), secret.toString('utf8'))

    const other = await pair()
    const foreign = await openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-outform',
      'DER',
      '-aes256',
      '-in',
      tempFile('p.bin', secret),
      tempFile('o.pem', other.encryption.pem),
    ])
    const error = await failure(
      decryptEnvelope({ credentialId: cloud.credentialId, pin: PIN, envelope: foreign.out })
    )
    assert.equal(error.code, 'envelope_not_for_key')
    const garbage = await failure(
      decryptEnvelope({
        credentialId: cloud.credentialId,
        pin: PIN,
        envelope: Buffer.from('not an envelope'),
      })
    )
    assert.equal(garbage.code, 'envelope_invalid')
  })

  test('wrong PINs are counted; the fifth locks the key until unlock', async ({ assert }) => {
    const cloud = await pair()
    for (let left = 4; left >= 1; left--) {
      const error = await failure(
        signData({ credentialId: cloud.credentialId, pin: '999999', data: 'x', format: 'pkcs1' })
      )
      assert.equal(error.code, 'pin_wrong')
      assert.equal(error.message, `PIN 码错误，还可尝试 ${left} 次`)
    }
    const fifth = await failure(
      signData({ credentialId: cloud.credentialId, pin: '999999', data: 'x', format: 'pkcs1' })
    )
    assert.equal(fifth.code, 'pin_locked')
    const evenRight = await failure(
      signData({ credentialId: cloud.credentialId, pin: PIN, data: 'x', format: 'pkcs1' })
    )
    assert.equal(evenRight.code, 'pin_locked')
    assert.include(evenRight.message, '请先办理 PIN 码解锁')
    const state = await credentialState(cloud.credentialId)
    assert.isTrue(state.locked)
    assert.equal(state.remainingAttempts, 0)
    const wrongs = await db
      .from('audit_logs')
      .where('action', 'issuance.credential.pin_wrong')
      .where('subject_id', cloud.credentialId)
    assert.lengthOf(wrongs, 5)

    // PIN unlock after the caller's identity check: a new PIN, the old one no longer works
    await assert.rejects(
      () => unlockPin({ credentialId: cloud.credentialId, newPin: '123456' }),
      'PIN 码过于简单（不能为相同或连续的数字），请重新设置'
    )
    await unlockPin({
      credentialId: cloud.credentialId,
      newPin: '730914',
      note: '已核验身份证与人脸',
    })
    assert.isFalse((await credentialState(cloud.credentialId)).locked)
    const signed = await signData({
      credentialId: cloud.credentialId,
      pin: '730914',
      data: 'x',
      format: 'pkcs1',
    })
    assert.lengthOf(signed.signature, 256)
    const old = await failure(
      signData({ credentialId: cloud.credentialId, pin: PIN, data: 'x', format: 'pkcs1' })
    )
    assert.equal(old.code, 'pin_wrong')
  })

  test('PINs tried at the same moment are each counted: a burst cannot outrun the lock', async ({
    assert,
  }) => {
    const cloud = await pair()
    const guesses = [
      '100001',
      '100002',
      '100003',
      '100004',
      '100005',
      '100006',
      '100007',
      '100008',
      '100009',
    ]
    const outcomes = await Promise.allSettled(
      guesses.map((pin) =>
        signData({ credentialId: cloud.credentialId, pin, data: 'x', format: 'pkcs1' })
      )
    )
    assert.isTrue(
      outcomes.every((o) => o.status === 'rejected'),
      'no wrong PIN signs'
    )
    const codes = outcomes.map((o) => (o as PromiseRejectedResult).reason.code)
    assert.isTrue(
      codes.every((c) => c === 'pin_wrong' || c === 'pin_locked'),
      codes.join(',')
    )
    assert.isAtMost(
      codes.filter((c) => c === 'pin_wrong').length,
      4,
      'at most four are told to try again'
    )
    assert.isAtLeast(
      codes.filter((c) => c === 'pin_locked').length,
      5,
      'the fifth compared and every later try are told the key is locked'
    )
    const state = await credentialState(cloud.credentialId)
    assert.isTrue(state.locked)
    assert.equal(state.pinFailures, 5, 'no more than five PINs are ever compared')
    const wrongs = await db
      .from('audit_logs')
      .where('action', 'issuance.credential.pin_wrong')
      .where('subject_id', cloud.credentialId)
    assert.lengthOf(wrongs, 5, 'one audit entry per wrong PIN compared')

    const right = await failure(
      signData({ credentialId: cloud.credentialId, pin: PIN, data: 'x', format: 'pkcs1' })
    )
    assert.equal(
      right.code,
      'pin_locked',
      'the right PIN, tried after the burst, finds the key locked'
    )
  })

  test('changing the PIN needs the old one; a correct PIN resets the counter', async ({
    assert,
  }) => {
    const cloud = await pair()
    const wrongOld = await failure(
      changePin({ credentialId: cloud.credentialId, oldPin: '111112', newPin: '468024' })
    )
    assert.equal(wrongOld.code, 'pin_wrong')
    assert.equal((await credentialState(cloud.credentialId)).pinFailures, 1)
    await assert.rejects(
      () => changePin({ credentialId: cloud.credentialId, oldPin: PIN, newPin: PIN }),
      '新 PIN 码不能与原 PIN 码相同'
    )
    await changePin({ credentialId: cloud.credentialId, oldPin: PIN, newPin: '468024' })
    const state = await credentialState(cloud.credentialId)
    assert.equal(state.pinFailures, 0)
    assert.isFalse(state.pinIsInitial)
    await signData({ credentialId: cloud.credentialId, pin: '468024', data: 'x', format: 'cms' })
  })

  test('a suspended cloud certificate cannot sign; a revoked one has its keys destroyed', async ({
    assert,
  }) => {
    const cloud = await pair()
    const frozen = await suspend(cloud.signing.serial, { note: '挂失' })
    assert.sameMembers(frozen.serials, [cloud.signing.serial, cloud.encryption.serial])
    const refused = await failure(
      signData({ credentialId: cloud.credentialId, pin: PIN, data: 'x', format: 'pkcs1' })
    )
    assert.include(refused.message, '已冻结')

    const revoked = await revoke(cloud.encryption.serial, 'cessationOfOperation', { note: '注销' })
    assert.sameMembers(revoked.serials, [cloud.signing.serial, cloud.encryption.serial])
    const row = await db.from('cloud_credentials').where('id', cloud.credentialId).first()
    assert.equal(row.status, 'destroyed')
    assert.isNull(row.key_box)
    const gone = await failure(
      signData({ credentialId: cloud.credentialId, pin: PIN, data: 'x', format: 'pkcs1' })
    )
    assert.equal(gone.code, 'credential_inactive')
    // the encryption key survives in the archive
    assert.exists(await db.from('archived_keys').where('serial', cloud.encryption.serial).first())
  })

  test('after a reissue (lost phone) old envelopes still open with the new keys and PIN', async ({
    assert,
  }) => {
    const cloud = await pair()
    const secret = Buffer.from('去年的投标文件')
    const env = await openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-outform',
      'DER',
      '-aes256',
      '-in',
      tempFile('p.bin', secret),
      tempFile('e.pem', cloud.encryption.pem),
    ])

    const result = await reissue({
      serial: cloud.signing.serial,
      reason: 'keyCompromise',
      pin: '517293',
    })
    assert.equal(result.kind, 'cloud')
    if (result.kind !== 'cloud') return
    assert.notEqual(result.pair.credentialId, cloud.credentialId)
    assert.notEqual(result.pair.encryption.serial, cloud.encryption.serial)
    assert.equal(result.pair.signing.notAfter.getTime(), cloud.signing.notAfter.getTime())
    assert.equal(result.pair.signing.subjectDn, cloud.signing.subjectDn)

    const opened = await decryptEnvelope({
      credentialId: result.pair.credentialId,
      pin: '517293',
      envelope: env.out,
    })
    assert.equal(opened.content.toString('utf8'), secret.toString('utf8'))
    assert.equal(opened.serial, cloud.encryption.serial)

    const old = await db
      .from('issued_certificates')
      .whereIn('serial', [cloud.signing.serial, cloud.encryption.serial])
      .select('status', 'revocation_reason')
    assert.deepEqual(
      old.map((r) => [r.status, r.revocation_reason]),
      [
        ['revoked', 'keyCompromise'],
        ['revoked', 'keyCompromise'],
      ]
    )
    const audit = await db
      .from('audit_logs')
      .where('action', 'issuance.certificate.reissue')
      .where('subject_id', result.pair.signing.serial)
      .first()
    assert.exists(audit)
  })

  test("key recovery puts an archived encryption key into the holder's current credential", async ({
    assert,
  }) => {
    const idNumber = residentId('19780101')
    const first = await issueCloudPair({
      profile: 'expert',
      subject: { name: '赵六', idNumber, organization: '示例大学' },
      pin: PIN,
    })
    const secret = Buffer.from('评标意见')
    const env = await openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-outform',
      'DER',
      '-aes256',
      '-in',
      tempFile('p.bin', secret),
      tempFile('e.pem', first.encryption.pem),
    ])
    await revoke(first.signing.serial, 'cessationOfOperation')
    const second = await issueCloudPair({
      profile: 'expert',
      subject: { name: '赵六', idNumber, organization: '示例大学' },
      pin: '246813',
    })
    const before = await failure(
      decryptEnvelope({ credentialId: second.credentialId, pin: '246813', envelope: env.out })
    )
    assert.equal(before.code, 'envelope_not_for_key')

    const recovered = await recoverEncryptionKey({
      serial: first.encryption.serial,
      intoCredentialId: second.credentialId,
      note: '持有人申请恢复',
    })
    assert.isFalse(recovered.alreadyPresent)
    const opened = await decryptEnvelope({
      credentialId: second.credentialId,
      pin: '246813',
      envelope: env.out,
    })
    assert.equal(opened.content.toString('utf8'), '评标意见')

    const stranger = await pair()
    await assert.rejects(
      () =>
        recoverEncryptionKey({
          serial: first.encryption.serial,
          intoCredentialId: stranger.credentialId,
        }),
      '加密密钥只能恢复到同一持有人的云证书'
    )
  })
})
