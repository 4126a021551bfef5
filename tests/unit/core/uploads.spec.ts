import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { randomBytes } from 'node:crypto'
import sharp from 'sharp'
import {
  MAX_IMAGE_PIXELS,
  describeRule,
  formatBytes,
  inspectUpload,
  sniffFileType,
} from '#core/uploads'
import { pngClaiming } from '#tests/helpers/files'

/**
 * A zip archive (stored, no compression) with the given entries, as Word,
 * Excel and zip tools write them: local headers, central directory, end.
 */
function zip(entries: Array<[string, Buffer | string]>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    locals.push(local, nameBytes, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'

/** a real image of noise (it does not compress away) */
function noise(format: 'jpg' | 'png', side: number) {
  const image = sharp(randomBytes(side * side * 3), {
    raw: { width: side, height: side, channels: 3 },
  })
  return (format === 'png' ? image.png() : image.jpeg({ quality: 95 })).toBuffer()
}

const samples = {
  jpg: await noise('jpg', 16),
  png: await noise('png', 16),
  pdf: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'),
  doc: Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504, 0),
  ]),
  docx: zip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', '<Relationships/>'],
    ['word/document.xml', '<w:document/>'],
  ]),
  xlsx: zip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['xl/workbook.xml', '<workbook/>'],
  ]),
  zip: zip([
    ['readme.txt', 'hello'],
    ['photos/a.txt', 'x'],
  ]),
  exe: Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58, 0),
    Buffer.from('PE\0\0'),
    Buffer.alloc(200, 0),
  ]),
}

let dir = ''

