import db from '@adonisjs/lucid/services/db'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { KeptPhoto } from '#ocr/actions/kept_photos'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { DateTime } from 'luxon'
import audit from '#core/audit/audit_service'
import { nextId } from '#core/ids'
import { defineReview, REVIEW_REASON_TYPES, sentence, type ReviewNotice } from '#core/review'
import { idNumberProblem, isChinaMobile } from '#core/validation/identity'
import { findApplicantByPhone, type Applicant } from '#accounts/queries/users'
import Org from '#orgs/models/org'
import OrgCase from '#orgs/models/org_case'
import Membership from '#orgs/models/membership'
import { CASE_KINDS, ORG_TEXTS, type CaseKind } from '#orgs/labels'
import { OrgError, orgNotFound } from '#orgs/errors'
import { LETTER_RULE, LICENCE_RULE, storeUpload } from '#orgs/services/files'
import { activeMembership, endMembership, ensureMembership } from '#orgs/services/memberships'
import { recordHistory } from '#orgs/services/history'
import { requireAdmin } from '#orgs/actions/members'

/**
 * Cases of an org that CA staff review:
 *  - 企业名称变更 / 法定代表人变更 (the org's admin, with the new licence
 *    and a signed 授权委托书): on approval the org takes the new name or
 *    legal representative, its licence is the new one (reviewed, so the
 *    org stays pre-validated) and its certificates are flagged for 变更
 *    (`changed_at`, shown highlighted to the org);
 *  - 机构申诉 (someone else claimed the org: licence + appeal letter): on
 *    approval the appellant becomes the org's admin and the former admins
 *    are removed.
 */
export interface ChangeInput {
  kind: Exclude<CaseKind, 'appeal'>
  newName?: string | null
  legalRepName?: string | null
  legalRepIdType?: string | null
  legalRepIdNumber?: string | null
  legalRepPhone?: string | null
  description?: string | null
}

async function guardNoPending(orgId: string, kinds: CaseKind[], userId?: string) {
  const query = OrgCase.query()
    .where('org_id', orgId)
    .whereIn('kind', kinds)
    .where('status', 'pending')
  if (userId) query.where('user_id', userId)
  if (await query.first()) throw new OrgError('已有待审核的申请，请等待审核结果')
}

/**
 * The case kept, waiting for review: the licence and the letter stored
 * first (outside the transaction), then the row and its audit entry.
 */
async function openCase(
  orgId: string,
  userId: string,
  files: { licence?: MultipartFile | KeptPhoto | null; letter?: MultipartFile | null },
  fields: Partial<ModelAttributes<OrgCase>> & { kind: CaseKind }
) {
  const licence = await storeUpload(files.licence, LICENCE_RULE, 'orgs/licences', 'licence')
  const letter = await storeUpload(files.letter, LETTER_RULE, 'orgs/letters', 'letter')
  return db.transaction(async (trx) => {
    const row = new OrgCase()
    row.useTransaction(trx)
    row.fill({
      requestNo: nextId(),
      orgId,
      userId,
      ...fields,
      licenceKey: licence.key,
      licenceType: licence.type,
      letterKey: letter.key,
      letterType: letter.type,
      status: 'pending',
    })
    await audit.save(row, trx, {
      action: 'orgs.case.submit',
      subjectType: 'org_case',
      data: { requestNo: row.requestNo, kind: row.kind, orgId },
    })
    return row
  })
}

export async function submitChange(
  admin: Membership,
  applicant: Applicant,
  input: ChangeInput,
  files: { licence?: MultipartFile | KeptPhoto | null; letter?: MultipartFile | null }
) {
  requireAdmin(admin)
  const org = admin.org
  if (input.kind === 'change_name') {
    if (!input.newName?.trim()) throw new OrgError('请填写变更后机构名称', 'new_name')
    if (input.newName.trim() === org.name)
      throw new OrgError('变更后名称与当前名称相同', 'new_name')
  } else {
    if (!input.legalRepName?.trim()) throw new OrgError('请填写法定代表人姓名', 'legal_rep_name')
    const type = input.legalRepIdType ?? 'resident_id'
    const problem = idNumberProblem(type, input.legalRepIdNumber ?? '')
    if (problem) throw new OrgError(problem, 'legal_rep_id_number')
    if (!isChinaMobile(input.legalRepPhone ?? '')) {
      throw new OrgError('请输入合法手机号', 'legal_rep_phone')
    }
  }
  await guardNoPending(org.id, ['change_name', 'change_legal_rep'])
  return openCase(org.id, applicant.id, files, {
    kind: input.kind,
    newName: input.kind === 'change_name' ? input.newName!.trim() : null,
    newLegalRepName: input.kind === 'change_legal_rep' ? input.legalRepName!.trim() : null,
    newLegalRepIdType:
      input.kind === 'change_legal_rep' ? (input.legalRepIdType ?? 'resident_id') : null,
    newLegalRepIdNumber:
      input.kind === 'change_legal_rep' ? input.legalRepIdNumber!.trim().toUpperCase() : null,
    newLegalRepPhone: input.kind === 'change_legal_rep' ? input.legalRepPhone!.trim() : null,
    description: input.description?.trim() || null,
  })
}

