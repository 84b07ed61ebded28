/**
 * Field names whose values are secrets wherever they appear in a log record,
 * as the words a name ends with. A name is split into lower-case words at
 * separators and at case changes (`SecretAccessKey`, `secret_access_key`
 * and `AWS_SECRET_ACCESS_KEY` all end with `secret access key`), and is
 * secret when its last words, once the words naming only a form
 * ({@link FORM_WORDS}: `signingKeyHex`, `SecretString`) are set aside, are
 * one of these endings, or one in the plural (`secrets`; `tokens` only as
 * {@link QUALIFIED_SECRET_ENDINGS} say), or one of those qualified endings,
 * or when its last word runs a secret word on (`clientsecret`, `accesstoken`:
 * {@link endsInRunTogetherSecret}); page tokens are not, their words apart
 * or run together ({@link NOT_SECRET_ENDINGS}).
 * `metadataKey` ends with `metadata key`, not
 * `data key`, and `customerKeyMd5` or `rootKeyFile` end with other words.
 * Values wrapped in `Secret` are redacted by the wrapper itself; these
 * endings catch raw values by name.
 */
export const SECRET_NAME_ENDINGS: readonly (readonly string[])[] = [
  ['plaintext'],
  ['plain', 'text'],
  ['secret'],
  ['secret', 'key'],
  ['secret', 'access', 'key'],
  ['api', 'key'],
  ['password'],
  ['passwd'],
  ['pwd'],
  ['passphrase'],
  ['pass', 'phrase'],
  ['authorization'],
  ['root', 'key'],
  ['data', 'key'],
  ['key', 'material'],
  ['customer', 'key'],
  ['signing', 'key'],
  ['private', 'key'],
  ['token'],
  ['signature'],
];

/**
 * Words that, after a secret's name, say only in what form it is held
 * (`secretValue`, `SecretString`, `signingKeyHex`, `privateKeyPem`,
 * `authorizationHeader`): the
 * name still holds the secret. Words that say something else about it
 * (`rootKeyFile`, `rootKeyId`, `customerKeyMd5`, `secretName`) do not.
 */
const FORM_WORDS: ReadonlySet<string> = new Set([
  'value',
  'values',
  'string',
  'str',
  'text',
  'hex',
  'base64',
  'base64url',
  'b64',
  'bytes',
  'buffer',
  'buf',
  'binary',
  'bin',
  'raw',
  'encoded',
  'pem',
  'der',
  'utf8',
  'data',
  'header',
]);

/** The one ending not taken in the plural by itself: `tokens` counts a rate limiter's tokens more often than it holds any. */
const SINGULAR_ONLY = 'token';

/** A last word that is a secret's when it is the whole name (if `alone`) or follows a word `secretAfter` accepts. */
interface QualifiedEnding {
  readonly word: string;
  readonly alone: boolean;
  readonly secretAfter: (word: string) => boolean;
}

/**
 * Words that, before `pass`, say it is a step or a turn, not a password:
 * a run's (`firstPass`, `lastPass`, `nextPass`, `singlePass`, `multiPass`,
 * `by_pass`), a job's (`maintenancePass`, `compilePass`, `renderPass`,
 * `lintPass`) or a filter's (`highPass`, `lowPass`, `bandPass`).
 */
const NOT_SECRET_PASS_WORDS: ReadonlySet<string> = new Set([
  'first',
  'second',
  'third',
  'final',
  'last',
  'next',
  'previous',
  'prev',
  'each',
  'every',
  'one',
  'two',
  'single',
  'double',
  'multi',
  'multiple',
  'by',
  'maintenance',
  'cleanup',
  'compile',
  'compiler',
  'optimization',
  'render',
  'shader',
  'build',
  'lint',
  'test',
  'check',
  'validation',
  'high',
  'low',
  'band',
]);

/** The kinds of token a plural `tokens` holds (`sessionTokens`, `apiTokens`). */
const SECRET_TOKENS_WORDS: ReadonlySet<string> = new Set(['session', 'api', 'access', 'refresh', 'bearer', 'auth', 'security']);

/**
 * Last words secret only in some company: `pass` alone or after any word
 * but one that makes it a step or a turn ({@link NOT_SECRET_PASS_WORDS}:
 * `DB_PASS`, `proxyPass`, `keystorePass`, `APP_PASS` are secret, `firstPass`
 * and `maintenancePass` are not, nor is `bypass`, one word), and the
 * plural `tokens` after the kind of token (`sessionTokens`, `apiTokens`,
 * not a rate limiter's `tokens`).
 */
const QUALIFIED_SECRET_ENDINGS: readonly QualifiedEnding[] = [
  { word: 'pass', alone: true, secretAfter: (word) => !NOT_SECRET_PASS_WORDS.has(word) },
  { word: 'tokens', alone: false, secretAfter: (word) => SECRET_TOKENS_WORDS.has(word) },
];

/**
 * Last words of names that end like a secret's but are not: the page
 * tokens of listings (`NextToken`, `ContinuationToken`, `nextPageToken`),
 * their words apart or run together (`nexttoken`, `nextcontinuationtoken`).
 */
const NOT_SECRET_ENDINGS: readonly (readonly string[])[] = [['next', 'token'], ['continuation', 'token'], ['page', 'token']];

