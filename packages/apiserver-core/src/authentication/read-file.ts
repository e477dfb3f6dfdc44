import { readFileSync } from 'node:fs';

/**
 * Reads a file named by a flag, failing with Go's os.Open wording ("open <path>: no such file or
 * directory") as kube-apiserver's start-up errors print it.
 */
export function readFlagFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new Error(`open ${path}: ${reason}`);
  }
}
