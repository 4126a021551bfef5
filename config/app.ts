import env from '#start/env'
import { defineConfig } from '@adonisjs/core/http'

export const appUrl = env.get('APP_URL', `http://localhost:${env.get('PORT', 3333)}`)

/**
 * Cookies are Secure when the site is served over https (or when forced).
 */
export const secureCookies = env.get('COOKIE_SECURE', appUrl.startsWith('https://'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  trustProxy: () => true,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
})
