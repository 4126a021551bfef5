import { createHmac, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { appUrl } from '#config/app'
import { dbTime } from '#core/db_time'
import { signData, signHash, decryptEnvelope } from '#issuance/actions/signing'
import { IssuanceError } from '#issuance/actions/errors'
import { certificatePem } from '#issuance/queries/certificates'
import { ownCertificates, type CertificateView } from '#certificates/queries/certificates'
import { usableSealsOf, sealImage, type UsableSeal } from '#seals/queries/seals'
import { recordSealUse } from '#seals/actions/grants'
import Integration from '#platforms/models/integration'
import PlatformSession, { type SessionKind } from '#platforms/models/session'
import PlatformAccount from '#platforms/models/account'
import { PlatformError } from '#platforms/errors'
import { adapterNamed } from '#platforms/adapters/registry'
import { KIND_CAPABILITY, type SessionFacts } from '#platforms/adapters/contract'
import { queueWebhook } from './webhooks.js'
import { assertPackageLeft, chargeOneUse } from './packages.js'
import type { PackageOwner } from '#platforms/models/package'

/**
 * QR sessions: a platform asks (login, a signature over a hash, the
 * encryption certificate, opening a digital envelope); the holder opens
 * the QR's page on the phone, picks a certificate, types the PIN; the
 * platform polls and fetches the result, and hears of each step by
 * webhook. Every transition is audited.
 */
export const SESSION_TTL_SECONDS = 300
/** the longest message a platform may ask to be signed (characters) */
export const MESSAGE_MAX = 4000

export function platformActor(integration: Integration): AuditActor {
  return { type: 'platform', id: integration.id, name: integration.platformName }
}

export function baseUrl() {
  return appUrl.replace(/\/+$/, '')
}

export function sessionFacts(session: PlatformSession, integration: Integration): SessionFacts {
  return {
    id: session.id,
    tid: session.tid,
    kind: session.kind,
    state: session.state,
    platformCode: integration.platformCode,
    platformName: integration.platformName,
    scanUrl: `${baseUrl()}/platform-scan/${session.tid}`,
    baseUrl: baseUrl(),
    result: session.result,
    error: session.error,
  }
}

export async function qrContentOf(session: PlatformSession, integration: Integration) {
  const adapter = await adapterNamed(integration.adapter)
  const facts = sessionFacts(session, integration)
  return adapter?.hooks.qrContent?.(facts) ?? facts.scanUrl
}

export interface SessionRequest {
  type: SessionKind
  /** sign / seal_sign: SHA-256 of the document, 64 hex */
  hash?: string
  /** message_sign: the text to sign (UTF-8, shown to the holder) */
  message?: string
  /** decrypt: CMS EnvelopedData (base64 DER or PEM) */
  envelope?: string
  /** decrypt: the bid opening time (ISO 8601); no decryption before it */
  openAt?: string
  /** shown to the holder */
  title?: string
  ttlSeconds?: number
}

export async function createSession(integration: Integration, input: SessionRequest) {
  const adapter = await adapterNamed(integration.adapter)
  if (!(input.type in KIND_CAPABILITY))
    throw new PlatformError('type 取值为 login、sign、seal_sign、message_sign、encrypt、decrypt', {
      field: 'type',
      code: 'type_invalid',
    })
  if (!adapter || !adapter.capabilities.includes(KIND_CAPABILITY[input.type]))
    throw new PlatformError('该平台的适配器不支持此操作', {
      field: 'type',
      code: 'capability_missing',
    })
  const request: Record<string, unknown> = { title: input.title?.slice(0, 100) ?? null }
  let openAt: DateTime | null = null
  if (input.type === 'sign' || input.type === 'seal_sign') {
    if (!/^[0-9a-fA-F]{64}$/.test(input.hash ?? ''))
      throw new PlatformError('hash 须为 SHA-256 摘要（64 位十六进制）', {
        field: 'hash',
        code: 'hash_invalid',
      })
    request.hash = input.hash!.toLowerCase()
  }
  if (input.type === 'message_sign') {
    const message = input.message ?? ''
    if (!message.trim() || message.length > MESSAGE_MAX)
      throw new PlatformError(`message 须为 1–${MESSAGE_MAX} 个字符的待签消息`, {
        field: 'message',
        code: 'message_invalid',
      })
    request.message = message
  }
  if (input.type === 'decrypt') {
    const envelope = (input.envelope ?? '').trim()
    if (!envelope || envelope.length > 200_000)
      throw new PlatformError('请提供数字信封（CMS EnvelopedData，base64）', {
        field: 'envelope',
        code: 'envelope_missing',
      })
    request.envelope = envelope
    if (input.openAt) {
      openAt = DateTime.fromISO(input.openAt)
      if (!openAt.isValid)
        throw new PlatformError('openAt 须为 ISO 8601 时间', {
          field: 'openAt',
          code: 'open_at_invalid',
        })
    }
  }
  const ttl = Math.min(Math.max(Number(input.ttlSeconds) || SESSION_TTL_SECONDS, 60), 3600)
  return db.transaction(async (trx) => {
    const session = await PlatformSession.create(
      {
        integrationId: integration.id,
        kind: input.type,
        tid: integration.platformCode + randomBytes(12).toString('hex'),
        state: 'created',
        request,
        openAt: openAt?.toUTC() ?? null,
        expiresAt: DateTime.utc().plus({ seconds: ttl }),
      },
      { client: trx }
    )
    await audit.record(
      {
        action: 'platforms.session.create',
        subjectType: 'platform_session',
        subjectId: session.id,
        data: { kind: session.kind, tid: session.tid, platform: integration.platformName },
        actor: platformActor(integration),
      },
      trx
    )
    return session
  })
}

/** a session past its lifetime becomes 已过期 when it is next looked at (audited) */
export async function expireIfDue(session: PlatformSession) {
  if (
    (session.state === 'created' || session.state === 'scanned') &&
    session.expiresAt.toMillis() <= Date.now()
  ) {
    await db.transaction(async (trx) => {
      /* only one of two requests at once moves it (and writes the entry) */
      const moved = await trx
        .from('platform_sessions')
        .where('id', session.id)
        .whereIn('state', ['created', 'scanned'])
        .update({
          state: 'expired',
          finished_at: dbTime(new Date()),
          updated_at: dbTime(new Date()),
        })
      if (!(Number(moved) > 0 || (Array.isArray(moved) && moved.length))) return
      await audit.record(
        {
          action: 'platforms.session.expire',
          subjectType: 'platform_session',
          subjectId: session.id,
          data: { tid: session.tid, expiresAt: session.expiresAt.toISO() },
          actor: { type: 'system', name: '扫码会话' },
        },
        trx
      )
    })
    await session.refresh()
  }
  return session
}

async function integrationOf(session: PlatformSession) {
  return Integration.findOrFail(session.integrationId)
}

function assertOpen(session: PlatformSession, userId: string) {
  if (session.userId && session.userId !== userId)
    throw new PlatformError('该二维码已被他人扫描', { status: 404, code: 'not_found' })
  if (!session.isOpen)
    throw new PlatformError(
      session.state === 'expired' || session.expiresAt.toMillis() <= Date.now()
        ? '二维码已过期，请在交易平台上刷新二维码'
        : '该二维码已使用，请在交易平台上刷新二维码',
      { code: 'session_closed', status: 409 }
    )
}

/**
 * One step of a session in one transaction: its new fields, its audit
 * entry, and the callback the adapter has for it (queued, signed, retried).
 */
async function recordStep(
  session: PlatformSession,
  integration: Integration,
  step: {
    change: Partial<ModelAttributes<PlatformSession>>
    action: string
    data: Record<string, unknown>
    hook: 'onScanned' | 'onFinished' | null
    /** more work of the same transaction (e.g. 按量扣费) */
    within?: (trx: TransactionClientContract) => Promise<unknown>
  }
) {
  const adapter = await adapterNamed(integration.adapter)
  await db.transaction(async (trx) => {
    await step.within?.(trx)
    session.merge(step.change)
    await audit.save(session, trx, {
      action: step.action,
      subjectType: 'platform_session',
      data: step.data,
    })
    if (step.hook)
      await queueWebhook(
        integration,
        adapter?.hooks[step.hook]?.(sessionFacts(session, integration)),
        session.id,
        trx
      )
  })
  return session
}

/**
 * The holder opened the QR's page: the session is theirs (scanned), the
 * platform hears scan status 01.
 */
export async function markScanned(session: PlatformSession, who: ScanIdentity) {
  await expireIfDue(session)
  assertOpen(session, who.userId)
  const orgId = who.org?.id ?? null
  if (session.state === 'scanned' && session.orgId === orgId) return session
  return recordStep(session, await integrationOf(session), {
    change: {
      state: 'scanned',
      userId: who.userId,
      orgId,
      scannedAt: session.scannedAt ?? DateTime.utc(),
    },
    action: 'platforms.session.scan',
    data: { tid: session.tid, org: who.org?.name ?? null },
    /* the platform hears of the first scan only (not of a change of identity) */
    hook: session.state === 'scanned' ? null : 'onScanned',
  })
}

/**
 * Who scans: the person, and the org they act for (切换身份, resolved by
 * `#orgs/queries/acting` on every request), if any.
 */
export interface ScanIdentity {
  userId: string
  name?: string | null
  org?: { id: string; name: string; uscc: string } | null
}

/** one of them, or undefined */
export async function usableCertificate(
  userId: string,
  certificateId: string,
  org?: ScanIdentity['org']
) {
  const views = await usableCertificates(userId, org)
  return views.find((v) => v.certificate.id === certificateId)
}

/**
 * The certificates usable on the scan page: the holder's cloud
 * certificates in force (我的证书, their orgs' included). Acting for an
 * org, only that org's (its own, or an enterprise certificate whose
 * subject ID is its USCC); as 自然人 (`org` null), none that belongs to an
 * org; `org` left out: all of them (待办, binding).
 */
export async function usableCertificates(
  userId: string,
  org?: ScanIdentity['org']
): Promise<CertificateView[]> {
  const views = await ownCertificates(userId)
  return views.filter((v) => {
    const cert = v.certificate
    if (v.status !== 'active' || !cert.credentialId || cert.notAfter.toMillis() <= Date.now())
      return false
    if (org === undefined) return true
    if (org === null) return !cert.orgId
    return (
      cert.orgId === org.id ||
      (!cert.orgId && cert.certKind === 'enterprise' && cert.subjectIdNumber === org.uscc)
    )
  })
}

/** the seals the holder may use now; acting for an org, only that org's */
export async function usableSeals(who: ScanIdentity) {
  const seals = await usableSealsOf(who.userId, DateTime.utc())
  return who.org ? seals.filter((s) => s.orgId === who.org!.id) : seals
}

function asPinRefusal(error: unknown): never {
  if (error instanceof IssuanceError) {
    const field = ['pin_wrong', 'pin_locked', 'pin_invalid'].includes(error.code)
      ? 'pin'
      : 'certificate_id'
    throw new PlatformError(error.message, { field, code: error.code, status: error.status })
  }
  throw error
}

/** the opaque id a platform knows a holder by (stable per platform) */
export function openIdFor(integrationId: string, userId: string) {
  const key = env.get('APP_KEY').release()
  return createHmac('sha256', key)
    .update(`platform-open-id:${integrationId}:${userId}`)
    .digest('hex')
    .slice(0, 32)
}

export async function accountFor(integration: Integration, userId: string, trx?: any) {
  const found = await PlatformAccount.query({ client: trx })
    .where('integration_id', integration.id)
    .where('user_id', userId)
    .first()
  if (found) return { account: found, created: false }
  const account = await PlatformAccount.create(
    { integrationId: integration.id, userId, openId: openIdFor(integration.id, userId) },
    { client: trx }
  )
  return { account, created: true }
}

/** one of the seals the holder may use now, or undefined */
export async function usableSeal(who: ScanIdentity, sealId: string) {
  const seals = await usableSeals(who)
  return seals.find((s) => s.id === sealId)
}

/**
 * 签章: the seal the holder picked must be one they may use now (their
 * own in force, or an org seal inside an authorisation window while still
 * a member); anything else is refused before the PIN is spent.
 */
export async function sealToUse(who: ScanIdentity, sealId: string | undefined) {
  if (!sealId)
    throw new PlatformError('请选择要使用的印章', { field: 'seal_id', code: 'seal_missing' })
  const seal = await usableSeal(who, sealId)
  if (!seal)
    throw new PlatformError(
      '您当前无权使用该印章（未授权、授权已过期或已撤回、已不是机构成员，或印章已注销）',
      { field: 'seal_id', code: 'seal_unusable', status: 403 }
    )
  return seal
}

/** what the platform stamps: the image and the GB/T 38540 seal data */
async function sealFacts(seal: UsableSeal) {
  const image = await sealImage(seal.id)
  return {
    sealId: seal.id,
    esID: seal.code,
    name: seal.name,
    kind: seal.kind,
    kindLabel: seal.kindLabel,
    ownerType: seal.ownerType,
    image: image ? Buffer.from(image).toString('base64') : null,
    imageType: 'image/png',
    imageSha256: seal.imageSha256,
    sealData: seal.eslData,
    sealDataSignature: seal.eslSignature,
  }
}

const derBase64 = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')

/**
 * The holder confirms with a certificate and the PIN: the CA does the
 * operation (a wrong PIN counts towards the lock, audited by the CA), the
 * result is kept for the platform, the platform hears of it.
 */
export async function completeSession(
  session: PlatformSession,
  who: ScanIdentity,
  input: { certificateId: string; pin: string; sealId?: string }
) {
  const userId = who.userId
  await expireIfDue(session)
  assertOpen(session, userId)
  const seal = session.kind === 'seal_sign' ? await sealToUse(who, input.sealId) : null
  const integration = await integrationOf(session)
  const payer: PackageOwner = who.org ? { orgId: who.org.id } : { userId }
  await assertPackageLeft(integration, payer)
  const view = await usableCertificate(userId, input.certificateId, who.org)
  if (!view)
    throw new PlatformError(
      who.org
        ? `请选择一张${who.org.name}的有效机构证书（已冻结、已注销或已过期的证书不能使用）`
        : '请选择一张有效的证书（已冻结、已注销或已过期的证书不能使用）',
      { field: 'certificate_id', code: 'certificate_unusable' }
    )
  const cert = view.certificate
  const credentialId = cert.credentialId!
  const reference = session.tid
  const loginUserType = cert.certKind === 'enterprise' ? '02' : '01'
  /* the subject as the platform records it: 01 a person, 02 an org (name and USCC) */
  const subject = {
    loginUserType,
    userName: who.name ?? cert.subjectName,
    orgName: who.org?.name ?? cert.subjectOrgName,
    orgUscc: who.org?.uscc ?? (loginUserType === '02' ? cert.subjectIdNumber : null),
  }
  const request = session.request ?? {}
  if (session.kind === 'decrypt' && session.openAt && session.openAt.toMillis() > Date.now())
    throw new PlatformError(
      `未到开标时间（${session.openAt.setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm')}），不能解密`,
      { code: 'not_open_yet', status: 409 }
    )
  let result: Record<string, unknown>
  try {
    if (session.kind === 'login') {
      const challenge = `${session.tid}:${session.createdAt.toMillis()}`
      const signed = await signData({
        credentialId,
        pin: input.pin,
        data: Buffer.from(challenge),
        format: 'cms',
        purpose: 'platform.login',
        reference,
      })
      const { account } = await accountFor(integration, userId)
      result = {
        ...subject,
        openId: account.openId,
        certSn: signed.serial,
        signCert: derBase64(signed.certificatePem),
        challenge,
        signature: signed.signatureBase64,
        signedAt: signed.signedAt,
      }
    } else if (session.kind === 'sign' || session.kind === 'seal_sign') {
      const signed = await signHash({
        credentialId,
        pin: input.pin,
        hash: String(request.hash),
        format: 'cms',
        purpose: `platform.${session.kind}`,
        reference,
      })
      result = {
        ...subject,
        certSn: signed.serial,
        signCert: derBase64(signed.certificatePem),
        hash: request.hash,
        signature: signed.signatureBase64,
        signedAt: signed.signedAt,
        verified: '验签成功',
      }
      if (seal) {
        result.seal = await sealFacts(seal)
        await recordSealUse({
          sealId: seal.id,
          userId,
          operatorName: subject.userName,
          resourceName: request.title ? String(request.title) : `文件摘要 ${request.hash}`,
          systemName: integration.platformName,
          operation: '扫码签章',
        })
      }
    } else if (session.kind === 'message_sign') {
      const message = String(request.message)
      const signed = await signData({
        credentialId,
        pin: input.pin,
        data: Buffer.from(message, 'utf8'),
        format: 'cms',
        purpose: 'platform.message_sign',
        reference,
      })
      result = {
        ...subject,
        certSn: signed.serial,
        signCert: derBase64(signed.certificatePem),
        message,
        signature: signed.signatureBase64,
        signedAt: signed.signedAt,
        verified: '验签成功',
      }
    } else if (session.kind === 'encrypt') {
      /* the PIN proves the holder (a signature nobody sees) */
      await signData({
        credentialId,
        pin: input.pin,
        data: Buffer.from(session.tid),
        format: 'pkcs1',
        purpose: 'platform.encrypt',
        reference,
      })
      const encSerial = cert.encSerial ?? cert.serial
      const pem = await certificatePem(encSerial)
      result = {
        loginUserType,
        encCertSn: encSerial,
        encPubCert: pem ? derBase64(pem) : null,
        alg: 'RSA',
      }
    } else {
      const opened = await decryptEnvelope({
        credentialId,
        pin: input.pin,
        envelope: String(request.envelope),
        purpose: 'platform.decrypt',
        reference,
      })
      result = {
        loginUserType,
        encCertSn: opened.serial,
        symmetricKey: opened.content.toString('base64'),
      }
    }
  } catch (error) {
    asPinRefusal(error)
  }
  return recordStep(session, integration, {
    change: {
      state: 'done',
      result,
      certificateId: cert.id,
      certificateSerial: cert.serial,
      orgId: who.org?.id ?? null,
      finishedAt: DateTime.utc(),
    },
    within: (trx) => chargeOneUse(integration, payer, trx),
    action: 'platforms.session.complete',
    data: {
      kind: session.kind,
      tid: session.tid,
      serial: cert.serial,
      platform: integration.platformName,
      org: who.org?.name ?? null,
    },
    hook: 'onFinished',
  })
}

/** 取消 (or leaving the page): the session ends, the platform hears it */
export async function abortSession(session: PlatformSession, userId: string) {
  if (session.userId && session.userId !== userId)
    throw new PlatformError('二维码不存在', { status: 404, code: 'not_found' })
  if (!session.isOpen) return session
  return recordStep(session, await integrationOf(session), {
    change: { state: 'aborted', userId, error: '用户取消', finishedAt: DateTime.utc() },
    action: 'platforms.session.abort',
    data: { tid: session.tid },
    hook: 'onFinished',
  })
}
