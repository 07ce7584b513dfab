import { createHash } from 'node:crypto';

/** A Lua script, run by its SHA1 once Redis has cached it. */
export interface RedisScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

// Each script touches one key (declared in KEYS, so it is Redis Cluster safe) and runs atomically:
// no other client sees a state between its GET and its SET.

/** `SET NX PX` the claim; returns 1 when claimed, else the value that holds the key. */
export const CLAIM = script(`if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return redis.call('GET', KEYS[1])`);

/**
 * Replaces our claim (or nothing, if our lock expired unclaimed) with the response and its TTL;
 * returns 0, writing nothing, when another request took the key meanwhile.
 */
export const COMPLETE = script(`local current = redis.call('GET', KEYS[1])
if current == ARGV[1] or not current then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`);

/** Deletes the key only if our claim still holds it. */
export const RELEASE = script(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);