/**
 * First words of the operations whose names end like a secret's
 * (`GenerateDataKey`, `GenerateDataKeyWithoutPlaintext`, `GetSigningKey`,
 * `GetSessionToken`): a count keyed by one holds no secret.
 */
const OPERATION_VERBS: ReadonlySet<string> = new Set(['generate', 'get']);

/** User metadata (`x-amz-meta-*`): the object's own data, stored and returned as sent, not a credential. */
const USER_METADATA_PREFIX = 'x-amz-meta-';

/** Decisions already made, by field name: log records repeat the same few names. Bounded; cleared when full. */
const decided = new Map<string, boolean>();
const MAX_DECIDED = 4096;

/** The lower-case words of a name: split at anything not a letter or digit, and before an upper-case letter that starts a word. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])|([A-Z])([A-Z][a-z])/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function endsWith(nameWords: readonly string[], ending: readonly string[]): boolean {
  if (ending.length > nameWords.length) return false;
  const offset = nameWords.length - ending.length;
  return ending.every((word, index) => nameWords[offset + index] === word);
}

/** A secret word in the singular and, unless it is {@link SINGULAR_ONLY}, the plural. */
function spellingsOf(word: string): readonly string[] {
  return word === SINGULAR_ONLY ? [word] : [word, `${word}s`];
}

/** True when the name ends with the ending, its last word in the singular or the plural. */
function endsWithSecret(nameWords: readonly string[], ending: readonly string[]): boolean {
  return spellingsOf(ending.at(-1)!).includes(nameWords.at(-1)!) && endsWith(nameWords.slice(0, -1), ending.slice(0, -1));
}

/** True when the name's last word is a {@link QUALIFIED_SECRET_ENDINGS} word in the company it needs. */
function endsWithQualifiedSecret(nameWords: readonly string[]): boolean {
  const [before, last] = nameWords.length === 1 ? [undefined, nameWords[0]] : nameWords.slice(-2);
  return QUALIFIED_SECRET_ENDINGS.some((ending) => last === ending.word && (before === undefined ? ending.alone : ending.secretAfter(before)));
}

/** True when the name's words end like a secret's: one of {@link SECRET_NAME_ENDINGS} or {@link QUALIFIED_SECRET_ENDINGS}. */
function endsLikeSecret(nameWords: readonly string[]): boolean {
  return SECRET_NAME_ENDINGS.some((ending) => endsWithSecret(nameWords, ending)) || endsWithQualifiedSecret(nameWords);
}

/**
 * The name's words without the {@link FORM_WORDS} it ends with (at least
 * one word is kept), except a form word that completes a secret's name
 * (the `text` of `plainText`).
 */
function withoutFormWords(nameWords: readonly string[]): readonly string[] {
  let end = nameWords.length;
  while (end > 1 && FORM_WORDS.has(nameWords[end - 1]!) && !endsLikeSecret(nameWords.slice(0, end))) end--;
  return end === nameWords.length ? nameWords : nameWords.slice(0, end);
}

/**
 * Secret words that are secret at the end of a run-together word, whatever
 * runs before them, in the singular or the plural (`PGPASSWORD`, `DBPASSWD`,
 * `keypassphrase`, `clientsecret`, `accesstoken`, `authtoken`,
 * `proxyauthorization`). Not `key` (`metadatakey`), `pass` (`bypass`),
 * `pwd` (`OLDPWD`) or `signature` (`typesignature`), which other words end in.
 */
const RUN_TOGETHER_SECRETS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'authorization'];

/**
 * True when the name's last word is secret by itself: an ending's words run
 * together in one upper- or lower-case word (`apikey`), which `metadatakey`
 * is not for want of a `data key` ending its own, or a word ending in a
 * {@link RUN_TOGETHER_SECRETS} word.
 */
function endsInRunTogetherSecret(lastWord: string): boolean {
  const endsInSecret = (secret: string) => spellingsOf(secret).some((spelling) => lastWord.endsWith(spelling));
  return RUN_TOGETHER_SECRETS.some(endsInSecret) || SECRET_NAME_ENDINGS.some((ending) => ending.length > 1 && lastWord === ending.join(''));
}

/** True when the name ends like a page token's ({@link NOT_SECRET_ENDINGS}), its words apart or run together in its last word. */
function endsLikePageToken(nameWords: readonly string[], lastWord: string): boolean {
  return NOT_SECRET_ENDINGS.some((ending) => endsWith(nameWords, ending) || lastWord.endsWith(ending.join('')));
}

function decide(name: string): boolean {
  if (name.toLowerCase().startsWith(USER_METADATA_PREFIX)) return false;
  const nameWords = withoutFormWords(words(name));
  const lastWord = nameWords.at(-1);
  if (lastWord === undefined || OPERATION_VERBS.has(nameWords[0]!)) return false;
  if (endsLikePageToken(nameWords, lastWord)) return false;
  return endsLikeSecret(nameWords) || endsInRunTogetherSecret(lastWord);
}

/** True when a field of this name holds a secret (see {@link SECRET_NAME_ENDINGS}). */
export function isSecretName(name: string): boolean {
  const known = decided.get(name);
  if (known !== undefined) return known;
  const secret = decide(name);
  if (decided.size >= MAX_DECIDED) decided.clear();
  decided.set(name, secret);
  return secret;
}
