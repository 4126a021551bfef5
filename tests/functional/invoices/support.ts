import { execFile } from 'node:child_process'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiClient } from '@japa/api-client'
import { resetTestState } from '#tests/helpers/setup'
import type User from '#accounts/models/user'
import type Order from '#orders/models/order'
import InvoiceTitle from '#invoices/models/invoice_title'
import db from '@adonisjs/lucid/services/db'
import type Org from '#orgs/models/org'
import { runOrgClaimedHooks } from '#orgs/claim_hooks'
import { asApplicant } from '#tests/helpers/auth'
import { usccCode } from '#tests/helpers/factories'
import { catalogFixture, fillApplication, payWithSandbox } from '#tests/functional/orders/support'

/**
 * Fixtures of the invoice tests: paid orders (the wizard and the sandbox
 * gateway, through HTTP), a title, and `pdfsig` (poppler-utils).
 */
/** an order submitted and waiting for its payment (待支付) */
export async function unpaidOrder(
  client: ApiClient,
  user: User,
  fixture?: Awaited<ReturnType<typeof catalogFixture>>
) {
  const { cloud, cloudMaterial } = fixture ?? (await catalogFixture())
  const order = await fillApplication(client, user, cloud.id, cloudMaterial.id)
  await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
  return order
}

export async function paidOrders(client: ApiClient, user: User, count = 1) {
  const fixture = await catalogFixture()
  const orders: Order[] = []
  for (let i = 0; i < count; i++) {
    /* one SMS code per phone per minute: the next order's code needs the limits cleared */
    if (i) await resetTestState()
    const order = await unpaidOrder(client, user, fixture)
    await payWithSandbox(client, user, order.orderNo)
    await order.refresh()
    orders.push(order)
  }
  return orders
}

export async function companyTitle(client: ApiClient, user: User) {
  await asApplicant(client.post('/account/invoice-titles'), user).withCsrfToken().form({
    title_type: 'company',
    name: '示例科技有限公司',
    tax_number: usccCode(),
    email: 'finance@example.cn',
    phone: '010-12345678',
    address: '示例市示例路 1 号',
    bank: '示例银行示例支行',
    account: '6222000000000001',
    is_default: 'true',
  })
  return InvoiceTitle.query().where('owner_id', user.id).orderBy('created_at', 'desc').firstOrFail()
}

/**
 * pdfsig (poppler-utils) over the PDF. With `trusting` (an NSS database
 * that trusts our root, `nssDb()`), it also says whether the signer's
 * certificate chains to a trusted root ("Certificate is Trusted").
 */
export function pdfsig(pdf: Buffer, trusting?: string): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'))
  const file = join(dir, 'invoice.pdf')
  writeFileSync(file, pdf)
  const args = trusting ? ['-nssdir', trusting, file] : [file]
  return new Promise((resolve) => {
    execFile('pdfsig', args, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as any).code ?? 1) : 0, out: `${stdout}${stderr}` })
    })
  })
}

/**
 * What a claim does after `claimedOrg` (which writes the org directly): the
 * claim's hooks, so that the org has its own 发票抬头 as a claimed org does.
 */
export async function afterClaim(org: Org, admin: User) {
  await db.transaction((trx) =>
    runOrgClaimedHooks(
      { orgId: org.id, name: org.name, uscc: org.uscc, userId: admin.id, email: admin.email ?? '' },
      trx
    )
  )
}
