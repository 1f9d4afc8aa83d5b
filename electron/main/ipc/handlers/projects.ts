import type { projectsCalls } from '@shared/contract/projects';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function projectsHandlers(services: Services): HandlersFor<typeof projectsCalls> {
  const p = services.projects;
  return {
    'project.profile': () => p.profile(),
    'project.saveCompany': (input) => p.saveCompany(input),
    'project.addProduct': (input) => p.addProduct(input),
    'project.addProductVersion': ({ productId, label }) => p.addProductVersion(productId, label),
    'project.create': (input) => p.createProject(input),
    'project.update': ({ projectId, patch }) => p.updateProject(projectId, patch),
    'project.setTreeStatus': ({ projectId, status }) => p.setTreeStatus(projectId, status),
    'project.setBuildService': ({ projectId, ...patch }) => p.setBuildService(projectId, patch),
    'project.updateImage': ({ projectId, tag, ...patch }) => p.updateImage(projectId, tag, patch),
    'project.dismissNotice': ({ noticeId }) => p.dismissNotice(noticeId),
    'checklist.set': ({ projectId, itemId, status, notes }) => p.setChecklistItem(projectId, itemId, status, notes),
    'checklist.addCollateral': ({ projectId, uploaded, ...item }) =>
      p.addCollateral(projectId, { ...item, url: item.url ?? '', notes: item.notes ?? '', ...(uploaded ? { uploadedAt: new Date().toISOString() } : {}) }),
    'checklist.updateCollateral': ({ projectId, collateralId, uploaded, ...patch }) =>
      p.updateCollateral(projectId, collateralId, { ...patch, ...(uploaded === undefined ? {} : { uploadedAt: uploaded ? new Date().toISOString() : undefined }) }),
    'checklist.removeCollateral': ({ projectId, collateralId }) => p.removeCollateral(projectId, collateralId),
    'compliance.update': ({ projectId, ...patch }) => p.updateCompliance(projectId, patch),
    'wizard.set': (input) => p.setWizard(input),
    'report.render': ({ projectId, format }) => services.reports.render(projectId, format),
    'report.pdf': ({ projectId, outputPath }) => services.reports.pdf(projectId, outputPath),
  };
}
