/**
 * A clock of this process's CPU time, in milliseconds, for tinybench's `now`. Wall time on a shared
 * 2-core machine counts every moment another process held the core; CPU time counts only ours
 * (all of its threads: GC helpers included, which is a real cost of allocation).
 */
export function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
