import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { dbTime } from '#core/db_time'
import { faultPoint } from '#core/fault_points'
import { nextId } from '#core/ids'
import { withLock } from '#core/locks'
import { RuleError } from '#core/rule_error'
import storage from '#core/storage'
import { ownCertificates, type CertificateView } from '#certificates/queries/certificates'
import { signData } from '#issuance/actions/signing'
import {
  extractSealFromPhoto,
  makeSignature,
  makeTemplateSeal,
  type TemplateSealInput,
} from '#seals/actions/seal_images'
import { sealKind, type SealKind } from '#seals/queries/kinds'
import Seal from '#seals/models/seal'
import SealRequest from '#seals/models/seal_request'
import SealGrant from '#seals/models/seal_grant'
import { grantLifecycle, sealLifecycle } from '#seals/lifecycles'
import { buildSealData, sha256Hex } from '#seals/services/seal_data'
import { signSealData } from '#seals/services/office_signer'
import { sealNeedsQuota } from '#seals/services/quota'
import { assertSealQuota, returnSealUse, takeSealUse } from '#seals/actions/packages'

/**
 * Making seals (template, photo, handwritten signature, the automatic
 * personal name seal), replacing a face (更换印章) and revoking (注销).
 * Org seals and seals taken from photos wait for staff review (a
 * SealRequest, #seals/actions/reviews); a person's template seal or
 * signature is in force at once. Every seal is bound to a valid
 * certificate of its owner (数信签 §8.2) and carries its GB/T 38540 data
 * signed by the office. An org's seal takes one use of its 印章套餐
 * (#seals/actions/packages) in the seal's transaction; a person's are free.
 */
export type SealOwner =
  | { type: 'person'; userId: string; name: string; idNumber: string | null }
  | { type: 'org'; userId: string; orgId: string; orgName: string; uscc: string }

export const REASON_MAX = 500

function fail(message: string, field?: string, code?: string): never {
  throw new RuleError(message, { field, code })
}

/** the owner's certificates in force that a seal may be bound to */
export async function bindableCertificates(owner: SealOwner): Promise<CertificateView[]> {
  const views = await ownCertificates(owner.userId)
  return views.filter((view) => {
    if (view.status !== 'active') return false
    const cert = view.certificate
    if (owner.type === 'org') return cert.subjectIdNumber === owner.uscc
    return cert.certKind !== 'enterprise'
  })
}

async function boundCertificate(owner: SealOwner, certificateId?: string | null) {
  const views = await bindableCertificates(owner)
  if (!views.length) {
    fail(
      owner.type === 'org'
        ? '本机构还没有有效的数字证书，请先办理机构证书后再制作印章'
        : '您还没有有效的个人数字证书，请先办理证书后再制作印章',
      'certificate_id',
      'no_certificate'
    )
  }
  if (!certificateId) return views[0]
  const view = views.find((v) => v.certificate.id === certificateId)
  if (!view) fail('请选择有效的数字证书', 'certificate_id')
  return view
}

function checkKind(owner: SealOwner, kind: string) {
  const info = sealKind(kind)
  if (!info || info.owner !== owner.type) fail('请选择印章类型', 'kind')
  return info
}

interface NewSeal {
  owner: SealOwner
  kind: SealKind
  name: string
  source: Seal['source']
  png: Buffer
  width: number
  height: number
  face?: Record<string, unknown> | null
  certificate: CertificateView
  status: 'pending' | 'active'
  actor?: AuditActor
}

async function storeImage(prefix: string, png: Buffer) {
  return storage.put(storage.makeKey(`seals/${prefix}`, 'png'), png)
}

type SealDataFields = Pick<
  Seal,
  | 'code'
  | 'ownerType'
  | 'kind'
  | 'name'
  | 'certSerial'
  | 'certSubject'
  | 'createdAt'
  | 'validFrom'
  | 'validTo'
  | 'imageSha256'
  | 'imageWidth'
  | 'imageHeight'
  | 'orgId'
  | 'ownerUserId'
>

