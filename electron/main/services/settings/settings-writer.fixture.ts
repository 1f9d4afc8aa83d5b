// A second CertDesk process for the settings-store tests: records `count` evidence events
// (count 0 = forever, until killed), each a locked read-modify-write of the shared file.
import { ProjectsService } from '../projects/projects-service';
import { SettingsStore } from './settings-store';

const [dataDir, label, countArg] = process.argv.slice(2);
const count = Number(countArg);
const projects = new ProjectsService(new SettingsStore({ dataDir: dataDir! }));
process.stdout.write('ready\n');
for (let i = 0; count === 0 || i < count; i++) {
  await projects.record({ projectId: 'proj-shared', kind: 'lint', subject: `${label}-${i}`, passed: true, at: new Date().toISOString(), summary: 'x'.repeat(2000) });
}
