import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with OWASP's minimum profile: 19 MiB, 2 passes.
 * Tests may lower the cost through `PasswordHasher.fast()`; the algorithm stays the same.
 */
export class PasswordHasher {
  constructor(
    private readonly opts: { memoryCost: number; timeCost: number } = { memoryCost: 19456, timeCost: 2 },
  ) {}

  static fast(): PasswordHasher {
    return new PasswordHasher({ memoryCost: 1024, timeCost: 1 });
  }

  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: this.opts.memoryCost, timeCost: this.opts.timeCost, parallelism: 1 });
  }

  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
}

/** Returns the problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): { zh: string; en: string } | null {
  if (password.length < 10) return { zh: '密码至少 10 位', en: 'at least 10 characters' };
  if (password.length > 128) return { zh: '密码最多 128 位', en: 'at most 128 characters' };
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    return { zh: '密码须同时包含字母和数字', en: 'must contain letters and digits' };
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return { zh: '密码不能包含用户名', en: 'must not contain the username' };
  }
  return null;
}
