/**
 * `fork()` options that run a bench server's node with `nodeArgs`, directly or under `launcher`
 * (`['valgrind', '--tool=callgrind', ...]`: node's path and arguments follow it).
 */
export function launchOptions(nodeArgs: readonly string[], launcher: readonly string[] = []): { execPath?: string; execArgv: string[] } {
  const [command, ...launcherArgs] = launcher;
  return command === undefined
    ? { execArgv: [...nodeArgs] }
    : { execPath: command, execArgv: [...launcherArgs, process.execPath, ...nodeArgs] };
}
