// The side panel of the selected node: its name, problems, connection, configuration form, settings and tests.
import { useEditor } from '../canvas/editor-context.js';
import { stepTitle } from '../canvas/node-view.js';
import { findAction, findTrigger, type JsonSchema } from '../model/catalog.js';
import { updateStep, updateTrigger } from '../model/flow-edit.js';
import { isObject, type JsonObject, type JsonValue } from '../model/flow-types.js';
import { configKeyOfProblem, isConnectionProblem, problemsForField } from '../model/problems.js';
import { fieldSpecs, isFreeForm, setConfigValue, splitAdvanced, type FieldSpec } from '../model/schema-form.js';
import { ConnectorIcon } from '../ui/connector-icon.js';
import { CodeField } from './code-field.js';
import { ConditionBuilder } from './condition-builder.js';
import { triggerSetup } from '../model/trigger-setup.js';
import { switchCases, withCaseWhen } from '../model/condition.js';
import { ConnectionsSection } from './connections-section.js';
import { CredentialPicker } from './credential-picker.js';
import { MapEditor } from './map-editor.js';
import { SchemaField } from './schema-field.js';
import { StepSettings } from './step-settings.js';
import { TestSection } from './test-result.js';
import { TriggerSection } from './trigger-section.js';

export function NodePanel({
  nodeId,
  onClose,
  onSelect,
}: {
  nodeId: string;
  onClose(): void;
  onSelect(id: string): void;
}) {
  const { flow, edit, manifests, problems } = useEditor();
  const isTrigger = nodeId === flow.trigger.id;
  const step = flow.steps.find((s) => s.id === nodeId);
  if (!isTrigger && !step) return null;
  const nodeProblems = problems.get(nodeId) ?? [];

  let title: string;
  let icon: string;
  let description: string | undefined;
  let schema: JsonSchema | undefined;
  let manifest;
  if (isTrigger) {
    const found = findTrigger(manifests, flow.trigger.connector, flow.trigger.trigger);
    title = found?.trigger.title ?? flow.trigger.connector;
    icon = found?.manifest.icon ?? '⚡';
    description = found?.trigger.description;
    schema = found?.trigger.config;
    manifest = found?.manifest;
  } else {
    const found = findAction(manifests, step!.use);
    title = stepTitle(step!, manifests);
    icon = found?.action.icon ?? (found?.manifest.name === 'core' ? '◇' : (found?.manifest.icon ?? '◆'));
    description = found?.action.description;
    schema = found?.action.input;
    manifest = found?.manifest;
  }
  const config: JsonObject = (isTrigger ? flow.trigger.config : step!.config) ?? {};
  const setConfig = (key: string, value: JsonValue | undefined) => {
    if (isTrigger)
      edit(
        (f) => updateTrigger(f, (t) => ({ ...t, config: setConfigValue(t.config, key, value) })),
        `config.${nodeId}.${key}`,
      );
    else
      edit(
        (f) => updateStep(f, nodeId, (s) => ({ ...s, config: setConfigValue(s.config, key, value) })),
        `config.${nodeId}.${key}`,
      );
  };
  const specs = fieldSpecs(schema);
  const groups = splitAdvanced(
    specs,
    config,
    new Set(nodeProblems.map(configKeyOfProblem).filter((k): k is string => k !== undefined)),
  );
  const field = (spec: FieldSpec) => (
    <SchemaField
      key={spec.key}
      spec={spec}
      path={spec.key}
      nodeId={nodeId}
      value={config[spec.key]}
      onChange={(v) => setConfig(spec.key, v)}
      problems={problemsForField(nodeProblems, spec.key)}
    />
  );
  const known = new Set(specs.map((s) => s.key));
  // A webhook trigger's only connection is its signing secret, asked for in the trigger section.
  const setup = isTrigger ? triggerSetup(manifests, flow.trigger) : undefined;
  const secretOnly = setup?.webhook === true;
  const hasPicker = Boolean(manifest && manifest.name !== 'core' && manifest.auth?.kind !== 'none' && !secretOnly);
  const connectionProblems = nodeProblems.filter(isConnectionProblem);
  const otherProblems = nodeProblems.filter((p) => {
    if ((hasPicker || setup?.secret) && isConnectionProblem(p)) return false;
    const key = configKeyOfProblem(p);
    return !key || (!known.has(key) && step?.use !== 'transform.code');
  });

  return (
    <aside className="side-panel" aria-label={`Settings of ${title}`} data-testid="node-panel">
      <header className="panel-header">
        <ConnectorIcon icon={icon} size={32} title={title} />
        <div className="panel-titles">
          <h2>{title}</h2>
          <p className="muted small mono">
            {isTrigger ? `trigger · ${flow.trigger.connector}.${flow.trigger.trigger}` : `${nodeId} · ${step!.use}`}
          </p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close panel" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="panel-scroll">
        {description ? <p className="panel-description">{description}</p> : null}
        {otherProblems.length ? (
          <ul className="node-problems" role="alert" data-testid="panel-problems">
            {otherProblems.map((p, i) => (
              <li key={i}>⚠ {p.message}</li>
            ))}
          </ul>
        ) : null}
        {!isTrigger ? (
          <div className="form-row">
            <label className="field-label" htmlFor="step-name">
              Name
            </label>
            <input
              id="step-name"
              className="input"
              value={step!.name ?? ''}
              placeholder={title}
              maxLength={200}
              onChange={(e) =>
                edit(
                  (f) =>
                    updateStep(f, nodeId, (s) => {
                      const { name: _n, ...rest } = s;
                      return e.target.value ? { ...rest, name: e.target.value } : rest;
                    }),
                  `name.${nodeId}`,
                )
              }
            />
          </div>
        ) : null}
        {hasPicker && manifest ? (
          <CredentialPicker
            manifest={manifest}
            value={isTrigger ? flow.trigger.credential : step!.credential}
            problems={connectionProblems}
            onChange={(id) => {
              const apply = <T extends { credential?: string }>(n: T): T => {
                const { credential: _c, ...rest } = n;
                return (id ? { ...rest, credential: id } : rest) as T;
              };
              edit((f) => (isTrigger ? updateTrigger(f, apply) : updateStep(f, nodeId, apply)));
            }}
          />
        ) : null}
        {isTrigger ? <TriggerSection /> : null}
        <section className="panel-section" aria-labelledby="config-title">
          <h3 id="config-title">{step?.use === 'transform.map' ? 'Output fields' : 'Configuration'}</h3>
          {step?.use === 'transform.code' ? (
            <CodeField
              value={typeof config.code === 'string' ? config.code : ''}
              onChange={(code) => setConfig('code', code)}
              problems={nodeProblems.filter((p) => p.code === 'script_syntax' || configKeyOfProblem(p) === 'code')}
            />
          ) : step && isFreeForm(schema) && (!schema || step.use === 'transform.map' || kindIsFree(schema)) ? (
            <>
              {step.use === 'transform.map' ? (
                <p className="muted small">
                  Each field becomes a key of this step’s output. Use {'{ }'} to insert data from earlier steps.
                </p>
              ) : null}
              <MapEditor
                id="f-map"
                nodeId={nodeId}
                label="Output fields"
                value={config}
                onChange={(next) =>
                  edit((f) => updateStep(f, nodeId, (s) => ({ ...s, config: next })), `config.${nodeId}.map`)
                }
              />
              {[...new Set(nodeProblems.map(configKeyOfProblem).filter(Boolean))].map((key) => (
                <ul className="field-problems" key={key}>
                  {problemsForField(nodeProblems, key!).map((p, i) => (
                    <li key={i}>
                      {key}: {p.message}
                    </li>
                  ))}
                </ul>
              ))}
            </>
          ) : specs.length ? (
            <>
              {step?.use === 'if' ? (
                <ConditionBuilder
                  nodeId={nodeId}
                  label="Continue on “true” when"
                  value={config.condition}
                  onChange={(expression) => setConfig('condition', expression)}
                  testId="condition-builder"
                />
              ) : null}
              {step?.use === 'switch'
                ? switchCases(config).map((c, i) => (
                    <ConditionBuilder
                      key={i}
                      nodeId={nodeId}
                      label={`Case “${c.name}” when`}
                      value={c.when}
                      onChange={(expression) => setConfig('cases', withCaseWhen(config, i, expression))}
                      testId={`condition-builder-${i}`}
                    />
                  ))
                : null}
              {groups.basic.map(field)}
              {groups.advanced.length ? (
                <details className="advanced-fields" open={groups.open} data-testid="advanced-fields">
                  <summary>Advanced</summary>
                  {groups.advanced.map(field)}
                </details>
              ) : null}
            </>
          ) : (
            <p className="muted small">This node has nothing to configure.</p>
          )}
          {Object.keys(config).some((k) => !known.has(k)) && specs.length && step?.use !== 'transform.code' ? (
            <p className="muted small">
              Also set:{' '}
              {Object.keys(config)
                .filter((k) => !known.has(k))
                .join(', ')}{' '}
              (not in this action’s schema).
            </p>
          ) : null}
        </section>
        {step ? (
          <StepSettings
            step={step}
            problems={nodeProblems}
            onChange={(patch, coalesce) => edit((f) => updateStep(f, nodeId, patch), coalesce)}
          />
        ) : null}
        <ConnectionsSection nodeId={nodeId} step={step} onSelect={onSelect} />
        <TestSection nodeId={nodeId} isTrigger={isTrigger} />
      </div>
    </aside>
  );
}

function kindIsFree(schema: JsonSchema): boolean {
  return schema.type === 'object' && !isObject(schema.properties);
}
