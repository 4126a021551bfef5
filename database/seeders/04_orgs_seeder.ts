import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import sharp from 'sharp'
import User from '#accounts/models/user'
import Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'
import storage from '#core/storage'
import db from '@adonisjs/lucid/services/db'
import { runOrgClaimedHooks } from '#orgs/claim_hooks'
import { grantSealPackage } from '#seals/actions/packages'
import { sealQuotaOf } from '#seals/queries/packages'
import TradingPlatform from '#catalog/models/trading_platform'
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '#core/validation/identity'

/**
 * A demo organisation to walk the enterprise journey: 示例科技有限公司 with
 * its admin, its legal representative and a member, each a real-name
 * verified applicant whose random password is printed once. Idempotent:
 * an existing demo org is left alone.
 */
export const DEMO_ORG_USCC_BODY = '9121010212345678'
export const DEMO_ORG_PEOPLE = [
  { phone: '13800000011', name: '苏管理', role: 'admin', legalRep: false, label: '机构管理员' },
  { phone: '13800000012', name: '王法人', role: 'member', legalRep: true, label: '法定代表人' },
  { phone: '13800000013', name: '李员工', role: 'member', legalRep: false, label: '员工' },
] as const

function demoUscc() {
  const seventeen = DEMO_ORG_USCC_BODY + orgCodeCheckChar(DEMO_ORG_USCC_BODY.slice(8, 16))
  return seventeen + usccCheckChar(seventeen)
}

/**
 * An 印章套餐 of the demo org (once), so that its admin can make org seals
 * at once (making an org seal takes one).
 */
async function demoSealPackage(orgId: string) {
  const quota = await sealQuotaOf(orgId)
  if (quota.packages.length) return
  const city = await TradingPlatform.findBy('code', 'demo-city-ggzy')
  await db.transaction((trx) =>
    grantSealPackage(
      {
        orgId,
        platformId: city?.id ?? 'demo',
        platformName: city?.name ?? '示例市公共资源交易平台',
        name: '演示印章套餐（10 枚）',
        seals: 10,
        days: 365,
        source: '演示数据',
      },
      { type: 'system', name: '演示数据' },
      trx
    )
  )
}

export default class OrgsSeeder extends BaseSeeder {
  async run() {
    const uscc = demoUscc()
    const existing = await Org.findBy('uscc', uscc)
    if (existing) return demoSealPackage(existing.id)
    const logins: string[] = []
    const users: User[] = []
    for (const [index, person] of DEMO_ORG_PEOPLE.entries()) {
      const first17 = `21010219800101${String(201 + index)}`
      const idNumber = first17 + residentIdCheckChar(first17)
      let user = await User.findBy('phone', person.phone)
      if (!user) {
        const password = `Demo${randomBytes(5).toString('base64url')}7a`
        user = await User.create({
          accountType: 'person',
          name: person.name,
          phone: person.phone,
          idType: 'resident_id',
          idNumber,
          regionCode: '210102',
          password,
          passwordSet: true,
          status: 'active',
          realNameStatus: 'verified',
          realName: person.name,
          realIdType: 'resident_id',
          realIdNumber: idNumber,
          realNameMethod: 'id_card',
          realNameVerifiedAt: DateTime.utc(),
        } as any)
        logins.push(`  │   ${person.label}：${person.phone} / ${password}`)
      }
      users.push(user)
    }
    const licence = await sharp({
      create: { width: 800, height: 560, channels: 3, background: { r: 250, g: 246, b: 236 } },
    })
      .png()
      .toBuffer()
    const licenceKey = storage.makeKey('orgs/licences', 'png')
    await storage.put(licenceKey, licence)
    const legalRep = users[1]
    const org = await Org.create({
      name: '示例科技有限公司',
      uscc,
      kind: 'enterprise',
      legalRepName: legalRep.realName,
      legalRepIdType: 'resident_id',
      legalRepIdNumber: legalRep.realIdNumber,
      legalRepPhone: legalRep.phone,
      regionCode: '210102',
      licenceKey,
      licenceType: 'png',
      status: 'claimed',
      claimedAt: DateTime.utc(),
      validatedAt: DateTime.utc(),
    } as any)
    for (const [index, person] of DEMO_ORG_PEOPLE.entries()) {
      await Membership.create({
        orgId: org.id,
        userId: users[index].id,
        role: person.role,
        isLegalRep: person.legalRep,
        status: 'active',
        source: 'seed',
        joinedAt: DateTime.utc(),
      } as any)
    }
    /* what other modules do for a claimed org (its own 发票抬头) */
    const admin = users[0]
    await db.transaction((trx) =>
      runOrgClaimedHooks(
        { orgId: org.id, name: org.name, uscc, userId: admin.id, email: admin.email ?? '' },
        trx
      )
    )
    await demoSealPackage(org.id)
    console.log('')
    console.log('  ┌──────────────────────────────────────────────')
    console.log(`  │ 演示机构：示例科技有限公司（${uscc}，仅显示这一次）`)
    for (const line of logins) console.log(line)
    console.log('  │ 登录后在“我的机构 → 切换身份”中选择机构身份')
    console.log('  └──────────────────────────────────────────────')
  }
}
