import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadGatewayConfig } from '../../src/config/gateway-config';
import { tracingPlan } from '../../src/observability/tracing-plan';
import { scratchFolder } from '../support/audit-runner';

describe('Whether tracing starts', () => {
  it('stays off with nothing configured, or with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED', () => {
    expect(tracingPlan({})).toBeUndefined();
    expect(tracingPlan({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(tracingPlan({ MPA_TRACING_ENDPOINT: 'http://collector:4318/v1/traces', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
  });

  it('starts with the standard variables, leaving the URL to them', () => {
    expect(tracingPlan({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      endpoint: undefined,
      serviceName: 'mpa-compliance-gateway',
      resellerIds: 'hashed',
    });
    expect(tracingPlan({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'mpa-eu' })).toEqual({
      endpoint: undefined,
      serviceName: 'mpa-eu',
      resellerIds: 'hashed',
    });
  });

  it('reads the tracing block of the configuration file, the environment winning', () => {
    const file = path.join(scratchFolder(), 'gateway.json');
    writeFileSync(
      file,
      JSON.stringify({ tracing: { endpoint: 'http://file:4318/v1/traces', resellerIds: 'omitted', serviceName: 'from-file' } }),
    );
    expect(tracingPlan({ MPA_CONFIG_FILE: file })).toEqual({
      endpoint: 'http://file:4318/v1/traces',
      serviceName: 'from-file',
      resellerIds: 'omitted',
    });
    expect(
      tracingPlan({ MPA_CONFIG_FILE: file, MPA_TRACING_ENDPOINT: 'https://env:4318/v1/traces', MPA_TRACING_RESELLER_IDS: 'plain' }),
    ).toEqual({
      endpoint: 'https://env:4318/v1/traces',
      serviceName: 'from-file',
      resellerIds: 'plain',
    });
  });

  it('starts nothing for an endpoint that is not an http(s) URL (the configuration check then names it)', () => {
    expect(tracingPlan({ MPA_TRACING_ENDPOINT: 'collector:4318' })).toBeUndefined();
    expect(tracingPlan({ MPA_TRACING_ENDPOINT: 'ftp://collector/v1/traces' })).toBeUndefined();
    expect(tracingPlan({ MPA_TRACING_ENDPOINT: 'https://svc:pass@collector/v1/traces' })).toBeUndefined();
  });
});

describe('Tracing and decision log configuration', () => {
  it('refuses a bad endpoint or disclosure, naming the key and where it came from', () => {
    expect(() => loadGatewayConfig({ MPA_SANDBOX: 'true', MPA_TRACING_ENDPOINT: 'collector:4318' })).toThrow(
      /tracing\.endpoint.*MPA_TRACING_ENDPOINT/s,
    );
    expect(() => loadGatewayConfig({ MPA_SANDBOX: 'true', MPA_TRACING_RESELLER_IDS: 'masked' })).toThrow(
      /tracing\.resellerIds.*MPA_TRACING_RESELLER_IDS/s,
    );
    expect(loadGatewayConfig({ MPA_SANDBOX: 'true' })).toMatchObject({
      tracing: { resellerIds: 'hashed' },
      decisionLog: { destination: 'off' },
    });
  });
});
