// First: tracing's instrumentations must load before fastify, undici, ioredis and pino.
import { flushTracing } from './observability/tracing-bootstrap';
import { loadGatewayConfigWithSources } from './config/gateway-config';
import { createGateway, isSandbox } from './compose/gateway';
import { describeSandbox } from './compose/sandbox-banner';
import { createGatewayLogger } from './observability/gateway-logger';
import { setResellerIdDisclosure } from './observability/reseller-id-disclosure';
import { StartupFacts, describeStartupFailure } from './compose/startup-failure';
import { GRAPHQL_PATH } from './http/graphql-path';

/** What is known when start-up fails, for a message naming the setting and where it came from. */
let facts: StartupFacts = {};

/** Reads configuration, builds the gateway and listens. Nothing else happens here. */
async function main(): Promise<void> {
  const logger = createGatewayLogger();
  const { config, sourceOf, warnings } = loadGatewayConfigWithSources();
  facts = { config, sourceOf };
  setResellerIdDisclosure(config.tracing.resellerIds);
  for (const warning of warnings) logger.warn(warning);
  const gateway = await createGateway({ config, logger });
  const { url, operatorUrl } = await gateway.listen();
  if (isSandbox(config)) process.stdout.write(describeSandbox(gateway, url));
  logger.info(
    { url: `${url}${GRAPHQL_PATH}`, operatorUrl, sandbox: isSandbox(config), regions: gateway.services.checker.configuredRegions },
    'gateway listening',
  );
  const stop = (signal: string) => {
    logger.info({ signal, graceMs: config.http.shutdownGraceMs }, 'draining in-flight requests, then stopping');
    gateway
      .stop()
      .then(flushTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stopping failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error, facts)}\n`);
  process.exit(1);
});
