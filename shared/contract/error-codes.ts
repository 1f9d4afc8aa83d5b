/** Error codes every door (IPC, loopback bridge, CLI) returns. Constants, so the UI can branch on them. */
export const ErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  UnknownCall: 'UNKNOWN_CALL',
  ForbiddenSender: 'FORBIDDEN_SENDER',
  Internal: 'INTERNAL',
  Cancelled: 'CANCELLED',
  NotFound: 'NOT_FOUND',
  EngineUnreachable: 'ENGINE_UNREACHABLE',
  EngineError: 'ENGINE_ERROR',
  FileUnreadable: 'FILE_UNREADABLE',
  FileWriteFailed: 'FILE_WRITE_FAILED',
  LintFailed: 'LINT_FAILED',
  ScanFailed: 'SCAN_FAILED',
  ArchiveInvalid: 'ARCHIVE_INVALID',
  BuildFailed: 'BUILD_FAILED',
  RegistryUnauthorized: 'REGISTRY_UNAUTHORIZED',
  RegistryDenied: 'REGISTRY_DENIED',
  RegistryNameUnknown: 'REGISTRY_NAME_UNKNOWN',
  RegistryTooManyRequests: 'REGISTRY_TOO_MANY_REQUESTS',
  RegistryUnreachable: 'REGISTRY_UNREACHABLE',
  RegistryTls: 'REGISTRY_TLS',
  RegistryError: 'REGISTRY_ERROR',
  WrongEndpoint: 'WRONG_ENDPOINT',
  InvalidTag: 'INVALID_TAG',
  KeychainUnavailable: 'KEYCHAIN_UNAVAILABLE',
  SecretNotFound: 'SECRET_NOT_FOUND',
  KeyInvalid: 'KEY_INVALID',
  KeyUnsupported: 'KEY_UNSUPPORTED',
  PassphraseRequired: 'PASSPHRASE_REQUIRED',
  RepoUnreachable: 'REPO_UNREACHABLE',
  RepoHostKeyChanged: 'REPO_HOST_KEY_CHANGED',
  RepoHostKeyUnknown: 'REPO_HOST_KEY_UNKNOWN',
  RepoKeyRefused: 'REPO_KEY_REFUSED',
  RepoNotFound: 'REPO_NOT_FOUND',
  SettingsCorrupt: 'SETTINGS_CORRUPT',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** What the user can do next, when there is something to do. */
  hint?: string;
  details?: unknown;
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };
