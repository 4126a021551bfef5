/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
|
| Formatting helpers shared by every page, and the office's details.
|
*/
import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import { completeTemplateCache } from '#core/view_cache'
import officeConfig from '#config/office'
import { formatFen } from '#core/money'
import { formatDate, formatTime } from '#core/time'
import {
  ID_TYPES,
  maskBankCard,
  maskIdNumber,
  maskName,
  maskPhone,
} from '#core/validation/identity'
import { regionName, provinces } from '#core/regions'
import { sandboxNotices } from '#core/sandbox'
import { formatBytes } from '#core/uploads'
import '#core/sms/sms_service'

/* production: every template and partial compiled once per process */
if (app.inProduction) completeTemplateCache(edge)

edge.global('office', officeConfig)
edge.global('formatFen', formatFen)
edge.global('formatTime', formatTime)
edge.global('formatDate', formatDate)
edge.global('formatBytes', formatBytes)
edge.global('maskPhone', maskPhone)
edge.global('maskIdNumber', maskIdNumber)
edge.global('maskName', maskName)
edge.global('maskBankCard', maskBankCard)
edge.global('idTypes', ID_TYPES)
edge.global('regionName', regionName)
edge.global('provinces', provinces)
edge.global('sandboxNotices', sandboxNotices)

/**
 * Query string for links that keep the current filters (pagination).
 */
edge.global(
  'withQuery',
  (base: string, query: Record<string, unknown>, overrides: Record<string, unknown> = {}) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries({ ...query, ...overrides })) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
    }
    const text = params.toString()
    return text ? `${base}?${text}` : base
  }
)