async function upload(name: string, bytes: Buffer) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`)
  await writeFile(path, bytes)
  return { tmpPath: path, size: bytes.length, clientName: name } as any
}

test.group('Uploads: file type by content', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certdesk-uploads-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('recognises jpg, png, pdf, doc, docx, xlsx, zip and exe by their bytes', ({ assert }) => {
    for (const [type, bytes] of Object.entries(samples)) {
      assert.equal(sniffFileType(bytes), type, type)
    }
    assert.equal(sniffFileType(Buffer.from('GIF89a....')), 'gif')
    assert.equal(sniffFileType(Buffer.from('BM......')), 'bmp')
    assert.isNull(sniffFileType(Buffer.from('just some text')))
    assert.isNull(sniffFileType(Buffer.alloc(0)))
  })

  test('a docx whose first entries are large is still a docx (the names are read from the whole file)', ({
    assert,
  }) => {
    const docx = zip([
      ['[Content_Types].xml', CONTENT_TYPES],
      ['docProps/thumbnail.jpeg', Buffer.alloc(64 * 1024, 7)],
      ['word/document.xml', '<w:document/>'],
    ])
    assert.notInclude(docx.subarray(0, 4096).toString('latin1'), 'word/')
    assert.equal(sniffFileType(docx), 'docx')
  })

  test('a plain zip with a folder called word/ is a zip, not a docx', ({ assert }) => {
    assert.equal(sniffFileType(zip([['word/notes.txt', 'x']])), 'zip')
  })

  test('accepts a file whose content matches the rule, whatever its name', async ({ assert }) => {
    const result = await inspectUpload(await upload('扫描件.PDF', samples.pdf), {
      types: ['pdf'],
      maxSize: 1024 * 1024,
    })
    assert.isTrue(result.ok)
    if (result.ok) {
      assert.equal(result.type, 'pdf')
      assert.equal(result.mime, 'application/pdf')
      assert.equal(result.size, samples.pdf.length)
      // only images are re-encoded: a PDF is stored as uploaded
      assert.isTrue(result.buffer.equals(samples.pdf))
    }
    const png = await inspectUpload(await upload('photo.jpg', samples.png), {
      types: ['jpg', 'png'],
      maxSize: 1024 * 1024,
    })
    assert.isTrue(png.ok && png.type === 'png', 'a png named .jpg is taken for what it is')
    const docx = await inspectUpload(await upload('授权书.docx', samples.docx), {
      types: ['doc', 'docx'],
      maxSize: 1024 * 1024,
    })
    assert.isTrue(docx.ok && docx.type === 'docx')
    const doc = await inspectUpload(await upload('授权书.doc', samples.doc), {
      types: ['doc', 'docx'],
      maxSize: 1024 * 1024,
    })
    assert.isTrue(doc.ok && doc.type === 'doc')
    const archive = await inspectUpload(await upload('材料.zip', samples.zip), {
      types: ['zip'],
      maxSize: 1024 * 1024,
    })
    assert.isTrue(archive.ok && archive.type === 'zip')
  })

  test('refuses a renamed .exe and any type outside the rule, with a Chinese message', async ({
    assert,
  }) => {
    const exe = await inspectUpload(await upload('身份证正面.jpg', samples.exe), {
      types: ['jpg', 'png'],
      maxSize: 1024 * 1024,
    })
    assert.deepEqual(exe, { ok: false, message: '文件格式不正确，仅支持 JPG、PNG 格式' })
    const exeAsPdf = await inspectUpload(await upload('营业执照.pdf', samples.exe), {
      types: ['pdf'],
      maxSize: 1024 * 1024,
    })
    assert.isFalse(exeAsPdf.ok)
    const pdfAsJpg = await inspectUpload(await upload('photo.jpg', samples.pdf), {
      types: ['jpg'],
      maxSize: 1024 * 1024,
    })
    assert.deepEqual(pdfAsJpg, { ok: false, message: '文件格式不正确，仅支持 JPG 格式' })
    const zipAsDocx = await inspectUpload(await upload('a.docx', samples.zip), {
      types: ['docx'],
      maxSize: 1024 * 1024,
    })
    assert.isFalse(zipAsDocx.ok)
    const text = await inspectUpload(await upload('a.png', Buffer.from('hello')), {
      types: ['png'],
      maxSize: 1024,
    })
    assert.isFalse(text.ok)
  })

  test('checks the size window and empty or missing files', async ({ assert }) => {
    const rule = { types: ['jpg'] as const, minSize: 150 * 1024, maxSize: 1024 * 1024 }
    const small = await inspectUpload(await upload('a.jpg', samples.jpg), rule)
    assert.deepEqual(small, {
      ok: false,
      message: `文件大小不能小于 150 KB（当前 ${formatBytes(samples.jpg.length)}）`,
    })
    const big = Buffer.concat([samples.jpg, Buffer.alloc(2 * 1024 * 1024)])
    const large = await inspectUpload(await upload('a.jpg', big), rule)
    assert.deepEqual(large, { ok: false, message: '文件大小不能超过 1 MB（当前 2 MB）' })
    const fine = await inspectUpload(await upload('a.jpg', await noise('jpg', 420)), rule)
    assert.isTrue(fine.ok)
    assert.deepEqual(await inspectUpload(await upload('a.jpg', Buffer.alloc(0)), rule), {
      ok: false,
      message: '文件为空，请重新选择',
    })
    assert.deepEqual(await inspectUpload(null, rule), { ok: false, message: '请选择要上传的文件' })
  })

  test('describes a rule for the help text', ({ assert }) => {
    assert.equal(
      describeRule({ types: ['jpg', 'png'], maxSize: 5 * 1024 * 1024 }),
      '5 MB以内，JPG、PNG 格式'
    )
    assert.equal(
      describeRule({ types: ['jpg'], minSize: 150 * 1024, maxSize: 1024 * 1024 }),
      '150 KB–1 MB，JPG 格式'
    )
  })
})

test.group('Uploads · images are re-encoded within a pixel limit', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certdesk-uploads-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  const rule = { types: ['jpg', 'png'] as const, maxSize: 5 * 1024 * 1024 }

  test('a 20000×20000 PNG (decompression bomb) is refused by its size in pixels, in Chinese', async ({
    assert,
  }) => {
    const bomb = pngClaiming(20000, 20000)
    const result = await inspectUpload(await upload('front.png', bomb), rule)
    assert.deepEqual(result, {
      ok: false,
      message: `图片尺寸过大（20000×20000 像素），请上传不超过 ${MAX_IMAGE_PIXELS / 10_000} 万像素的图片`,
    })
  })

  test('a JPEG/HTML polyglot keeps its picture and loses the page', async ({ assert }) => {
    const page = '<html><body><script>alert(document.cookie)</script></body></html>'
    const jpeg = await noise('jpg', 64)
    // the page in a JPEG comment segment, and again after the end of the image
    const comment = Buffer.alloc(4)
    comment.writeUInt16BE(0xfffe, 0)
    comment.writeUInt16BE(page.length + 2, 2)
    const polyglot = Buffer.concat([
      jpeg.subarray(0, 2),
      comment,
      Buffer.from(page),
      jpeg.subarray(2),
      Buffer.from(page),
    ])
    assert.include(polyglot.toString('latin1'), '<script>')
    const result = await inspectUpload(await upload('photo.jpg', polyglot), rule)
    assert.isTrue(result.ok)
    if (!result.ok) return
    assert.equal(result.type, 'jpg')
    assert.notInclude(result.buffer.toString('latin1'), '<script>')
    assert.notInclude(result.buffer.toString('latin1'), '<html>')
    const meta = await sharp(result.buffer).metadata()
    assert.equal(meta.width, 64)
  })

  test('EXIF metadata (GPS, camera, comments) is not kept; the photo is turned upright', async ({
    assert,
  }) => {
    const tagged = await sharp(await noise('jpg', 40))
      .resize(40, 20)
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret-place-31.2304N' } } })
      .jpeg()
      .toBuffer()
    assert.include(tagged.toString('latin1'), 'secret-place')
    const result = await inspectUpload(await upload('photo.jpg', tagged), rule)
    assert.isTrue(result.ok)
    if (!result.ok) return
    assert.notInclude(result.buffer.toString('latin1'), 'secret-place')
    const meta = await sharp(result.buffer).metadata()
    assert.isUndefined(meta.exif)
    // orientation 6 (rotated 90°) is applied to the pixels: 40×20 becomes 20×40
    assert.deepEqual([meta.width, meta.height], [20, 40])
  })

  test('a file that only looks like an image is refused', async ({ assert }) => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)])
    const result = await inspectUpload(await upload('photo.jpg', broken), rule)
    assert.deepEqual(result, { ok: false, message: '图片文件已损坏或无法识别，请重新选择' })
  })
})
