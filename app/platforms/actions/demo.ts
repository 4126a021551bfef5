import { createHash, randomBytes } from 'node:crypto'
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

/** an envelope (CMS EnvelopedData, AES-256-CBC) of a fresh bid key for an encryption certificate */
export function demoEnvelope(encPubCertBase64: string) {
  const key = randomBytes(32)
  const der = Buffer.from(encPubCertBase64, 'base64')
  const cert = forge.pki.certificateFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')))
  )
  const p7 = forge.pkcs7.createEnvelopedData()
  p7.addRecipient(cert)
  p7.content = forge.util.createBuffer(key.toString('binary'))
  p7.encrypt(undefined, forge.pki.oids['aes256-CBC'])
  const envelope = Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary').toString(
    'base64'
  )
  return { envelope, keyFingerprint: createHash('sha256').update(key).digest('hex').slice(0, 16) }
}

export async function startDemoSession(
  integration: Integration,
  type: string,
  fromSessionId?: string
) {
  if (type === 'sign') {
    return createSession(integration, {
      type: 'sign',
      hash: createHash('sha256').update(DEMO_DOCUMENT).digest('hex'),
      title: '演示投标文件签名',
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