function sealDataText(seal: SealDataFields, ownerName: string) {
  const info = sealKind(seal.kind)
  return buildSealData({
    code: seal.code,
    ownerType: seal.ownerType,
    kind: seal.kind,
    kindLabel: info?.label ?? seal.kind,
    name: seal.name,
    ownerName,
    ownerId: seal.orgId ?? seal.ownerUserId,
    certSerial: seal.certSerial,
    certSubject: seal.certSubject,
    createdAt: seal.createdAt,
    validFrom: seal.validFrom,
    validTo: seal.validTo,
    imageSha256: seal.imageSha256,
    width: seal.imageWidth,
    height: seal.imageHeight,
  })
}

/** the seal's GB/T 38540 data and the office's signature over it (outside any transaction) */
async function sealDataFor(seal: SealDataFields, ownerName: string) {
  const text = sealDataText(seal, ownerName)
  return { text, signature: await signSealData(text, seal.code) }
}

function ownerNameOf(owner: SealOwner) {
  return owner.type === 'org' ? owner.orgName : owner.name
}

/**
 * The seal, ready to be inserted: its image stored and its GB/T 38540 data
 * signed by the office — outside any transaction (the signature is made
 * first; nothing is written to the database here).
 */
async function prepareSeal(input: NewSeal) {
  const now = DateTime.utc()
  const cert = input.certificate.certificate
  const seal = new Seal()
  seal.fill({
    code: nextId(),
    ownerType: input.owner.type,
    ownerUserId: input.owner.type === 'person' ? input.owner.userId : null,
    orgId: input.owner.type === 'org' ? input.owner.orgId : null,
    kind: input.kind,
    name: input.name,
    source: input.source,
    face: input.face ?? null,
    imageKey: await storeImage(
      input.owner.type === 'org' ? input.owner.orgId : input.owner.userId,
      input.png
    ),
    imageSha256: sha256Hex(input.png),
    imageWidth: input.width,
    imageHeight: input.height,
    certSerial: cert.serial,
    certSubject: cert.subjectName,
    validFrom: now,
    validTo: cert.notAfter,
    status: input.status,
    createdById: input.owner.userId,
    eslData: '',
  })
  seal.createdAt = now
  const data = await sealDataFor(seal, ownerNameOf(input.owner))
  seal.eslData = data.text
  seal.eslSignature = data.signature
  return seal
}

/** the prepared seal inserted, in the caller's transaction, with its audit entry */
async function insertSeal(
  seal: Seal,
  actor: AuditActor | undefined,
  trx: TransactionClientContract
) {
  seal.useTransaction(trx)
  await seal.save()
  faultPoint('seals.create.after_insert')
  await audit.record(
    {
      action: 'seals.seal.create',
      subjectType: 'seal',
      subjectId: seal.id,
      data: {
        code: seal.code,
        kind: seal.kind,
        name: seal.name,
        source: seal.source,
        certSerial: seal.certSerial,
        status: seal.status,
        orgId: seal.orgId,
        packageId: seal.packageId ?? null,
      },
      actor,
    },
    trx
  )
  return seal
}

async function openReview(
  trx: TransactionClientContract,
  seal: Seal,
  fields: Partial<SealRequest> & { type: SealRequest['type']; userId: string },
  actor?: AuditActor
) {
  const request = new SealRequest()
  request.fill({ requestNo: nextId(), sealId: seal.id, status: 'pending', ...fields } as any)
  await audit.save(request, trx, {
    action: 'seals.request.submit',
    subjectType: 'seal_request',
    data: { requestNo: request.requestNo, type: request.type, sealId: seal.id },
    actor,
  })
  return request
}

/** refused early (before reading a photo, drawing or signing) when an org has no seal left */
export async function checkQuota(owner: SealOwner) {
  if (sealNeedsQuota(owner.type) && owner.type === 'org') await assertSealQuota(owner.orgId)
}

/** an org seal's use, taken in its transaction (the seal remembers the package) */
async function takeQuota(
  prepared: Seal,
  owner: SealOwner,
  trx: TransactionClientContract,
  actor?: AuditActor
) {
  if (sealNeedsQuota(owner.type) && owner.type === 'org')
    prepared.packageId = await takeSealUse(owner.orgId, trx, actor)
}

