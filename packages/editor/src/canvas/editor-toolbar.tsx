// The editor's top bar: flow name, edit commands, and the save / test / "Publish and switch on" workflow with the
// flow's live state as the server holds it.
import { exportFileName, exportFlow } from '../model/flow-file.js';
import type { FlowDefinition } from '../model/flow-types.js';
import { downloadText } from '../ui/download.js';
import { Icon } from '../ui/icons.js';
import { Link } from '../ui/link.js';
import type { DialogName } from './editor-dialogs.js';
import type { FlowDocument } from './use-flow-document.js';
import type { ServerSync } from './use-server-sync.js';
import { Button } from '../ui/button.js';
import { liveState, publishLabel } from '../model/live-state.js';

interface Props {
  flow: FlowDefinition;
  doc: FlowDocument;
  sync: ServerSync;
  problemCount: number;
  hasSelection: boolean;
  onRename(name: string): void;
  onLayout(): void;
  onFit(): void;
  onCopy(): void;
  onPaste(): void;
  onDuplicate(): void;
  onTestFlow(): void;
  onDialog(name: DialogName): void;
}

/** One icon button of the Edit group; the label is also its accessible name, the title shows the shortcut. */
interface EditCommand {
  icon: string;
  label: string;
  title: string;
  run(): void;
  disabled?: boolean;
  testId?: string;
}

function editCommands(props: Props): EditCommand[] {
  const { doc } = props;
  const noSelection = !props.hasSelection;
  return [
    { icon: 'undo', label: 'Undo', title: 'Undo (Ctrl+Z)', run: doc.undo, disabled: !doc.canUndo, testId: 'undo' },
    {
      icon: 'redo',
      label: 'Redo',
      title: 'Redo (Ctrl+Shift+Z)',
      run: doc.redo,
      disabled: !doc.canRedo,
      testId: 'redo',
    },
    { icon: 'copy', label: 'Copy selected steps', title: 'Copy (Ctrl+C)', run: props.onCopy, disabled: noSelection },
    { icon: 'paste', label: 'Paste steps', title: 'Paste (Ctrl+V)', run: props.onPaste },
    {
      icon: 'duplicate',
      label: 'Duplicate selected steps',
      title: 'Duplicate (Ctrl+D)',
      run: props.onDuplicate,
      disabled: noSelection,
    },
    {
      icon: 'layout',
      label: 'Auto-layout',
      title: 'Auto-layout (Shift+L)',
      run: props.onLayout,
      testId: 'auto-layout',
    },
    { icon: 'fit', label: 'Fit view', title: 'Fit view (Shift+F)', run: props.onFit },
    {
      icon: 'keyboard',
      label: 'Keyboard shortcuts',
      title: 'Keyboard shortcuts (?)',
      run: () => props.onDialog('shortcuts'),
    },
  ];
}

export function EditorToolbar(props: Props) {
  const { flow, doc, sync } = props;
  const { record } = sync;
  const status = sync.saving ? 'Saving…' : doc.dirty ? 'Unsaved changes' : 'All changes saved';
  const live = liveState(record);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Flow editor">
      <div className="toolbar-group grow">
        <Link to="/" className="button ghost small" aria-label="Back to flows">
          <Icon name="back" />
        </Link>
        <input
          className="flow-name"
          aria-label="Flow name"
          value={flow.name}
          maxLength={200}
          onChange={(e) => props.onRename(e.target.value)}
          data-testid="flow-name"
        />
        <span className={`save-state${doc.dirty ? ' dirty' : ''}`} data-testid="save-state" aria-live="polite">
          {status}
        </span>
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        {editCommands(props).map((command) => (
          <button
            key={command.label}
            type="button"
            className="icon-button"
            onClick={command.run}
            disabled={command.disabled}
            aria-label={command.label}
            title={command.title}
            data-testid={command.testId}
          >
            <Icon name={command.icon} />
          </button>
        ))}
      </div>
      <div className="toolbar-group" role="group" aria-label="Flow">
        <span
          className={`problem-count${props.problemCount ? ' has' : ''}`}
          data-testid="problem-count"
          aria-live="polite"
        >
          {props.problemCount ? `⚠ ${props.problemCount} problem${props.problemCount > 1 ? 's' : ''}` : '✓ Valid'}
        </span>
        <Button
          size="small"
          onClick={() => downloadText(exportFileName(flow), exportFlow(flow))}
          data-testid="export-flow"
        >
          Export
        </Button>
        <Button size="small" onClick={() => props.onDialog('versions')} data-testid="open-versions">
          Versions
        </Button>
        <Button size="small" onClick={props.onTestFlow} data-testid="test-flow">
          Test flow
        </Button>
        <Button size="small" onClick={() => void sync.save()} disabled={sync.saving} data-testid="save-flow">
          Save
        </Button>
        <span
          className={`live-state tone-${live.tone}`}
          title={live.detail}
          data-testid="live-state"
          data-tone={live.tone}
          aria-live="polite"
        >
          {live.label}
        </span>
        <Button variant="primary" size="small" onClick={() => void sync.publish()} data-testid="publish-flow">
          {publishLabel(record)}
        </Button>
        {record.active ? (
          <Button size="small" onClick={() => void sync.setActive(false)} data-testid="switch-off">
            Switch off
          </Button>
        ) : null}
      </div>
    </div>
  );
}
