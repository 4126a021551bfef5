import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import AuditLog from '#core/audit/audit_log'
import {
  deregistrationBlockers,
  registerDeregistrationCheck,
  unregisterDeregistrationCheck,
} from '#accounts/deregistration_checks'
import { safeIntended } from '#accounts/controllers/login_support'
import { presentEntry } from '#accounts/queries/operation_logs'
import { agreementNames, findAgreement } from '#accounts/agreements'
import { deviceLabel } from '#accounts/actions/device_sessions'

test.group('Accounts · deregistration checks', (group) => {
  group.each.teardown(() => {
    unregisterDeregistrationCheck('unit-test-certs')
    unregisterDeregistrationCheck('unit-test-orders')
  })

  test('every registered check that returns a sentence blocks', async ({ assert }) => {
    const u1 = randomUUID()
    const u2 = randomUUID()
    assert.deepEqual(
      await deregistrationBlockers(u1),
      [],
      'a fresh account is not blocked by the real checks'
    )
    registerDeregistrationCheck('unit-test-certs', async (id) =>
      id === u1 ? '您有 2 张有效证书，请先注销或等待证书到期' : null
    )
    registerDeregistrationCheck('unit-test-orders', async () => '您有 1 个未完成的订单')
    assert.deepEqual(await deregistrationBlockers(u1), [
      '您有 2 张有效证书，请先注销或等待证书到期',
      '您有 1 个未完成的订单',
    ])
    assert.deepEqual(await deregistrationBlockers(u2), ['您有 1 个未完成的订单'])
    registerDeregistrationCheck('unit-test-orders', async () => null)
    assert.deepEqual(await deregistrationBlockers(u2), [])
  })
})

test.group('Accounts · login helpers', () => {
  test('only local, non-admin paths are followed after login', ({ assert }) => {
    assert.equal(safeIntended('/account/logs?page=2'), '/account/logs?page=2')
    for (const bad of [
      '//evil.example.com',
      'https://evil.example.com',
      '/\\evil.example.com',
      '/admin',
      '/admin/staff',
      '/login',
      '/logout',
      null,
      42,
    ]) {
      assert.isNull(safeIntended(bad), String(bad))
    }
  })

  test('device labels are short and Chinese', ({ assert }) => {
    assert.equal(
      deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) MicroMessenger/8.0'),
      '微信 · iPhone'
    )
    assert.equal(
      deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64) Chrome/120.0 Safari/537.36'),
      'Chrome · Windows'
    )
    assert.equal(deviceLabel(null), '浏览器 · 未知系统')
  })
})

test.group('Accounts · operation log presentation', () => {
  function entry(fields: Partial<AuditLog>) {
    const e = new AuditLog()
    e.fill({
      seq: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      actorType: 'user',
      actorId: 'me',
      actorName: '张三',
      action: 'accounts.phone.change',
      subjectType: 'user',
      subjectId: 'me',
      data: null,
      ip: '1.2.3.4',
      userAgent: null,
      prevHash: '0',
      hash: 'a'.repeat(64),
      ...fields,
    })
    return e
  }

  test('labels in Chinese, the viewer is 本人, staff are 工作人员, phones masked, unknown keys left out', ({
    assert,
  }) => {
    const own = presentEntry(
      entry({
        data: JSON.stringify({ oldPhone: '13800138000', newPhone: '13900139000', secret: 'x' }),
      }),
      'me'
    )
    assert.equal(own.label, '更换手机号')
    assert.equal(own.actor, '本人')
    assert.deepEqual(own.details, [
      { label: '原手机号', value: '138****8000' },
      { label: '新手机号', value: '139****9000' },
    ])
    const staff = presentEntry(
      entry({ actorType: 'staff', actorId: 's1', actorName: '审核员甲' }),
      'me'
    )
    assert.equal(staff.actor, '工作人员')
    const inBackOffice = presentEntry(
      entry({
        actorType: 'staff',
        actorId: 's1',
        actorName: '审核员甲',
        data: JSON.stringify({ newPhone: '13900139000' }),
      }),
      null,
      { maskPhones: false }
    )
    assert.equal(inBackOffice.actor, '审核员甲')
    assert.equal(inBackOffice.details[0].value, '13900139000')
    const method = presentEntry(
      entry({
        action: 'accounts.session.login',
        data: JSON.stringify({ method: 'sms', fields: ['email', 'name'] }),
      }),
      'me'
    )
    assert.deepEqual(method.details, [
      { label: '方式', value: '短信验证码登录' },
      { label: '修改项', value: '邮箱、姓名' },
    ])
  })
})

test.group('Accounts · agreements', () => {
  test('our own texts, with the office filled in, for service, privacy and deregistration', ({
    assert,
  }) => {
    assert.deepEqual(
      agreementNames().map((a) => a.name),
      ['service', 'privacy', 'deregistration']
    )
    const service = findAgreement('service')!
    const text = JSON.stringify(service)
    assert.include(text, '示例数字证书服务中心')
    assert.notInclude(text, '{office}')
    assert.notInclude(text, '{hotline}')
    assert.isNull(findAgreement('missing'))
  })
})