/**
 * The prepared seal kept: an org's with its 'create' request for review
 * (it is made 'pending'), a person's alone (in force at once).
 */
async function keepNewSeal(prepared: Seal, owner: SealOwner, actor?: AuditActor) {
  return db.transaction(async (trx) => {
    await takeQuota(prepared, owner, trx, actor)
    const seal = await insertSeal(prepared, actor, trx)
    const request =
      owner.type === 'org'
        ? await openReview(trx, seal, { type: 'create', userId: owner.userId }, actor)
        : null
    return { seal, request }
  })
}

function sealNameOf(owner: SealOwner, kindLabel: string, given?: string | null) {
  const name = (given ?? '').trim()
  if (name) {
    if ([...name].length > 50) fail('印章名称不能超过 50 个字', 'name')
    return name
  }
  return owner.type === 'org' ? `${owner.orgName}${kindLabel}` : `${owner.name}${kindLabel}`
}

/**
 * 模板制作: an org seal waits for review; a person's name seal is in force
 * at once.
 */
export async function makeSealFromTemplate(
  owner: SealOwner,
  input: Omit<TemplateSealInput, 'kind'> & {
    kind: string
    name?: string | null
    certificateId?: string | null
  },
  actor?: AuditActor
) {
  const info = checkKind(owner, input.kind)
  if (info.made !== 'template') fail('手写签名请使用签名板采集', 'kind')
  const certificate = await boundCertificate(owner, input.certificateId)
  await checkQuota(owner)
  const rendered = await makeTemplateSeal({ ...input, kind: info.kind })
  const prepared = await prepareSeal({
    owner,
    kind: info.kind,
    name: sealNameOf(owner, info.label, input.name),
    source: 'template',
    png: rendered.png,
    width: rendered.width,
    height: rendered.height,
    face: {
      text: input.text,
      code: input.code ?? null,
      taxNumber: input.taxNumber ?? null,
      bottomText: input.bottomText ?? null,
      style: input.style ?? null,
    },
    certificate,
    status: owner.type === 'org' ? 'pending' : 'active',
    actor,
  })
  return keepNewSeal(prepared, owner, actor)
}

/**
 * 识别印章: the seal extracted from a photo of the stamped 印章申请书,
 * shown before anything is kept.
 */
export async function recognisePhoto(photo: Buffer) {
  return extractSealFromPhoto(photo)
}

/**
 * 确认新增 (or 转人工审核): a seal taken from a photo always waits for staff
 * review; the extraction's verdict and reasons go with it.
 */
export async function makeSealFromPhoto(
  owner: SealOwner,
  input: {
    kind: string
    name?: string | null
    photo: Buffer
    certificateId?: string | null
    manual?: boolean
  },
  actor?: AuditActor
) {
  const info = checkKind(owner, input.kind)
  const certificate = await boundCertificate(owner, input.certificateId)
  await checkQuota(owner)
  const extracted = await extractSealFromPhoto(input.photo)
  const prepared = await prepareSeal({
    owner,
    kind: info.kind,
    name: sealNameOf(owner, info.label, input.name),
    source: 'photo',
    png: extracted.png,
    width: extracted.width,
    height: extracted.height,
    certificate,
    status: 'pending',
    actor,
  })
  return db.transaction(async (trx) => {
    await takeQuota(prepared, owner, trx, actor)
    const seal = await insertSeal(prepared, actor, trx)
    const request = await openReview(
      trx,
      seal,
      {
        type: 'create',
        userId: owner.userId,
        reason: input.manual ? '申请人转人工审核' : null,
        extraction: {
          confidence: extracted.confidence,
          verdict: extracted.verdict,
          reasons: extracted.reasons,
        },
      },
      actor
    )
    return { seal, request, extracted }
  })
}

/**
 * 手写签名: drawn on the pad (a transparent PNG) or photographed on paper;
 * the certificate's PIN is asked (数信签 §9.1.2) and checked by signing the
 * image's hash with the cloud key. A person's signature is in force at
 * once; an org's 法人手写签名 waits for review.
 */
