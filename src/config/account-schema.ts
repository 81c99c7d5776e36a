import { z } from 'zod';
import { CSP_REGIONS } from '../partner-center/csp-region';

/** Partner Center clouds: base URL and token authority. */
export const PARTNER_CENTER_CLOUDS = {
  public: { baseUrl: 'https://api.partnercenter.microsoft.com', authorityHost: 'https://login.microsoftonline.com' },
  usGovernment: { baseUrl: 'https://api.partnercenter.microsoft.com', authorityHost: 'https://login.microsoftonline.us' },
  china: { baseUrl: 'https://partner.partnercenterapi.microsoftonline.cn', authorityHost: 'https://login.chinacloudapi.cn' },
} as const;

/** Whether Redis clients can read this URL: ioredis throws on one `new URL` refuses. */
export function isRedisUrl(text: string): boolean {
  if (!/^rediss?:\/\//.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** One Partner Center account: the CSP region it fixes, and its App+User credentials (or a fixed token for an emulator). */
export const regionAccount = z
  .object({
    /** The CSP region this account places orders in; one account per region. */
    region: z.enum(CSP_REGIONS),
    /** A fixed bearer token: only for pointing the gateway at an emulator. */
    staticToken: z.string().min(1).optional(),
    /** The provider's Entra ID tenant (a GUID). */
    tenantId: z.string().regex(GUID, 'must be a GUID').optional(),
    /** The secure-application-model app registration. */
    clientId: z.string().min(1).optional(),
    /** The app's secret (or `certificate`). Env MPA_ACCOUNT_<REGION>_CLIENT_SECRET overrides it. */
    clientSecret: z.string().min(1).optional(),
    /** A certificate credential for the app, instead of `clientSecret`. */
    certificate: z
      .object({
        /** The certificate's SHA-256 thumbprint (hex). */
        thumbprintSha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits'),
        /** PEM file holding the certificate's private key. */
        privateKeyFile: z.string().min(1),
        /** Default none. PEM file of the public certificate chain, sent as x5c for subject-name/issuer authentication. */
        x5cFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * The refresh token of the one-time consent; not needed after `npm run login`.
     * Env MPA_ACCOUNT_<REGION>_REFRESH_TOKEN overrides it.
     */
    refreshToken: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((account, context) => {
    const appUser = account.tenantId || account.clientId || account.clientSecret || account.certificate || account.refreshToken;
    if (account.staticToken) {
      if (appUser) context.addIssue({ code: 'custom', path: ['staticToken'], message: 'cannot be combined with App+User credentials' });
      return;
    }
    if (!account.tenantId) context.addIssue({ code: 'custom', path: ['tenantId'], message: "is required: the provider's Entra ID tenant" });
    if (!account.clientId)
      context.addIssue({ code: 'custom', path: ['clientId'], message: 'is required: the app registration used for App+User tokens' });
    if (!account.clientSecret && !account.certificate) {
      context.addIssue({ code: 'custom', path: ['clientSecret'], message: "is required (or certificate): the app's credential" });
    }
    if (account.clientSecret && account.certificate) {
      context.addIssue({ code: 'custom', path: ['certificate'], message: 'cannot be given with clientSecret: give one of the two' });
    }
  });

export type RegionAccountConfig = z.infer<typeof regionAccount>;
