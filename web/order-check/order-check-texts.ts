/**
 * The component's own words (buttons, badges, summaries). The guidance itself comes from the
 * gateway in the requested locale; these only frame it. One entry per locale the gateway
 * speaks; anything else falls back to en-US, as the gateway does.
 */
export interface OrderCheckTexts {
  readonly locale: string;
  /** The panel's accessible name. */
  readonly title: string;
  readonly idle: string;
  readonly needsRegion: string;
  readonly checking: string;
  readonly submitAllowed: string;
  readonly submitAllowedUnverified: string;
  /** `{headline}`: the one line's headline. */
  readonly submitBlockedOne: string;
  /** `{count}` of `{total}` lines, named in `{names}`. */
  readonly submitBlockedSome: string;
  readonly checkFailed: string;
  readonly badgeReady: string;
  readonly badgeBlocked: string;
  readonly badgeRetry: string;
  readonly badgeUnverified: string;
  /** `{names}`: the cart lines a finding concerns. */
  readonly lines: string;
  readonly orderedFrom: string;
  readonly resellerRegion: string;
  readonly resellerRegionUnknown: string;
  readonly stepsTitle: string;
  readonly mayTakeTime: string;
  readonly learnMore: string;
  readonly opensInNewTab: string;
  readonly unverified: string;
  readonly recheckAgreement: string;
  readonly recheckOther: string;
  readonly rechecking: string;
  readonly stillBlocked: string;
  readonly retry: string;
  readonly retrying: string;
  readonly mpnId: string;
  readonly tenantId: string;
  /** `{id}`: Partner Center's correlation ID, for support. */
  readonly correlationId: string;
  readonly errorNetwork: string;
  readonly errorUnauthorized: string;
  /** `{seconds}` to wait. */
  readonly errorRateLimited: string;
  /** `{status}`: the HTTP status. */
  readonly errorHttp: string;
  /** `{message}`: the gateway's own message. */
  readonly errorGraphQL: string;
  readonly errorLinesAttribute: string;
  readonly errorTimeout: string;
  /** The answer was not JSON, lacked fields, or was about another reseller, region or line than asked. */
  readonly errorUnexpectedAnswer: string;
}

const EN_US: OrderCheckTexts = {
  locale: 'en-US',
  title: 'Microsoft Partner Agreement check',
  idle: "Enter the reseller's MPN ID or tenant ID to check whether Microsoft accepts its orders.",
  needsRegion: 'Choose the CSP region the order is placed from.',
  checking: 'Checking the reseller with Microsoft…',
  submitAllowed: 'You can submit the order.',
  submitAllowedUnverified: 'You can submit the order, but it goes ahead without the agreement check.',
  submitBlockedOne: 'The order cannot be submitted yet: {headline}',
  submitBlockedSome: 'The order cannot be submitted yet: {count} of {total} lines need attention ({names}).',
  checkFailed: 'The agreement check could not be made, so the order cannot be submitted yet.',
  badgeReady: 'Ready',
  badgeBlocked: 'Action needed',
  badgeRetry: 'Not checked yet',
  badgeUnverified: 'Not verified',
  lines: 'Lines: {names}',
  orderedFrom: 'Order placed from',
  resellerRegion: "Reseller's CSP region",
  resellerRegionUnknown: 'not known',
  stepsTitle: 'What to do',
  mayTakeTime: 'Microsoft may take a while to update after a change.',
  learnMore: 'Learn more',
  opensInNewTab: '(opens in a new tab)',
  unverified: 'Partner Center could not be asked, and this order form lets orders through in that case: the agreement was not verified.',
  recheckAgreement: 'I have accepted it — check again',
  recheckOther: 'I have done this — check again',
  rechecking: 'Checking again…',
  stillBlocked: 'Microsoft still gives the same answer. A change can take a while to show; check again in a few minutes.',
  retry: 'Try again',
  retrying: 'Trying again…',
  mpnId: 'MPN ID',
  tenantId: 'Tenant ID',
  correlationId: 'Correlation ID for support: {id}',
  errorNetwork: 'The gateway could not be reached. Check the connection, then try again.',
  errorUnauthorized: 'The gateway did not accept this page’s credentials (HTTP 401).',
  errorRateLimited: 'The gateway is receiving too many checks; try again in {seconds} s.',
  errorHttp: 'The gateway answered with HTTP {status}.',
  errorGraphQL: 'The gateway refused the check: {message}',
  errorLinesAttribute: 'The lines attribute is not a JSON list of order lines.',
  errorTimeout: 'The gateway did not answer in time. Try again in a moment.',
  errorUnexpectedAnswer: 'The gateway’s answer did not match the order as it is on this form, so it was not used. Try again.',
};

