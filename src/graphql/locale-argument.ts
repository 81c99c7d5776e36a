/** The `locale` argument's description, shared by every field that renders messages or guidance. */
export const LOCALE_DESCRIPTION = 'Language of messages and guidance, e.g. "pt-PT". Default: the Accept-Language header, else en-US.';
