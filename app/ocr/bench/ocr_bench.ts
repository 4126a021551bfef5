/**
 * npm run bench:ocr — how fast and how well licences and ID cards are read.
 *
 *  1. fixtures: OCR_BENCH_SEEDS (default 4, from OCR_BENCH_FIRST_SEED, default
 *     101) documents of each kind (licence,
 *     ID front, ID back) × 5 conditions (clean, blur, 2° rotation, small
 *     low-quality JPEG, phone-photo perspective), rendered with fictional
 *     data (documents.ts);
 *  2. latency: each fixture read alone (one job at a time) on a warm pool:
 *     median and p95, and the fields exact against the truth;
 *  3. throughput: OCR_BENCH_N (default 200) readings submitted at once to
 *     the pool of OCR_BENCH_WORKERS (default 2) workers: images/s, and the
 *     process's memory (the workers are threads of it) before and after,
 *     with the pool's recycling (config/ocr.ts, OCR_RECYCLE_AFTER).
 *
 * Goals (issue 14): ≥ 98 % of fields exact, median < 1 s, ≥ 1.5 images/s
 * with two workers on two cores.
 */
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
const { fixture, DEGRADATIONS } = await import('#ocr/bench/documents')
type Fixture = Awaited<ReturnType<typeof fixture>>
const { openOcr, closeOcr } = await import('#ocr/services/engine')
const { readDocument } = await import('#ocr/queries/read_document')
const { default: ocrConfig } = await import('#config/ocr')

const seeds = Number(process.env.OCR_BENCH_SEEDS ?? 4)
/* the documents are made from seeds 101, 102 …; other seeds give documents the code was not tuned on */
const firstSeed = Number(process.env.OCR_BENCH_FIRST_SEED ?? 101)
const n = Number(process.env.OCR_BENCH_N ?? 200)
const workers = Number(process.env.OCR_BENCH_WORKERS ?? 2)

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p + 0.5))]
}

console.log(`fixtures: ${seeds} × 3 kinds × ${DEGRADATIONS.length} conditions …`)
const fixtures: Fixture[] = []
for (const kind of ['licence', 'idcard_front', 'idcard_back'] as const) {
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    for (const how of DEGRADATIONS) fixtures.push(await fixture(kind, seed, how))
  }
}

const pool = openOcr({ size: workers })
let t = performance.now()
await pool.warm()
console.log(`${workers} workers started in ${Math.round(performance.now() - t)} ms`)

/* 2. latency and accuracy, one at a time */
const latencies: number[] = []
/* CPU time of the process (all its threads) per image: what the figures would be on idle cores */
const cpuTimes: number[] = []
const loadBefore = loadavg()[0]
const byCondition = new Map<string, { exact: number; total: number }>()
const byField = new Map<string, { exact: number; total: number }>()
const misses: string[] = []
let flaggedWrong = 0
let wrong = 0
for (const f of fixtures) {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const reading = await readDocument(f.image, f.kind === 'licence' ? 'licence' : 'idcard')
  latencies.push(performance.now() - started)
  const used = process.cpuUsage(cpu)
  cpuTimes.push((used.user + used.system) / 1000)
  for (const [field, value] of Object.entries(f.truth)) {
    const ok = reading.fields[field] === value
    for (const [map, key] of [
      [byCondition, f.how],
      [byField, `${f.kind === 'licence' ? 'licence' : 'idcard'}.${field}`],
    ] as const) {
      const row = map.get(key) ?? { exact: 0, total: 0 }
      row.total++
      if (ok) row.exact++
      map.set(key, row)
    }
    if (!ok) {
      wrong++
      if (reading.flagged[field]) flaggedWrong++
      misses.push(`${f.name} ${field}: ${JSON.stringify(reading.fields[field])} ≠ ${value}`)
    }
  }
}
const exact = [...byCondition.values()].reduce((s, r) => s + r.exact, 0)
const total = [...byCondition.values()].reduce((s, r) => s + r.total, 0)

/* 3. throughput and memory */
const rssBefore = process.memoryUsage().rss
const statsBefore = { ...pool.stats }
const cpuBefore = process.cpuUsage()
t = performance.now()
await Promise.all(
  Array.from({ length: n }, (_, i) => {
    const f = fixtures[i % fixtures.length]
    return readDocument(f.image, f.kind === 'licence' ? 'licence' : 'idcard')
  })
)
const seconds = (performance.now() - t) / 1000
const cpuUsed = process.cpuUsage(cpuBefore)
const cpuPerImage = (cpuUsed.user + cpuUsed.system) / 1e6 / n
const rssAfter = process.memoryUsage().rss
const recycled = pool.stats.retired - statsBefore.retired

console.log('')
console.log(
  `machine load (1 min average) at start ${loadBefore.toFixed(1)}, at end ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`
)
console.log(
  `latency (one at a time, ${latencies.length} images): median ${Math.round(pct(latencies, 0.5))} ms, p95 ${Math.round(pct(latencies, 0.95))} ms`
)
console.log(
  `CPU time per image (one at a time): median ${Math.round(pct(cpuTimes, 0.5))} ms, p95 ${Math.round(pct(cpuTimes, 0.95))} ms`
)
console.log(
  `throughput (${n} images, ${workers} workers): ${(n / seconds).toFixed(2)} images/s (${seconds.toFixed(1)} s); CPU ${cpuPerImage.toFixed(2)} s per image, i.e. ${(workers / cpuPerImage).toFixed(2)} images/s on ${workers} idle cores`
)
console.log(
  `memory (process RSS, workers are its threads): before ${mb(rssBefore)}, after ${n} images ${mb(rssAfter)}; workers replaced ${recycled} times (every ${ocrConfig.recycleAfter} jobs)`
)
console.log(
  `fields exact: ${exact}/${total} = ${((exact / total) * 100).toFixed(1)} %; wrong fields flagged for the user: ${flaggedWrong}/${wrong}`
)
for (const [how, row] of byCondition) {
  console.log(
    `  ${how.padEnd(12)} ${row.exact}/${row.total} = ${((row.exact / row.total) * 100).toFixed(1)} %`
  )
}
for (const [field, row] of byField) {
  if (row.exact < row.total) console.log(`  ${field.padEnd(32)} ${row.exact}/${row.total}`)
}
if (misses.length) {
  console.log('misses:')
  for (const miss of misses) console.log(`  ${miss}`)
}
await closeOcr()
