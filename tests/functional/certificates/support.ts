import { DateTime } from 'luxon'
import { issueCloudPair, issueFromCsr } from '#issuance/actions/issue_certificate'
import Certificate from '#certificates/models/certificate'
import type User from '#accounts/models/user'
import { createUser, residentId } from '#tests/helpers/factories'
import { opensslCsr, openssl, tempFile, chainFiles } from '#tests/unit/issuance/support'
import env from '#start/env'

export const PIN = '802615'
let seq = 0

/**
 * An applicant with a certificate in 我的证书: cloud (PIN 802615) or uKey,
 * valid for `days` (default one year), optionally for an existing user
 * and order number.
 */
export async function holderWith(
  options: {
    medium?: 'cloud' | 'ukey'
    days?: number
    user?: User
    orderNo?: string
    productName?: string
    name?: string
    idNumber?: string
    /** explicit validity (e.g. already expired) */
    notBefore?: Date
    notAfter?: Date
    /** an org's certificate (enterprise profile, 我的证书 row of the org) */
    org?: { id: string; name: string; uscc: string }
  } = {}
) {
  seq++
  const name = options.name ?? '赵六'
  const idNumber =
    options.idNumber ?? residentId('19880808', '110105', String(200 + (seq % 700)).padStart(3, '0'))
  const user = options.user ?? (await createUser({ name } as any))
  const validity = options.notAfter
    ? {
        notBefore: options.notBefore ?? new Date(options.notAfter.getTime() - 365 * 86_400_000),
        notAfter: options.notAfter,
      }
    : options.days
      ? { days: options.days }
      : { years: 1 }
  const org = options.org
  const profile = org ? ('enterprise' as const) : ('personal' as const)
  const subject = org
    ? { name: org.name, idNumber: org.uscc, organization: org.name }
    : { name, idNumber }
  let serial: string
  let encSerial: string | null = null
  let credentialId: string | null = null
  let notBefore: Date
  let notAfter: Date
  let keyFile: string | null = null
  if ((options.medium ?? 'cloud') === 'cloud') {
    const pair = await issueCloudPair({ profile, subject, pin: PIN, validity })
    serial = pair.signing.serial
    encSerial = pair.encryption.serial
    credentialId = pair.credentialId
    notBefore = pair.signing.notBefore
    notAfter = pair.signing.notAfter
  } else {
    const csr = await opensslCsr()
    keyFile = csr.keyPath
    const info = await issueFromCsr({ csrPem: csr.csrPem, profile, subject, validity })
    serial = info.serial
    notBefore = info.notBefore
    notAfter = info.notAfter
  }
  const certificate = await Certificate.create({
    userId: user.id,
    orderNo: options.orderNo ?? `2026010100000${String(100000 + seq).slice(-6)}`,
    serial,
    encSerial,
    credentialId,
    orgId: org?.id ?? null,
    certKind: org ? 'enterprise' : 'personal',
    medium: options.medium ?? 'cloud',
    platformId: 'platform-test',
    platformName: '示例交易平台',
    productName: options.productName ?? '个人移动证书',
    subjectName: org?.name ?? name,
    subjectIdNumber: org?.uscc ?? idNumber,
    subjectOrgName: org?.name ?? null,
    notBefore: DateTime.fromJSDate(notBefore),
    notAfter: DateTime.fromJSDate(notAfter),
  } as any)
  return { user, certificate, keyFile }
}

export const pkiBase = () => `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3334)}/pki`

/**
 * What OpenSSL says about a certificate: its status from the running OCSP
 * responder and whether the issuing CA's CRL lists it (with the reason).
 */
export async function opensslStatus(serial: string) {
  const { certificatePem } = await import('#issuance/queries/certificates')
  const files = await chainFiles()
  const pem = (await certificatePem(serial))!
  const certFile = tempFile(`${serial}.pem`, pem)
  const ocsp = await openssl([
    'ocsp',
    '-issuer',
    files.issuing,
    '-CAfile',
    files.root,
    '-cert',
    certFile,
    '-url',
    `${pkiBase()}/ocsp`,
  ])
  const crlDer = Buffer.from(await (await fetch(`${pkiBase()}/crl/issuing.crl`)).arrayBuffer())
  const crl = await openssl([
    'crl',
    '-inform',
    'DER',
    '-in',
    tempFile('issuing.crl', crlDer),
    '-noout',
    '-text',
    '-CAfile',
    files.issuing,
  ])
  const x509 = await openssl(['x509', '-in', certFile, '-noout', '-subject', '-dates', '-serial'])
  return {
    ocsp: ocsp.stdout + ocsp.stderr,
    crl: crl.stdout + crl.stderr,
    x509: x509.stdout,
    certFile,
  }
}
