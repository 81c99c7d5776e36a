import { Logger } from 'pino';
import { ConfigError, GatewayConfig } from '../config/gateway-config';
import { CATALOGUES, DEFAULT_LOCALE, SUPPORTED_LOCALES } from '../guidance/guidance';
import { OrderFormKitRoute, createOrderFormKitRoutes, readWebFiles } from '../http/order-form-kit';
import { CspRegion } from '../partner-center/csp-region';

/** A language's own name for itself, capitalised: "English (United States)", "Português (Portugal)". */
function localeName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language', languageDisplay: 'standard' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/**
 * The component's route, and the reference order page's when configured (on by default in
 * sandbox mode). Without the compiled browser files neither is served: a warning, or a
 * configuration error when the page was asked for explicitly.
 */
export function orderFormKitRoutes(
  config: GatewayConfig,
  sandbox: boolean,
  webDir: string,
  regions: readonly CspRegion[],
  logger: Logger,
): readonly OrderFormKitRoute[] | undefined {
  const files = readWebFiles(webDir);
  if (!files) {
    const missing = `the browser files are not built (nothing in ${webDir}); run npm run build`;
    if (config.http.orderFormPage) throw new ConfigError(`http.orderFormPage: ${missing}`);
    logger.warn(`${missing}: /mpa-order-check.js and the reference order page are not served`);
    return undefined;
  }
  if (!(config.http.orderFormPage ?? sandbox)) return createOrderFormKitRoutes({ files });
  const names = CATALOGUES.get(DEFAULT_LOCALE)!.regionNames;
  return createOrderFormKitRoutes({
    files,
    page: {
      path: config.http.orderFormPath,
      regions: regions.map((region) => ({ region, name: names[region] })),
      locales: SUPPORTED_LOCALES.map((tag) => ({ tag, name: localeName(tag) })),
      sandbox,
      credential: sandbox ? undefined : config.clientAuth.apiKeys.length > 0 ? 'apiKey' : config.clientAuth.jwt ? 'bearer' : undefined,
    },
  });
}
