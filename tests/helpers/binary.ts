import { ApiRequest } from '@japa/api-client'

/**
 * Let the API client keep binary responses (certificates, PKCS#7,
 * PKCS#12) as Buffers in response.body().
 */
const BINARY_TYPES = [
  'application/pkix-cert',
  'application/x-pkcs7-certificates',
  'application/pkcs7-signature',
  'application/x-pkcs12',
  'application/pkix-crl',
  'application/ocsp-response',
  'application/octet-stream',
  'application/pdf',
  'image/jpeg',
  'image/png',
]

for (const type of BINARY_TYPES) {
  ApiRequest.addParser(type, (res: any, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
}

export function bodyBuffer(response: { body(): unknown }): Buffer {
  const body = response.body()
  if (!Buffer.isBuffer(body)) throw new Error('the response body is not binary')
  return body
}