const PT_PT: OrderCheckTexts = {
  locale: 'pt-PT',
  title: 'Verificação do Contrato de Parceiro Microsoft',
  idle: 'Indique o MPN ID ou o ID de inquilino do revendedor para verificar se a Microsoft aceita as suas encomendas.',
  needsRegion: 'Escolha a região CSP de onde parte a encomenda.',
  checking: 'A verificar o revendedor junto da Microsoft…',
  submitAllowed: 'Pode submeter a encomenda.',
  submitAllowedUnverified: 'Pode submeter a encomenda, mas segue sem a verificação do contrato.',
  submitBlockedOne: 'Ainda não é possível submeter a encomenda: {headline}',
  submitBlockedSome: 'Ainda não é possível submeter a encomenda: {count} de {total} linhas precisam de atenção ({names}).',
  checkFailed: 'Não foi possível verificar o contrato, por isso a encomenda ainda não pode ser submetida.',
  badgeReady: 'Pronto',
  badgeBlocked: 'Ação necessária',
  badgeRetry: 'Ainda por verificar',
  badgeUnverified: 'Não verificado',
  lines: 'Linhas: {names}',
  orderedFrom: 'Encomenda feita a partir de',
  resellerRegion: 'Região CSP do revendedor',
  resellerRegionUnknown: 'desconhecida',
  stepsTitle: 'O que fazer',
  mayTakeTime: 'A Microsoft pode demorar algum tempo a refletir uma alteração.',
  learnMore: 'Saber mais',
  opensInNewTab: '(abre num novo separador)',
  unverified:
    'Não foi possível consultar o Partner Center e este formulário deixa passar encomendas nesse caso: o contrato não foi verificado.',
  recheckAgreement: 'Já o aceitei — verificar de novo',
  recheckOther: 'Já o fiz — verificar de novo',
  rechecking: 'A verificar de novo…',
  stillBlocked:
    'A Microsoft continua a dar a mesma resposta. Uma alteração pode demorar a aparecer; verifique de novo dentro de alguns minutos.',
  retry: 'Tentar novamente',
  retrying: 'A tentar novamente…',
  mpnId: 'MPN ID',
  tenantId: 'ID de inquilino',
  correlationId: 'ID de correlação para o suporte: {id}',
  errorNetwork: 'Não foi possível contactar o gateway. Verifique a ligação e tente novamente.',
  errorUnauthorized: 'O gateway não aceitou as credenciais desta página (HTTP 401).',
  errorRateLimited: 'O gateway está a receber demasiadas verificações; tente novamente dentro de {seconds} s.',
  errorHttp: 'O gateway respondeu com HTTP {status}.',
  errorGraphQL: 'O gateway recusou a verificação: {message}',
  errorLinesAttribute: 'O atributo lines não é uma lista JSON de linhas de encomenda.',
  errorTimeout: 'O gateway não respondeu a tempo. Tente novamente dentro de momentos.',
  errorUnexpectedAnswer:
    'A resposta do gateway não corresponde à encomenda tal como está neste formulário, por isso não foi usada. Tente novamente.',
};

const ALL: readonly OrderCheckTexts[] = [EN_US, PT_PT];

/** The texts for a locale tag: an exact match, then the same language (`pt-BR` → pt-PT), else en-US. */
export function textsFor(locale: string | null | undefined): OrderCheckTexts {
  const tag = (locale ?? '').trim().toLowerCase();
  const language = tag.split('-')[0];
  return (
    ALL.find((texts) => texts.locale.toLowerCase() === tag) ??
    ALL.find((texts) => texts.locale.toLowerCase().split('-')[0] === language) ??
    EN_US
  );
}

/** Replaces each `{name}` by its value. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
