/** One device-code sign-in waiting for the operator, as the page lists it. */
export interface PendingDeviceLogin {
  readonly userCode: string;
  readonly region: string;
  readonly username: string;
  readonly expiresAt: number;
}

/** What the last form post did, shown above the list. */
export type DeviceLoginNotice =
  | { readonly kind: 'approved'; readonly userCode: string; readonly username: string; readonly mfa: boolean }
  | { readonly kind: 'unknown'; readonly userCode: string };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function noticeHtml(notice: DeviceLoginNotice | undefined): string {
  if (!notice) return '';
  if (notice.kind === 'approved') {
    const mfa = notice.mfa ? 'with MFA' : 'without MFA (Partner Center will refuse its tokens)';
    return `<p class="notice ok" role="status">Code <code>${escapeHtml(notice.userCode)}</code> approved: signed in as ${escapeHtml(notice.username)}, ${mfa}. The login command finishes at its next poll; you can close this page.</p>`;
  }
  return `<p class="notice error" role="alert">No pending sign-in has the code <code>${escapeHtml(notice.userCode)}</code>. Check it, or start <code>npm run login</code> again.</p>`;
}

/**
 * The emulated authority's `/devicelogin`: what Entra ID's "Enter code" page is to a real
 * sign-in. It lists the pending codes (this is a local emulator, so nothing is secret here)
 * and approves one with a form post, as the operator's sign-in with MFA would.
 */
export function renderDeviceLoginPage(pending: readonly PendingDeviceLogin[], notice?: DeviceLoginNotice): string {
  const rows = pending
    .map(
      (login) => `<tr>
  <td><code>${escapeHtml(login.userCode)}</code></td>
  <td>${escapeHtml(login.region)}</td>
  <td>${escapeHtml(login.username)}</td>
  <td>${Math.max(0, Math.round((login.expiresAt - Date.now()) / 60_000))} min</td>
  <td><form method="post" action="/devicelogin"><input type="hidden" name="user_code" value="${escapeHtml(login.userCode)}"><input type="hidden" name="mfa" value="on"><button type="submit">Approve ${escapeHtml(login.userCode)}</button></form></td>
</tr>`,
    )
    .join('\n');
  const list = pending.length
    ? `<table><thead><tr><th>Code</th><th>Region account</th><th>Signs in as</th><th>Expires in</th><th></th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : '<p>No sign-in is waiting. Run <code>npm run login -- --region &lt;REGION&gt;</code> and reload this page.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Device sign-in (emulated authority)</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
  .notice { padding: .6rem .8rem; border-radius: .3rem; } .ok { background: #e6f4ea; } .error { background: #fde7e9; }
  fieldset { margin-top: 1.5rem; border: 1px solid #ddd; }
</style>
</head>
<body>
<h1>Device sign-in</h1>
<p>This is the Partner Center emulator's stand-in for Microsoft Entra ID. Approving a code signs in the partner user of that region's made-up app registration, as a real sign-in with MFA would.</p>
${noticeHtml(notice)}
<h2>Waiting sign-ins</h2>
${list}
<form method="post" action="/devicelogin">
<fieldset><legend>Enter a code</legend>
<label>Code <input name="user_code" autocomplete="off" required></label>
<label><input type="checkbox" name="mfa" value="on" checked> with MFA</label>
<button type="submit">Approve</button>
</fieldset>
</form>
</body>
</html>
`;
}
