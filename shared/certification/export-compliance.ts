import { addBusinessDays, EXPORT_REVIEW_BUSINESS_DAYS } from '../projects/business-days';
import type { ExportCompliance, ExportOutcome } from '../projects/model';

/** Guide: "Export Compliance Questionnaire" — the four steps, the outcomes and Part II's resources. */
export const EXPORT_STEPS = [
  { key: 'questionnaireReceivedAt', title: 'Step 1: Red Hat provides the questionnaire to you' },
  { key: 'legalReviewStartedAt', title: 'Step 2: your legal team reviews and answers it' },
  { key: 'returnedAt', title: 'Step 3: you return the completed questionnaire to Red Hat' },
  { key: 'outcomeAt', title: 'Step 4: Red Hat legal evaluates (about 5 business days)' },
] as const satisfies readonly { key: keyof ExportCompliance; title: string }[];

export const EXPORT_OUTCOME_LABELS: Record<ExportOutcome, string> = {
  pending: 'Waiting for Red Hat',
  approved: 'Approved',
  deferred: 'Decision deferred',
  'more-information': 'More information requested',
  declined: 'Declined',
};

export const EXPORT_RESOURCES: readonly { title: string; url: string; note?: string }[] = [
  { title: 'EAR/Encryption Overview', url: 'https://bis.doc.gov/index.php/1-encryption-on-items-not-subject-to-the-ear/15-policy-guidance/encryption', note: 'Whether your item is subject to the EAR.' },
  { title: 'Encryption items not subject to the EAR', url: 'https://bis.doc.gov/index.php/1-encryption-on-items-not-subject-to-the-ear' },
  { title: 'Flowchart 1', url: 'https://bis.doc.gov/index.php/documents/new-encryption/1654-flowchart1/file', note: 'Item designed to use encryption NOT controlled under Category 5, Part 2.' },
  { title: 'Flowchart 2', url: 'https://bis.doc.gov/index.php/documents/new-encryption/1655-flowchart-2-1/file', note: 'Item classified under an ECCN in Category 5, Part 2.' },
  { title: 'License Exception ENC §740.17 / Mass Market Chart', url: 'https://bis.doc.gov/index.php/documents/new-encryption/1651-740-17-enc-table/file' },
  { title: 'Chambers & Global - US Export Control Lawyers', url: 'http://www.chambersandpartners.com/12788/525/editorial/5/1' },
  { title: 'Red Hat Export Control Product Matrix (for example purposes)', url: 'https://www.redhat.com/en/about/export-control-product-matrix' },
];

export const EXPORT_ENC_NOTE =
  'Red Hat is NOT able to accept applications authorized for export as encryption items under License Exception ENC §740.17(b)(2) and/or §740.17(a) of the U.S. Export Administration Regulations. Red Hat cannot give guidance on your export control compliance.';

/** The day Red Hat's answer is expected: 5 business days after the questionnaire was returned. */
export function expectedDecisionDate(c: ExportCompliance): string | undefined {
  return c.returnedAt ? addBusinessDays(c.returnedAt.slice(0, 10), EXPORT_REVIEW_BUSINESS_DAYS) : undefined;
}

export function exportStepIndex(c: ExportCompliance): number {
  if (c.outcome !== 'pending') return 4;
  if (c.returnedAt) return 3;
  if (c.legalReviewStartedAt) return 2;
  if (c.questionnaireReceivedAt) return 1;
  return 0;
}
