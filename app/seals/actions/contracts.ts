import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import officeConfig from '#config/office'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { isUuid, nextId } from '#core/ids'
import { withLock } from '#core/locks'
import { RuleError } from '#core/rule_error'
import storage from '#core/storage'
import { maskIdNumber } from '#core/validation/identity'
import { signPdfAsOffice } from '#issuance/actions/pdf_signing'
import { makeSignature, makeTemplateSeal } from '#seals/actions/seal_images'
import { recordSealUse } from '#seals/actions/grants'
import { contractText } from '#seals/contract_text'
import SealContract from '#seals/models/seal_contract'
import { usableSealsOf, type UsableSeal } from '#seals/queries/seals'
import { renderContractPdf } from '#seals/services/contract_pdf'
import { sha256Hex } from '#seals/services/seal_data'
import { officeIdentity } from '#seals/services/office_signer'

/**
 * 签署电子合同 (manual 003 §3.2.1): a real-name verified applicant reads the
 * office's certificate service contract, ticks 本人已同意签署合同, signs by
 * hand (the pad, a photo of a signature on paper, or their own 个人手写签名)
 * and may stamp a seal they may use (their own, or, acting for an org, an
 * org seal authorised to them); CertDesk makes the PDF with the office's
 * seal and signs it as the office (PAdES) before anything is stored, then
 * keeps the record and records the seals' use.
 */
export const CONTRACT_SYSTEM = '数字证书在线自助办理系统'
export const CONTRACT_OPERATION = '签署电子合同'

export interface ContractParty {
  userId: string
  realName: string | null
  realIdNumber: string | null
  /** acting for an org (切换身份): the org is 乙方 */
  org: { id: string; name: string; uscc: string } | null
}

export interface SignContractInput {
  agreed: boolean
  /** the pad's PNG or a photo of a signature on paper */
  signature?: Buffer | null
  /** or one of the signer's own 个人手写签名 seals */
  signatureSealId?: string | null
  /** 乙方签章: a seal the signer may use now */
  sealId?: string | null
  /**
   * the form's one-time token (contractFormToken, required): the same form
   * submitted again (a double click, a resend) gives the contract it
   * signed, signing nothing more; a POST without one, or with one the
   * page did not give this signer, signs nothing
   */
  formToken?: string | null
  /** 上传身份证件: the signer's ID photo, checked by content (inspectUpload) */
  idPhoto?: { ok: true; buffer: Buffer; type: string } | { ok: false; message: string } | null
  actor?: AuditActor
}

function fail(message: string, field?: string, code?: string): never {
  throw new RuleError(message, { field, code })
}

let officeSeal: Promise<Buffer> | null = null

/** 甲方签章: the office's 合同专用章 (rendered once per process) */
function officeSealImage() {
  officeSeal ??= makeTemplateSeal({ kind: 'contract', text: officeConfig.name }).then(
    (seal) => seal.png,
    (error) => {
      officeSeal = null
      throw error
    }
  )
  return officeSeal
}

async function chosenSeal(usable: UsableSeal[], id: string | null | undefined, field: string) {
  if (!id) return null
  const seal = usable.find((s) => s.id === id)
  if (!seal) fail('您当前无权使用该印章（未授权、授权已过期或已撤回，或印章已注销）', field)
  return seal
}

export const FORM_TOKEN_INVALID = '签署页面已失效，请核对后重新点击“确认签署”'

function formTokenMac(userId: string, id: string) {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update(`seals.contract-form:${userId}:${id}`)
    .digest('base64url')
}

/**
 * A fresh one-time token for the contract form of this signer: a random
 * id (what the contract keeps) and its MAC under APP_KEY, so that a token
 * the page did not give (made up, or another signer's) is refused without
 * keeping anything per visit.
 */
export function contractFormToken(userId: string) {
  const id = randomUUID()
  return `${id}.${formTokenMac(userId, id)}`
}

/** the id of a token this signer's form page gave, else null */
function formTokenId(userId: string, token: string | null | undefined) {
  const [id, mac, ...rest] = (token ?? '').split('.')
  if (rest.length || !isUuid(id) || !mac) return null
  const expected = Buffer.from(formTokenMac(userId, id))
  const given = Buffer.from(mac)
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
}

/** the contract a form (its token) already signed */
function signedFromForm(userId: string, token: string) {
  return SealContract.query().where('user_id', userId).where('form_token', token).first()
}

/**
 * Sign once per form: under a lock on (signer, form token), a form already
 * signed gives its contract back (`repeated`), else the contract is made.
 * No token, or one the form page did not give this signer: nothing signed,
 * the message on top of the form (the page then gives a fresh token).
 */