export async function makeHandwrittenSeal(
  owner: SealOwner,
  input: {
    kind?: string | null
    image: Buffer
    pin: string
    certificateId?: string | null
    name?: string | null
  },
  actor?: AuditActor
) {
  const kind = input.kind || (owner.type === 'org' ? 'legal_rep_signature' : 'personal_signature')
  const info = checkKind(owner, kind)
  if (info.made !== 'signature') fail('请选择手写签名类型', 'kind')
  const pin = (input.pin ?? '').trim()
  if (!pin) fail('请输入证书 PIN 码', 'pin')
  const certificate = await boundCertificate(owner, input.certificateId)
  await checkQuota(owner)
  const credentialId = certificate.certificate.credentialId
  if (!credentialId) fail('所选证书为 Ukey 证书，请选择云证书以校验 PIN 码', 'certificate_id')
  const signature = await makeSignature(input.image)
  try {
    await signData({
      credentialId,
      pin,
      data: Buffer.from(sha256Hex(signature.png)),
      format: 'cms',
      purpose: '采集手写签名',
      actor,
    })
  } catch (error) {
    if (error instanceof RuleError) fail(error.message, 'pin', error.code)
    throw error
  }
  const prepared = await prepareSeal({
    owner,
    kind: info.kind,
    name: sealNameOf(owner, info.label, input.name),
    source: 'signature',
    png: signature.png,
    width: signature.width,
    height: signature.height,
    certificate,
    status: owner.type === 'org' ? 'pending' : 'active',
    actor,
  })
  return keepNewSeal(prepared, owner, actor)
}

/**
 * 更换印章: a new face (template or photo) with a reason; the seal keeps
 * its old face until staff approve.
 */
export async function requestFaceChange(
  seal: Seal,
  owner: SealOwner,
  input: { reason: string; template?: Omit<TemplateSealInput, 'kind'>; photo?: Buffer | null },
  actor?: AuditActor
) {
  const reason = (input.reason ?? '').trim()
  if (!reason) fail('请填写更换原因', 'reason')
  if ([...reason].length > REASON_MAX) fail(`更换原因不能超过 ${REASON_MAX} 个字`, 'reason')
  if (seal.status !== 'active') fail('只有已生效的印章可以更换印章面')
  const open = await SealRequest.query()
    .where('seal_id', seal.id)
    .where('status', 'pending')
    .first()
  if (open) fail('该印章已有待审核的申请，请等待审核结果')
  let png: Buffer
  let width: number
  let height: number
  let face: Record<string, unknown> | null = null
  if (input.photo?.length) {
    const extracted = await extractSealFromPhoto(input.photo)
    ;({ png, width, height } = extracted)
  } else if (input.template) {
    const rendered = await makeTemplateSeal({ ...input.template, kind: seal.kind as SealKind })
    ;({ png, width, height } = rendered)
    face = { ...input.template }
  } else {
    fail('请上传印章照片或填写章面内容', 'text')
  }
  const key = await storeImage(seal.orgId ?? seal.ownerUserId ?? 'x', png)
  /* the seal's data with the new face, signed now: the decision's transaction signs nothing */
  const imageSha256 = sha256Hex(png)
  const data = await sealDataFor(
    { ...seal.$attributes, imageSha256, imageWidth: width, imageHeight: height } as SealDataFields,
    ownerNameOf(owner)
  )
  return db.transaction(async (trx) =>
    openReview(
      trx,
      seal,
      {
        type: 'replace',
        userId: owner.userId,
        reason,
        imageKey: key,
        imageSha256,
        imageWidth: width,
        imageHeight: height,
        face,
        eslData: data.text,
        eslSignature: data.signature,
      },
      actor
    )
  )
}

/** the face of an approved 更换印章 request, in the decision's transaction */
export async function applyFaceChange(
  seal: Seal,
  request: SealRequest,
  ownerName: string,
  trx: TransactionClientContract
) {
  seal.imageKey = request.imageKey!
  seal.imageSha256 = request.imageSha256!
  seal.imageWidth = request.imageWidth!
  seal.imageHeight = request.imageHeight!
  if (request.face) seal.face = request.face
  /* signed when the request was made (never inside this transaction) */
  const data = request.eslData
    ? { text: request.eslData, signature: request.eslSignature }
    : { text: sealDataText(seal, ownerName), signature: null }
  seal.eslData = data.text
  seal.eslSignature = data.signature
  await audit.save(seal, trx, {
    action: 'seals.seal.replace',
    subjectType: 'seal',
    data: { requestNo: request.requestNo, imageSha256: seal.imageSha256 },
  })
}

