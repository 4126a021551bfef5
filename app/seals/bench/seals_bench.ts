/**
 * npm run bench:seals
 *
 * Figures of the seal engine on this machine, each next to a reference
 * measured in the same run, interleaved with it (one seal, one reference,
 * one seal, …) so that the machine's load weighs on both alike:
 *
 *   1. template seals (round 40 mm, oval 40 × 30 mm, square 20 mm): seals
 *      per second and per-seal latency (median, p95), one at a time in one
 *      process; the reference is sharp turning a plain SVG rectangle of
 *      the same size into a PNG with the same settings, so the ratio says
 *      what the glyphs, the layout and the star cost over sharp's own
 *      floor. Also: building the SVG alone (JavaScript), and seals per
 *      second with 4 in flight (sharp works in libuv's thread pool), and
 *      the CPU time per seal (all threads: less sensitive to a busy
 *      machine than the wall clock);
 *   2. extraction from a photo (2400 × 1800 JPEG, the seal 560 px); the
 *      reference is sharp decoding the same JPEG to raw pixels;
 *   3. signatures (a pad PNG, a paper photo); the reference is the decode;
 *   4. the e-contract's PDF (A4, a contract-sized text, the office seal and
 *      a signature, before the office signs it); the reference is a PDF of
 *      one line in the same font (pdfkit's own cost, font subset included).
 *
 * Environment: BENCH_COUNT (template seals per shape, default 300),
 * BENCH_PHOTOS (photo extractions, default 20).
 */
import os from 'node:os'
import sharp from 'sharp'
import { makeSignature } from '#seals/actions/seal_images'
import { extractSeal } from '#seals/services/extract'
import { PNG_OPTIONS, DPI, renderSeal, sealSvg, type SealFace } from '#seals/services/render'
import { normaliseSignature } from '#seals/services/signature'
import { CONTRACT_FONT, renderContractPdf } from '#seals/services/contract_pdf'
import { pdfDocument, pdfFont } from '#core/pdf'
import { padSignature, paperSignaturePhoto, stampedFormPhoto } from '#tests/unit/seals/support'

const count = Number(process.env.BENCH_COUNT ?? 300)
const photos = Number(process.env.BENCH_PHOTOS ?? 20)
const NAME = '示例市某某科技有限公司'

const faces: Record<string, SealFace> = {
  round: { shape: 'round', text: NAME, bottomText: '合同专用章', code: '4401050012345' },
  oval: {
    shape: 'oval',
    text: NAME,
    taxNumber: '91110108551385082Q',
    bottomText: '发票专用章',
    code: '4401050012345',
  },
  square: { shape: 'square', text: '张三丰印' },
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
  const total = samples.reduce((a, b) => a + b, 0)
  return { median: at(0.5), p95: at(0.95), perSecond: (samples.length * 1000) / total }
}

