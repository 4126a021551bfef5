import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Headers shield (config/shield.ts) has no option for, on every response
 * (pages, files, static assets):
 * - Referrer-Policy: same-origin. Links to other sites never carry our
 *   URLs (order numbers, serials, query strings); our own forms still
 *   send the Referer the error handler uses to return to the form.
 * - Permissions-Policy: the site uses no camera, microphone, location,
 *   payment request, USB, serial port or sensors; no embedded page may
 *   ask for them either.
 */
export const REFERRER_POLICY = 'same-origin'
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'browsing-topics=()',
].join(', ')

export default class SecurityHeadersMiddleware {
  handle({ response }: HttpContext, next: NextFn) {
    response.header('Referrer-Policy', REFERRER_POLICY)
    response.header('Permissions-Policy', PERMISSIONS_POLICY)
    return next()
  }
}
