import { mkdirSync, writeFileSync } from 'node:fs'
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import sharp from 'sharp'
import { crc32, deflateSync } from 'node:zlib'

const dir = () => {
  const path = app.makePath('tmp', 'test-files')
  mkdirSync(path, { recursive: true })
  return path
}

/**
 * A real image file (noise, so it does not compress away) of roughly the
 * requested size, for upload tests.
 */
export async function makeImage(format: 'png' | 'jpg' = 'jpg', approxBytes = 40 * 1024) {
  const side = Math.max(16, Math.ceil(Math.sqrt(approxBytes / 3)))
  const raw = randomBytes(side * side * 3)
  let image = sharp(raw, { raw: { width: side, height: side, channels: 3 } })
  image = format === 'png' ? image.png() : image.jpeg({ quality: 95 })
  const buffer = await image.toBuffer()
  const path = join(dir(), `${randomUUID()}.${format}`)
  writeFileSync(path, buffer)
  return path
}

/**
 * A minimal valid PDF.
 */
export function makePdf(text = 'CertDesk test') {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`
  const path = join(dir(), `${randomUUID()}.pdf`)
  writeFileSync(path, body)
  return path
}

/**
 * A file whose name lies about its content (e.g. an executable named .jpg).
 */
export function makeFakeFile(
  name = 'photo.jpg',
  content: Buffer = Buffer.concat([Buffer.from('MZ'), randomBytes(2048)])
) {
  const path = join(dir(), `${randomUUID()}-${name}`)
  writeFileSync(path, content)
  return path
}

/**
 * A PNG whose header says width × height, followed by a little image data
 * and padding: what a decompression bomb looks like before it is opened
 * (a real one would inflate to gigabytes; refused by its header here).
 */
export function pngClaiming(width: number, height: number, padding = 0) {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(padding, 0x61)])),
    chunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * pngClaiming(20000, 20000) written to a file for an upload test.
 */
export function makeBombPng(width = 20000, height = 20000, padding = 16 * 1024) {
  const path = join(dir(), `${randomUUID()}-bomb.png`)
  writeFileSync(path, pngClaiming(width, height, padding))
  return path
}
