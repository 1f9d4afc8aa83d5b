/**
 * Every section of the partner guide (its table of contents, in order) and where it lives in
 * CertDesk. A unit test keeps this list complete, so no part of the guide is left without a place.
 */
export interface GuideSectionPlace {
  section: string;
  /** `#/page` (and the wizard step id when it's a wizard step). */
  href: string;
  step?: string;
}

export const GUIDE_SECTIONS: readonly GuideSectionPlace[] = [
  { section: 'Introduction', href: '#/wizard', step: 'register' },
  { section: 'Register for RHC4TP & Request Technology Partnership', href: '#/wizard', step: 'register' },
  { section: 'Request Zone Access', href: '#/wizard', step: 'zone-access' },
  { section: 'Add a Product', href: '#/wizard', step: 'product' },
  { section: 'Add a New User to the RHC4TP Account', href: '#/wizard', step: 'users' },
  { section: 'Request Software Access', href: '#/wizard', step: 'software-access' },
  { section: 'Access granted software entitlements', href: '#/wizard', step: 'software-access' },
  { section: 'Create a Certification Project', href: '#/wizard', step: 'create-project' },
  { section: 'In Tree vs Out of Tree', href: '#/wizard', step: 'tree-status' },
  { section: 'In Tree', href: '#/wizard', step: 'tree-status' },
  { section: 'Out of Tree', href: '#/wizard', step: 'tree-status' },
  { section: 'Functional Certification', href: '#/wizard', step: 'tree-status' },
  { section: 'In Tree Certification Workflow', href: '#/wizard', step: 'tree-status' },
  { section: 'Out of Tree Certification Workflow', href: '#/wizard', step: 'tree-status' },
  { section: 'The Container Certification Checklist', href: '#/checklist', step: 'checklist' },
  { section: 'Certification Checklist Section Descriptions', href: '#/checklist', step: 'checklist' },
  { section: 'Preparing the Image For Scanning', href: '#/dockerfile', step: 'dockerfile' },
  { section: 'Dockerfile Requirements', href: '#/dockerfile', step: 'dockerfile' },
  { section: 'The Build Service', href: '#/build', step: 'build' },
  { section: 'Manually Upload Your Image', href: '#/build', step: 'upload' },
  { section: 'Downloading Your Unpublished Container', href: '#/build', step: 'upload' },
  { section: 'If your image was built using the build service:', href: '#/build', step: 'upload' },
  { section: 'If your image was built locally and pushed manually:', href: '#/build', step: 'upload' },
  { section: 'Image Scan Results', href: '#/scan', step: 'scan' },
  { section: 'Export Compliance Questionnaire', href: '#/checklist', step: 'export-compliance' },
  { section: 'Maintaining Certified Images', href: '#/dashboard', step: 'maintenance' },
  { section: 'Top FAQs', href: '#/help' },
  { section: 'Getting Help', href: '#/help' },
  { section: 'Online Resources', href: '#/help' },
];
