import { readFileSync, realpathSync } from 'node:fs';

/**
 * The type of file system a folder is on (ext4, tmpfs, overlay…), from /proc/mounts (Linux), or 'unknown'. A
 * durable write's cost is its fsync, and an fsync on tmpfs costs nothing: the figures mean little without it.
 */
export function fileSystemOf(dir: string): string {
  try {
    const real = realpathSync(dir);
    let best = { point: '', type: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, point, type] = line.split(' ');
      if (point === undefined || type === undefined) continue;
      const inside = real === point || real.startsWith(point.endsWith('/') ? point : `${point}/`);
      // The longest mount point holding the folder; of equal ones the last mounted, which hides the others.
      if (inside && point.length >= best.point.length) best = { point, type };
    }
    return best.type;
  } catch {
    return 'unknown';
  }
}
