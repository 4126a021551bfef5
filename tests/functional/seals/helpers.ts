import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type { ApiRequest } from '@japa/api-client'
import type User from '#accounts/models/user'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import Certificate from '#certificates/models/certificate'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { asApplicant } from '#tests/helpers/auth'

/**
 * Helpers of the seals' functional tests (not a spec file).
 */
export const PIN = '802615'

let seq = 0

/** a cloud certificate in the user's 我的证书: personal, or the org's (its USCC) */
export async function certificateFor(
  user: User,
  subject: { name: string; idNumber: string; org?: { name: string; uscc: string } }
) {
  const pair = await issueCloudPair({
    profile: subject.org ? 'enterprise' : 'personal',
    subject: subject.org
      ? { name: subject.org.name, idNumber: subject.org.uscc, organization: subject.org.name }
      : { name: subject.name, idNumber: subject.idNumber },
    pin: PIN,
  })
  seq++
  return Certificate.create({
    userId: user.id,
    orderNo: `20260101${String(seq).padStart(11, '0')}`,
    serial: pair.signing.serial,
    encSerial: pair.encryption.serial,
    credentialId: pair.credentialId,
    certKind: subject.org ? 'enterprise' : 'personal',
    medium: 'cloud',
    platformId: 'platform-test',
    platformName: '示例交易平台',
    productName: subject.org ? '机构移动证书' : '个人移动证书',
    subjectName: subject.org ? subject.org.name : subject.name,
    subjectIdNumber: subject.org ? subject.org.uscc : subject.idNumber,
    subjectOrgName: subject.org ? subject.org.name : null,
    notBefore: DateTime.fromJSDate(pair.signing.notBefore),
    notAfter: DateTime.fromJSDate(pair.signing.notAfter),
  } as any)
}

/** the request signed in as the user acting for the org (切换身份) */
export function asOrg(request: ApiRequest, user: User, membershipId: string) {
  const deviceId = randomUUID()
  return asApplicant(request, user, deviceId).withSession({
    [DEVICE_SESSION_KEY]: deviceId,
    orgs_acting: membershipId,
  })
}

/**
 * An 印章套餐 of the org (what a paid seal package order grants), so that
 * its admin can make org seals: `seals` uses, no expiry unless `days`.
 */
export async function sealPackageFor(orgId: string, seals = 20, days?: number) {
  const { grantSealPackage } = await import('#seals/actions/packages')
  const db = (await import('@adonisjs/lucid/services/db')).default
  return db.transaction((trx) =>
    grantSealPackage(
      {
        orgId,
        platformId: 'platform-test',
        platformName: '示例交易平台',
        name: `测试印章套餐 ${seals} 枚`,
        seals,
        days: days ?? null,
        source: '测试',
      },
      { type: 'system', name: '测试' },
      trx
    )
  )
}
