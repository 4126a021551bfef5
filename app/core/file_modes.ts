import { chmod, lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Private means private on disk too: the SQLite database (600), its
 * folder and tmp/ (700), and every folder and file of the private storage
 * (700/600). New files get these modes from the process's umask
 * (start/env.ts); `npm start` runs this once so that an install made
 * before (644/755) is brought in line. Symbolic links are left alone.
 */
export async function tightenTree(root: string): Promise<number> {
  let changed = 0
  const visit = async (path: string) => {
    let info
    try {
      info = await lstat(path)
    } catch {
      return
    }
    if (info.isSymbolicLink()) return
    const wanted = info.isDirectory() ? 0o700 : 0o600
    if ((info.mode & 0o777) !== wanted) {
      await chmod(path, wanted)
      changed++
    }
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) await visit(join(path, entry))
    }
  }
  await visit(root)
  return changed
}

export async function tightenFile(path: string, mode = 0o600): Promise<boolean> {
  try {
    const info = await lstat(path)
    if (info.isSymbolicLink() || (info.mode & 0o777) === mode) return false
    await chmod(path, mode)
    return true
  } catch {
    return false
  }
}
