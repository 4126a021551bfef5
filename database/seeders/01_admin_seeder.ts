import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { randomBytes } from 'node:crypto'
import Staff from '#admin/models/staff'

/**
 * The office's first super admin. The password is random, printed once,
 * and must be changed at the first login (the back office holds the
 * account on 修改密码 until then); `node ace staff:reset-password admin`
 * makes a new one.
 */
export default class AdminSeeder extends BaseSeeder {
  async run() {
    if (await Staff.findBy('username', 'admin')) return
    const password = `Ca${randomBytes(6).toString('base64url')}9`
    await Staff.create({
      username: 'admin',
      name: '系统管理员',
      password,
      roles: ['super_admin'],
      isActive: true,
      mustChangePassword: true,
    })
    console.log('')
    console.log('  ┌──────────────────────────────────────────────')
    console.log('  │ 后台超级管理员（仅显示这一次，请妥善保存）')
    console.log(`  │   地址：/admin/login`)
    console.log(`  │   用户名：admin`)
    console.log(`  │   密码：${password}`)
    console.log('  │ 首次登录后须立即修改此密码')
    console.log('  │ 忘记密码：npm run ace -- staff:reset-password admin')
    console.log('  └──────────────────────────────────────────────')
  }
}
