import { defineModule } from '#core/modules'

/**
 * seals: electronic seals and handwritten signatures. For now the engine
 * only (template seals, seals from photos, signatures: see README.md); no
 * routes, no back-office area, nothing registered at boot.
 */
export default defineModule({ name: 'seals' })
