import { Type } from 'typebox';
import { defineSetting } from '../../core/settings.js';

const Int = (minimum: number, maximum: number, description: string) => Type.Integer({ minimum, maximum, description });

/**
 * Sign-in throttling, session lifetimes and API key expiry: HQ may tune them, the rules stay in
 * auth.rules.ts, core/auth.ts and api-keys.service.ts.
 */
export const AUTH_SETTINGS = defineSetting({
  key: 'auth.security',
  module: 'auth',
  title: { 'zh-CN': '登录与会话', en: 'Sign-in and sessions' },
  permission: 'settings.manage',
  schema: Type.Object(
    {
      throttle: Type.Object(
        {
          accountFreeFailures: Int(1, 100, 'failed sign-ins of one account name before each further attempt must wait'),
          ipFreeFailures: Int(1, 1000, 'failed sign-ins from one client address before each further attempt must wait'),
          baseDelaySeconds: Int(1, 3600, 'the first wait; each further failure doubles it'),
          maxDelaySeconds: Int(1, 86_400, 'the longest wait (the cap): throttling slows guessing, it never locks an account'),
          windowMinutes: Int(1, 10_080, 'failures older than this are forgotten'),
        },
        { additionalProperties: false },
      ),
      sessionAbsoluteHours: Int(1, 720, 'a session ends this long after sign-in, whatever its activity'),
      sessionIdleHours: Int(1, 720, 'a session unused for this long ends'),
      apiKeyDefaultDays: Int(1, 3650, 'lifetime of a new API key when its creator names none'),
      apiKeyMaxDays: Int(1, 3650, 'the longest lifetime a new API key may be given'),
    },
    { additionalProperties: false },
  ),
  defaults: {
    throttle: { accountFreeFailures: 5, ipFreeFailures: 10, baseDelaySeconds: 1, maxDelaySeconds: 600, windowMinutes: 60 },
    sessionAbsoluteHours: 12,
    sessionIdleHours: 12,
    apiKeyDefaultDays: 365,
    apiKeyMaxDays: 730,
  },
  check: (v) => {
    const errors = [];
    if (v.apiKeyDefaultDays > v.apiKeyMaxDays) errors.push({ path: '/apiKeyDefaultDays', message: 'must not exceed apiKeyMaxDays' });
    if (v.throttle.baseDelaySeconds > v.throttle.maxDelaySeconds) errors.push({ path: '/throttle/baseDelaySeconds', message: 'must not exceed maxDelaySeconds' });
    return errors;
  },
});

export type AuthSettings = typeof AUTH_SETTINGS.defaults;
