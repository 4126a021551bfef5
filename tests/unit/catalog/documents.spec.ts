import { test } from '@japa/runner'
import { inflateRawSync } from 'node:zlib'
import { sniffFileType } from '#core/uploads'
import { makeDocx, makePdf, makeZip } from '#catalog/services/documents'
import { contentDisposition } from '#core/http/private_file'

/**
 * Read the entries of a ZIP made by makeZip back (central directory).
 */
function readZip(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: Record<string, string> = {}
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28)
    const size = zip.readUInt32LE(at + 20)
    const offset = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const localNameLength = zip.readUInt16LE(offset + 26)
    const data = zip.subarray(offset + 30 + localNameLength, offset + 30 + localNameLength + size)
    entries[name] = inflateRawSync(data).toString('utf8')
    at += 46 + nameLength
  }
  return entries
}

test.group('Generated documents', () => {
  test('a ZIP keeps Chinese names and contents', ({ assert }) => {
    const zip = makeZip([
      { name: '安装说明.txt', data: '插入 uKey' },
      { name: 'a/b.txt', data: 'x' },
    ])
    assert.equal(sniffFileType(zip.subarray(0, 4096)), 'zip')
    assert.deepEqual(readZip(zip), { '安装说明.txt': '插入 uKey', 'a/b.txt': 'x' })
  })

  test('a DOCX form is recognised as DOCX by content and contains its fields', ({ assert }) => {
    const docx = makeDocx({
      title: '个人数字证书申请表',
      rows: ['申请人姓名', '证件号码'],
      outro: ['签字：'],
    })
    assert.equal(sniffFileType(docx.subarray(0, 4096), '申请表.docx'), 'docx')
    const entries = readZip(docx)
    assert.includeMembers(Object.keys(entries), [
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
    ])
    assert.include(entries['word/document.xml'], '个人数字证书申请表')
    assert.include(entries['word/document.xml'], '<w:tbl>')
    assert.include(
      readZip(makeDocx({ title: 'A & <B>' }))['word/document.xml'],
      'A &amp; &lt;B&gt;'
    )
  })

  test('a PDF is recognised as PDF and its cross-reference table points at its objects', ({
    assert,
  }) => {
    const pdf = makePdf(
      '用户操作手册',
      Array.from({ length: 60 }, (_, i) => `第 ${i + 1} 段：数字证书在线办理说明。`)
    )
    assert.equal(sniffFileType(pdf.subarray(0, 16)), 'pdf')
    const text = pdf.toString('latin1')
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1])
    assert.equal(text.slice(startxref, startxref + 4), 'xref')
    const count = Number(/xref\n0 (\d+)/.exec(text)![1])
    const rows = text
      .slice(startxref)
      .split('\n')
      .slice(3, 3 + count - 1)
    rows.forEach((row, i) => {
      const offset = Number(row.slice(0, 10))
      assert.equal(text.slice(offset, offset + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`)
    })
    assert.match(text, /\/Count [2-9]/, 'long text runs over several pages')
    assert.include(text, '/STSong-Light')
  })
})

test.group('Content-Disposition', () => {
  test('a Chinese name is sent as RFC 5987 filename* with an ASCII fallback', ({ assert }) => {
    assert.equal(
      contentDisposition('用户操作手册.pdf'),
      `attachment; filename="download.pdf"; filename*=UTF-8''${encodeURIComponent('用户操作手册.pdf')}`
    )
    assert.equal(
      contentDisposition('uKey驱动 V3.zip'),
      `attachment; filename="uKey V3.zip"; filename*=UTF-8''uKey${encodeURIComponent('驱动')}%20V3.zip`
    )
    assert.equal(
      contentDisposition(`a"b'(c).pdf`, 'inline'),
      `inline; filename="ab'(c).pdf"; filename*=UTF-8''a%22b%27%28c%29.pdf`
    )
  })
})
