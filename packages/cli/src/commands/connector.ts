// `weft connector new <name>`: scaffolds a connector package that passes its tests immediately.
import { scaffoldConnector } from '@weft/sdk/runtime';
import { join, relative, resolve } from 'node:path';
import { guard } from './flow-file.js';

export function connectorNewCommand(name: string, options: { dir: string }): Promise<void> {
  return guard(async () => {
    const dir = resolve(options.dir, name);
    const created = await scaffoldConnector({ name, dir });
    const where = relative(process.cwd(), dir) || '.';
    process.stdout.write(
      [
        `created connector "${name}" in ${where} (${created.files.length} files)`,
        '',
        'next:',
        '  npm test                      # installs it into the workspace, builds and runs its tests',
        `  edit ${join(where, 'src/actions')} and ${join(where, 'src/triggers')}; see docs/connectors.md`,
        '',
      ].join('\n'),
    );
  });
}
