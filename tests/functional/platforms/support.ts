import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import env from '#start/env'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import Certificate from '#certificates/models/certificate'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import { saveIntegration } from '#platforms/actions/integrations'
import { signedHeaders, signRequest } from '#platforms/services/signing'
import { createUser, residentId } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { cmsVerify, tempFile } from '#tests/unit/issuance/support'

/**
 * Playing a trading platform against the running test server: an
 * integration (with its API secret), signed calls over real HTTP, a local
 * webhook receiver; and a holder with a cloud certificate.
 */
export const PIN = '802615'

export function serverUrl() {
  return `http://${env.get('HOST', '127.0.0.1') === '0.0.0.0' ? '127.0.0.1' : env.get('HOST', '127.0.0.1')}:${env.get('PORT')}`
}

export async function tradingPlatform(name = '示例公共资源交易平台') {
  const suffix = randomBytes(3).toString('hex')
  const region = await ServiceRegion.create({
    code: `r${suffix}`,
    name: `区域${suffix}`,
    status: 'active',
    sortOrder: 0,
  } as any)
  return TradingPlatform.create({
    code: `p${suffix}`,
    name: `${name}${suffix}`,
    regionId: region.id,
    status: 'active',
    sortOrder: 0,
  } as any)
}

export interface PlayedPlatform {
  integrationId: string
  appId: string
  secret: string
  platformCode: string
}

export async function platform(
  options: { adapter?: string; callbackUrl?: string | null; code?: string } = {}
): Promise<PlayedPlatform> {
  const tp = await tradingPlatform()
  const code = options.code ?? `T${randomBytes(5).toString('hex').toUpperCase()}`
  const { integration, newSecret } = await saveIntegration({
    platformId: tp.id,
    adapter: options.adapter ?? 'mutual_recognition',
    platformCode: code,
    callbackUrl: options.callbackUrl ?? null,
    enabled: true,
    values: {},
  })
  return {
    integrationId: integration.id,
    appId: integration.appId,
    secret: newSecret!,
    platformCode: code,
  }
}

export interface CallOptions {
  nonce?: string
  now?: number
  tamper?: boolean
}

/** a signed call to the integrator API over HTTP */
export async function call(
  p: PlayedPlatform,
  method: string,
  path: string,
  data?: unknown,
  options: CallOptions = {}
) {
  const body = data === undefined ? '' : JSON.stringify(data)
  const headers = signedHeaders(
    { appId: p.appId, secret: p.secret },
    method,
    path,
    body,
    options.nonce ?? randomUUID(),
    options.now
  )
  if (options.tamper)
    headers['x-signature'] = signRequest(
      'wrong-secret',
      method,
      path,
      headers['x-timestamp'],
      headers['x-nonce'],
      body
    )
  const response = await fetch(serverUrl() + path, {
    method,
    headers: { ...headers, accept: 'application/json' },
    body: method === 'GET' ? undefined : body,
  })
  const text = await response.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: response.status, body: json, text }
}

export async function holder(options: { name?: string } = {}) {
  const name = options.name ?? '赵六'
  const user = await createUser({ name } as any)
  const idNumber = residentId('19880808')
  const pair = await issueCloudPair({ profile: 'personal', subject: { name, idNumber }, pin: PIN })
  const certificate = await Certificate.create({
    userId: user.id,
    orderNo: '2026010100000000001',
    serial: pair.signing.serial,
    encSerial: pair.encryption.serial,
    credentialId: pair.credentialId,
    certKind: 'personal',
    medium: 'cloud',
    platformId: 'platform-test',
    platformName: '示例交易平台',
    productName: '个人移动证书',
    subjectName: name,
    subjectIdNumber: idNumber,
    subjectOrgName: null,
    notBefore: DateTime.fromJSDate(pair.signing.notBefore),
    notAfter: DateTime.fromJSDate(pair.signing.notAfter),
  } as any)
  return { user, certificate, pair }
}

let verifiedCount = 0

/** a holder (cloud certificate) who has also passed real-name verification (ordering needs it) */
export async function verifiedHolder(options: { name?: string } = {}) {
  const made = await holder(options)
  verifiedCount++
  made.user.merge({
    realName: made.user.name,
    realIdType: 'resident_id',
    /* a verified document is unique: each holder its own */
    realIdNumber: residentId('19880808', '110106', String(verifiedCount % 1000).padStart(3, '0')),
    realNameStatus: 'verified',
    realNameMethod: 'id_card',
    realNameVerifiedAt: DateTime.utc(),
  } as any)
  await made.user.save()
  return made
}

export interface Received {
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** a local HTTP server standing for the platform's callback URL */
export async function receiver(
  status = 200
): Promise<{ url: string; received: Received[]; close: () => Promise<void>; server: Server }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body })
      res.statusCode = status
      res.end('{"code":0}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/callback?x=1`,
    received,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** `openssl cms -verify` of a detached CMS signature (base64 DER) over the content, with our chain */
export async function cmsVerified(signatureBase64: string, content: Buffer | string) {
  return cmsVerify(
    tempFile('sig.p7s', Buffer.from(signatureBase64, 'base64')),
    tempFile('content.bin', content),
    'chain'
  )
}

/** the holder opens the QR's page, then confirms with a certificate and the PIN (and more fields) */
export async function scanAndConfirm(
  client: any,
  user: any,
  tid: string,
  certificateId: string,
  pin = PIN,
  extra: Record<string, string> = {}
) {
  const page = await asApplicant(client.get(`/platform-scan/${tid}`), user)
  return {
    page,
    confirm: await asApplicant(client.post(`/platform-scan/${tid}`), user)
      .withCsrfToken()
      .form({ certificate_id: certificateId, pin, ...extra })
      .redirects(0),
  }
}

/** a webhook as the platform checks it: our App ID, HMAC over POST, path, timestamp, nonce, body */
export function verifyWebhook(secret: string, appId: string, received: Received) {
  const expected = createHmac('sha256', secret)
    .update(
      `POST\n${received.path}\n${received.headers['x-timestamp']}\n${received.headers['x-nonce']}\n${received.body}`
    )
    .digest('hex')
  return received.headers['x-app-id'] === appId && received.headers['x-signature'] === expected
}

/**
 * The scan page opened and confirmed (JSON answer, no redirect) through
 * `signedIn` (e.g. `(r) => asApplicant(r, user)`, or acting for an org).
 */
export async function scanAs(
  client: any,
  signedIn: (request: any) => any,
  tid: string,
  certificateId: string
) {
  const page = await signedIn(client.get(`/platform-scan/${tid}`))
  const confirm = await signedIn(client.post(`/platform-scan/${tid}`))
    .withCsrfToken()
    .header('accept', 'application/json')
    .form({ certificate_id: certificateId, pin: PIN })
    .redirects(0)
  return { page, confirm }
}
