/* autocannon ships no types; the bench uses its default export and the instance's 'response' event */
declare module 'autocannon' {
  const autocannon: (options: Record<string, unknown>) => any
  export default autocannon
}