export async function signContract(party: ContractParty, input: SignContractInput) {
  const token = formTokenId(party.userId, input.formToken)
  if (!token) fail(FORM_TOKEN_INVALID, undefined, 'form_token')
  return withLock(`seals-contract:${party.userId}:${token}`, async () => {
    const done = await signedFromForm(party.userId, token)
    if (done) return { contract: done, pdf: null, repeated: true }
    return signNewContract(party, input, token)
  })
}

async function signNewContract(party: ContractParty, input: SignContractInput, formToken: string) {
  if (!input.agreed) fail('请阅读合同并勾选“本人已同意签署合同”', 'agree')
  if (!party.realName) fail('请先完成实名认证，再签署电子合同', 'agree', 'not_verified')
  if (!input.idPhoto) fail('请上传身份证件照片', 'id_photo')
  if (!input.idPhoto.ok) fail(input.idPhoto.message, 'id_photo')
  const idPhoto = input.idPhoto
  const usable = await usableSealsOf(party.userId)
  const mine = usable.filter((s) => s.ownerType === 'person')
  const stampable = usable.filter(
    (s) =>
      !s.kind.endsWith('signature') &&
      (party.org ? s.orgId === party.org.id : s.ownerType === 'person')
  )
  const signatureSeal = await chosenSeal(
    mine.filter((s) => s.kind === 'personal_signature'),
    input.signatureSealId,
    'signature'
  )
  const seal = await chosenSeal(stampable, input.sealId, 'seal_id')
  let signature: Buffer
  if (signatureSeal) signature = await storage.get(signatureSeal.imageKey)
  else if (input.signature?.length) {
    const made = await makeSignature(input.signature)
    signature = made.png
  } else fail('请在签名板上签名，或上传手写签名照片', 'signature')

  const text = contractText()
  const contractNo = nextId()
  const signedAt = DateTime.utc()
  const partyName = party.org?.name ?? party.realName
  const partyIdNumber = party.org ? party.org.uscc : maskIdNumber(party.realIdNumber)
  const pdf = await renderContractPdf({
    contractNo,
    text,
    signedAt: signedAt.toJSDate(),
    office: { name: officeConfig.name, seal: await officeSealImage() },
    party: {
      name: partyName,
      idNumber: partyIdNumber || null,
      seal: seal ? await storage.get(seal.imageKey) : null,
    },
    signer: { name: party.realName, signature },
  })
  /* signed by the office before anything is kept: no signature inside a transaction */
  const signed = await signPdfAsOffice(pdf, {
    office: officeIdentity(),
    reason: text.title,
    location: officeConfig.address,
    reference: contractNo,
    actor: input.actor,
  })
  const pdfKey = await storage.put(
    storage.makeKey(`seals/contracts/${party.userId}`, 'pdf'),
    signed
  )
  const idPhotoKey = await storage.put(
    storage.makeKey(`seals/contracts/${party.userId}`, idPhoto.type),
    idPhoto.buffer
  )
  const contract = await db.transaction(async (trx) => {
    const record = new SealContract()
    record.fill({
      contractNo,
      userId: party.userId,
      orgId: party.org?.id ?? null,
      partyName,
      partyIdNumber: partyIdNumber || null,
      signerName: party.realName!,
      version: text.version,
      sealId: seal?.id ?? null,
      signatureSha256: sha256Hex(signature),
      pdfKey,
      idPhotoKey,
      pdfSha256: sha256Hex(signed),
      signedAt,
      formToken,
    })
    await audit.save(record, trx, {
      action: 'seals.contract.sign',
      subjectType: 'seal_contract',
      data: {
        contractNo,
        version: text.version,
        orgId: record.orgId,
        sealId: record.sealId,
        pdfSha256: record.pdfSha256,
      },
      actor: input.actor,
    })
    return record
  })
  /* the 用章记录 (a seal withdrawn in the instant since the check leaves the signed contract as it is) */
  for (const used of [signatureSeal, seal]) {
    if (!used) continue
    await recordSealUse({
      sealId: used.id,
      userId: party.userId,
      operatorName: party.realName,
      resourceName: `${text.title}（${contractNo}）`,
      systemName: CONTRACT_SYSTEM,
      operation: CONTRACT_OPERATION,
      at: signedAt,
    }).catch((error) => {
      if (!(error instanceof RuleError)) throw error
      logger.warn({ sealId: used.id, contractNo }, 'seal use not recorded: no longer usable')
    })
  }
  return { contract, pdf: signed as Buffer | null, repeated: false }
}
