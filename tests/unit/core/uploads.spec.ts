import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describeRule, formatBytes, inspectUpload, sniffFileType } from '#core/uploads'

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

const samples = {
  jpg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(200, 1),
  ]),
  png: Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(200, 2),
  ]),
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
    const fine = await inspectUpload(
      await upload('a.jpg', Buffer.concat([samples.jpg, Buffer.alloc(200 * 1024)])),
      rule
    )
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
