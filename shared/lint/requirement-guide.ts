import type { LintRequirement } from '../contract/lint';

/** Where each requirement is explained: the partner guide's section and Red Hat's documentation. */
export interface RequirementGuide {
  title: string;
  /** The partner guide section that states it ("Getting Started Guide - OpenStack / NFV Zone", 2018). */
  guideSection: string;
  /** The guide's words (or the current check's, where the guide is silent), shown next to the diagnostics. */
  explanation: string;
  link: string;
}

const PARTNER_INTEGRATION = 'https://access.redhat.com/documentation/en-us/red_hat_openstack_platform/13/html/partner_integration/index';
const CERT_POLICY = 'https://access.redhat.com/documentation/en-us/red_hat_software_certification';
const CONTAINER_PRACTICES = 'https://access.redhat.com/articles/1483053';

export const REQUIREMENT_GUIDE: Record<LintRequirement, RequirementGuide> = {
  syntax: {
    title: 'Dockerfile syntax',
    guideSection: 'The Build Service',
    explanation:
      'The build service clones your repository and builds the Dockerfile as written. A line Docker rejects fails the build; a line it silently joins or reinterprets (a continuation running into the next instruction, a JSON form that is not valid JSON) builds something other than what you read.',
    link: CONTAINER_PRACTICES,
  },
  base_image: {
    title: 'Red Hat base image',
    guideSection: 'Dockerfile Requirements, item 1',
    explanation:
      'Base image must be Red Hat. Any images using Ubuntu, Debian, CentOS, etc. as a base will not pass the scanner. OpenStack plugins build on the RHOSP image of the component they extend (for example rhosp13/openstack-cinder-volume); UBI and RHEL images are Red Hat images too. Only the final stage counts: build stages may use anything.',
    link: PARTNER_INTEGRATION,
  },
  required_labels: {
    title: 'Required labels',
    guideSection: 'Dockerfile Requirements, item 2',
    explanation:
      'You must configure the required labels: name, maintainer, vendor, version, release, summary and description (the current check, HasRequiredLabel, wants all seven non-empty). A Red Hat base image supplies its own values, which then describe Red Hat\'s image rather than yours.',
    link: CERT_POLICY,
  },
  licenses: {
    title: 'License files',
    guideSection: 'Dockerfile Requirements, item 3; Top FAQs, question 5',
    explanation:
      'Software license(s) must be included within the image as text files, not PDF. The current check (HasLicense) looks for a /licenses directory holding at least one non-empty file.',
    link: CERT_POLICY,
  },
  non_root_user: {
    title: 'Non-root user',
    guideSection: 'Dockerfile Requirements, item 4',
    explanation:
      'You must configure a user other than root. Switching to root to install packages is fine as long as the Dockerfile switches back (the guide\'s example ends with USER cinder).',
    link: CERT_POLICY,
  },
  layer_count: {
    title: 'Layer count',
    guideSection: 'Image Scan Results (good_layer_count)',
    explanation:
      'The scan reports good_layer_count: the image, base layers included, may have at most 40 layers. RUN, COPY and ADD each add one; combine RUN steps with &&.',
    link: CERT_POLICY,
  },
  prohibited_packages: {
    title: 'Prohibited packages',
    guideSection: 'Image Scan Results (rpm_list_successful)',
    explanation:
      'Red Hat does not certify containers that ship a kernel, boot loader or firmware: grub, grub2, kernel and its sub-packages, kmod-kvdo, linux-firmware and any kpatch package (HasNoProhibitedPackages). A build stage may install them; the final image may not.',
    link: CERT_POLICY,
  },
  trademark: {
    title: 'Red Hat trademark in labels',
    guideSection: 'Dockerfile Requirements (labels)',
    explanation:
      'The name, vendor and maintainer labels must not start with "Red Hat" or name Red Hat more than once; "for Red Hat …" is allowed once (HasNoProhibitedLabels). The vendor is your company.',
    link: CERT_POLICY,
  },
  secret: {
    title: 'Credentials in the image',
    guideSection: 'The Build Service',
    explanation:
      'ENV values are stored in the image configuration and ARG values in its history; anyone who pulls the image can read them. Pass credentials with build secrets (RUN --mount=type=secret) instead.',
    link: CONTAINER_PRACTICES,
  },
  best_practice: {
    title: 'Recommended practices',
    guideSection: 'Online Resources: Red Hat Atomic Recommended Practices for Container Development',
    explanation:
      'Clean the package cache in the same RUN that installs (yum clean all), disable repositories you enabled for the build, pin a base image tag rather than latest, and use LABEL maintainer instead of the deprecated MAINTAINER.',
    link: CONTAINER_PRACTICES,
  },
};

export function linkFor(requirement: LintRequirement): string {
  return REQUIREMENT_GUIDE[requirement].link;
}