/** 机构申诉: the org was claimed by someone else */
export async function submitAppeal(
  applicant: Applicant,
  input: { uscc: string; description: string },
  files: { licence?: MultipartFile | KeptPhoto | null; letter?: MultipartFile | null }
) {
  if (!applicant.isVerified) throw new OrgError(ORG_TEXTS.needRealName)
  const org = await Org.findBy('uscc', input.uscc)
  if (!org || org.status !== 'claimed') orgNotFound()
  const own = await activeMembership(org.id, applicant.id)
  if (own?.role === 'admin') throw new OrgError('您已是该机构的管理员，无需申诉')
  await guardNoPending(org.id, ['appeal'], applicant.id)
  return openCase(org.id, applicant.id, files, {
    kind: 'appeal',
    description: input.description.trim(),
  })
}

/**
 * 机构变更/申诉审核 (staff), on the one review workflow.
 */
export const caseReview = defineReview({
  name: 'orgs.case',
  subject: 'org_case',
  noun: '机构变更/申诉',
  model: OrgCase,
  auditActions: { 'orgs.case.submit': '提交机构变更/申诉' },

  async onApprove(item, { trx, reviewer }) {
    const org = await Org.query({ client: trx }).where('id', item.orgId).forUpdate().firstOrFail()
    if (org.status !== 'claimed') throw new OrgError('机构不是已认领状态，不能办理')
    const now = DateTime.utc()
    const before = { name: org.name, legalRepName: org.legalRepName }
    org.useTransaction(trx)
    org.merge({ licenceKey: item.licenceKey, licenceType: item.licenceType, validatedAt: now })
    if (item.kind === 'change_name') {
      org.merge({ name: item.newName!, changedAt: now })
    } else if (item.kind === 'change_legal_rep') {
      org.merge({
        legalRepName: item.newLegalRepName,
        legalRepIdType: item.newLegalRepIdType,
        legalRepIdNumber: item.newLegalRepIdNumber,
        legalRepPhone: item.newLegalRepPhone,
        changedAt: now,
      })
      /* the 法定代表人 role moves to the new legal representative's account */
      const holders = await Membership.query({ client: trx })
        .where('org_id', org.id)
        .where('status', 'active')
        .where('is_legal_rep', true)
      for (const holder of holders) {
        holder.useTransaction(trx)
        holder.isLegalRep = false
        await holder.save()
      }
      const person = item.newLegalRepPhone
        ? await findApplicantByPhone(item.newLegalRepPhone)
        : null
      if (person?.isVerified && person.realIdNumber === item.newLegalRepIdNumber) {
        await ensureMembership(trx, {
          orgId: org.id,
          userId: person.id,
          role: 'member',
          legalRep: true,
          source: 'change',
        })
      }
    } else {
      /* appeal: the appellant becomes the admin; the former admins go */
      const admins = await Membership.query({ client: trx })
        .where('org_id', org.id)
        .where('status', 'active')
        .where('role', 'admin')
        .whereNot('user_id', item.userId)
      for (const admin of admins) {
        await endMembership(trx, admin, 'remove', { appeal: item.requestNo }, now)
      }
      await ensureMembership(trx, {
        orgId: org.id,
        userId: item.userId,
        role: 'admin',
        source: 'appeal',
      })
    }
    await audit.save(org, trx, {
      action: item.kind === 'appeal' ? 'orgs.org.appeal_granted' : 'orgs.org.change',
      subjectType: 'org',
      data: { requestNo: item.requestNo, kind: item.kind, before },
    })
    await recordHistory(trx, {
      orgId: org.id,
      userId: item.userId,
      event: item.kind === 'appeal' ? 'appeal' : 'change',
      summary:
        item.kind === 'change_name'
          ? `企业名称由“${before.name}”变更为“${item.newName}”`
          : item.kind === 'change_legal_rep'
            ? '法定代表人已变更'
            : '机构申诉成立，申诉人成为管理员',
      actorName: reviewer.displayName,
    })
    return { requestNo: item.requestNo, kind: item.kind }
  },

  async onReject(item) {
    return { requestNo: item.requestNo, kind: item.kind }
  },

  notify(item, outcome, { input }): ReviewNotice {
    const kind = CASE_KINDS[item.kind]
    if (outcome === 'approved') {
      return {
        userId: item.userId,
        title: `${kind}已通过`,
        body:
          item.kind === 'appeal'
            ? `您的机构申诉（编号 ${item.requestNo}）已审核通过，您现为该机构管理员。`
            : `您提交的${kind}（编号 ${item.requestNo}）已审核通过，机构的证书需办理变更。`,
        link: urlFor('orgs.show', { id: item.orgId }),
        sms: null,
      }
    }
    const type: string = input.reasonType
      ? ((REVIEW_REASON_TYPES as Record<string, string>)[input.reasonType] ?? '')
      : ''
    return {
      userId: item.userId,
      title: `${kind}未通过`,
      body: `您提交的${kind}（编号 ${item.requestNo}）未通过审核。原因：${sentence(`${type ? type + '：' : ''}${input.reason ?? ''}`)}`,
      link: urlFor('orgs.history'),
      sms: null,
    }
  },
})
