import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createWorker, OEM, PSM, type Worker, type Page } from 'tesseract.js'
import { RuleError } from '#core/rule_error'

/**
 * A fixed pool of tesseract.js workers (each a worker thread running the
 * WebAssembly engine) with the Simplified Chinese data of the npm package
 * @tesseract.js-data/chi_sim, read from node_modules as shipped (gzip),
 * never downloaded, never cached (cacheMethod "none": nothing written).
 *
 * Workers start with the first job (a worker costs about 5 s and 150 MB to
 * start) and only once the pool is opened: by the HTTP server when it is
 * ready (registrations.ts), by `ocr:read`, by the bench and by the tests
 * that read images. A worker runs one job at a time; one that has run
 * `recycleAfter` jobs is terminated after its job and a fresh one takes
 * its place at the next job (the engine's heap only grows). A job that
 * takes longer than the timeout is abandoned and its worker terminated.
 */
const require = createRequire(import.meta.url)

/**
 * The language data: "4.0.0" is tessdata's integer LSTM model (with the
 * legacy engine's data, unused here), measured about twice as fast as
 * "4.0.0_best_int" for equal accuracy on our documents.
 */
export const LANG_PATH = join(dirname(require.resolve('@tesseract.js-data/chi_sim')), '4.0.0')

export interface PoolOptions {
  size: number
  recycleAfter: number
  jobTimeoutMs: number
}

interface Slot {
  worker: Promise<Worker> | null
  busy: boolean
  jobs: number
}

interface Job {
  image: Buffer
  resolve: (page: Page) => void
  reject: (error: unknown) => void
}

export class OcrPool {
  #slots: Slot[]
  #queue: Job[] = []
  #closed = false
  /** workers started and retired since the pool opened (for the bench and the tests) */
  stats = { started: 0, retired: 0, jobs: 0 }

  constructor(readonly options: PoolOptions) {
    this.#slots = Array.from({ length: options.size }, () => ({
      worker: null,
      busy: false,
      jobs: 0,
    }))
  }

  get size() {
    return this.#slots.length
  }

  /** workers currently running (started, not retired) */
  get running() {
    return this.#slots.filter((s) => s.worker).length
  }

  /** recognise an image (PNG/JPEG bytes): the page with its blocks, lines, words and symbols */
  recognize(image: Buffer): Promise<Page> {
    if (this.#closed) {
      return Promise.reject(
        new RuleError('文字识别服务已停止', { field: 'file', code: 'ocr_unavailable' })
      )
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ image, resolve, reject })
      this.#dispatch()
    })
  }

  /** start every worker now (the bench measures jobs without the start-up) */
  async warm() {
    await Promise.all(this.#slots.map((slot) => this.#workerOf(slot)))
  }

  async close() {
    this.#closed = true
    for (const job of this.#queue.splice(0)) {
      job.reject(new RuleError('文字识别服务已停止', { field: 'file', code: 'ocr_unavailable' }))
    }
    await Promise.all(this.#slots.map((slot) => this.#retire(slot)))
  }

  #dispatch() {
    for (const slot of this.#slots) {
      if (!this.#queue.length) return
      if (slot.busy) continue
      const job = this.#queue.shift()!
      slot.busy = true
      void this.#run(slot, job)
    }
  }

  async #run(slot: Slot, job: Job) {
    let timer: NodeJS.Timeout | undefined
    try {
      const worker = await this.#workerOf(slot)
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new RuleError('图片识别超时，请换一张更清晰的照片', {
                field: 'file',
                code: 'ocr_timeout',
              })
            ),
          this.options.jobTimeoutMs
        )
      })
      const result = await Promise.race([
        worker.recognize(job.image, {}, { text: true, blocks: true }),
        timeout,
      ])
      slot.jobs++
      this.stats.jobs++
      job.resolve(result.data)
      if (slot.jobs >= this.options.recycleAfter) await this.#retire(slot)
    } catch (error) {
      /* a worker that failed or timed out is not trusted with the next job */
      await this.#retire(slot)
      job.reject(
        error instanceof RuleError
          ? error
          : new RuleError('无法识别该图片，请换一张清晰的 JPG 或 PNG 照片', {
              field: 'file',
              code: 'image_unreadable',
            })
      )
    } finally {
      clearTimeout(timer)
      slot.busy = false
      this.#dispatch()
    }
  }

  #workerOf(slot: Slot): Promise<Worker> {
    if (!slot.worker) {
      this.stats.started++
      slot.jobs = 0
      const starting = createWorker('chi_sim', OEM.LSTM_ONLY, {
        langPath: LANG_PATH,
        gzip: true,
        cacheMethod: 'none',
      }).then(async (worker) => {
        await worker.setParameters({
          /* one uniform block: forms are label–value rows; the automatic layout
           analysis drops short lines (an ID card's name) and costs time */
          tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
          preserve_interword_spaces: '0',
          /* tesseract would guess the resolution and say so; 200 is what the accuracy was measured with (a card normalised to 1000 px wide is nearer 300 dpi) */
          user_defined_dpi: '200',
          /* no second pass on inverted lines: our documents print dark on light; this pass costs up to half the time */
          tessedit_do_invert: '0',
        })
        return worker
      })
      /* a worker that failed to start is forgotten: the next job tries again */
      starting.catch(() => {
        if (slot.worker === starting) slot.worker = null
      })
      slot.worker = starting
    }
    return slot.worker
  }

  async #retire(slot: Slot) {
    const worker = slot.worker
    slot.worker = null
    slot.jobs = 0
    if (!worker) return
    this.stats.retired++
    try {
      const running = await worker
      await running.terminate()
    } catch {
      /* already gone */
    }
  }
}