/**
 * 注销: final. Every authorisation lapses at once; pending requests are
 * withdrawn; signatures made before stay valid (nothing is re-signed).
 */
export async function revokeSeal(
  seal: Seal,
  reason: string,
  options: { actor?: AuditActor; trx?: TransactionClientContract } = {}
) {
  const why = (reason ?? '').trim()
  if (!why) fail('请填写注销原因', 'reason')
  sealLifecycle.assert('revoke', seal.status)
  const work = async (trx: TransactionClientContract) => {
    /* a seal withdrawn before it came into force gives its package use back */
    if (seal.status === 'pending')
      await returnSealUse(seal, '印章在审核通过前注销', trx, options.actor)
    seal.revokedAt = DateTime.utc()
    seal.revokeReason = why.slice(0, REASON_MAX)
    await sealLifecycle.apply(seal, 'revoke', trx, {
      data: { reason: seal.revokeReason },
      actor: options.actor,
    })
    const grants = await SealGrant.query({ client: trx })
      .where('seal_id', seal.id)
      .where('status', 'active')
    for (const grant of grants) {
      await grantLifecycle.apply(grant, 'lapse', trx, {
        data: { sealId: seal.id },
        actor: options.actor,
      })
    }
    await SealRequest.query({ client: trx })
      .where('seal_id', seal.id)
      .where('status', 'pending')
      .update({ status: 'cancelled', updated_at: dbTime(new Date(), trx) })
    return seal
  }
  return options.trx ? work(options.trx) : db.transaction(work)
}

/**
 * The certificates of these serials were revoked: every seal bound to one
 * of them is revoked (called by the certificate revocation hook).
 */
export async function revokeSealsBoundTo(serials: string[], actor?: AuditActor) {
  if (!serials.length) return 0
  const seals = await Seal.query()
    .whereIn('cert_serial', serials)
    .whereIn('status', ['pending', 'active'])
  for (const seal of seals) {
    await revokeSeal(seal, '绑定的数字证书已注销', { actor })
  }
  return seals.length
}

/**
 * 个人名章 made with a person's first certificate (数信签 §9.1.1): a square
 * name seal of their name (2–4 characters), in force at once. Names the
 * square seal cannot hold are skipped (the person can make one later).
 */
export async function makeAutomaticNameSeal(certificate: {
  userId: string
  serial: string
  certKind: string
  subjectName: string
  subjectOrgName: string | null
  notAfter: DateTime
}) {
  if (certificate.certKind === 'enterprise' || certificate.subjectOrgName?.trim()) return null
  const name = certificate.subjectName.trim()
  const length = [...name].length
  if (length < 2 || length > 4) return null
  const hasOne = () =>
    Seal.query()
      .where('owner_user_id', certificate.userId)
      .where('kind', 'personal')
      .first()
      .then(Boolean)
  if (await hasOne()) return null
  const rendered = await makeTemplateSeal({ kind: 'personal', text: name }).catch(() => null)
  if (!rendered) return null
  const owner: SealOwner = { type: 'person', userId: certificate.userId, name, idNumber: null }
  const view = {
    certificate: {
      serial: certificate.serial,
      subjectName: certificate.subjectName,
      notAfter: certificate.notAfter,
    },
  } as unknown as CertificateView
  const actor: AuditActor = { type: 'system', id: null, name: '系统' }
  /* once per person, across processes: a retried hook finds the seal made */
  return withLock(`seals-name-seal-${certificate.userId}`, async () => {
    if (await hasOne()) return null
    const prepared = await prepareSeal({
      owner,
      kind: 'personal',
      name: `${name}个人名章`,
      source: 'auto',
      png: rendered.png,
      width: rendered.width,
      height: rendered.height,
      face: { text: name },
      certificate: view,
      status: 'active',
      actor,
    })
    return db.transaction((trx) => insertSeal(prepared, actor, trx))
  })
}
