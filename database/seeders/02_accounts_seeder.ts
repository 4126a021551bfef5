import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { randomBytes } from 'node:crypto'
import User from '#accounts/models/user'
import { residentIdCheckChar } from '#core/validation/identity'

/**
 * One demo applicant (自然人) to try the applicant side without
 * registering. The password is random and printed once; 忘记密码 (with the
 * code from the back office's 短信发件箱) makes a new one. Idempotent: an
 * existing demo account is left alone.
 */
export const DEMO_APPLICANT_PHONE = '13800000001'

export default class AccountsSeeder extends BaseSeeder {
  async run() {
    if (await User.findBy('phone', DEMO_APPLICANT_PHONE)) return
    const first17 = '11010519900307123'
    const password = `Demo${randomBytes(5).toString('base64url')}7a`
    await User.create({
      accountType: 'person',
      name: '演示用户',
      phone: DEMO_APPLICANT_PHONE,
      idType: 'resident_id',
      idNumber: first17 + residentIdCheckChar(first17),
      regionCode: '110105',
      password,
      passwordSet: true,
      status: 'active',
      realNameStatus: 'none',
    })
    console.log('')
    console.log('  ┌──────────────────────────────────────────────')
    console.log('  │ 演示申请人（自然人，仅显示这一次）')
    console.log('  │   地址：/login')
    console.log(`  │   手机号：${DEMO_APPLICANT_PHONE}`)
    console.log(`  │   密码：${password}`)
    console.log('  │ 也可使用“免密码登录”，验证码见后台“短信发件箱”')
    console.log('  └──────────────────────────────────────────────')
  }
}
