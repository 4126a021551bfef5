/**
 * Providers that run in sandbox mode (no real SMS, payment, identity
 * check). Each module registers a probe; the layouts show a visible
 * 沙箱 banner listing those that are simulated.
 */
const probes: Array<() => string | null> = []

export function registerSandboxProbe(probe: () => string | null) {
  probes.push(probe)
}

export function sandboxNotices(): string[] {
  return probes.map((probe) => probe()).filter((v): v is string => Boolean(v))
}
