/**
 * Red Hat pages the app links to. All https on allow-listed Red Hat hosts
 * (@shared/security/external-links), so the desktop shell opens them in the user's browser.
 */
export const PORTAL = {
  connect: 'https://connect.redhat.com/',
  customerPortal: 'https://access.redhat.com/',
  downloads: 'https://access.redhat.com/downloads',
  supportCase: 'https://access.redhat.com/support/cases/#/case/new',
  healthIndex: 'https://access.redhat.com/articles/2803031',
  functionalCertification:
    'https://access.redhat.com/documentation/en-us/red_hat_openstack_certification/1.0/html/red_hat_openstack_certification_workflow_guide/',
  partnerIntegration: 'https://access.redhat.com/documentation/en-us/red_hat_openstack_platform/13/html/partner_integration/index',
  containerPractices: 'https://access.redhat.com/articles/1483053',
  exportMatrix: 'https://www.redhat.com/en/about/export-control-product-matrix',
} as const;

/** connect@redhat.com: the guide's address for program questions (not a link the shell opens). */
export const CONNECT_EMAIL = 'connect@redhat.com';