async function time(fn: () => Promise<unknown> | unknown) {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** a and b alternately, `n` times each */
async function interleaved(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const as: number[] = []
  const bs: number[] = []
  for (let i = 0; i < n; i++) {
    as.push(await time(a))
    bs.push(await time(b))
  }
  return { a: stats(as), b: stats(bs) }
}

/** CPU time (all of the process's threads: sharp works in libuv's pool) per call, ms */
async function cpuPer(n: number, fn: () => Promise<unknown>) {
  const before = process.cpuUsage()
  for (let i = 0; i < n; i++) await fn()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000 / n
}

const ms = (v: number) => `${v.toFixed(2)} ms`
const pad = (v: string, n: number) => v.padEnd(n)

console.log(
  `seals bench · ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' '
    )} · sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, librsvg ${sharp.versions.rsvg} · Node ${process.version}`
)

// warm up: the font opens once (about 0.2 s), sharp loads librsvg
let start = performance.now()
await renderSeal(faces.round)
console.log(`first seal (opens the font): ${ms(performance.now() - start)}\n`)
for (const face of Object.values(faces)) for (let i = 0; i < 10; i++) await renderSeal(face)

console.log(
  `1. template seals, ${count} of each, one at a time; reference: a plain SVG rectangle of the same size → PNG`
)
console.log(
  `   ${pad('shape', 8)}${pad('size', 10)}${pad('seals/s', 10)}${pad('median', 11)}${pad('p95', 11)}${pad('ref median', 12)}${pad('ref p95', 11)}${pad('ratio', 7)}${pad('CPU/seal', 11)}ref CPU`
)
const summary: Record<string, unknown> = {}
for (const [name, face] of Object.entries(faces)) {
  const { width, height } = sealSvg(face)
  const rect = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="2" y="2" width="${width - 4}" height="${height - 4}" fill="#e60000"/></svg>`
  )
  const { a, b } = await interleaved(
    count,
    () => renderSeal(face),
    () => sharp(rect).png(PNG_OPTIONS).withMetadata({ density: DPI }).toBuffer()
  )
  const cpu = await cpuPer(Math.min(count, 100), () => renderSeal(face))
  const cpuRef = await cpuPer(Math.min(count, 100), () =>
    sharp(rect).png(PNG_OPTIONS).withMetadata({ density: DPI }).toBuffer()
  )
  console.log(
    `   ${pad(name, 8)}${pad(`${width}×${height}`, 10)}${pad(a.perSecond.toFixed(0), 10)}${pad(ms(a.median), 11)}${pad(ms(a.p95), 11)}${pad(ms(b.median), 12)}${pad(ms(b.p95), 11)}${pad(`${(a.median / b.median).toFixed(1)}×`, 7)}${pad(ms(cpu), 11)}${ms(cpuRef)}`
  )
  summary[name] = {
    perSecond: Math.round(a.perSecond),
    median: a.median,
    p95: a.p95,
    reference: b.median,
    cpu,
    cpuReference: cpuRef,
  }
}
const svgTimes: number[] = []
for (let i = 0; i < count; i++) svgTimes.push(await time(() => sealSvg(faces.round)))
const svgStats = stats(svgTimes)
console.log(
  `   of which building the round seal's SVG (JavaScript): median ${ms(svgStats.median)}, p95 ${ms(svgStats.p95)}`
)
start = performance.now()
const inFlight = 4
for (let i = 0; i < count; i += inFlight) {
  await Promise.all(Array.from({ length: inFlight }, () => renderSeal(faces.round)))
}
const parallel = (count * 1000) / (performance.now() - start)
console.log(`   round seals with ${inFlight} in flight: ${parallel.toFixed(0)}/s\n`)
summary.roundInFlight4 = Math.round(parallel)

console.log(
  `2. extraction from a photo of a stamped form, ${photos} runs; reference: decoding the same JPEG`
)
const rendered = await renderSeal(faces.round)
const photo = await stampedFormPhoto(rendered.png, {
  width: 2400,
  height: 1800,
  sealPx: 560,
  blur: 1,
  angle: 3,
  quality: 80,
  shade: 0.3,
})
await extractSeal(photo)
const extraction = await interleaved(
  photos,
  () => extractSeal(photo),
  () => sharp(photo).raw().toBuffer()
)
console.log(
  `   2400×1800 JPEG (${Math.round(photo.length / 1024)} KB): median ${ms(extraction.a.median)}, p95 ${ms(extraction.a.p95)}; decode median ${ms(extraction.b.median)}; ratio ${(extraction.a.median / extraction.b.median).toFixed(1)}×\n`
)
summary.extraction = {
  median: extraction.a.median,
  p95: extraction.a.p95,
  reference: extraction.b.median,
}

console.log(`3. handwritten signatures, ${photos} runs each; reference: decoding the input`)
for (const [name, input] of [
  ['pad PNG 800×400', await padSignature()],
  ['paper photo 1200×700', await paperSignaturePhoto()],
] as const) {
  await normaliseSignature(input)
  const s = await interleaved(
    photos,
    () => makeSignature(input),
    () => sharp(input).raw().toBuffer()
  )
  console.log(
    `   ${pad(name, 22)} median ${ms(s.a.median)}, p95 ${ms(s.a.p95)}; decode median ${ms(s.b.median)}; ratio ${(s.a.median / s.b.median).toFixed(1)}×`
  )
  summary[name] = { median: s.a.median, p95: s.a.p95, reference: s.b.median }
}

console.log(`\n4. the e-contract PDF, ${photos} runs; reference: a one-line PDF in the same font`)
const paragraph = `${NAME}${'应当依法使用数字证书和电子印章，妥善保管证书口令，'.repeat(3)}`
const signed = await makeSignature(await padSignature())
const contract = {
  contractNo: '2026112600000000001',
  text: {
    title: '数字证书服务电子合同',
    version: '2026 年第 1 版',
    sections: Array.from({ length: 5 }, (_, i) => ({
      heading: `第${i + 1}条`,
      paragraphs: [paragraph, paragraph, paragraph],
    })),
  },
  signedAt: new Date(),
  office: { name: NAME, seal: rendered.png },
  party: { name: '张三丰', idNumber: '1101**********1019', seal: null },
  signer: { name: '张三丰', signature: signed.png },
}
const onePdf = async () => {
  const { doc, done } = pdfDocument({ size: 'A4' })
  doc.registerFont('cjk', pdfFont(CONTRACT_FONT))
  doc.font('cjk').text(paragraph)
  doc.end()
  return done
}
const pdfBytes = await renderContractPdf(contract)
const pdfs = await interleaved(photos, () => renderContractPdf(contract), onePdf)
console.log(
  `   A4, ${Math.round(pdfBytes.length / 1024)} KB: median ${ms(pdfs.a.median)}, p95 ${ms(pdfs.a.p95)}; one-line PDF median ${ms(pdfs.b.median)}; ratio ${(pdfs.a.median / pdfs.b.median).toFixed(1)}×`
)
summary.contractPdf = {
  median: pdfs.a.median,
  p95: pdfs.a.p95,
  reference: pdfs.b.median,
  kb: Math.round(pdfBytes.length / 1024),
}

console.log(`\n${JSON.stringify({ bench: 'seals', count, photos, ...summary })}`)
