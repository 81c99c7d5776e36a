// @apollo/gateway reports telemetry and probes cloud metadata addresses unless this is set;
// tests talk to 127.0.0.1 only.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
