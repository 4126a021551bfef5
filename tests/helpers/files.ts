import { mkdirSync, writeFileSync } from 'node:fs'
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import sharp from 'sharp'

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
