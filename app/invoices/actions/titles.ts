import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import { isUuid } from '#core/ids'
import { usccProblem } from '#core/validation/identity'
import InvoiceTitle, { type OwnerKind, type TitleType } from '#invoices/models/invoice_title'
import { InvoiceError } from '#invoices/errors'

/**
 * 发票抬头: an owner's title book (a person's now; an org's plugs in with
 * owner kind `org`). At most MAX_TITLES, exactly one default while there
 * are any; a 单位 title carries a credit code checked to GB 32100; an
 * org's own title (is_system) cannot be deleted. Each change audited.
 */
export const MAX_TITLES = 30

export interface Owner {
  kind: OwnerKind
  id: string
}

export interface TitleInput {
  titleType: TitleType
  name: string
  taxNumber?: string | null
  email: string
  phone?: string | null
  address?: string | null
  bank?: string | null
  account?: string | null
  isDefault?: boolean
}

/** an owner's titles, the default first, then the oldest */
function titlesQuery(owner: Owner) {
  return InvoiceTitle.query()
    .where('owner_kind', owner.kind)
    .where('owner_id', owner.id)
    .orderBy('is_default', 'desc')
    .orderBy('created_at', 'asc')
}

export async function titlesOf(owner: Owner) {
  return titlesQuery(owner)
}

export async function findOwnTitle(owner: Owner, id: unknown, client?: QueryClientContract) {
  if (!isUuid(id)) return null
  return InvoiceTitle.query({ client })
    .where('owner_kind', owner.kind)
    .where('owner_id', owner.id)
    .where('id', id)
    .first()
}

export async function defaultTitleOf(owner: Owner) {
  return titlesQuery(owner).first()
}

/** the rules a form cannot express: the credit code of a 单位 title */
function checkTitle(input: TitleInput) {
  const taxNumber = (input.taxNumber ?? '').trim().toUpperCase()
  if (input.titleType === 'company') {
    if (!taxNumber) throw new InvoiceError('单位抬头必须填写纳税人识别号', 'tax_number')
    const problem = usccProblem(taxNumber)
    if (problem) throw new InvoiceError(problem, 'tax_number')
  }
  return taxNumber || null
}

async function makeDefault(owner: Owner, title: InvoiceTitle, trx: TransactionClientContract) {
  await InvoiceTitle.query({ client: trx })
    .where('owner_kind', owner.kind)
    .where('owner_id', owner.id)
    .whereNot('id', title.id)
    .update({ is_default: false })
  title.isDefault = true
}

function fields(input: TitleInput, taxNumber: string | null) {
  return {
    titleType: input.titleType,
    name: input.name.trim(),
    taxNumber,
    email: input.email.trim(),
    phone: input.phone?.trim() || null,
    address: input.address?.trim() || null,
    bank: input.bank?.trim() || null,
    account: input.account?.trim() || null,
  }
}

export async function createTitle(
  owner: Owner,
  input: TitleInput,
  options: { system?: boolean; trx?: TransactionClientContract } = {}
) {
  const taxNumber = checkTitle(input)
  const inTransaction = <T>(work: (trx: TransactionClientContract) => Promise<T>) =>
    options.trx ? work(options.trx) : db.transaction(work)
  return inTransaction(async (trx) => {
    const { length: count } = await InvoiceTitle.query({ client: trx })
      .where('owner_kind', owner.kind)
      .where('owner_id', owner.id)
    if (count >= MAX_TITLES) throw new InvoiceError(`最多保存 ${MAX_TITLES} 个发票抬头`)
    const title = new InvoiceTitle()
    title.useTransaction(trx)
    title.merge({
      ownerKind: owner.kind,
      ownerId: owner.id,
      ...fields(input, taxNumber),
      isDefault: false,
      isSystem: Boolean(options.system),
    })
    await title.save()
    if (input.isDefault || count === 0) {
      await makeDefault(owner, title, trx)
      await title.save()
    }
    await audit.record(
      {
        action: 'invoices.title.create',
        subjectType: 'invoice_title',
        subjectId: title.id,
        data: { owner: `${owner.kind}:${owner.id}`, type: title.titleType },
      },
      trx
    )
    return title
  })
}

export async function updateTitle(title: InvoiceTitle, input: TitleInput) {
  const taxNumber = checkTitle(input)
  if (title.isSystem && (input.name.trim() !== title.name || taxNumber !== title.taxNumber)) {
    throw new InvoiceError('本单位抬头的名称和纳税人识别号不能修改', 'name')
  }
  return db.transaction(async (trx) => {
    title.useTransaction(trx)
    title.merge(fields(input, taxNumber))
    if (input.isDefault) await makeDefault({ kind: title.ownerKind, id: title.ownerId }, title, trx)
    await audit.save(title, trx, { action: 'invoices.title.update', subjectType: 'invoice_title' })
    return title
  })
}

/**
 * 删除抬头 (multi-select): all the chosen titles of this owner go, or none
 * (an org's own title among them refuses the whole deletion).
 */
export async function deleteTitles(owner: Owner, ids: unknown[]) {
  const wanted = [...new Set(ids.filter((id): id is string => isUuid(id)))]
  if (!wanted.length) throw new InvoiceError('请选择要删除的抬头', 'ids')
  return db.transaction(async (trx) => {
    const titles = await InvoiceTitle.query({ client: trx })
      .where('owner_kind', owner.kind)
      .where('owner_id', owner.id)
      .whereIn('id', wanted)
    if (!titles.length) throw new InvoiceError('请选择要删除的抬头', 'ids')
    const system = titles.find((t) => t.isSystem)
    if (system) throw new InvoiceError(`“${system.name}”是本单位抬头，不能删除`, 'ids')
    const hadDefault = titles.some((t) => t.isDefault)
    for (const title of titles) {
      title.useTransaction(trx)
      await title.delete()
      await audit.record(
        { action: 'invoices.title.delete', subjectType: 'invoice_title', subjectId: title.id },
        trx
      )
    }
    if (hadDefault) {
      const next = await InvoiceTitle.query({ client: trx })
        .where('owner_kind', owner.kind)
        .where('owner_id', owner.id)
        .orderBy('created_at', 'asc')
        .first()
      if (next) {
        next.isDefault = true
        await next.save()
      }
    }
    return titles.length
  })
}

/**
 * An org's own title (its name and credit code): made when the org is
 * claimed (the orgs module's onOrgClaimed hook, in the claim's
 * transaction; registrations.ts), or — for an org claimed before — by the
 * first change made in its book (title_book.ts; a GET never writes). It is
 * the default and cannot be deleted.
 */
export async function ensureOrgTitle(
  orgId: string,
  org: { name: string; uscc: string; email: string },
  trx?: TransactionClientContract
) {
  const owner: Owner = { kind: 'org', id: orgId }
  const existing = await InvoiceTitle.query({ client: trx })
    .where('owner_kind', 'org')
    .where('owner_id', orgId)
    .where('is_system', true)
    .first()
  if (existing) return existing
  return createTitle(
    owner,
    {
      titleType: 'company',
      name: org.name,
      taxNumber: org.uscc,
      email: org.email,
      isDefault: true,
    },
    { system: true, trx }
  )
}
