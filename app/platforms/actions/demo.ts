import {
  X509Certificate,
  constants,
  createCipheriv,
  createHash,
  publicEncrypt,
  randomBytes,
} from 'node:crypto'
import forge from 'node-forge'
import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { listPlatforms } from '#catalog/queries/admin'
import Integration from '#platforms/models/integration'
import PlatformSession from '#platforms/models/session'
import { sealSecrets } from '#platforms/services/secrets'
import { createSession } from './sessions.js'

/**
 * The demo platform (沙箱): an integration of the mutual-recognition
 * adapter for the first trading platform of the demo catalog, made once
 * when demo data is on; its page plays the platform (creates sessions,
 * shows the QR, verifies what comes back) without the signed HTTP API.
 */
export const DEMO_DOCUMENT = '【沙箱】演示招标项目 · 投标文件摘要：本文件仅用于演示扫码签名。'

export const DEMO_MESSAGE =
  '【沙箱】本人确认参加演示招标项目第一包的投标，并对投标文件的真实性负责。'

export async function ensureDemoIntegration() {
  const existing = await Integration.query().where('sandbox', true).first()
  if (existing) return existing
  const platforms = await listPlatforms({})
  const platform = platforms.find((p) => p.status === 'active')
  if (!platform) return null
  if (await Integration.query().where('platform_id', platform.id).first()) return null
  return db.transaction(async (trx) => {
    const integration = await Integration.create(
      {
        platformId: platform.id,
        platformName: platform.name,
        adapter: 'mutual_recognition',
        enabled: true,
        appId: `pk_demo${randomBytes(8).toString('hex')}`,
        platformCode: 'DEMO0000001',
        callbackUrl: null,
        config: { org_name: '演示平台运营单位' },
        secretsEnc: sealSecrets({ apiSecret: randomBytes(32).toString('hex'), fields: {} }),
        sandbox: true,
      },
      { client: trx }
    )
    await audit.record(
      {
        action: 'platforms.integration.create',
        subjectType: 'platform_integration',
        subjectId: integration.id,
        data: { platform: platform.name, adapter: 'mutual_recognition', sandbox: true },
        actor: { type: 'system', name: '演示数据' },
      },
      trx
    )
    return integration
  })
}

/**
 * What a platform does at bid time: a fresh bid key sealed for the
 * holder's encryption certificate as CMS EnvelopedData (RFC 5652: one
 * KeyTransRecipientInfo by issuer and serial, RSA PKCS#1 v1.5, content
 * AES-256-CBC). The issuer and serial are copied from the certificate's
 * own bytes, as OpenSSL does.
 */
export function demoEnvelope(encPubCertBase64: string) {
  const { asn1 } = forge
  const key = randomBytes(32)
  const der = Buffer.from(encPubCertBase64, 'base64')
  const certAsn1 = asn1.fromDer(forge.util.createBuffer(der.toString('binary')))
  const tbs = (certAsn1.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[]
  const at = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0
  const serial = tbs[at]
  const issuer = tbs[at + 2]
  const cek = randomBytes(32)
  const iv = randomBytes(16)
  const encryptedKey = publicEncrypt(
    { key: new X509Certificate(der).publicKey, padding: constants.RSA_PKCS1_PADDING },
    cek
  )
  const cipher = createCipheriv('aes-256-cbc', cek, iv)
  const content = Buffer.concat([cipher.update(key), cipher.final()])
  const bin = (b: Buffer) => b.toString('binary')
  const seq = (items: forge.asn1.Asn1[]) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items)
  const oid = (o: string) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes())
  const octets = (b: Buffer) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bin(b))
  const int0 = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x00')
  const enveloped = seq([
    int0(),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [
      seq([
        int0(),
        seq([issuer, serial]),
        seq([
          oid('1.2.840.113549.1.1.1'),
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
        ]),
        octets(encryptedKey),
      ]),
    ]),
    seq([
      oid('1.2.840.113549.1.7.1'),
      seq([oid('2.16.840.1.101.3.4.1.42'), octets(iv)]),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, bin(content)),
    ]),
  ])
  const contentInfo = seq([
    oid('1.2.840.113549.1.7.3'),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [enveloped]),
  ])
  const envelope = Buffer.from(asn1.toDer(contentInfo).getBytes(), 'binary').toString('base64')
  return { envelope, keyFingerprint: createHash('sha256').update(key).digest('hex').slice(0, 16) }
}

export async function startDemoSession(
  integration: Integration,
  type: string,
  fromSessionId?: string
) {
  if (type === 'sign' || type === 'seal_sign') {
    return createSession(integration, {
      type,
      hash: createHash('sha256').update(DEMO_DOCUMENT).digest('hex'),
      title: type === 'sign' ? '演示投标文件签名' : '演示投标文件签章',
    })
  }
  if (type === 'message_sign') {
    return createSession(integration, {
      type,
      message: DEMO_MESSAGE,
      title: '演示消息签名',
    })
  }
  if (type === 'decrypt') {
    const from = fromSessionId
      ? await PlatformSession.query()
          .where('id', fromSessionId)
          .where('integration_id', integration.id)
          .where('kind', 'encrypt')
          .where('state', 'done')
          .first()
      : null
    if (!from?.result?.encPubCert) return null
    const { envelope, keyFingerprint } = demoEnvelope(String(from.result.encPubCert))
    return createSession(integration, {
      type: 'decrypt',
      envelope,
      openAt: new Date(Date.now() - 1000).toISOString(),
      title: `演示开标解密（投标密钥指纹 ${keyFingerprint}）`,
    })
  }
  return createSession(integration, {
    type: type === 'encrypt' ? 'encrypt' : 'login',
    title: '演示平台',
  })
}
