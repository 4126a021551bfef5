/**
 * Dashboard counters contributed by modules (through their own queries).
 */
export interface DashboardCounter {
  label: string
  value: number
  href?: string
  tone?: 'warning' | 'info' | 'success'
}

type CounterProvider = () => Promise<DashboardCounter[]>

class DashboardCounters {
  #providers: CounterProvider[] = []

  register(provider: CounterProvider) {
    this.#providers.push(provider)
  }

  async collect(): Promise<DashboardCounter[]> {
    const all: DashboardCounter[] = []
    for (const provider of this.#providers) all.push(...(await provider()))
    return all
  }
}

export const dashboardCounters = new DashboardCounters()
