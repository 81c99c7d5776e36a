import { ALL_CLIENT_SCOPES, ClientScope, scopesKey } from '../../src/client-access/client-scope';

describe('scopesKey', () => {
  it('is one sorted text for the same scopes, whichever set holds them and however often it is asked', () => {
    const a = new Set<ClientScope>(['status:recheck', 'orders:check']);
    const b = new Set<ClientScope>(['orders:check', 'status:recheck']);
    expect(scopesKey(a)).toBe('orders:check status:recheck');
    expect(scopesKey(a)).toBe('orders:check status:recheck');
    expect(scopesKey(b)).toBe(scopesKey(a));
  });

  it('tells different scopes apart', () => {
    expect(scopesKey(new Set<ClientScope>(['orders:check']))).not.toBe(scopesKey(ALL_CLIENT_SCOPES));
    expect(scopesKey(new Set<ClientScope>())).toBe('');
  });
});
