/**
 * Wait for an outcome, not for a time: work that runs after a commit (or on
 * a job queue) finishes when it finishes, so a test asks again until the
 * check passes, and gives up only after a deadline generous enough for a
 * loaded machine. The last failure is rethrown so the assertion says what
 * was missing.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 20_000, everyMs = 25 } = {}
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }
}
