import type { EmailConfig } from './schema.js';

/** The recipients' lists of a message, in the order a mail client shows them. */
const FIELDS = ['to', 'cc', 'bcc'] as const;
export type RecipientField = (typeof FIELDS)[number];

/** An entry of `to`, `cc` or `bcc` whose address an earlier one names already. */
export interface RepeatedRecipient {
  field: RecipientField;
  index: number;
  address: string;
  /** The entry that names it first, and the address as it is written there. */
  first: { field: RecipientField; index: number; address: string };
}

/**
 * An address as it is compared: in any letter case. RFC 5321 lets a server tell the letters of a local part apart, but
 * none in use does (`Press@` and `press@` reach one mailbox), and the domain's are the same to the DNS.
 */
function recipientKey(address: string): string {
  return address.toLowerCase();
}

/** Each entry of `to`, `cc` and `bcc` that names an address an entry before it names (in `to`, then `cc`, then `bcc`). */
export function repeatedRecipients(email: Pick<EmailConfig, RecipientField>): RepeatedRecipient[] {
  const seen = new Map<string, RepeatedRecipient['first']>();
  const repeated: RepeatedRecipient[] = [];
  for (const field of FIELDS) {
    (email[field] ?? []).forEach((mailbox, index) => {
      const address = typeof mailbox === 'string' ? mailbox : mailbox.address;
      const first = seen.get(recipientKey(address));
      if (first === undefined) seen.set(recipientKey(address), { field, index, address });
      else repeated.push({ field, index, address, first });
    });
  }
  return repeated;
}

/**
 * The recipients with each address once, where it is first named: a message whose `To` and `Cc` name one address (or one
 * twice) is delivered to it twice, and shows it twice to every recipient.
 */
export function distinctRecipients(email: EmailConfig): EmailConfig {
  const repeated = repeatedRecipients(email);
  if (repeated.length === 0) return email;
  const dropped = new Set(repeated.map(({ field, index }) => `${field} ${index}`));
  const out: EmailConfig = { ...email };
  for (const field of FIELDS) {
    const list = email[field];
    if (list !== undefined) out[field] = list.filter((_, index) => !dropped.has(`${field} ${index}`));
  }
  return out;
}
