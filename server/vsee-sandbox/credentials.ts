/**
 * The sandbox's fixed developer credentials. They are not secrets: the sandbox is an in-process
 * stand-in for VSee and accepts exactly these values (see README / DESIGN "sandbox mode").
 */
export const SANDBOX = {
  accountCode: 'demo',
  apiKey: 'sandbox-api-key',
  apiSecret: 'sandbox-api-secret',
  roomCode: 'sandbox',
} as const;
