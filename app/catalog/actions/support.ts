import db from '@adonisjs/lucid/services/db'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit from '#core/audit/audit_service'
import storage from '#core/storage'
import { RuleError } from '#core/rule_error'
import type { Lifecycle } from '#core/lifecycle'
import { eventBetween } from '#catalog/lifecycles'

/**
 * What the catalog's actions share: every kind of item (region, platform,
 * product, notice, …) is created, changed, switched and deleted the same
 * way, in one transaction with one audit entry (`catalog.<kind>.create`,
 * `.update` with the changed fields, `.delete` with the last values, and
 * its lifecycle's event for a status change).
 */

/** a catalog row: a UUID and (for the switchable kinds) a status */
export type CatalogRow = LucidRow & { id: string }

export interface ItemKind<M extends CatalogRow> {
  model: { new (): M }
  /** audit action prefix and subject type ("catalog.region", "service_region") */
  action: string
  subject: string
  /** the columns an audit entry shows */
  fields: string[]
  /** long texts whose change is noted without their content ("body") */
  longFields?: string[]
  /** what the update and status entries name the item by ({ name } or { title }) */
  title: (row: M) => Record<string, unknown>
}

/**
 * An item kind whose status is a lifecycle (audit prefix and subject are
 * the lifecycle's).
 */
export function itemKind<M extends CatalogRow>(
  lifecycle: Lifecycle<any, any>,
  kind: Omit<ItemKind<M>, 'action' | 'subject'>
): ItemKind<M> & { lifecycle: Lifecycle<any, any> } {
  return { ...kind, action: lifecycle.name, subject: lifecycle.subject, lifecycle }
}

/**
 * The fields of a row as plain values (dates as ISO strings), for the
 * audit entry's before/after.
 */
export function snapshot(row: LucidRow, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    const value = (row as any)[key]
    out[key] = DateTime.isDateTime(value) ? value.toISO() : value
  }
  return out
}

/**
 * What changed between two snapshots: { field: [before, after] }.
 */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, [unknown, unknown]> = {}
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      out[key] = [before[key], after[key]]
  }
  return out
}

/**
 * Codes are unique per table (case-insensitive: stored lower-case).
 */
export async function assertCodeFree(model: LucidModel, code: string, exceptId?: string) {
  const query = model.query().where('code', code)
  if (exceptId) query.whereNot('id', exceptId)
  if (await query.first()) throw new RuleError('编码已被使用，请换一个', { field: 'code' })
}

/**
 * The coded kinds (region, platform, product): a new item, or a change,
 * whose code no other item of its kind has. `values` are read after the
 * code is checked.
 */
export async function createCodedItem<M extends CatalogRow>(
  kind: ItemKind<M>,
  code: string,
  values: () => Partial<M> | Promise<Partial<M>>
) {
  await assertCodeFree(kind.model as unknown as LucidModel, code)
  return createItem(kind, await values())
}

export async function updateCodedItem<M extends CatalogRow>(
  kind: ItemKind<M>,
  id: string,
  code: string,
  values: () => Partial<M> | Promise<Partial<M>>
) {
  const model = kind.model as unknown as LucidModel
  const row = (await model.findOrFail(id)) as M
  await assertCodeFree(model, code, row.id)
  return updateItem(kind, row, await values())
}

/**
 * What a coded kind's admin page does (create, change, switch on/off,
 * delete), given how its form becomes the row's values and, for delete,
 * why an item still in use may not go (the refusal's text, or null).
 */
export function codedItemActions<
  M extends CatalogRow & { status: string },
  Input extends { code: string },
  Status extends string,
>(
  kind: ItemKind<M> & { lifecycle: Lifecycle<any, any> },
  values: (input: Input) => Partial<M> | Promise<Partial<M>>,
  inUse: (row: M) => Promise<string | null> = async () => null
) {
  const model = kind.model as unknown as LucidModel
  return {
    create: (input: Input) => createCodedItem(kind, input.code, () => values(input)),
    update: (id: string, input: Input) =>
      updateCodedItem(kind, id, input.code, () => values(input)),
    setStatus: async (id: string, status: Status) =>
      switchItem(kind, (await model.findOrFail(id)) as M, status),
    remove: async (id: string) => {
      const row = (await model.findOrFail(id)) as M
      const refusal = await inUse(row)
      if (refusal) throw new RuleError(refusal)
      return deleteItem(kind, row)
    },
  }
}

/**
 * Merge rule results into one refusal carrying every field's message.
 */
export function throwIfErrors(...errorMaps: Array<Record<string, string> | null | undefined>) {
  const merged: Record<string, string> = {}
  for (const map of errorMaps) if (map) Object.assign(merged, map)
  const messages = Object.values(merged)
  if (messages.length) {
    throw new RuleError(messages.length > 1 ? '提交的信息有误，请按提示修改' : messages[0], {
      fields: merged,
    })
  }
}

/**
 * The audit entry of a create, update or delete (`catalog.<kind>.<verb>`).
 */
function recordItem<M extends CatalogRow>(
  kind: ItemKind<M>,
  verb: 'create' | 'update' | 'delete',
  row: M,
  data: Record<string, unknown>,
  trx: TransactionClientContract
) {
  return audit.record(
    { action: `${kind.action}.${verb}`, subjectType: kind.subject, subjectId: row.id, data },
    trx
  )
}

/**
 * A new item with its `create` entry (`data` is added to the entry).
 */
export async function createItem<M extends CatalogRow>(
  kind: ItemKind<M>,
  values: Partial<M>,
  data: Record<string, unknown> = {}
): Promise<M> {
  return db.transaction(async (trx) => {
    const row = new kind.model()
    row.merge(values as any)
    row.useTransaction(trx)
    await row.save()
    await recordItem(kind, 'create', row, { ...data, ...snapshot(row, kind.fields) }, trx)
    return row
  })
}

/**
 * Change an item and write its `update` entry with what changed.
 * `adjust` runs on the merged row before it is saved.
 */
export async function updateItem<M extends CatalogRow>(
  kind: ItemKind<M>,
  row: M,
  values: Partial<M>,
  adjust?: (row: M) => void
): Promise<M> {
  const keys = [...kind.fields, ...(kind.longFields ?? [])]
  return db.transaction(async (trx) => {
    const before = snapshot(row, keys)
    row.merge(values as any)
    adjust?.(row)
    row.useTransaction(trx)
    await row.save()
    const diff = changes(before, snapshot(row, keys))
    for (const field of kind.longFields ?? []) if (diff[field]) diff[field] = ['…', '…']
    await recordItem(kind, 'update', row, { ...kind.title(row), changes: diff }, trx)
    return row
  })
}

/**
 * Switch an item to the status a button asked for, through its lifecycle
 * (one audit entry of the event). Already there: nothing to do (a second
 * click of the same button).
 */
export async function switchItem<M extends CatalogRow & { status: string }>(
  kind: ItemKind<M> & { lifecycle: Lifecycle<any, any> },
  row: M,
  status: string,
  adjust?: (row: M, to: string) => void
): Promise<M> {
  if (row.status === status) return row
  const event = eventBetween(kind.lifecycle, row.status, status)
  await db.transaction(async (trx) => {
    adjust?.(row, status)
    await kind.lifecycle.apply(row, event, trx, { to: status, data: kind.title(row) })
  })
  return row
}

/**
 * Delete an item with its `delete` entry (its last values and `data`);
 * `alsoDelete` removes what belongs to it in the same transaction.
 */
export async function deleteItem<M extends CatalogRow>(
  kind: ItemKind<M>,
  row: M,
  options: {
    data?: Record<string, unknown>
    alsoDelete?: (trx: TransactionClientContract) => Promise<unknown>
  } = {}
): Promise<M> {
  await db.transaction(async (trx) => {
    await options.alsoDelete?.(trx)
    row.useTransaction(trx)
    await row.delete()
    await recordItem(kind, 'delete', row, { ...snapshot(row, kind.fields), ...options.data }, trx)
  })
  return row
}

/**
 * A file stored for a change is removed again when the change fails.
 */
export async function withStoredFile<T>(key: string | null | undefined, write: () => Promise<T>) {
  try {
    return await write()
  } catch (error) {
    if (key) await storage.delete(key).catch(() => undefined)
    throw error
  }
}

/**
 * How many rows of a table point at an item (a region's platforms, a
 * platform's products).
 */
export async function countWhere(model: LucidModel, column: string, id: string) {
  const row = await model.query().where(column, id).count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}
