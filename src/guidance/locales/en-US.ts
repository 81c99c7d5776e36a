import { CSP_REGION_NAMES } from '../../partner-center/csp-region';
import { GuidanceCatalogue } from '../guidance-catalogue';

const catalogue: GuidanceCatalogue = {
  locale: 'en-US',
  resellerRegion: { known: '{name}', unknown: 'another CSP region' },
  unknownWait: 'a few moments',
  waitSeconds: { one: '{n} second', other: '{n} seconds' },
  identifierLabels: { mpnId: 'MPN ID {value}', tenantId: 'tenant ID {value}' },
  regionNames: CSP_REGION_NAMES,
  guidance: {
    signed: {
      message: 'The reseller has accepted the Microsoft Partner Agreement for {region}.',
      headline: 'Ready to order',
      whatItMeans: 'Microsoft will accept orders from this reseller in {region}.',
      actions: [],
    },
    notSigned: {
      message: 'The reseller with {labelledIdentifier} has not accepted the Microsoft Partner Agreement for {region}.',
      headline: 'Partner Agreement not yet accepted for {region}',
      whatItMeans:
        'Microsoft only accepts orders from resellers that accepted the Microsoft Partner Agreement (MPA) for the CSP region the order comes from. This reseller has not, either because it never accepted the MPA or because it accepted it elsewhere but not for {region}.',
      actions: [
        "Sign in to Partner Center with the reseller's account ({labelledIdentifier}).",
        'Accept the Microsoft Partner Agreement for {region}.',
        'Come back to this order and submit it again.',
      ],
    },
    regionMismatch: {
      message: "The reseller's {labelledIdentifier} belongs to another CSP region than {region}, where this order is placed.",
      headline: 'This MPN ID belongs to another CSP region',
      whatItMeans:
        "Each MPN ID belongs to one CSP region. The reseller's {labelledIdentifier} belongs to {resellerRegion}, so it cannot be used for an order placed from {region}.",
      actions: [
        "Use the reseller's MPN ID (PGA/PLA) for {region}, if it has one.",
        'Otherwise, the reseller signs in to Partner Center and accepts the Microsoft Partner Agreement for {region}.',
        'Come back to this order and submit it again.',
      ],
    },
    mpnIdNotRecognized: {
      message: 'Partner Center does not recognise {labelledIdentifier}, or it has not been moved to Partner Center yet.',
      headline: 'MPN ID not recognised',
      whatItMeans:
        'The MPN ID may be mistyped, expired, revoked or replaced, or the reseller still manages it in Partner Membership Center instead of Partner Center.',
      actions: [
        'Check the MPN ID (PGA/PLA) with the reseller.',
        "If the reseller has a newer MPN ID, update it in the reseller's Partner Center profile and use that one.",
        'If the reseller still uses Partner Membership Center, ask Microsoft support to move the account to Partner Center.',
      ],
    },
    notIndirectReseller: {
      message: 'The reseller with {labelledIdentifier} is not enrolled as a CSP indirect reseller.',
      headline: 'Not enrolled as a CSP indirect reseller',
      whatItMeans:
        'Microsoft knows this partner, but not as an indirect reseller in the Cloud Solution Provider program (it may be registered for other programs only).',
      actions: [
        'The reseller enrols in the CSP program as an indirect reseller in Partner Center.',
        'Once enrolment completes, come back to this order and submit it again.',
      ],
    },
    tenantNotFound: {
      message: 'Partner Center has no account for {labelledIdentifier}.',
      headline: 'No Partner Center account for this tenant',
      whatItMeans: 'No Partner Center account is linked to this tenant ID. It may be mistyped or belong to another directory.',
      actions: ['Check the tenant ID (Microsoft ID) with the reseller.', 'Or check the reseller by its MPN ID (PGA/PLA) instead.'],
    },
    tenantNotSigned: {
      message: 'The Partner Center account with {labelledIdentifier} has not accepted the agreement for {region}.',
      headline: 'Partner Agreement not yet accepted',
      whatItMeans:
        "The reseller's Partner Center account exists, but Microsoft finds no accepted Microsoft Partner Agreement for it in {region}.",
      actions: [
        "Sign in to Partner Center with the reseller's account.",
        'Accept the Microsoft Partner Agreement for {region}.',
        'Come back to this order and submit it again.',
      ],
    },
    invalidMpnId: {
      message: 'The MPN ID must be a positive whole number.',
      headline: 'Check the MPN ID',
      whatItMeans: 'An MPN ID (PGA/PLA) is made of digits only, for example 1234567.',
      actions: ['Correct the MPN ID and try again.'],
    },
    invalidTenantId: {
      message: 'The tenant ID must be a GUID.',
      headline: 'Check the tenant ID',
      whatItMeans: 'A tenant ID looks like 0a1b2c3d-0000-1111-2222-333344445555.',
      actions: ['Correct the tenant ID and try again.'],
    },
    bothIdentifiers: {
      message: 'Give either an MPN ID or a tenant ID, not both.',
      headline: 'One identifier, please',
      whatItMeans: 'The check identifies a reseller by its MPN ID or by its tenant ID, never by both at once.',
      actions: ['Remove one of the two identifiers and try again.'],
    },
    missingIdentifier: {
      message: 'Give an MPN ID or a tenant ID.',
      headline: 'Reseller identifier missing',
      whatItMeans: "The check needs the reseller's MPN ID (PGA/PLA) or its tenant ID.",
      actions: ["Enter the reseller's MPN ID or tenant ID and try again."],
    },
    throttled: {
      message: 'Partner Center is limiting how often it can be asked; try again in {retryAfter}.',
      headline: 'Please try again shortly',
      whatItMeans:
        'Partner Center asked us to slow down, so the agreement could not be checked just now. Nothing is wrong with the reseller.',
      actions: ['Wait {retryAfter}, then check again.'],
    },
    credentialsRejected: {
      message: 'Partner Center did not accept our credentials for {region}.',
      headline: 'We cannot check agreements right now',
      whatItMeans: "The problem is on our side, not the reseller's: our connection to Partner Center for {region} needs attention.",
      actions: ['Try again later.', 'If it persists, contact support and quote the correlation ID.'],
    },
    upstreamFailure: {
      message: 'Partner Center could not be reached or did not answer properly.',
      headline: 'Please try again shortly',
      whatItMeans:
        'Partner Center did not give a usable answer, so the agreement could not be checked. Nothing is wrong with the reseller.',
      actions: ['Try again in a few moments.', 'If it persists, contact support and quote the correlation ID.'],
    },
    deadlineExceeded: {
      message: 'The check could not be completed in time; Partner Center was busy or slow to reach.',
      headline: 'Please try again',
      whatItMeans: 'We ran out of time before Partner Center could confirm the agreement. Nothing is known to be wrong with the reseller.',
      actions: ['Check again in a moment.', 'If it keeps happening, contact support and quote the request ID.'],
    },
    notAsked: {
      message: 'The check was not made: this request ran out of time before Partner Center could be asked.',
      headline: 'Please check again',
      whatItMeans:
        'Partner Center was never asked about this reseller: other questions were waiting ahead of it, and the request ran out of time first. Nothing is known about the reseller yet, so the order cannot go ahead.',
      actions: ['Check again in a moment.', 'In a large cart, check fewer lines at a time.'],
    },
    budgetExceeded: {
      message: 'This request asked about more resellers and regions at once than one check may.',
      headline: 'Too many checks in one request',
      whatItMeans:
        'A single request may only ask Partner Center a limited number of questions, and this one was past that limit, so it was not asked.',
      actions: ['Check fewer resellers or regions at a time.'],
    },
    clientBudgetExceeded: {
      message: 'This application has asked Partner Center as often as it may this minute; try again in {retryAfter}.',
      headline: 'Please try again shortly',
      whatItMeans:
        'Each application may only send a limited number of new questions to Partner Center per minute, and this one has used them, so the agreement was not checked. Nothing is known to be wrong with the reseller.',
      actions: ['Wait {retryAfter}, then check again.', 'If it keeps happening, contact support and quote the request ID.'],
    },
    unrecognized: {
      message: 'Partner Center gave an answer this service does not know.',
      headline: 'The agreement could not be confirmed',
      whatItMeans: 'Partner Center answered in a way we do not recognise yet, so we cannot confirm the reseller may order.',
      actions: ['Contact support and quote the correlation ID and the code shown.'],
    },
    regionNotConfigured: {
      message: 'Orders from {region} cannot be checked: this service has no Partner Center account there.',
      headline: 'Region not available',
      whatItMeans: 'Checks are made with a Partner Center account in the region the order comes from, and none is set up for {region}.',
      actions: ['Choose one of the available CSP regions, or contact support.'],
    },
    relationshipActive: {
      message: 'The reseller has an active reseller relationship with us in {region}.',
      headline: 'Reseller relationship active',
      whatItMeans: 'Our Partner Center account for {region} lists this reseller, and the relationship is active.',
      actions: [],
    },
    relationshipMissing: {
      message: 'The reseller with {labelledIdentifier} has no reseller relationship with us in {region}.',
      headline: 'No reseller relationship with us in {region}',
      whatItMeans:
        'Microsoft checks the partner of record when an order is placed: an indirect reseller can order only through a provider it has accepted as its distributor, in the CSP region of the order. Our Partner Center account for {region} does not list this reseller.',
      actions: [
        "Sign in to Partner Center with the reseller's account ({labelledIdentifier}).",
        'Accept our reseller relationship request for {region}; if you cannot find it, ask us to send it again.',
        'Come back to this order: we see a new relationship at our next refresh of the reseller list, within a few minutes.',
      ],
    },
    relationshipNotActive: {
      message: "The reseller's relationship with us in {region} is {state}, not active.",
      headline: 'Reseller relationship not active',
      whatItMeans:
        "Partner Center lists this reseller's relationship with our {region} account as {state}. Microsoft blocks orders from a reseller whose relationship is not active, for example when its account is suspended or its PLA ID is inactive.",
      actions: [
        'The reseller checks its account in Partner Center and resolves what made the relationship inactive.',
        'If the relationship should be active, contact us.',
        'Come back to this order once the relationship is active again.',
      ],
    },
    relationshipUnknown: {
      message: "The reseller's relationship with us in {region} could not be checked just now.",
      headline: 'Reseller relationship not confirmed',
      whatItMeans:
        'Our list of resellers for {region} could not be had from Partner Center, so we cannot confirm the relationship. Nothing is known to be wrong with the reseller.',
      actions: ['Check again in a few minutes.', 'If it persists, contact support.'],
    },
    relationshipUnverified: {
      message: 'The reseller relationship could not be checked; the order may go ahead without that check.',
      headline: 'Order allowed without a relationship check',
      whatItMeans:
        'Our list of resellers for {region} could not be had from Partner Center, and this marketplace lets orders through when that happens. Microsoft may still refuse the order if the reseller has no active relationship with us in {region}.',
      actions: ['Submit the order if you wish.', 'If Microsoft refuses it, check the reseller relationship again.'],
    },
    porValid: {
      message: 'Microsoft confirms {labelledIdentifier} as a valid partner of record for orders from {region}.',
      headline: 'Partner of record confirmed',
      whatItMeans: "Microsoft's own check says this reseller is an authorized, active indirect reseller that may be named on the order.",
      actions: [],
    },
    porNotValid: {
      message: 'Microsoft does not accept {labelledIdentifier} as partner of record (code 900400).',
      headline: 'Reseller not valid as partner of record',
      whatItMeans:
        "Before taking an order, Microsoft checks that the reseller named on it is an authorized, active and compliant indirect reseller. For {labelledIdentifier} it answered no: the PLA ID is not authorized, or the reseller's account is suspended or not in good standing. Microsoft would refuse this order.",
      actions: [
        'The reseller signs in to Partner Center and checks its account, its PLA ID and any notice about its status.',
        'The reseller resolves what Microsoft asks for, or contacts Microsoft partner support.',
        'Come back to this order once the account is back in good standing; Microsoft may take a while to show the change.',
      ],
    },
    porUndocumentedCode: {
      message: 'Microsoft does not accept {labelledIdentifier} as partner of record, with a code we do not know.',
      headline: 'Reseller not valid as partner of record',
      whatItMeans:
        "Microsoft's own check refused this reseller as partner of record and gave a code that its documentation does not describe. The code and Microsoft's description are shown exactly as sent; Microsoft would refuse this order.",
      actions: [
        'The reseller signs in to Partner Center and checks its account and its PLA ID.',
        "If the reason is unclear, contact support and quote the code, Microsoft's description and the correlation ID.",
      ],
    },
    porUnavailable: {
      message: "Microsoft's partner-of-record check could not be made just now.",
      headline: 'Partner of record not confirmed',
      whatItMeans: 'Partner Center did not give its verdict on this reseller in time. Nothing is known to be wrong with the reseller.',
      actions: ['Check again in {retryAfter}.', 'If it persists, contact support.'],
    },
    porUnrecognized: {
      message: "Partner Center's partner-of-record answer could not be read for {labelledIdentifier}.",
      headline: 'Partner of record not confirmed',
      whatItMeans:
        'Partner Center answered in a way we do not recognise, or its answer left this reseller out, so we cannot confirm that Microsoft accepts it as partner of record.',
      actions: ['Check again later.', 'If it persists, contact support and quote the correlation ID.'],
    },
    porNoPartnerId: {
      message: 'The partner of record cannot be checked: we have no PLA ID for {labelledIdentifier} in {region}.',
      headline: 'Partner of record not checked',
      whatItMeans:
        'Microsoft checks the partner of record by PLA ID (formerly MPN ID). This order names the reseller by tenant ID, and our reseller list for {region} gives no PLA ID for it.',
      actions: [
        "Enter the reseller's PLA ID (MPN ID) on the order instead of its tenant ID.",
        'If the reseller has no relationship with us yet, it accepts our reseller relationship request first.',
      ],
    },
    porUnverified: {
      message: "Microsoft's partner-of-record check could not be made; the order may go ahead without it.",
      headline: 'Order allowed without a partner-of-record check',
      whatItMeans:
        'Partner Center did not give its partner-of-record verdict just now, and this marketplace lets orders through when that happens. Microsoft may still refuse the order if it does not accept the reseller as partner of record.',
      actions: ['Submit the order if you wish.', 'If Microsoft refuses it, check the reseller again.'],
    },
    submittedUnverified: {
      message: 'Partner Center could not be asked; the order may go ahead without the agreement check.',
      headline: 'Order allowed without an agreement check',
      whatItMeans:
        "Partner Center could not confirm the reseller's agreement just now, and this marketplace lets orders through when that happens. Microsoft may still refuse the order if the reseller has not accepted the Microsoft Partner Agreement for {region}.",
      actions: ['Submit the order if you wish.', "If Microsoft refuses it, check the reseller's agreement again."],
    },
  },
};

export default catalogue;
